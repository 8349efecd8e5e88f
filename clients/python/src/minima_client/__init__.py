"""minima_client: a Python client for minima, optimization as a service.

Standard library only. ``Client`` holds the service and the key,
``Study`` asks for trials and tells results, ``with study.trial() as t``
runs one trial with heartbeats. See clients/python/README.md.
"""
from ._transport import RetryPolicy, safe_to_repeat
from .client import Client
from .errors import (
    BadRequestError,
    ConflictError,
    ConnectionFailedError,
    FieldError,
    ForbiddenError,
    MinimaError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
    ServerError,
    ServiceUnavailableError,
    UnauthorizedError,
    ValidationError,
)
from .space import Space
from .study import Study
from .trial import Trial, TrialRun

__all__ = [
    "BadRequestError",
    "Client",
    "ConflictError",
    "ConnectionFailedError",
    "FieldError",
    "ForbiddenError",
    "MinimaError",
    "NotFoundError",
    "PayloadTooLargeError",
    "RateLimitedError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "Space",
    "Study",
    "Trial",
    "TrialRun",
    "UnauthorizedError",
    "ValidationError",
    "safe_to_repeat",
]

__version__ = "0.1.0"
