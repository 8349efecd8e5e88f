import assert from "node:assert/strict";
import { SobolSequence } from "./sobol.ts";

const TWO_POW_30 = 2 ** 30;

/** The first n points of a sequence. */
function take(sequence: SobolSequence, n: number): Float64Array[] {
  return Array.from({ length: n }, () => sequence.next());
}

/** Coordinates as 30-bit integers (exact: points are multiples of 2^−30). */
function asIntegers(point: Float64Array, coordinates?: number[]): number[] {
  const js = coordinates ?? Array.from(point.keys());
  return js.map((j) => point[j] * TWO_POW_30);
}

/** True when each of the 2^m intervals [k/2^m, (k+1)/2^m) holds exactly one value. */
function stratified(values: number[], m: number): boolean {
  const seen = new Uint8Array(2 ** m);
  for (const x of values) seen[Math.floor(x * 2 ** m)]++;
  return seen.every((count) => count === 1);
}

Deno.test("plain points equal SciPy's documented first points", () => {
  // scipy.stats.qmc.Sobol(3, scramble=False).random(8)
  const expected = [
    [0, 0, 0],
    [0.5, 0.5, 0.5],
    [0.75, 0.25, 0.25],
    [0.25, 0.75, 0.75],
    [0.375, 0.375, 0.625],
    [0.875, 0.875, 0.125],
    [0.625, 0.125, 0.875],
    [0.125, 0.625, 0.375],
  ];
  const points = take(new SobolSequence(3, { scramble: false, seed: 0 }), 8);
  assert.deepEqual(points.map((p) => Array.from(p)), expected);
});

Deno.test("plain points equal SciPy's in high dimensions", () => {
  // scipy.stats.qmc.Sobol(10000, scramble=False).random(1025)[i, cols] · 2^30
  const cols = [0, 1, 2, 3, 9, 99, 1023, 4999, 9999];
  const expected: [number, number[]][] = [
    [5, [
      939524096,
      939524096,
      134217728,
      402653184,
      134217728,
      402653184,
      402653184,
      671088640,
      671088640,
    ]],
    [13, [
      872415232,
      738197504,
      872415232,
      67108864,
      469762048,
      603979776,
      469762048,
      872415232,
      67108864,
    ]],
    [1000, [
      235929600,
      103809024,
      556793856,
      726663168,
      74448896,
      200278016,
      766509056,
      152043520,
      464519168,
    ]],
    [1024, [
      1572864,
      404226048,
      480772096,
      522715136,
      720896000,
      384303104,
      725090304,
      674758656,
      241696768,
    ]],
  ];
  const sobol = new SobolSequence(10_000, { scramble: false, seed: 0 });
  for (const [index, values] of expected) {
    sobol.skipTo(index);
    assert.deepEqual(asIntegers(sobol.next(), cols), values, `point ${index}`);
  }
});

Deno.test("plain points far into the sequence equal SciPy's", () => {
  // Sobol(10, scramble=False); fast_forward(n); random(2) · 2^30
  const expected: [number, number[][]][] = [
    [123456789, [
      [
        1047862216,
        850867304,
        6878296,
        975803336,
        939372104,
        914141784,
        1047228488,
        743323784,
        688902504,
        433713256,
      ],
      [
        779426760,
        45560936,
        812184664,
        170496968,
        670936648,
        645706328,
        241922120,
        1011759240,
        957337960,
        165277800,
      ],
    ]],
    [2 ** 30 - 2, [
      [
        536870913,
        322122547,
        922756903,
        268632093,
        805490487,
        248063945,
        1039139857,
        366400121,
        604307553,
        332051047,
      ],
      [
        1,
        858993459,
        385885991,
        805503005,
        268619575,
        784934857,
        502268945,
        903271033,
        67436641,
        868921959,
      ],
    ]],
  ];
  const sobol = new SobolSequence(10, { scramble: false, seed: 0 });
  for (const [index, points] of expected) {
    sobol.skipTo(index);
    assert.deepEqual(take(sobol, 2).map((p) => asIntegers(p)), points);
  }
  assert.equal(sobol.index, 2 ** 30);
  assert.throws(() => sobol.next(), /only 2\^30 points/);
});

Deno.test("scrambling is SciPy's LMS + shift with matrices drawn from Rng", () => {
  // SciPy's _cscramble and _draw, fed the lower-triangular matrices and
  // shifts that seed 42 draws (same order as scramble() in sobol.ts).
  const expected: [number, number[]][] = [
    [0, [703093290, 571267701, 161533747, 110416063, 490663824]],
    [1, [460381015, 281182139, 1029788917, 716416693, 774628169]],
    [2, [173574016, 940278784, 427479862, 417179552, 915396813]],
    [3, [952108797, 180691406, 767248624, 888852906, 94032916]],
    [1000, [537113533, 666128795, 1019499999, 668177386, 78520500]],
    [1024, [704642279, 845651014, 275141197, 276329121, 743993455]],
  ];
  const sobol = new SobolSequence(5, { scramble: true, seed: 42 });
  for (const [index, values] of expected) {
    sobol.skipTo(index);
    assert.deepEqual(asIntegers(sobol.next()), values, `point ${index}`);
  }
});

Deno.test("every 1-D projection of 2^m points is stratified", () => {
  for (const scramble of [false, true]) {
    const d = 64;
    const sobol = new SobolSequence(d, { scramble, seed: 3 });
    const points = take(sobol, 2 ** 11);
    for (let m = 0; m <= 10; m++) {
      // The first block of 2^m points, and the block that follows it.
      for (const start of [0, 2 ** m]) {
        const block = points.slice(start, start + 2 ** m);
        for (let j = 0; j < d; j++) {
          assert.ok(
            stratified(block.map((p) => p[j]), m),
            `scramble=${scramble} m=${m} start=${start} coordinate ${j}`,
          );
        }
      }
    }
  }
});

Deno.test("stratification holds in the last dimensions of the table", () => {
  const d = SobolSequence.MAX_DIMENSION;
  for (const scramble of [false, true]) {
    const sobol = new SobolSequence(d, { scramble, seed: 11 });
    const points = take(sobol, 256);
    for (let j = d - 20; j < d; j++) {
      assert.ok(stratified(points.map((p) => p[j]), 8), `coordinate ${j}`);
    }
  }
});

Deno.test("the first two coordinates form a (0, m, 2)-net", () => {
  // Every elementary box of area 2^−m, [a/2^i, (a+1)/2^i) × [b/2^(m−i), …),
  // holds exactly one of the first 2^m points.
  const m = 8;
  for (const scramble of [false, true]) {
    const points = take(new SobolSequence(2, { scramble, seed: 5 }), 2 ** m);
    for (let i = 0; i <= m; i++) {
      const boxes = new Uint8Array(2 ** m);
      for (const p of points) {
        const a = Math.floor(p[0] * 2 ** i);
        const b = Math.floor(p[1] * 2 ** (m - i));
        boxes[a * 2 ** (m - i) + b]++;
      }
      assert.ok(boxes.every((c) => c === 1), `scramble=${scramble} i=${i}`);
    }
  }
});

Deno.test("skipTo(n) then next() equals the (n+1)-th generated point", () => {
  for (const scramble of [false, true]) {
    const options = { scramble, seed: 17 };
    const points = take(new SobolSequence(7, options), 300);
    const sobol = new SobolSequence(7, options);
    for (const n of [0, 1, 2, 3, 31, 32, 33, 127, 128, 255, 299, 64, 5, 0]) {
      sobol.skipTo(n);
      assert.equal(sobol.index, n);
      assert.deepEqual(sobol.next(), points[n], `n=${n}`);
      assert.equal(sobol.index, n + 1);
      if (n + 1 < points.length) assert.deepEqual(sobol.next(), points[n + 1]);
    }
  }
});

Deno.test("the same seed gives the same points, different seeds differ", () => {
  const a = take(new SobolSequence(6, { scramble: true, seed: 1 }), 50);
  const b = take(new SobolSequence(6, { scramble: true, seed: 1 }), 50);
  const c = take(new SobolSequence(6, { scramble: true, seed: 2 }), 50);
  assert.deepEqual(a, b);
  for (let i = 0; i < 50; i++) assert.notDeepEqual(a[i], c[i]);
  // The plain sequence ignores the seed.
  assert.deepEqual(
    take(new SobolSequence(6, { scramble: false, seed: 1 }), 20),
    take(new SobolSequence(6, { scramble: false, seed: 2 }), 20),
  );
});

Deno.test("a coordinate's scrambling does not depend on the dimension", () => {
  const small = take(new SobolSequence(3, { scramble: true, seed: 9 }), 40);
  const large = take(new SobolSequence(30, { scramble: true, seed: 9 }), 40);
  for (let i = 0; i < 40; i++) {
    assert.deepEqual(small[i], large[i].slice(0, 3));
  }
});

Deno.test("points are multiples of 2^-30 in [0, 1)", () => {
  const sobol = new SobolSequence(1000, { scramble: true, seed: 123 });
  let sum = 0;
  for (const p of take(sobol, 64)) {
    for (const x of p) {
      assert.ok(x >= 0 && x < 1);
      assert.ok(Number.isInteger(x * TWO_POW_30));
      sum += x;
    }
  }
  // 64 stratified points per coordinate: each mean is within 1/64 of 1/2.
  assert.ok(Math.abs(sum / (64 * 1000) - 0.5) < 1 / 64);
});

Deno.test("next(out) writes into the given array", () => {
  const sobol = new SobolSequence(3, { scramble: false, seed: 0 });
  const out = new Float64Array(3);
  sobol.next(out);
  assert.equal(sobol.next(out), out);
  assert.deepEqual(Array.from(out), [0.5, 0.5, 0.5]);
  assert.throws(() => sobol.next(new Float64Array(2)), RangeError);
});

Deno.test("bad arguments are rejected", () => {
  const options = { scramble: true, seed: 0 };
  assert.throws(() => new SobolSequence(0, options), RangeError);
  assert.throws(() => new SobolSequence(1.5, options), RangeError);
  assert.throws(
    () => new SobolSequence(SobolSequence.MAX_DIMENSION + 1, options),
    RangeError,
  );
  assert.throws(() => new SobolSequence(2, { scramble: true, seed: 0.5 }), RangeError);
  const sobol = new SobolSequence(2, options);
  assert.throws(() => sobol.skipTo(-1), RangeError);
  assert.throws(() => sobol.skipTo(2 ** 30 + 1), RangeError);
  assert.throws(() => sobol.skipTo(NaN), RangeError);
  sobol.skipTo(2 ** 30);
  assert.throws(() => sobol.next(), RangeError);
});
