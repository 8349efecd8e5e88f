"""The client's contract with the repository, without a service: what it retries agrees
with the OpenAPI document (openapi/openapi.json), as the TypeScript client's does
(tests/client_typescript_contract_test.ts)."""
import json
import os
import unittest

import helpers  # noqa: F401 - puts the package on sys.path

from minima_client import safe_to_repeat

DOCUMENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                        "openapi", "openapi.json")

#: POSTs idempotent by nature: repeating them does nothing more, so they need no key.
BY_NATURE = {"heartbeatTrial", "cancelRun", "evaluateModel"}


class RetryRuleTest(unittest.TestCase):
    def test_a_post_is_repeated_exactly_where_the_document_makes_it_safe(self) -> None:
        with open(DOCUMENT, encoding="utf-8") as f:
            document = json.load(f)
        posts = 0
        for path, item in document["paths"].items():
            post = item.get("post")
            if post is None:
                continue
            posts += 1
            keyed = any(p.get("in") == "header" and p.get("name", "").lower() == "idempotency-key"
                        for p in post.get("parameters", []))
            concrete = path
            while "{" in concrete:
                start, end = concrete.index("{"), concrete.index("}")
                concrete = concrete[:start] + "0c1d2e3f-0000-4000-8000-000000000000" + concrete[end + 1:]
            self.assertEqual(safe_to_repeat("POST", concrete),
                             keyed or post["operationId"] in BY_NATURE,
                             f"{post['operationId']} ({path})")
        self.assertGreater(posts, 20)
        for method in ("GET", "PUT", "PATCH", "DELETE"):
            self.assertTrue(safe_to_repeat(method, "/v1/x"))


if __name__ == "__main__":
    unittest.main()
