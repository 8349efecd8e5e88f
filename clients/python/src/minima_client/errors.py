"""Errors: every problem+json answer (RFC 9457) as one exception type per status.

The service answers every refusal as ``application/problem+json`` with a
``title``, a ``detail`` and, for bad input, an ``errors`` list naming each
field and rule. :class:`MinimaError` carries all of it, so a script can
``except ValidationError as e`` and read ``e.errors[0].field`` instead of
parsing text; a subclass per status keeps the common cases one ``except``.
"""
from __future__ import annotations

import json
from typing import Any, List, Mapping, NamedTuple, Optional


class FieldError(NamedTuple):
    """One broken rule of a request: the field (``space.parameters[0].max``), the rule, why."""

    field: str
    rule: str
    message: str


class MinimaError(Exception):
    """An answer of the service that is not a success (or no answer at all).

    ``status`` is the HTTP status (None when no answer came: see
    :class:`ConnectionFailedError`); ``title``, ``detail``, ``type``,
    ``instance`` and ``request_id`` are the problem's fields; ``errors`` the
    fields and rules it names (possibly empty); ``body`` the parsed answer.
    """

    def __init__(
        self,
        status: Optional[int],
        title: str,
        detail: str = "",
        *,
        errors: Optional[List[FieldError]] = None,
        type: Optional[str] = None,
        instance: Optional[str] = None,
        request_id: Optional[str] = None,
        body: Any = None,
        retry_after: Optional[float] = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.errors: List[FieldError] = list(errors or [])
        self.type = type
        self.instance = instance
        self.request_id = request_id
        self.body = body
        self.retry_after = retry_after
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.status} {self.title}" if self.status is not None else self.title
        text = f"{head}: {self.detail}" if self.detail else head
        shown = [e for e in self.errors if e.field not in text or e.message not in text]
        if shown:
            text += " (" + "; ".join(f"{e.field}: {e.message} [{e.rule}]" for e in shown) + ")"
        return text


class BadRequestError(MinimaError):
    """400: the request is malformed (bad JSON, an unknown query parameter, a bad header)."""


class UnauthorizedError(MinimaError):
    """401: the API key is missing, unknown or revoked."""


class ForbiddenError(MinimaError):
    """403: the key may not do this (an admin operation with a project key)."""


class NotFoundError(MinimaError):
    """404: no such study or trial in the key's project."""


class ConflictError(MinimaError):
    """409: the request conflicts with the resource's state (a finished trial reported
    differently, a study name whose definition differs, a heartbeat for a trial no longer
    ACTIVE), or an Idempotency-Key was reused with another body."""


class PayloadTooLargeError(MinimaError):
    """413: the body is over the service's limit."""


class ValidationError(MinimaError):
    """422: the body breaks a rule; ``errors`` names each field and rule."""


class RateLimitedError(MinimaError):
    """429: the key's rate limit is spent (raised once the client's retries are used up)."""


class ServerError(MinimaError):
    """5xx: the service could not answer (raised once the client's retries are used up)."""


class ServiceUnavailableError(ServerError):
    """503: the service is overloaded, starting or lost its database for a moment."""


class ConnectionFailedError(MinimaError):
    """No answer: the connection failed or timed out on every try (``status`` is None)."""


_BY_STATUS = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: ValidationError,
    429: RateLimitedError,
    503: ServiceUnavailableError,
}


def error_class(status: int) -> type:
    """The exception class for an HTTP status."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return ServerError if status >= 500 else MinimaError


def error_from_response(
    status: int,
    reason: str,
    headers: Mapping[str, str],
    raw: bytes,
    retry_after: Optional[float] = None,
) -> MinimaError:
    """The exception for a non-success answer: its problem+json fields where it has them."""
    cls = error_class(status)
    text = raw.decode("utf-8", errors="replace")
    try:
        body: Any = json.loads(text) if text else None
    except ValueError:
        body = None
    if isinstance(body, dict) and "title" in body:
        errors = [
            FieldError(str(e.get("field", "")), str(e.get("rule", "")), str(e.get("message", "")))
            for e in body.get("errors") or []
            if isinstance(e, dict)
        ]
        return cls(
            status,
            str(body.get("title")),
            str(body.get("detail") or ""),
            errors=errors,
            type=body.get("type"),
            instance=body.get("instance"),
            request_id=body.get("requestId") or headers.get("x-request-id"),
            body=body,
            retry_after=retry_after,
        )
    return cls(
        status,
        reason or "HTTP error",
        text[:500],
        request_id=headers.get("x-request-id"),
        body=body if body is not None else text,
        retry_after=retry_after,
    )
