"""The connection to one minima service with one project key.

Why a ``client_id`` per Client: a suggest that names the ``clientId`` of a
trial still ACTIVE gets that trial back (a worker that crashed and restarted
picks up its work). That is right for one worker and wrong for eight that
share an id: they would all evaluate the same trial. So each Client makes
its own id (a UUID) unless given one, and each parallel worker (process or
thread) should have its own Client, or pass its own ``client_id``.
"""
from __future__ import annotations

import os
import uuid
from typing import Any, Mapping, Optional

from ._transport import Response, RetryPolicy, Transport

DEFAULT_URL = "http://localhost:8080"


class Client:
    """A minima service and a project API key.

    ``url`` defaults to ``$MINIMA_URL`` (else ``http://localhost:8080``) and
    ``api_key`` to ``$MINIMA_API_KEY``. The key is sent in the Authorization
    header only: it is not shown by ``repr``, and never printed or logged.

    ``client_id`` names this worker to the service (a new UUID by default).
    Each parallel worker needs its own: a suggest with the ``clientId`` of a
    trial that is still ACTIVE gets that same trial back, so workers sharing
    one would evaluate one trial many times. Make one Client per worker
    process or thread (or pass ``client_id=`` to ``ask``/``trial``); a worker
    that restarts with its old id picks up the trials it held.

    ``timeout`` is per try, in seconds; ``retry`` says how failed connections,
    429 and 5xx are retried (every mutating request carries an
    Idempotency-Key, so a retry never does the work twice; the POSTs the
    service does not deduplicate are retried only after 429 and 503).
    """

    def __init__(
        self,
        url: Optional[str] = None,
        api_key: Optional[str] = None,
        *,
        client_id: Optional[str] = None,
        timeout: float = 120.0,
        retry: Optional[RetryPolicy] = None,
    ) -> None:
        url = url or os.environ.get("MINIMA_URL") or DEFAULT_URL
        key = api_key or os.environ.get("MINIMA_API_KEY")
        if not key:
            raise ValueError("no API key: pass api_key= or set MINIMA_API_KEY")
        self.url = url.rstrip("/")
        self.client_id = client_id or f"py-{uuid.uuid4()}"
        self.retry = retry or RetryPolicy()
        self._transport = Transport(self.url, key, timeout, self.retry)

    def __repr__(self) -> str:
        return f"Client(url={self.url!r}, api_key=<hidden>, client_id={self.client_id!r})"

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        query: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        idempotent: Optional[bool] = None,
        max_retries: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> Response:
        """Any API call (``client.request("GET", "/v1/algorithms")``), with the client's retries.

        POSTs carry a fresh Idempotency-Key unless ``idempotent=False``; what is
        retried is :func:`~minima_client._transport.safe_to_repeat`'s rule. Raises
        a :class:`~minima_client.MinimaError` subclass for a problem answer.
        """
        if idempotent is None:
            idempotent = method.upper() == "POST"
        return self._transport.request(
            method.upper(),
            path,
            body,
            query=query,
            headers=headers,
            idempotent=idempotent,
            max_retries=max_retries,
            timeout=timeout,
        )
