import assert from "node:assert/strict";
import { fitSubset } from "./fit_subset.ts";

Deno.test("fitSubset: all results up to the limit", () => {
  assert.equal(fitSubset([3, 1, 2], 3), undefined);
  assert.equal(fitSubset([], 3), undefined);
});

Deno.test("fitSubset: the best quarter and the rest spread over arrival order", () => {
  // 1,000 results; values decrease with the index, so the best are the last ones.
  const y = Array.from({ length: 1000 }, (_, i) => 1000 - i);
  const rows = fitSubset(y, 100)!;
  assert.equal(rows.length, 100);
  assert.deepEqual(rows, [...new Set(rows)].sort((a, b) => a - b), "distinct, ascending");
  // The 25 best (indices 975..999) are all in.
  for (let i = 975; i < 1000; i++) assert.ok(rows.includes(i), `best ${i}`);
  // The other 75 are spread over 0..974: the first is 0, and the gaps are even (13 each).
  const rest = rows.filter((i) => i < 975);
  assert.equal(rest.length, 75);
  assert.equal(rest[0], 0);
  const gaps = rest.slice(1).map((v, k) => v - rest[k]);
  assert.ok(gaps.every((g) => g === 13), `gaps ${[...new Set(gaps)]}`);
});

Deno.test("fitSubset: ties and repeated values still give `limit` distinct rows", () => {
  const y = Array.from({ length: 600 }, (_, i) => i % 3);
  const rows = fitSubset(y, 512)!;
  assert.equal(rows.length, 512);
  assert.equal(new Set(rows).size, 512);
  assert.ok(rows.every((i) => Number.isInteger(i) && i >= 0 && i < 600));
});
