"""Finding a study again by name, and refusing a changed definition."""
import unittest
import uuid

from helpers import API_KEY, BRANIN_SPACE, MINIMIZE, client, name, require_service

from minima_client import Client, ConflictError, NotFoundError, Study


def setUpModule() -> None:
    require_service()


class GetOrCreateTest(unittest.TestCase):
    def test_the_second_call_returns_the_same_study(self) -> None:
        c, study_name = client(), name()
        sobol = {"name": "sobol", "seed": 1}
        definition = dict(space=BRANIN_SPACE, objective=MINIMIZE, algorithm=sobol)
        first = Study.get_or_create(c, name=study_name, **definition)
        again = Study.get_or_create(c, name=study_name, **definition)
        self.assertTrue(first.created)
        self.assertFalse(again.created)
        self.assertEqual(again.id, first.id)
        self.assertEqual(Study.get(c, first.id).name, study_name)
        self.assertEqual(Study.find(c, study_name).id, first.id)
        self.assertIsNone(Study.find(c, name("absent")))

    def test_a_differing_definition_is_a_409_naming_the_difference(self) -> None:
        c, study_name = client(), name()
        Study.get_or_create(c, name=study_name, space=BRANIN_SPACE, objective=MINIMIZE)
        wider = {"name": "x2", "type": "float", "min": 0, "max": 20}
        changed = {"parameters": [BRANIN_SPACE["parameters"][0], wider]}
        with self.assertRaises(ConflictError) as caught:
            Study.get_or_create(c, name=study_name, space=changed, objective=MINIMIZE)
        error = caught.exception
        self.assertEqual(error.status, 409)
        self.assertEqual([e.field for e in error.errors], ["space.parameters[1].max"])
        self.assertEqual(error.errors[0].rule, "matches_existing")
        self.assertIn(study_name, error.detail)

    def test_without_an_algorithm_the_service_chooses_one_and_says_why(self) -> None:
        study = Study.get_or_create(client(), name=name(), space=BRANIN_SPACE, objective=MINIMIZE)
        self.assertEqual(study.algorithm["name"], "gp-bo")
        self.assertTrue(study.algorithm["reason"])

    def test_an_unknown_study_is_not_found(self) -> None:
        with self.assertRaises(NotFoundError) as caught:
            Study.get(client(), str(uuid.uuid4()))
        self.assertEqual(caught.exception.status, 404)


class ClientTest(unittest.TestCase):
    def test_the_key_is_never_shown(self) -> None:
        c = client()
        study = Study.get_or_create(c, name=name(), space=BRANIN_SPACE, objective=MINIMIZE)
        with self.assertRaises(NotFoundError) as caught:
            study.get_trial(str(uuid.uuid4()))
        # What a log line or a debugger would print: none holds the key (it lives in a closure).
        for shown in (repr(c), repr(c._transport), repr(vars(c)), repr(vars(c._transport)),
                      repr(study), repr(vars(study)), str(caught.exception),
                      repr(caught.exception)):
            self.assertNotIn(API_KEY, shown)
        self.assertIn("<hidden>", repr(c._transport))

    def test_each_client_has_its_own_client_id(self) -> None:
        self.assertNotEqual(client().client_id, client().client_id)
        self.assertEqual(client(client_id="gpu3-pid4711").client_id, "gpu3-pid4711")

    def test_url_and_key_come_from_the_environment(self) -> None:
        c = Client()
        self.assertEqual(c.url, client().url)
        Study.get_or_create(c, name=name(), space=BRANIN_SPACE, objective=MINIMIZE)


if __name__ == "__main__":
    unittest.main()
