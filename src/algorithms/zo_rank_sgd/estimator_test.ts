import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import {
  estimateFromPairs,
  estimateFromTopK,
  pairsFromLosses,
  pairWeights,
  type Preference,
  rankingPairs,
  topKPairCount,
  topKWeights,
} from "./estimator.ts";

/** m perturbations of dimension d. */
function perturbations(rng: Rng, m: number, d: number): number[][] {
  return Array.from({ length: m }, () => Array.from({ length: d }, () => rng.normal()));
}

/** (1/|E|) Σ_{(i,j)∈E} (ξ_j − ξ_i), summed pair by pair: the definition. */
function pairSum(xi: number[][], pairs: readonly Preference[]): number[] {
  const g = new Array<number>(xi[0].length).fill(0);
  for (const [winner, loser] of pairs) {
    for (let j = 0; j < g.length; j++) g[j] += xi[loser][j] - xi[winner][j];
  }
  return g.map((u) => (pairs.length === 0 ? 0 : u / pairs.length));
}

/** A random permutation of 0..m−1. */
function permutation(rng: Rng, m: number): number[] {
  const p = Array.from({ length: m }, (_, i) => i);
  for (let i = m - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  for (let j = 0; j < actual.length; j++) {
    assert.ok(Math.abs(actual[j] - expected[j]) <= tol, `[${j}] ${actual[j]} vs ${expected[j]}`);
  }
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let j = 0; j < a.length; j++) {
    ab += a[j] * b[j];
    aa += a[j] * a[j];
    bb += b[j] * b[j];
  }
  return ab / Math.sqrt(aa * bb);
}

Deno.test("top-k pairs: every ordered pair of ranked items, ranked over unranked", () => {
  assert.deepEqual(rankingPairs([2, 0], [1, 3]), [[2, 0], [2, 1], [2, 3], [0, 1], [0, 3]]);
  assert.deepEqual(rankingPairs([1], [0, 2]), [[1, 0], [1, 2]]);
  assert.deepEqual(rankingPairs([0, 1, 2]), [[0, 1], [0, 2], [1, 2]]);
  for (let m = 2; m <= 9; m++) {
    for (let k = 1; k <= m; k++) {
      const ranked = Array.from({ length: k }, (_, i) => i);
      const unranked = Array.from({ length: m - k }, (_, i) => k + i);
      assert.equal(rankingPairs(ranked, unranked).length, topKPairCount(m, k), `m=${m} k=${k}`);
    }
  }
  assert.equal(topKPairCount(5, 2), 1 + 6); // k(k−1)/2 + k(m−k)
  assert.throws(() => rankingPairs([0, 1], [1]), RangeError);
});

Deno.test("closed-form weights are 2r − m + 1 by rank and k unranked", () => {
  // m = 5, ranked 3 > 0 > 4 (k = 3); 1 and 2 unranked.
  assert.deepEqual(Array.from(topKWeights(5, [3, 0, 4])), [-2, 3, 3, -4, 0]);
  assert.deepEqual(Array.from(topKWeights(3, [1])), [1, -2, 1]);
  assert.throws(() => topKWeights(3, [3]), RangeError);
  assert.throws(() => topKWeights(3, [0, 0]), RangeError);
});

Deno.test("the closed form equals the sum over pairs, for every m and k", () => {
  const rng = Rng.fromSeed(11);
  for (let m = 2; m <= 10; m++) {
    for (let k = 1; k <= m; k++) {
      const xi = perturbations(rng, m, 7);
      const order = permutation(rng, m);
      const ranked = order.slice(0, k);
      const pairs = rankingPairs(ranked, order.slice(k));
      // Weights: closed form = counting the pairs.
      assert.deepEqual(Array.from(topKWeights(m, ranked)), Array.from(pairWeights(m, pairs)));
      // Estimates: closed form = the definition, pair by pair.
      assertClose(estimateFromTopK(xi, ranked), pairSum(xi, pairs));
      assertClose(estimateFromPairs(xi, pairs), pairSum(xi, pairs));
    }
  }
});

Deno.test("any set of pairs: weights and estimate equal the pair-by-pair sum", () => {
  const rng = Rng.fromSeed(12);
  const xi = perturbations(rng, 6, 4);
  // Not from any ranking: a cycle, a repeated pair, an item never compared.
  const pairs: Preference[] = [[0, 1], [1, 2], [2, 0], [3, 4], [3, 4], [4, 1]];
  assert.deepEqual(Array.from(pairWeights(6, pairs)), [0, 1, 0, -2, 1, 0]);
  assertClose(estimateFromPairs(xi, pairs), pairSum(xi, pairs));
  for (let trial = 0; trial < 50; trial++) {
    const some: Preference[] = [];
    const count = 1 + rng.int(20);
    while (some.length < count) {
      const [a, b] = [rng.int(6), rng.int(6)];
      if (a !== b) some.push([a, b]);
    }
    assertClose(estimateFromPairs(xi, some), pairSum(xi, some));
  }
  assert.deepEqual(Array.from(estimateFromPairs(xi, [])), [0, 0, 0, 0]);
  assert.throws(() => pairWeights(3, [[1, 1]]), RangeError);
  assert.throws(() => pairWeights(3, [[0, 3]]), RangeError);
});

Deno.test("for a linear f the mean estimate points along ∇f (cosine > 0.99)", () => {
  const rng = Rng.fromSeed(13);
  const d = 20;
  const gradient = Array.from({ length: d }, () => rng.normal());
  const f = (xi: number[]) => xi.reduce((s, u, j) => s + gradient[j] * u, 0);
  const m = 6;
  for (const k of [1, 2, m]) {
    const mean = new Float64Array(d);
    const draws = 4000;
    for (let n = 0; n < draws; n++) {
      const xi = perturbations(rng, m, d);
      const { pairs } = pairsFromLosses(xi.map(f), k);
      const g = estimateFromPairs(xi, pairs);
      for (let j = 0; j < d; j++) mean[j] += g[j] / draws;
    }
    // g estimates the direction of ∇f; the step −η·g goes along −∇f.
    const c = cosine(mean, gradient);
    assert.ok(c > 0.99, `k=${k}: cosine ${c}`);
  }
});

Deno.test("pairs from losses: top k over later items, no pair for equal losses", () => {
  const losses = [3, 1, Infinity, 2, 1, Infinity];
  const full = pairsFromLosses(losses, 6);
  assert.deepEqual(full.order, [1, 4, 3, 0, 2, 5]);
  // 1 and 4 tie, 2 and 5 tie (both infeasible): 15 pairs less those 2.
  assert.equal(full.pairs.length, 13);
  assert.ok(!full.pairs.some(([a, b]) => (a === 1 && b === 4) || (a === 2 && b === 5)));
  const top1 = pairsFromLosses(losses, 1);
  assert.deepEqual(top1.pairs, [[1, 3], [1, 0], [1, 2], [1, 5]]);
  // An increasing transform keeps the pairs.
  const transformed = losses.map((l) => Math.exp(l) * 7 - 2);
  assert.deepEqual(pairsFromLosses(transformed, 3), pairsFromLosses(losses, 3));
  assert.throws(() => pairsFromLosses([1, NaN], 1), RangeError);
});
