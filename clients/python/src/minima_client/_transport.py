"""HTTP with retries: every request goes through :meth:`Transport.request`.

Why here, once: a training job that runs for days meets dropped connections,
a service restarting behind a load balancer (503) and rate limits (429). A
request that mutates carries an ``Idempotency-Key`` generated once per call
and is retried with the *same* key, so the service does the work at most once
and a retry of work already done gets the first answer back (the service
stores it with the key for 24 hours; see src/services/idempotency.ts). Waits
grow exponentially up to a cap, with jitter, and a ``Retry-After`` from the
service is honoured.

What is retried (the TypeScript client's rule, clients/typescript/src/retry.ts):
429 and 503 always (the service did nothing and says when to come back); a
failed connection, a timeout and other 5xx only where repeating is safe
(:func:`safe_to_repeat`): not a labeler's comparison POSTs next, skip and
undo, which the service does not deduplicate (a ranking is: the same ranking
again answers as the first time). The defaults are
the TypeScript client's too: 5 tries in all, 0.25 s doubling to 8 s,
Retry-After up to 60 s, 120 s a try.

The API key goes in the Authorization header only; it lives in a closure,
so it is never part of a message, a repr, ``vars()`` or a log line.
"""
from __future__ import annotations

import email.utils
import http.client
import json
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional

from .errors import ConnectionFailedError, MinimaError, error_from_response

#: Statuses that say the service did nothing and when to come back: always retried.
REFUSED_STATUSES = frozenset({429, 503})

#: POSTs without an Idempotency-Key whose repetition would do the work twice.
_UNREPEATABLE_POSTS = re.compile(r"/comparisons/(next|[^/]+/(skip|undo))/?$")


def safe_to_repeat(method: str, path: str) -> bool:
    """Whether sending ``method`` to ``path`` (no query) twice does no more than once: every
    method but POST, and every POST but a labeler's comparison next, ranking, skip and undo
    (the others honour an Idempotency-Key or are idempotent by nature, as heartbeats)."""
    if method.upper() != "POST":
        return True
    return _UNREPEATABLE_POSTS.search(path) is None


@dataclass
class RetryPolicy:
    """How requests are retried.

    ``max_retries`` tries after the first (on a failed connection, a timeout,
    429 and 5xx); the n-th wait is ``backoff_base * 2**n`` seconds, at most
    ``backoff_cap``, scaled by a random factor in [0.5, 1] so that many
    workers do not retry in step. A ``Retry-After`` header is waited out
    instead, up to ``max_retry_after`` seconds. ``sleep`` is how waiting is
    done (tests pass one that records the waits).
    """

    max_retries: int = 4
    backoff_base: float = 0.25
    backoff_cap: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def backoff(self, attempt: int) -> float:
        """The wait before try ``attempt + 1`` when the service named none."""
        return min(self.backoff_cap, self.backoff_base * (2**attempt)) * random.uniform(0.5, 1.0)


@dataclass
class Response:
    """A successful answer: status, headers (lower-case names) and the parsed JSON body."""

    status: int
    headers: Dict[str, str]
    body: Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed: the Authorization header must not travel to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header (a number of seconds, or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _authorization(api_key: str) -> Callable[[], str]:
    """The Authorization header's value, kept in a closure: no attribute holds the key."""
    return lambda: f"Bearer {api_key}"


class Transport:
    """Sends JSON requests to one service with one API key, retrying as its policy says."""

    def __init__(self, url: str, api_key: str, timeout: float, retry: RetryPolicy) -> None:
        self.url = url.rstrip("/")
        self._authorization = _authorization(api_key)
        self.timeout = timeout
        self.retry = retry
        self._opener = urllib.request.build_opener(_NoRedirect)

    def __repr__(self) -> str:
        return f"Transport(url={self.url!r}, api_key=<hidden>, timeout={self.timeout!r})"

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        query: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        idempotent: bool = False,
        max_retries: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> Response:
        """Sends a request and returns its answer, or raises a :class:`MinimaError`.

        With ``idempotent``, an ``Idempotency-Key`` is generated once and sent
        with every try. 429 and 503 are retried always; no answer (a failed
        connection, a timeout) and other 5xx only where :func:`safe_to_repeat`.
        ``timeout`` (seconds a try) and ``max_retries`` override the client's.
        """
        url = self.url + path
        if query:
            pairs = {k: v for k, v in query.items() if v is not None}
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        sent: Dict[str, str] = {
            "Authorization": self._authorization(),
            "Accept": "application/json, application/problem+json",
            "User-Agent": "minima-client/0.1 (python)",
        }
        data: Optional[bytes] = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":")).encode("utf-8")
            sent["Content-Type"] = "application/json"
        if idempotent:
            sent["Idempotency-Key"] = str(uuid.uuid4())
        sent.update(headers or {})
        retries = self.retry.max_retries if max_retries is None else max_retries
        repeatable = safe_to_repeat(method, path.split("?", 1)[0])
        limit = self.timeout if timeout is None else timeout
        attempt = 0
        while True:
            try:
                return self._send(method, url, data, sent, limit)
            except MinimaError as error:
                failed = error.status is None or error.status >= 500
                retryable = error.status in REFUSED_STATUSES or (failed and repeatable)
                if not retryable or attempt >= retries:
                    raise
                wait = error.retry_after
                if wait is None:
                    wait = self.retry.backoff(attempt)
                self.retry.sleep(min(wait, self.retry.max_retry_after))
                attempt += 1

    def _send(
        self, method: str, url: str, data: Optional[bytes], headers: Dict[str, str], timeout: float
    ) -> Response:
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener.open(request, timeout=timeout) as answer:
                raw = answer.read()
                status = answer.status
                got = {k.lower(): v for k, v in answer.headers.items()}
        except urllib.error.HTTPError as error:
            got = {k.lower(): v for k, v in (error.headers or {}).items()}
            try:
                raw = error.read()
            except (OSError, http.client.HTTPException):
                raw = b""
            finally:
                error.close()
            raise error_from_response(
                error.code, str(error.reason), got, raw, _retry_after(got.get("retry-after"))
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            reason = getattr(error, "reason", None) or error
            raise ConnectionFailedError(
                None, "No answer from the service", f"{method} {url}: {reason}"
            ) from None
        text = raw.decode("utf-8") if raw else ""
        parsed: Any = text or None
        if text and "json" in got.get("content-type", ""):
            parsed = json.loads(text)
        return Response(status, got, parsed)
