"""What the tests share: a client of the real service, unique study names, Branin, and a
fault-injecting proxy.

The tests run against a real minima service named by MINIMA_URL and
MINIMA_API_KEY (tests/client_python_test.ts starts one and runs them);
without those they are skipped. The proxy stands between the client and
the service to lose answers the service did send, or to answer 429/503
itself, so that the client's retries meet real failures.
"""
from __future__ import annotations

import http.server
import json
import math
import os
import sys
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid
from typing import Any, Callable, Dict, List, Optional

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from minima_client import Client, RetryPolicy  # noqa: E402

URL = os.environ.get("MINIMA_URL")
API_KEY = os.environ.get("MINIMA_API_KEY")


def require_service() -> None:
    """Skips the test module when no service is named."""
    if not URL or not API_KEY:
        raise unittest.SkipTest("MINIMA_URL and MINIMA_API_KEY name no service to test against")


def client(**options: Any) -> Client:
    """A client of the service under test."""
    return Client(options.pop("url", URL), options.pop("api_key", API_KEY), **options)


def name(prefix: str = "py") -> str:
    """A study name no other test uses (names are unique in a project)."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


BRANIN_SPACE = {
    "parameters": [
        {"name": "x1", "type": "float", "min": -5, "max": 10},
        {"name": "x2", "type": "float", "min": 0, "max": 15},
    ]
}
MINIMIZE = {"metrics": [{"name": "value", "goal": "minimize"}]}


def branin(x1: float, x2: float) -> float:
    """Branin-Hoo; its minimum is 0.397887 at three points."""
    b, c, t = 5.1 / (4 * math.pi**2), 5 / math.pi, 1 / (8 * math.pi)
    return (x2 - b * x1**2 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


def poll(check: Callable[[], Any], seconds: float = 60.0) -> Any:
    """Calls ``check`` until it returns something true (returned) or ``seconds`` pass
    (None): a guard against hanging, not a claim about time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.02)
    return None


class Hold:
    """A request the proxy holds: ``arrived`` is set when it comes in; it waits for
    ``release`` (or a guard of 30 s against hanging), then ``then`` is done with it, and
    ``"released"`` is appended to ``order`` (where a test appends its own steps)."""

    def __init__(self, then: Any) -> None:
        self.then = then
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.done = threading.Event()
        self.order: List[str] = []


class Sleeps:
    """A RetryPolicy sleep that records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: List[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def fast_retries(sleeps: Sleeps, max_retries: int = 4) -> RetryPolicy:
    return RetryPolicy(max_retries=max_retries, backoff_base=0.01, backoff_cap=0.05, sleep=sleeps)


class FaultyProxy:
    """A proxy to the service that fails requests as told.

    ``fail(path_part, *actions)`` queues actions for the next requests whose
    path contains ``path_part``: ``"drop"`` forwards the request, lets the
    service do its work, and closes the connection without answering;
    ``503`` or ``(429, "2")`` answers that status (with that Retry-After)
    without forwarding; a :class:`Hold` holds the request until released,
    then does its ``then``. Other requests pass. ``seen`` records each request:
    method, path, its Idempotency-Key and what was done.
    """

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.faults: List[List[Any]] = []
        self.seen: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                proxy._handle(self)

            do_POST = do_PATCH = do_DELETE = do_GET

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fail(self, path_part: str, *actions: Any) -> None:
        with self.lock:
            self.faults.extend([path_part, a] for a in actions)

    def requests(self, path_part: str) -> List[Dict[str, Any]]:
        """The requests seen whose path contains ``path_part``."""
        with self.lock:
            return [s for s in self.seen if path_part in s["path"]]

    def _next_action(self, path: str) -> Optional[Any]:
        with self.lock:
            for i, (part, action) in enumerate(self.faults):
                if part in path:
                    del self.faults[i]
                    return action
        return None

    def _handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        data = h.rfile.read(length) if length else None
        action = self._next_action(h.path)
        record = {
            "method": h.command,
            "path": h.path,
            "key": h.headers.get("Idempotency-Key"),
            "action": action,
        }
        with self.lock:
            self.seen.append(record)
        if isinstance(action, Hold):
            hold = action
            hold.arrived.set()
            hold.release.wait(30)
            hold.order.append("released")
            try:
                self._answer(h, hold.then, data, record)
            finally:
                hold.done.set()
            return
        self._answer(h, action, data, record)

    def _answer(
        self, h: http.server.BaseHTTPRequestHandler, action: Any, data: Optional[bytes],
        record: Dict[str, Any],
    ) -> None:
        if isinstance(action, int) or isinstance(action, tuple):
            status, retry_after = action if isinstance(action, tuple) else (action, None)
            body = json.dumps({"type": "about:blank", "title": "Injected", "status": status,
                               "detail": "the test proxy answered this"}).encode()
            h.send_response(status)
            h.send_header("Content-Type", "application/problem+json")
            h.send_header("Content-Length", str(len(body)))
            if retry_after is not None:
                h.send_header("Retry-After", retry_after)
            h.end_headers()
            h.wfile.write(body)
            return
        skip = ("host", "content-length")
        headers = {k: v for k, v in h.headers.items() if k.lower() not in skip}
        url = self.upstream + h.path
        request = urllib.request.Request(url, data=data, method=h.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, got, raw = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, got, raw = error.code, error.headers, error.read()
        record["status"] = status
        record["replayed"] = got.get("Idempotent-Replayed")
        if action == "drop":
            # The service did the work; its answer is lost on the way back.
            h.close_connection = True
            return
        h.send_response(status)
        for key in ("Content-Type", "Retry-After", "Idempotent-Replayed", "Preference-Applied"):
            if got.get(key) is not None:
                h.send_header(key, got.get(key))
        h.send_header("Content-Length", str(len(raw)))
        h.end_headers()
        h.wfile.write(raw)
