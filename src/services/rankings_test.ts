import assert from "node:assert/strict";
import { pairwiseAgreement } from "./rankings.ts";

Deno.test("pairwise agreement: identical, reversed, partial, a lone ranking", () => {
  const candidates = ["a", "b", "c", "d"];
  const same = pairwiseAgreement([{
    candidates,
    rankings: [["a", "b", "c", "d"], ["a", "b", "c", "d"]],
  }]);
  assert.deepEqual(same, { agreed: 6, compared: 6 });
  const reversed = pairwiseAgreement([{
    candidates,
    rankings: [["a", "b", "c", "d"], ["d", "c", "b", "a"]],
  }]);
  assert.deepEqual(reversed, { agreed: 0, compared: 6 });
  // Top-2 rankings: a pair neither ranks (c, d) says nothing; a ranked one beats an unranked one.
  const partial = pairwiseAgreement([{ candidates, rankings: [["a", "b"], ["b", "a"]] }]);
  assert.deepEqual(partial, { agreed: 4, compared: 5 });
  // Three labelers: three pairs of rankings.
  const three = pairwiseAgreement([
    { candidates: ["a", "b"], rankings: [["a", "b"], ["a", "b"], ["b", "a"]] },
  ]);
  assert.deepEqual(three, { agreed: 1, compared: 3 });
  assert.deepEqual(pairwiseAgreement([{ candidates, rankings: [["a", "b", "c", "d"]] }]), {
    agreed: 0,
    compared: 0,
  });
});
