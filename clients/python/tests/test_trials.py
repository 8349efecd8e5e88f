"""Asking, telling, the trial block (heartbeats, failing on an exception), batches, types."""
import unittest

from helpers import BRANIN_SPACE, MINIMIZE, branin, client, name, poll, require_service

from minima_client import ConflictError, Study


def setUpModule() -> None:
    require_service()


def random_study(**extra) -> Study:
    return Study.get_or_create(
        client(),
        name=name(),
        space=extra.pop("space", BRANIN_SPACE),
        objective=MINIMIZE,
        algorithm={"name": "random", "seed": 7},
        **extra,
    )


class TrialBlockTest(unittest.TestCase):
    def test_an_exception_fails_the_trial_and_propagates(self) -> None:
        study = random_study()
        with self.assertRaises(ZeroDivisionError):
            with study.trial() as t:
                trial_id = t.id
                1 / 0
        failed = study.get_trial(trial_id)
        self.assertEqual(failed.state, "FAILED")
        self.assertEqual(failed.reason, "ZeroDivisionError: division by zero")  # as the TS client

    def test_the_block_heartbeats_the_trial_while_it_runs(self) -> None:
        study = random_study(settings={"leaseSeconds": 600})
        with study.trial(heartbeat_interval=0.05) as t:
            handed_out = t.trial.lease_expires_at
            # The service moves the lease on each heartbeat: seen here, server-side.
            renewed = poll(lambda: (lambda now: now if now > handed_out else None)(
                study.get_trial(t.id).lease_expires_at))
            self.assertIsNotNone(renewed, "no heartbeat moved the lease")
            self.assertGreater(t.heartbeats, 0)
            done = t.report(branin(**t.params))
        self.assertEqual(done.state, "COMPLETED")
        t._heartbeat.join(30)  # report does not wait for a beat in flight; the thread ends after it
        self.assertFalse(t._heartbeat.is_alive())
        self.assertIsNone(t.heartbeat_error)
        self.assertEqual(study.get_trial(t.id).values, {"value": branin(**t.params)})

    def test_a_block_without_a_result_fails_its_trial_and_warns(self) -> None:
        study = random_study()
        with self.assertWarns(UserWarning):
            with study.trial() as t:
                pass
        self.assertEqual(study.get_trial(t.id).state, "FAILED")

    def test_infeasible_points_are_reported_with_their_reason(self) -> None:
        study = random_study()
        with study.trial() as t:
            t.infeasible("diverged")
        got = study.get_trial(t.id)
        self.assertEqual((got.state, got.reason), ("INFEASIBLE", "diverged"))


class AskTellTest(unittest.TestCase):
    def test_ask_tell_and_a_different_result_is_a_409(self) -> None:
        study = random_study()
        [trial] = study.ask()
        self.assertEqual(trial.state, "ACTIVE")
        self.assertEqual(trial.client_id, study.client.client_id)
        done = study.tell(trial, 1.5)
        self.assertEqual((done.state, done.values), ("COMPLETED", {"value": 1.5}))
        self.assertEqual(study.tell(trial, 1.5).values, {"value": 1.5})  # a repeat is harmless
        with self.assertRaises(ConflictError) as caught:
            study.tell(trial, 2.5)
        self.assertEqual(caught.exception.status, 409)

    def test_value_is_the_first_metric_of_several(self) -> None:
        metrics = [{"name": n, "goal": "minimize"} for n in ("loss", "seconds")]
        both = {"metrics": metrics}
        study = Study.get_or_create(client(), name=name(), space=BRANIN_SPACE, objective=both,
                                    algorithm={"name": "random"})
        [trial] = study.ask()
        done = study.tell(trial, values={"seconds": 12.0, "loss": 0.5})
        self.assertEqual(done.value, 0.5)
        [other] = study.ask(client_id="w2")
        self.assertEqual(study.tell(other, 0.25).values, {"loss": 0.25})
        self.assertEqual(study.best().value, 0.25)

    def test_a_client_gets_its_active_trial_back_and_another_client_does_not(self) -> None:
        study = random_study()
        [mine] = study.ask()
        self.assertEqual([t.id for t in study.ask()], [mine.id])
        [other] = study.ask(client_id="another-worker")
        self.assertNotEqual(other.id, mine.id)
        failed = study.fail(other, "out of memory")
        self.assertEqual((failed.state, failed.reason), ("FAILED", "out of memory"))

    def test_a_batch_is_asked_and_told_at_once(self) -> None:
        study = random_study()
        batch = study.ask(count=8)
        self.assertEqual(len({t.id for t in batch}), 8)
        self.assertIsNone(study.tell_many((t, branin(**t.params)) for t in batch))
        self.assertEqual(study.refresh().trial_counts["COMPLETED"], 8)
        second = study.ask(count=3)
        told = study.tell_many([(second[0], {"value": 1.0}), (second[1], 2.0),
                                {"trialId": second[2].id, "infeasible": True, "reason": "nan"}],
                               return_trials=True)
        self.assertEqual([t.state for t in told], ["COMPLETED", "COMPLETED", "INFEASIBLE"])
        expected = min([branin(**t.params) for t in batch] + [1.0, 2.0])
        self.assertEqual(study.best().value, expected)
        self.assertEqual(len(study.trials()), 11)
        self.assertEqual(len(study.trials(state="INFEASIBLE")), 1)

    def test_warm_starts_are_added_as_trials(self) -> None:
        study = random_study()
        added = study.add_trial({"x1": 3.0, "x2": 2.0}, branin(3.0, 2.0))
        self.assertEqual((added.state, added.params), ("COMPLETED", {"x1": 3.0, "x2": 2.0}))
        pending = study.add_trial({"x1": 1.0, "x2": 1.0})
        self.assertEqual([t.id for t in study.ask()], [pending.id])  # handed out first


class TypedParamsTest(unittest.TestCase):
    SPACE = {
        "parameters": [
            {"name": "lr", "type": "float", "min": 1e-5, "max": 0.1, "scale": "log"},
            {"name": "whole", "type": "float", "min": 0, "max": 3, "step": 1},
            {"name": "layers", "type": "int", "min": 1, "max": 8},
            {"name": "opt", "type": "categorical", "values": ["adam", "sgd"]},
            {"name": "flag", "type": "categorical", "values": [True, False]},
            {"name": "width", "type": "categorical", "values": [0.5, 1.0, 2]},
        ]
    }

    def check(self, params: dict) -> None:
        self.assertIs(type(params["lr"]), float)
        self.assertIs(type(params["whole"]), float)
        self.assertIs(type(params["layers"]), int)
        self.assertIn(params["opt"], ("adam", "sgd"))
        self.assertIs(type(params["flag"]), bool)
        self.assertIn(params["width"], (0.5, 1.0, 2))
        self.assertIs(type(params["width"]), int if params["width"] == 2 else float)

    def test_params_come_back_as_their_declared_types(self) -> None:
        study = random_study(space=self.SPACE)
        trials = study.ask(count=40)
        for t in trials:
            self.check(t.params)
            # JSON sends a whole float as an int: the cast above is what makes it a float.
            self.assertIs(type(t.raw["params"]["whole"]), int)
        self.assertEqual({t.params["width"] for t in trials}, {0.5, 1.0, 2})
        self.assertIn(1, [t.raw["params"]["width"] for t in trials])  # 1.0 sent as 1
        # Read back by id (typed by the space the service stores) and after results.
        again = Study.get(study.client, study.id)
        study.tell_many((t, 0.0) for t in trials)
        for t in again.trials():
            self.assertIs(type(t.params["whole"]), float)
            self.assertIs(type(t.params["layers"]), int)
            self.assertIs(type(t.params["flag"]), bool)


if __name__ == "__main__":
    unittest.main()
