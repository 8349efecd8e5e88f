import assert from "node:assert/strict";
import { Rng } from "./rng.ts";

/** Mean and (population) variance of a sample. */
function moments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / xs.length };
}

Deno.test("xoshiro128** matches the reference output for state {1,2,3,4}", () => {
  // First outputs of the reference C code seeded with s = {1, 2, 3, 4}.
  const rng = Rng.restore([1, 2, 3, 4]);
  const expected = [
    11520,
    0,
    5927040,
    70819200,
    2031721883,
    1637235492,
    1287239034,
    3734860849,
    3729100597,
    4258142804,
  ];
  assert.deepEqual(expected.map(() => rng.nextUint32()), expected);
});

Deno.test("fromSeed seeds through SplitMix64", () => {
  // SplitMix64 from 0 outputs 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, ...
  assert.deepEqual(Rng.fromSeed(0).state(), [
    0x7b1dcdaf,
    0xe220a839,
    0xa1b965f4,
    0x6e789e6a,
  ]);
  // Reference values from an independent Python implementation.
  const cases: [number, number[], number[]][] = [
    [42, [803958421, 3184996902, 2993090819, 686809907], [
      1776835114,
      4165204688,
      17111135,
    ]],
    [-1, [459615264, 3839455607, 3690365641, 3919575143], [
      477689756,
      2493998634,
      555695776,
    ]],
    [Number.MAX_SAFE_INTEGER, [4021704095, 616124332, 3074421144, 818148089], [
      1233166643,
      1287031142,
      661813442,
    ]],
    [
      -Number.MAX_SAFE_INTEGER,
      [2947988217, 3291487736, 2527420131, 3725390301],
      [983715770, 2843107640, 3874663299],
    ],
  ];
  for (const [seed, state, outputs] of cases) {
    const rng = Rng.fromSeed(seed);
    assert.deepEqual(rng.state(), state, `state for seed ${seed}`);
    assert.deepEqual(outputs.map(() => rng.nextUint32()), outputs);
  }
});

Deno.test("seeds that differ only in high bits give different streams", () => {
  const a = Rng.fromSeed(1);
  const b = Rng.fromSeed(1 + 2 ** 32);
  const c = Rng.fromSeed(1 + 2 ** 52);
  const first = [a.nextUint32(), b.nextUint32(), c.nextUint32()];
  assert.equal(new Set(first).size, 3);
});

Deno.test("fromSeed rejects seeds that are not safe integers", () => {
  for (const seed of [0.5, NaN, Infinity, 2 ** 53, -(2 ** 53)]) {
    assert.throws(() => Rng.fromSeed(seed), RangeError);
  }
});

Deno.test("the same seed gives the same stream", () => {
  const a = Rng.fromSeed(123);
  const b = Rng.fromSeed(123);
  for (let i = 0; i < 1000; i++) {
    assert.equal(a.next(), b.next());
    assert.equal(a.normal(), b.normal());
    assert.equal(a.int(7), b.int(7));
  }
});

Deno.test("restore mid-stream continues identically, cached normal included", () => {
  const a = Rng.fromSeed(7);
  for (let i = 0; i < 11; i++) a.next();
  a.normal(); // leaves the pair's second deviate cached
  const state = a.state();
  assert.equal(state.length, 5);
  const b = Rng.restore(JSON.parse(JSON.stringify(state)));
  for (let i = 0; i < 100; i++) {
    assert.equal(b.normal(), a.normal());
    assert.equal(b.next(), a.next());
    assert.equal(b.int(1000), a.int(1000));
    assert.equal(b.nextUint32(), a.nextUint32());
  }
  assert.deepEqual(b.state(), a.state());
});

Deno.test("state() has 4 words when no normal is cached", () => {
  const rng = Rng.fromSeed(3);
  rng.normal();
  rng.normal(); // consumes the cached deviate
  assert.equal(rng.state().length, 4);
});

Deno.test("restore rejects corrupt state", () => {
  const bad: unknown[] = [
    null,
    "state",
    {},
    [],
    [1, 2, 3],
    [1, 2, 3, 4, 5, 6],
    [0, 0, 0, 0],
    [1, 2, 3, -4],
    [1, 2, 3, 2 ** 32],
    [1, 2, 3, 0.5],
    [1, 2, "3", 4],
    [1, 2, 3, 4, "x"],
    [1, 2, 3, 4, null],
  ];
  for (const state of bad) {
    assert.throws(
      () => Rng.restore(state),
      /corrupt RNG state/,
      JSON.stringify(state),
    );
  }
});

Deno.test("next() is in [0, 1) with mean 1/2 and variance 1/12", () => {
  const rng = Rng.fromSeed(2024);
  const n = 200_000;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = rng.next();
    assert.ok(xs[i] >= 0 && xs[i] < 1);
  }
  const { mean, variance } = moments(xs);
  // Standard errors: 0.00065 for the mean, 0.0002 for the variance.
  assert.ok(Math.abs(mean - 0.5) < 0.004, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
  // Each tenth of [0, 1) gets close to a tenth of the draws.
  const counts = new Array(10).fill(0);
  for (const x of xs) counts[Math.floor(x * 10)]++;
  for (const c of counts) assert.ok(Math.abs(c / n - 0.1) < 0.005);
});

Deno.test("normal() has mean 0, variance 1 and light tails", () => {
  const rng = Rng.fromSeed(99);
  const n = 200_000;
  const xs = new Float64Array(n);
  let beyond2 = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = rng.normal();
    if (Math.abs(xs[i]) > 2) beyond2++;
  }
  const { mean, variance } = moments(xs);
  assert.ok(Math.abs(mean) < 0.015, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
  // P(|Z| > 2) = 0.0455.
  assert.ok(Math.abs(beyond2 / n - 0.0455) < 0.004, `tail ${beyond2 / n}`);
});

Deno.test("int(n) is uniform over 0..n-1", () => {
  const rng = Rng.fromSeed(5);
  for (const n of [1, 2, 3, 7, 10]) {
    const counts = new Array(n).fill(0);
    const draws = 20_000 * n;
    for (let i = 0; i < draws; i++) {
      const k = rng.int(n);
      assert.ok(Number.isInteger(k) && k >= 0 && k < n);
      counts[k]++;
    }
    for (const c of counts) {
      assert.ok(Math.abs(c / draws - 1 / n) < 0.01, `n=${n}: ${counts}`);
    }
  }
});

Deno.test("int(n) handles n beyond 2^32", () => {
  const rng = Rng.fromSeed(11);
  const n = 2 ** 40 + 3;
  let sum = 0;
  for (let i = 0; i < 10_000; i++) {
    const k = rng.int(n);
    assert.ok(Number.isInteger(k) && k >= 0 && k < n);
    sum += k / n;
  }
  assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02);
  assert.ok(rng.int(2 ** 53) < 2 ** 53);
});

Deno.test("int(n) rejects bad n", () => {
  const rng = Rng.fromSeed(1);
  for (const n of [0, -1, 1.5, NaN, Infinity, 2 ** 53 + 2]) {
    assert.throws(() => rng.int(n), RangeError);
  }
});
