"""Retries with Idempotency-Keys, against failures a proxy injects in front of the service."""
import socket
import unittest

from helpers import (
    API_KEY,
    BRANIN_SPACE,
    MINIMIZE,
    URL,
    FaultyProxy,
    Hold,
    Sleeps,
    fast_retries,
    name,
    poll,
    require_service,
)

from minima_client import (
    Client,
    ConnectionFailedError,
    ForbiddenError,
    ServerError,
    ServiceUnavailableError,
    Study,
)


def setUpModule() -> None:
    require_service()


class RetryTest(unittest.TestCase):
    def setUp(self) -> None:
        self.proxy = FaultyProxy(URL)
        self.addCleanup(self.proxy.close)
        self.sleeps = Sleeps()
        self.client = Client(self.proxy.url, API_KEY, retry=fast_retries(self.sleeps))
        self.study = Study.get_or_create(
            self.client,
            name=name(),
            space=BRANIN_SPACE,
            objective=MINIMIZE,
            algorithm={"name": "random", "seed": 3},
        )

    def test_a_lost_answer_is_retried_with_the_same_key_and_the_work_is_done_once(self) -> None:
        self.proxy.fail("/trials", "drop")
        added = self.study.add_trial({"x1": 1.0, "x2": 2.0})
        tries = self.proxy.requests("/trials")
        self.assertEqual(len(tries), 2)
        self.assertIsNotNone(tries[0]["key"])
        self.assertEqual(tries[1]["key"], tries[0]["key"])
        self.assertEqual(tries[0]["status"], 201)  # the service did the work the first time,
        self.assertEqual(tries[1]["replayed"], "true")  # and answered the retry from its record.
        self.assertEqual([t.id for t in self.study.trials()], [added.id])

    def test_a_lost_suggestion_returns_the_same_trials(self) -> None:
        self.proxy.fail("/suggest", "drop")
        trials = self.study.ask(count=3)
        tries = self.proxy.requests("/suggest")
        self.assertEqual([t["key"] == tries[0]["key"] for t in tries], [True, True])
        self.assertEqual(tries[1]["replayed"], "true")
        self.assertEqual(self.study.refresh().trial_counts["ACTIVE"], 3)
        self.assertEqual(len(trials), 3)

    def test_503_is_retried_after_a_backoff(self) -> None:
        [trial] = self.study.ask()
        self.proxy.fail("/complete", 503, 503)
        self.assertEqual(self.study.tell(trial, 4.0).state, "COMPLETED")
        tries = self.proxy.requests("/complete")
        self.assertEqual([t["action"] for t in tries], [503, 503, None])
        self.assertEqual(len({t["key"] for t in tries}), 1)
        self.assertEqual(len(self.sleeps.waits), 2)
        self.assertTrue(all(0 < w <= 0.05 for w in self.sleeps.waits))

    def test_429_waits_as_retry_after_says(self) -> None:
        self.proxy.fail("/suggest", (429, "2"))
        self.assertEqual(len(self.study.ask()), 1)
        self.assertEqual(self.sleeps.waits, [2.0])

    def test_retries_end_with_the_last_error(self) -> None:
        self.proxy.fail("/suggest", *([503] * 5))
        with self.assertRaises(ServiceUnavailableError) as caught:
            self.study.ask()
        self.assertEqual(caught.exception.status, 503)
        self.assertEqual(len(self.proxy.requests("/suggest")), 5)  # 1 + max_retries (4)
        self.assertEqual(self.study.refresh().trial_counts["ACTIVE"], 0)

    def test_each_call_has_its_own_key_and_heartbeats_need_none(self) -> None:
        [a] = self.study.ask()
        [b] = self.study.ask(client_id="other")
        self.study.heartbeat(a)
        keys = [t["key"] for t in self.proxy.requests("/suggest")]
        self.assertEqual(len(set(keys)), 2)
        self.assertNotEqual(a.id, b.id)
        self.assertEqual([t["key"] for t in self.proxy.requests("/heartbeat")], [None])

    def test_a_comparison_post_is_retried_only_when_the_service_did_nothing(self) -> None:
        # The service does not deduplicate a labeler's next/skip/undo: a 502 may
        # have done the work, so it is not repeated; a 503 says nothing was done, so it is.
        path = f"/v1/studies/{self.study.id}/comparisons/next"
        self.proxy.fail("/comparisons/next", 503, 502, 502)
        with self.assertRaises(ServerError) as caught:
            self.client.request("POST", path, {})
        self.assertEqual(caught.exception.status, 502)
        self.assertEqual([t["action"] for t in self.proxy.requests("/comparisons")], [503, 502])
        # The same 502 on a keyed POST is retried.
        self.proxy.fail("/trials", 502)
        self.study.add_trial({"x1": 1.0, "x2": 2.0})
        self.assertEqual([t["action"] for t in self.proxy.requests("/trials")], [502, None])

    def test_a_held_heartbeat_does_not_delay_report(self) -> None:
        # Real sleeps: a beat retried after its 429 would wait out Retry-After: 6.
        study = Study.get(Client(self.proxy.url, API_KEY), self.study.id)
        hold = Hold(then=(429, "6"))
        self.proxy.fail("/heartbeat", hold)
        with study.trial(heartbeat_interval=0.05) as t:
            self.assertTrue(hold.arrived.wait(30), "no heartbeat came")
            done = t.report(1.0)
            hold.order.append("reported")
        hold.release.set()
        self.assertTrue(hold.done.wait(30))
        self.assertEqual(hold.order, ["reported", "released"])
        self.assertEqual(done.state, "COMPLETED")
        t._heartbeat.join(30)
        # The 429 came after the block: ignored, and the beat was not retried.
        self.assertIsNone(t.heartbeat_error)
        self.assertEqual(len(self.proxy.requests("/heartbeat")), 1)

    def test_a_refused_heartbeat_stops_the_beats_and_warns_at_the_end(self) -> None:
        self.proxy.fail("/heartbeat", 403)
        with self.assertWarns(RuntimeWarning) as warned:
            with self.study.trial(heartbeat_interval=0.05) as t:
                self.assertIsNotNone(poll(lambda: t.heartbeat_error), "no heartbeat failed")
                t._heartbeat.join(30)  # a 403 ends the beats: the thread is done
                self.assertFalse(t._heartbeat.is_alive())
                t.report(2.0)
        self.assertIsInstance(t.heartbeat_error, ForbiddenError)
        self.assertIn("403", str(warned.warning))
        self.assertEqual([r["action"] for r in self.proxy.requests("/heartbeat")], [403])

    def test_no_service_is_a_connection_error_after_the_retries(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        sleeps = Sleeps()
        nowhere = Client(f"http://127.0.0.1:{port}", API_KEY, retry=fast_retries(sleeps, 2))
        with self.assertRaises(ConnectionFailedError) as caught:
            Study.get(nowhere, self.study.id)
        self.assertIsNone(caught.exception.status)
        self.assertEqual(len(sleeps.waits), 2)
        self.assertNotIn(API_KEY, str(caught.exception))


if __name__ == "__main__":
    unittest.main()
