"""problem+json answers raised as MinimaError subclasses carrying their fields."""
import unittest

from helpers import API_KEY, BRANIN_SPACE, MINIMIZE, client, name, require_service

from minima_client import (
    ConflictError,
    ConnectionFailedError,
    MinimaError,
    RetryPolicy,
    Study,
    UnauthorizedError,
    ValidationError,
)


def setUpModule() -> None:
    require_service()


class ErrorMappingTest(unittest.TestCase):
    def test_a_broken_rule_is_a_validation_error_naming_the_field(self) -> None:
        bad = {"parameters": [{"name": "x1", "type": "float", "min": 10, "max": -5}]}
        with self.assertRaises(ValidationError) as caught:
            Study.get_or_create(client(), name=name(), space=bad, objective=MINIMIZE)
        error = caught.exception
        self.assertIsInstance(error, MinimaError)
        self.assertEqual(error.status, 422)
        self.assertEqual(error.title, "The request is not valid")
        self.assertEqual(error.type, "urn:minima:problem:validation")
        self.assertEqual(error.errors[0].field, "space.parameters[0].max")
        self.assertIn("space.parameters[0].max", error.detail)
        self.assertIn("422", str(error))

    def test_an_unknown_algorithm_names_the_field_and_a_suggestion(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            Study.get_or_create(client(), name=name(), space=BRANIN_SPACE, objective=MINIMIZE,
                                algorithm={"name": "gpbo"})
        self.assertEqual(caught.exception.errors[0].field, "algorithm.name")
        self.assertIn('"gp-bo"', caught.exception.errors[0].message)

    def test_a_wrong_key_is_unauthorized_and_the_client_shows_it_nowhere(self) -> None:
        # The service never echoes a key; what could show it is the client, which holds it.
        wrong = "mk_not-a-key-" + API_KEY[-6:]
        c = client(api_key=wrong)
        with self.assertRaises(UnauthorizedError) as caught:
            Study.get_or_create(c, name=name(), space=BRANIN_SPACE, objective=MINIMIZE)
        error = caught.exception
        self.assertEqual(error.status, 401)
        nowhere = client(api_key=wrong, url="http://127.0.0.1:9", retry=RetryPolicy(max_retries=0))
        with self.assertRaises(ConnectionFailedError) as unreachable:
            nowhere.request("GET", "/v1/studies")
        for shown in (str(error), repr(error), repr(vars(error)), str(unreachable.exception),
                      repr(unreachable.exception), repr(c), repr(c._transport),
                      repr(vars(c)), repr(vars(c._transport))):
            self.assertNotIn(wrong, shown)

    def test_a_heartbeat_for_a_finished_trial_is_a_conflict(self) -> None:
        study = Study.get_or_create(client(), name=name(), space=BRANIN_SPACE, objective=MINIMIZE,
                                    algorithm={"name": "random"})
        [trial] = study.ask()
        study.tell(trial, 3.0)
        with self.assertRaises(ConflictError) as caught:
            study.heartbeat(trial)
        self.assertTrue(caught.exception.detail)

    def test_bad_arguments_are_refused_before_any_request(self) -> None:
        study = Study.get_or_create(client(), name=name(), space=BRANIN_SPACE, objective=MINIMIZE,
                                    algorithm={"name": "random"})
        [trial] = study.ask()
        with self.assertRaises(ValueError):
            study.tell(trial)
        with self.assertRaises(ValueError):
            study.tell(trial, 1.0, values={"value": 1.0})
        with self.assertRaises(ValueError):
            study.ask(0)
        with self.assertRaises(ValueError):
            study.ask(1001)  # one client id holds at most 1,000 (its own come back first)


if __name__ == "__main__":
    unittest.main()
