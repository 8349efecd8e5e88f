import assert from "node:assert/strict";
import { dimensionEntry, directionNumbers, SOBOL_TABLE_DIMENSIONS } from "./sobol_directions.ts";

Deno.test("the table covers 10 000 dimensions", () => {
  assert.equal(SOBOL_TABLE_DIMENSIONS, 10_000);
});

Deno.test("table entries match new-joe-kuo-6.21201", () => {
  // Rows "d s a m_1 .. m_s" of the published text file (d = index + 1).
  const rows: [number, number, number, number[]][] = [
    [2, 1, 0, [1]],
    [3, 2, 1, [1, 3]],
    [7, 4, 4, [1, 3, 5, 13]],
    [13, 5, 14, [1, 3, 5, 5, 31]],
    [301, 11, 793, [1, 3, 3, 5, 5, 53, 33, 177, 503, 627, 1927]],
    [1024, 13, 3538, [
      1,
      1,
      5,
      11,
      11,
      33,
      37,
      29,
      263,
      1019,
      657,
      1453,
      7807,
    ]],
    [10000, 17, 36335, [
      1,
      3,
      7,
      5,
      13,
      27,
      127,
      65,
      115,
      731,
      1147,
      283,
      91,
      14205,
      2457,
      57083,
      35815,
    ]],
  ];
  for (const [d, s, a, m] of rows) {
    const entry = dimensionEntry(d - 1);
    assert.equal(entry.degree, s, `degree of d=${d}`);
    assert.equal(entry.polynomial, (1 << s) | (a << 1) | 1, `polynomial of d=${d}`);
    assert.deepEqual(entry.initial, m, `m of d=${d}`);
  }
  assert.deepEqual(dimensionEntry(0), { degree: 0, polynomial: 1, initial: [] });
});

Deno.test("every table entry is well formed", () => {
  let previousDegree = 0;
  for (let j = 1; j < SOBOL_TABLE_DIMENSIONS; j++) {
    const { degree, polynomial, initial } = dimensionEntry(j);
    assert.ok(degree >= previousDegree && degree <= 31);
    previousDegree = degree;
    assert.equal(Math.floor(Math.log2(polynomial)), degree);
    assert.equal(polynomial & 1, 1);
    assert.equal(initial.length, degree);
    initial.forEach((m, k) => assert.ok(m % 2 === 1 && m < 2 ** (k + 1)));
  }
});

Deno.test("direction numbers match SciPy's _initialize_v", () => {
  const bits = 30;
  const d = 3;
  const v = directionNumbers(d, bits);
  const column = (j: number, k: number) => v[k * d + j];
  // scipy.stats._sobol._initialize_v(v, dim=3, bits=30), first 4 columns.
  const expected = [
    [536870912, 268435456, 134217728, 67108864],
    [536870912, 805306368, 671088640, 1006632960],
    [536870912, 805306368, 402653184, 603979776],
  ];
  for (let j = 0; j < d; j++) {
    assert.deepEqual([0, 1, 2, 3].map((k) => column(j, k)), expected[j]);
  }
  // The van der Corput coordinate: m_k = 1 for every k.
  for (let k = 0; k < bits; k++) assert.equal(column(0, k), 2 ** (bits - 1 - k));
});

Deno.test("direction numbers give a nonsingular upper-triangular matrix", () => {
  // m_k is odd and below 2^k, so column k = m_k · 2^(bits − 1 − k) has its
  // lowest set bit at position bits − 1 − k (digit k + 1) and none above
  // bits − 1: the generator matrix is upper triangular with a unit diagonal.
  const bits = 30;
  const d = 1000;
  const v = directionNumbers(d, bits);
  for (let j = 0; j < d; j++) {
    for (let k = 0; k < bits; k++) {
      const x = v[k * d + j];
      assert.equal(31 - Math.clz32(x & -x), bits - 1 - k);
      assert.ok(x < 2 ** bits);
    }
  }
});

Deno.test("a prefix of dimensions has the same direction numbers", () => {
  const small = directionNumbers(5, 30);
  const large = directionNumbers(50, 30);
  for (let k = 0; k < 30; k++) {
    for (let j = 0; j < 5; j++) assert.equal(small[k * 5 + j], large[k * 50 + j]);
  }
});

Deno.test("out-of-range arguments are rejected", () => {
  assert.throws(() => dimensionEntry(-1), RangeError);
  assert.throws(() => dimensionEntry(SOBOL_TABLE_DIMENSIONS), RangeError);
  assert.throws(() => dimensionEntry(1.5), RangeError);
  assert.throws(() => directionNumbers(0, 30), RangeError);
  assert.throws(() => directionNumbers(SOBOL_TABLE_DIMENSIONS + 1, 30), RangeError);
  assert.throws(() => directionNumbers(2, 0), RangeError);
  assert.throws(() => directionNumbers(2, 32), RangeError);
});
