"""A study: its definition, and asking for trials and telling their results.

Why these helpers exist beside the raw API: a script should be rerunnable
without keeping ids (``get_or_create`` finds its study by name and refuses a
changed definition with a 409), results should come back typed (params cast
by the study's space) and batch jobs should use the batch endpoints
(suggest with ``count``, one completeTrials per 1,000 results, ``Prefer:
return=minimal`` when the echo is not needed).
"""
from __future__ import annotations

import time
import urllib.parse
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from .client import Client
from .space import Space
from .trial import Trial, TrialRun

#: A trial as the helpers accept it: a Trial, the trial of a ``with`` block, or an id.
TrialRef = Union[Trial, TrialRun, str]

#: The most items one suggest or completeTrials takes.
BATCH_LIMIT = 1000

#: The longest reason the service keeps for a failed or infeasible trial.
MAX_REASON = 2000


def _reason(text: str) -> str:
    """A trial's reason as the service takes it: at most :data:`MAX_REASON` characters."""
    return text[:MAX_REASON]


def _trial_id(trial: TrialRef) -> str:
    return trial if isinstance(trial, str) else trial.id


def _segment(trial: TrialRef) -> str:
    """The trial's id as one path segment."""
    return urllib.parse.quote(_trial_id(trial), safe="")


class Study:
    """A study of a project. Get one with :meth:`get_or_create` or :meth:`get`."""

    def __init__(self, client: Client, body: Mapping[str, Any], space: Optional[Mapping] = None):
        self.client = client
        self._body: Dict[str, Any] = {}
        # The space the caller declared (when it did) types params best: 1.0 stays 1.0.
        self._declared_space = space
        self.retry_after: Optional[float] = None
        self._load(body)

    def _load(self, body: Mapping[str, Any]) -> None:
        self._body = dict(body)
        self.space = Space(self._declared_space or body.get("space"))

    def __repr__(self) -> str:
        return f"Study(id={self.id!r}, name={self.name!r}, state={self.state!r})"

    # Finding and making ---------------------------------------------------------------------

    @classmethod
    def get_or_create(
        cls,
        client: Client,
        *,
        name: str,
        space: Mapping[str, Any],
        objective: Mapping[str, Any],
        algorithm: Optional[Mapping[str, Any]] = None,
        settings: Optional[Mapping[str, Any]] = None,
        metadata: Optional[Mapping[str, Any]] = None,
        labeling: Optional[Mapping[str, Any]] = None,
    ) -> "Study":
        """The project's study named ``name``: created with this definition, or the existing
        one when its definition matches (createStudy with ``"ifExists": "return"``).

        A study of that name with another definition (algorithm, config, space,
        objective, or the seed, settings or labeling given here) raises
        :class:`~minima_client.ConflictError` whose ``errors`` name each
        difference: a changed script must not add trials to a study of
        another space. Without ``algorithm`` the service chooses one for the
        space (``study.algorithm["reason"]`` says why). Metadata does not count
        as definition.
        """
        body: Dict[str, Any] = {
            "name": name,
            "ifExists": "return",
            "space": dict(space),
            "objective": dict(objective),
        }
        for key, value in (
            ("algorithm", algorithm),
            ("settings", settings),
            ("metadata", metadata),
            ("labeling", labeling),
        ):
            if value is not None:
                body[key] = dict(value)
        answer = client.request("POST", "/v1/studies", body)
        study = cls(client, answer.body, space)
        study.created = answer.status == 201
        return study

    @classmethod
    def get(cls, client: Client, study_id: str) -> "Study":
        """The study of this id (:class:`~minima_client.NotFoundError` if the project has none)."""
        path = f"/v1/studies/{urllib.parse.quote(study_id, safe='')}"
        return cls(client, client.request("GET", path).body)

    @classmethod
    def find(cls, client: Client, name: str) -> Optional["Study"]:
        """The project's study of this name, or None."""
        items = client.request("GET", "/v1/studies", query={"name": name}).body["items"]
        return cls(client, items[0]) if items else None

    #: True when :meth:`get_or_create` made the study, False when it found it.
    created: Optional[bool] = None

    def refresh(self) -> "Study":
        """Reads the study again (its state and trial counts)."""
        self._load(self.client.request("GET", self._path()).body)
        return self

    def update(
        self,
        *,
        name: Optional[str] = None,
        metadata: Optional[Mapping[str, Any]] = None,
        state: Optional[str] = None,
    ) -> "Study":
        """Renames it, replaces its metadata, or sets its state (ACTIVE, PAUSED, COMPLETED)."""
        given = (("name", name), ("metadata", metadata), ("state", state))
        body = {k: v for k, v in given if v is not None}
        self._load(self.client.request("PATCH", self._path(), body).body)
        return self

    def finish(self) -> "Study":
        """Marks the study COMPLETED (suggestions stop; results may still arrive): the
        TypeScript client's ``study.finish()``, ``update(state="COMPLETED")``."""
        return self.update(state="COMPLETED")

    # What it is -----------------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self._body["id"]

    @property
    def name(self) -> str:
        return self._body["name"]

    @property
    def state(self) -> str:
        return self._body["state"]

    @property
    def objective(self) -> Dict[str, Any]:
        return self._body.get("objective") or {}

    @property
    def algorithm(self) -> Dict[str, Any]:
        return self._body.get("algorithm") or {}

    @property
    def lease_seconds(self) -> int:
        """How long a trial handed out stays ACTIVE without a heartbeat or a result."""
        return int((self._body.get("settings") or {}).get("leaseSeconds", 3600))

    @property
    def trial_counts(self) -> Dict[str, int]:
        """Trials by state, as of the last read (:meth:`refresh`)."""
        return dict(self._body.get("trialCounts") or {})

    @property
    def metric(self) -> Optional[str]:
        """The first metric: the one optimised, and the one a bare ``value`` reports (None for
        a study without an objective: one driven by rounds)."""
        metrics = self.objective.get("metrics") or []
        return metrics[0]["name"] if metrics else None

    @property
    def raw(self) -> Dict[str, Any]:
        """The study as the service last answered it."""
        return dict(self._body)

    # Asking ---------------------------------------------------------------------------------

    def ask(self, count: int = 1, client_id: Optional[str] = None) -> List[Trial]:
        """Up to ``count`` (1 to 1,000) trials to evaluate, one suggest, leased to
        ``client_id`` (the Client's id by default; see :class:`~minima_client.Client` on why
        each parallel worker needs its own).

        The trials the client id still holds ACTIVE come back first (so one id
        holds at most 1,000). An algorithm that works in generations may hand
        out fewer than asked, even none; ``self.retry_after`` then says in how
        many seconds asking again is worthwhile.
        """
        if not 1 <= count <= BATCH_LIMIT:
            raise ValueError(f"count must be 1 to {BATCH_LIMIT}")
        body = {"count": count, "clientId": client_id or self.client.client_id}
        answer = self.client.request("POST", self._path("/trials/suggest"), body).body
        self.retry_after = answer.get("retryAfterSeconds")
        return [self._trial(t) for t in answer["trials"]]

    def ask_one(self, client_id: Optional[str] = None, timeout: Optional[float] = None) -> Trial:
        """One trial, waiting as the service says (``retryAfterSeconds``) while it has none
        to hand out; ``TimeoutError`` after ``timeout`` seconds (None: wait on)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            trials = self.ask(1, client_id=client_id)
            if trials:
                return trials[0]
            wait = self.retry_after if self.retry_after is not None else 1.0
            if deadline is not None and time.monotonic() + wait > deadline:
                raise TimeoutError(f"study {self.id} handed out no trial within {timeout} s")
            self.client.retry.sleep(wait)

    def trial(
        self,
        client_id: Optional[str] = None,
        *,
        heartbeat_interval: Optional[float] = None,
        timeout: Optional[float] = None,
    ) -> TrialRun:
        """``with study.trial() as t:`` asks one trial and heartbeats it until the block ends.

        ``t.params`` is the point; ``t.report(value)`` completes it; an exception
        fails it (with the exception as its reason) and propagates. Heartbeats
        go every ``heartbeat_interval`` seconds (a third of the study's
        ``leaseSeconds``, at least 1 s, by default). ``timeout`` bounds the wait
        for a trial.
        """
        if heartbeat_interval is not None and not heartbeat_interval > 0:
            raise ValueError("heartbeat_interval must be above 0")
        return TrialRun(self, client_id, heartbeat_interval, timeout)

    def add_trial(
        self,
        params: Mapping[str, Any],
        value: Optional[float] = None,
        *,
        values: Optional[Mapping[str, float]] = None,
        client_id: Optional[str] = None,
    ) -> Trial:
        """A point of your own: with a result (a warm start) or without (handed out first)."""
        body: Dict[str, Any] = {"params": dict(params)}
        if value is not None or values is not None:
            body["values"] = self._values(value, values)
        if client_id is not None:
            body["clientId"] = client_id
        return self._trial(self.client.request("POST", self._path("/trials"), body).body)

    # Telling --------------------------------------------------------------------------------

    def tell(
        self,
        trial: TrialRef,
        value: Optional[float] = None,
        *,
        values: Optional[Mapping[str, float]] = None,
        variances: Optional[Mapping[str, float]] = None,
        infeasible: bool = False,
        reason: Optional[str] = None,
    ) -> Trial:
        """Completes a trial: ``value`` of the first metric, or ``values`` by metric (with
        known noise ``variances``), or ``infeasible=True`` with a ``reason``. Telling the
        same result again is harmless; a different one for a finished trial is a 409."""
        body = self._result(value, values, variances, infeasible, reason)
        path = self._path(f"/trials/{_segment(trial)}/complete")
        return self._trial(self.client.request("POST", path, body).body)

    def tell_many(
        self,
        results: Iterable[Union[Tuple[TrialRef, Union[float, Mapping[str, float]]], Mapping]],
        *,
        return_trials: bool = False,
    ) -> Optional[List[Trial]]:
        """Completes many trials: one completeTrials (one transaction) per 1,000.

        ``results`` are ``(trial, value)`` or ``(trial, {metric: value})`` pairs, or
        items as the API takes them (``{"trialId": ..., "infeasible": True}``).
        Without ``return_trials`` the service is asked for ``Prefer:
        return=minimal`` (204, nothing echoed) and None is returned.
        """
        items = [self._item(r) for r in results]
        finished: List[Trial] = []
        headers = None if return_trials else {"Prefer": "return=minimal"}
        for start in range(0, len(items), BATCH_LIMIT):
            body = {"items": items[start : start + BATCH_LIMIT]}
            path = self._path("/trials/complete")
            answer = self.client.request("POST", path, body, headers=headers)
            if answer.status != 204 and isinstance(answer.body, dict):
                finished.extend(self._trial(t) for t in answer.body["trials"])
        return finished if return_trials else None

    def fail(self, trial: TrialRef, reason: Optional[str] = None) -> Trial:
        """Gives a trial up (FAILED): a crash, not a property of the point."""
        body = {} if reason is None else {"reason": _reason(reason)}
        path = self._path(f"/trials/{_segment(trial)}/fail")
        return self._trial(self.client.request("POST", path, body).body)

    def heartbeat(
        self,
        trial: TrialRef,
        *,
        max_retries: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> Trial:
        """Extends a trial's lease by the study's ``leaseSeconds`` from now (409 once it is
        not ACTIVE). Safe to repeat, so it carries no Idempotency-Key."""
        path = self._path(f"/trials/{_segment(trial)}/heartbeat")
        answer = self.client.request(
            "POST", path, idempotent=False, max_retries=max_retries, timeout=timeout
        )
        return self._trial(answer.body)

    # Reading --------------------------------------------------------------------------------

    def get_trial(self, trial: TrialRef) -> Trial:
        """A trial as it is now."""
        path = self._path(f"/trials/{_segment(trial)}")
        return self._trial(self.client.request("GET", path).body)

    def trials(self, state: Optional[str] = None) -> List[Trial]:
        """Every trial (in one ``state`` if given), by number, read a page of 1,000 at a time."""
        out: List[Trial] = []
        cursor = None
        while True:
            query = {"limit": BATCH_LIMIT, "state": state, "cursor": cursor}
            page = self.client.request("GET", self._path("/trials"), query=query).body
            out.extend(self._trial(t) for t in page["items"])
            cursor = page.get("nextCursor")
            if not cursor:
                return out

    def best_trials(self, limit: int = 1) -> List[Trial]:
        """The COMPLETED trials with the best first metric, best first (at most 100)."""
        body = self.client.request("GET", self._path("/trials/best"), query={"limit": limit}).body
        return [self._trial(t) for t in body["trials"]]

    def best(self) -> Optional[Trial]:
        """The COMPLETED trial with the best first metric, or None before any."""
        best = self.best_trials(1)
        return best[0] if best else None

    # Inside ---------------------------------------------------------------------------------

    def _path(self, rest: str = "") -> str:
        return f"/v1/studies/{urllib.parse.quote(self.id, safe='')}{rest}"

    def _trial(self, body: Mapping[str, Any]) -> Trial:
        return Trial.from_json(body, self.space.typed, self.metric)

    def _values(
        self, value: Optional[float], values: Optional[Mapping[str, float]]
    ) -> Dict[str, float]:
        if (value is None) == (values is None):
            raise ValueError("give either value (the first metric's) or values (by metric)")
        if values is not None:
            return dict(values)
        if self.metric is None:
            raise ValueError(f"study {self.id} has no metric: give values by name")
        return {self.metric: float(value)}

    def _result(
        self,
        value: Optional[float],
        values: Optional[Mapping[str, float]],
        variances: Optional[Mapping[str, float]],
        infeasible: bool,
        reason: Optional[str],
    ) -> Dict[str, Any]:
        if infeasible:
            if value is not None or values is not None:
                raise ValueError("an infeasible trial has no values")
            return {"infeasible": True, **({"reason": _reason(reason)} if reason else {})}
        body: Dict[str, Any] = {"values": self._values(value, values)}
        if variances is not None:
            body["variances"] = dict(variances)
        return body

    def _item(self, result: Any) -> Dict[str, Any]:
        if isinstance(result, Mapping):
            return dict(result)
        trial, outcome = result
        if isinstance(outcome, Mapping):
            return {"trialId": _trial_id(trial), "values": dict(outcome)}
        return {"trialId": _trial_id(trial), "values": self._values(outcome, None)}
