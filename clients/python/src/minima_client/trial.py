"""Trials, and the ``with study.trial() as t:`` block that runs one.

Why a block: a trial handed out holds a lease (the study's ``leaseSeconds``);
a worker that stops sending heartbeats loses it, and the service hands the
point out again (STALE). A long evaluation must therefore heartbeat while it
runs, and a crash must give the trial up at once (FAILED, with the error as
its reason) instead of leaving it to expire. The block does both: a
background thread heartbeats every third of the lease until the block ends;
an exception fails the trial and is re-raised; ``t.report(...)`` completes it.

Why a beat is one try with a short timeout: the next beat is its retry (the
lease is three beats long), and ``report`` must not wait behind a beat that
sleeps out a Retry-After or a long timeout; stopping sets an event and does
not wait for a beat in flight, whose late answer is then ignored.
"""
from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from .errors import MinimaError

if TYPE_CHECKING:
    from .study import Study


def _when(text: Optional[str]) -> Optional[datetime]:
    """A timestamp of the API (ISO 8601, ``Z`` for UTC) as an aware datetime."""
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Trial:
    """One trial as the service answered it; ``params`` typed by the study's space."""

    id: str
    number: int
    state: str
    params: Dict[str, Any]
    values: Optional[Dict[str, float]]
    variances: Optional[Dict[str, float]]
    reason: Optional[str]
    client_id: Optional[str]
    created_at: Optional[datetime]
    started_at: Optional[datetime]
    completed_at: Optional[datetime]
    lease_expires_at: Optional[datetime]
    raw: Dict[str, Any] = field(repr=False, default_factory=dict)
    #: The study's first metric, the one :attr:`value` reads.
    metric: Optional[str] = field(repr=False, default=None)

    @classmethod
    def from_json(cls, body: Mapping[str, Any], typed, metric: Optional[str] = None) -> "Trial":
        """A trial from its JSON; ``typed`` casts its params (:meth:`Space.typed`)."""
        return cls(
            id=body["id"],
            number=body["number"],
            state=body["state"],
            params=typed(body.get("params") or {}),
            values=body.get("values"),
            variances=body.get("variances"),
            reason=body.get("reason"),
            client_id=body.get("clientId"),
            created_at=_when(body.get("createdAt")),
            started_at=_when(body.get("startedAt")),
            completed_at=_when(body.get("completedAt")),
            lease_expires_at=_when(body.get("leaseExpiresAt")),
            raw=dict(body),
            metric=metric,
        )

    @property
    def value(self) -> Optional[float]:
        """The value of the study's first metric, the one optimised (None until COMPLETED)."""
        if not self.values or self.metric is None:
            return None
        return self.values.get(self.metric)


#: Heartbeat answers after which the trial cannot be kept: the key refused, the trial gone or
#: no longer ACTIVE. The TypeScript client's withTrial stops on the same.
HEARTBEAT_ENDS = frozenset({401, 403, 404, 409})

#: The longest a heartbeat waits for its answer, in seconds (the TypeScript client's too).
HEARTBEAT_TIMEOUT = 30.0


def failure_reason(error: BaseException) -> str:
    """The reason a trial fails with when its block raises: ``Kind: message`` (the TypeScript
    client's ``Name: message``); Study.fail cuts it to the service's limit."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class _Heartbeat(threading.Thread):
    """Heartbeats one trial every ``interval`` seconds until stopped, or until an answer
    says the trial cannot be kept (:data:`HEARTBEAT_ENDS`). Other failures are left to the
    next beat: the lease is three beats long, so one lost beat costs nothing. The last
    failure is kept in ``error``."""

    def __init__(self, study: "Study", trial_id: str, interval: float) -> None:
        super().__init__(name=f"minima-heartbeat-{trial_id}", daemon=True)
        self.study = study
        self.trial_id = trial_id
        self.interval = interval
        # A beat that takes longer than a beat apart (or 30 s) is as good as lost.
        self.timeout = max(1.0, min(interval, HEARTBEAT_TIMEOUT, study.client._transport.timeout))
        self.stopped = threading.Event()
        self.beats = 0
        self.error: Optional[BaseException] = None

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            try:
                self.study.heartbeat(self.trial_id, max_retries=0, timeout=self.timeout)
                self.beats += 1
            except Exception as error:  # noqa: BLE001 - a thread's error is kept, not lost
                if self.stopped.is_set():
                    return  # the block is over: a late answer says nothing
                self.error = error
                if isinstance(error, MinimaError) and error.status in HEARTBEAT_ENDS:
                    return

    def stop(self) -> None:
        """Stops the beats without waiting for one in flight."""
        self.stopped.set()


class TrialRun:
    """A trial being evaluated inside ``with study.trial() as t:``.

    ``t.params`` are the point to evaluate; ``t.report(value)`` (or
    ``t.report(values={...})``, ``t.infeasible(reason)``) finishes it. An
    exception leaving the block fails the trial with the exception as its
    reason and propagates. A block that ends without a result fails the
    trial too (its reason says so) and warns: the service would otherwise
    hold the point until the lease ran out.
    """

    def __init__(
        self,
        study: "Study",
        client_id: Optional[str],
        heartbeat_interval: Optional[float],
        wait_timeout: Optional[float],
    ) -> None:
        self.study = study
        self._client_id = client_id
        self._interval = heartbeat_interval
        self._wait_timeout = wait_timeout
        self._heartbeat: Optional[_Heartbeat] = None
        self.trial: Optional[Trial] = None
        self.result: Optional[Trial] = None

    # The block ------------------------------------------------------------------------------

    def __enter__(self) -> "TrialRun":
        self.trial = self.study.ask_one(client_id=self._client_id, timeout=self._wait_timeout)
        interval = self._interval
        if interval is None:
            interval = max(1.0, self.study.lease_seconds / 3.0)
        self._heartbeat = _Heartbeat(self.study, self.trial.id, interval)
        self._heartbeat.start()
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        self._stop_heartbeat()
        if self.heartbeat_error is not None:
            warnings.warn(
                f"trial {self.trial.id}: heartbeats failed ({self.heartbeat_error})",
                RuntimeWarning,
                stacklevel=2,
            )
        if self.result is not None:
            return False
        if error is not None:
            try:
                self.result = self.study.fail(self.trial, failure_reason(error))
            except MinimaError as failed:
                # The block's own exception matters more; keep the failure as a note.
                if hasattr(error, "add_note"):
                    error.add_note(f"minima: failing trial {self.trial.id} failed too: {failed}")
            return False
        warnings.warn(
            f"trial {self.trial.id} ended without a result: failed it (call t.report)",
            stacklevel=2,
        )
        self.result = self.study.fail(self.trial, "the trial block ended without a result")
        return False

    # What the block uses --------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self._current().id

    @property
    def number(self) -> int:
        return self._current().number

    @property
    def params(self) -> Dict[str, Any]:
        """The point to evaluate, typed by the study's space."""
        return self._current().params

    @property
    def heartbeats(self) -> int:
        """Heartbeats the service has acknowledged so far."""
        return self._heartbeat.beats if self._heartbeat else 0

    @property
    def heartbeat_error(self) -> Optional[BaseException]:
        """The last heartbeat failure (None while every beat got through); the block warns
        once at its end when there was one. After a 401, 403, 404 or 409 beats stop."""
        return self._heartbeat.error if self._heartbeat else None

    def report(
        self,
        value: Optional[float] = None,
        *,
        values: Optional[Mapping[str, float]] = None,
        variances: Optional[Mapping[str, float]] = None,
    ) -> Trial:
        """Completes the trial with the first metric's ``value``, or ``values`` by metric."""
        self._stop_heartbeat()
        self.result = self.study.tell(self._current(), value, values=values, variances=variances)
        return self.result

    #: The same as :meth:`report`.
    complete = report

    def infeasible(self, reason: Optional[str] = None) -> Trial:
        """Reports that the point cannot be evaluated (a hidden constraint)."""
        self._stop_heartbeat()
        self.result = self.study.tell(self._current(), infeasible=True, reason=reason)
        return self.result

    def _current(self) -> Trial:
        if self.trial is None:
            raise RuntimeError("use the trial inside its with block")
        return self.trial

    def _stop_heartbeat(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.stop()
