import assert from "node:assert/strict";
import { Rng } from "./rng.ts";
import {
  cholesky,
  choleskyAppendRow,
  choleskyInverse,
  choleskyInverseLower,
  choleskyShifted,
  choleskySolve,
  choleskySolveMatrix,
  choleskyWithJitter,
  logDetFromCholesky,
  solveLower,
  solveLowerMatrix,
  solveLowerTransposed,
  solveLowerTransposedMatrix,
} from "./linalg.ts";

/** A random SPD matrix MᵀM + n·I (n×n), M with standard normal entries. */
function randomSpd(rng: Rng, n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) m[i] = rng.normal();
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = s + (i === j ? n : 0);
    }
  }
  return a;
}

/** A vector (or flat matrix) of standard normals. */
function randomVector(rng: Rng, length: number): Float64Array {
  const v = new Float64Array(length);
  for (let i = 0; i < length; i++) v[i] = rng.normal();
  return v;
}

/** C = A·B for A (n×p), B (p×m), all row-major. */
function matMul(a: Float64Array, b: Float64Array, n: number, p: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a[i * p + k] * b[k * m + j];
      c[i * m + j] = s;
    }
  }
  return c;
}

/** Transpose of an n×m row-major matrix. */
function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const t = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
  return t;
}

/** max |a − b| relative to max(1, max |b|). */
function relErr(a: Float64Array, b: Float64Array): number {
  assert.equal(a.length, b.length);
  let err = 0;
  let scale = 1;
  for (let i = 0; i < a.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** log |det A| by Gaussian elimination with partial pivoting (independent reference). */
function logDetByElimination(a: Float64Array, n: number): number {
  const w = Float64Array.from(a.subarray(0, n * n));
  let logDet = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(w[r * n + c]) > Math.abs(w[p * n + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) {
        const t = w[c * n + j];
        w[c * n + j] = w[p * n + j];
        w[p * n + j] = t;
      }
    }
    const pivot = w[c * n + c];
    logDet += Math.log(Math.abs(pivot));
    for (let r = c + 1; r < n; r++) {
      const f = w[r * n + c] / pivot;
      for (let j = c; j < n; j++) w[r * n + j] -= f * w[c * n + j];
    }
  }
  return logDet;
}

const SIZES = [1, 2, 3, 4, 5, 7, 10, 16, 25, 33, 48, 60];

Deno.test("cholesky reconstructs L·Lᵀ = A on random SPD matrices of sizes 1..60", () => {
  const rng = Rng.fromSeed(1);
  for (const n of SIZES) {
    const a = randomSpd(rng, n);
    const l = cholesky(a, n);
    assert.ok(l, `n = ${n}`);
    for (let i = 0; i < n; i++) {
      assert.ok(l[i * n + i] > 0);
      for (let j = i + 1; j < n; j++) assert.equal(l[i * n + j], 0, "upper part zeroed");
    }
    const llt = matMul(l, transpose(l, n, n), n, n, n);
    assert.ok(relErr(llt, a) < 1e-12, `n = ${n}: ${relErr(llt, a)}`);
  }
});

Deno.test("cholesky works in place and matches a hand-computed 2×2 factor", () => {
  // A = [[4, 2], [2, 3]]: L = [[2, 0], [1, √2]].
  const a = Float64Array.from([4, 2, 2, 3]);
  const l = cholesky(a, 2, a);
  assert.equal(l, a);
  assert.deepEqual(Array.from(a), [2, 0, 1, Math.SQRT2]);
});

Deno.test("cholesky returns null on indefinite, singular and NaN matrices", () => {
  assert.equal(cholesky(Float64Array.from([1, 2, 2, 1]), 2), null);
  assert.equal(cholesky(Float64Array.from([-1]), 1), null);
  assert.equal(cholesky(new Float64Array(9).fill(1), 3), null);
  assert.equal(cholesky(Float64Array.from([1, NaN, NaN, 1]), 2), null);
  assert.equal(cholesky(Float64Array.from([NaN]), 1), null);
});

Deno.test("choleskyWithJitter: no jitter when PD, growing jitter on ones(n, n)", () => {
  const rng = Rng.fromSeed(2);
  const a = randomSpd(rng, 6);
  const plain = choleskyWithJitter(a, 6);
  assert.equal(plain.jitter, 0);
  assert.deepEqual(plain.factor, cholesky(a, 6));

  const n = 5;
  const ones = new Float64Array(n * n).fill(1);
  const { factor, jitter } = choleskyWithJitter(ones, n);
  assert.ok(jitter >= 1e-10 && jitter <= 1e-4, `jitter ${jitter}`);
  const shifted = Float64Array.from(ones);
  for (let i = 0; i < n; i++) shifted[i * n + i] += jitter;
  const llt = matMul(factor, transpose(factor, n, n), n, n, n);
  assert.ok(relErr(llt, shifted) < 1e-12);
  assert.deepEqual(Array.from(ones), new Array(n * n).fill(1), "input untouched");
});

Deno.test("choleskyWithJitter scales jitter by the mean diagonal and throws when hopeless", () => {
  const ones = new Float64Array(4).fill(1000);
  const { jitter } = choleskyWithJitter(ones, 2, { jitter0: 1e-6 });
  assert.equal(jitter, 1e-3);
  assert.throws(
    () => choleskyWithJitter(Float64Array.from([1, 5, 5, 1]), 2),
    /not positive definite/,
  );
  assert.throws(() => choleskyWithJitter(Float64Array.from([NaN]), 1), /not positive definite/);
});

Deno.test("triangular and SPD solves multiply back to the right-hand side", () => {
  const rng = Rng.fromSeed(3);
  for (const n of SIZES) {
    const a = randomSpd(rng, n);
    const l = cholesky(a, n)!;
    const b = randomVector(rng, n);
    const y = solveLower(l, n, b);
    assert.ok(relErr(matMul(l, y, n, n, 1), b) < 1e-12);
    const z = solveLowerTransposed(l, n, b);
    assert.ok(relErr(matMul(transpose(l, n, n), z, n, n, 1), b) < 1e-12);
    const x = choleskySolve(l, n, b);
    assert.ok(relErr(matMul(a, x, n, n, 1), b) < 1e-11, `n = ${n}`);
    // In place gives the same.
    const inPlace = Float64Array.from(b);
    choleskySolve(l, n, inPlace, inPlace);
    assert.deepEqual(inPlace, x);
  }
});

Deno.test("multi-right-hand-side solves agree with column-by-column solves", () => {
  const rng = Rng.fromSeed(4);
  for (const [n, m] of [[1, 1], [4, 3], [17, 5], [40, 2]]) {
    const a = randomSpd(rng, n);
    const l = cholesky(a, n)!;
    const b = randomVector(rng, n * m);
    const yl = solveLowerMatrix(l, n, b);
    const yt = solveLowerTransposedMatrix(l, n, b);
    const x = choleskySolveMatrix(l, n, b);
    assert.ok(relErr(matMul(a, x, n, n, m), b) < 1e-11);
    for (let j = 0; j < m; j++) {
      const col = new Float64Array(n);
      for (let i = 0; i < n; i++) col[i] = b[i * m + j];
      const cl = solveLower(l, n, col);
      const ct = solveLowerTransposed(l, n, col);
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(yl[i * m + j] - cl[i]) < 1e-12 * (1 + Math.abs(cl[i])));
        assert.ok(Math.abs(yt[i * m + j] - ct[i]) < 1e-12 * (1 + Math.abs(ct[i])));
      }
    }
  }
  assert.throws(() => solveLowerMatrix(new Float64Array(4), 2, new Float64Array(3)), RangeError);
});

Deno.test("logDetFromCholesky matches hand values and Gaussian elimination", () => {
  const diag = Float64Array.from([2, 0, 0, 0, 3, 0, 0, 0, 0.5]);
  assert.ok(Math.abs(logDetFromCholesky(cholesky(diag, 3)!, 3) - Math.log(3)) < 1e-15);
  // det [[4, 2], [2, 3]] = 8.
  const two = Float64Array.from([4, 2, 2, 3]);
  assert.ok(Math.abs(logDetFromCholesky(cholesky(two, 2)!, 2) - Math.log(8)) < 1e-15);
  const rng = Rng.fromSeed(5);
  for (const n of SIZES) {
    const a = randomSpd(rng, n);
    const got = logDetFromCholesky(cholesky(a, n)!, n);
    const want = logDetByElimination(a, n);
    assert.ok(Math.abs(got - want) < 1e-11 * Math.max(1, Math.abs(want)), `n = ${n}`);
  }
});

Deno.test("choleskyAppendRow equals full refactorisation, in place and not", () => {
  const rng = Rng.fromSeed(6);
  const big = 30;
  const a = randomSpd(rng, big);
  // Grow in place from 1×1 to big×big in one buffer.
  const grown = new Float64Array(big * big);
  grown[0] = Math.sqrt(a[0]);
  for (let n = 1; n < big; n++) {
    const row = a.slice(n * big, n * big + n + 1);
    const copy = new Float64Array((n + 1) * (n + 1));
    assert.ok(choleskyAppendRow(grown.subarray(0, n * n), n, row, copy));
    assert.ok(choleskyAppendRow(grown, n, row, grown));
    assert.deepEqual(grown.subarray(0, (n + 1) * (n + 1)), copy);
    const lead = new Float64Array((n + 1) * (n + 1));
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) lead[i * (n + 1) + j] = a[i * big + j];
    }
    const full = cholesky(lead, n + 1)!;
    assert.ok(relErr(grown.subarray(0, (n + 1) * (n + 1)), full) < 1e-12, `n = ${n}`);
  }
});

Deno.test("choleskyAppendRow returns false and leaves the factor intact when not PD", () => {
  // [[1, 1], [1, 1]] is singular; the factor of [1] must survive in place.
  const buf = new Float64Array(4);
  buf[0] = 1;
  assert.equal(choleskyAppendRow(buf, 1, Float64Array.from([1, 1]), buf), false);
  assert.equal(buf[0], 1);
  assert.equal(choleskyAppendRow(buf, 1, Float64Array.from([2, 1]), buf), false);
  assert.equal(choleskyAppendRow(buf, 1, Float64Array.from([NaN, 1]), buf), false);
  assert.equal(choleskyAppendRow(buf, 1, Float64Array.from([0.5, 1]), buf), true);
  assert.deepEqual(Array.from(buf), [1, 0, 0.5, Math.sqrt(0.75)]);
});

Deno.test("choleskyInverse gives A·A⁻¹ = I and a symmetric result", () => {
  const rng = Rng.fromSeed(7);
  for (const n of SIZES) {
    const a = randomSpd(rng, n);
    const inv = choleskyInverse(cholesky(a, n)!, n);
    const id = new Float64Array(n * n);
    for (let i = 0; i < n; i++) id[i * n + i] = 1;
    assert.ok(relErr(matMul(a, inv, n, n, n), id) < 1e-12, `n = ${n}`);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) assert.equal(inv[i * n + j], inv[j * n + i]);
    }
  }
  // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
  const inv2 = choleskyInverse(cholesky(Float64Array.from([4, 2, 2, 3]), 2)!, 2);
  assert.ok(relErr(inv2, Float64Array.from([3 / 8, -2 / 8, -2 / 8, 4 / 8])) < 1e-15);
});

Deno.test("size 0 is accepted everywhere", () => {
  const empty = new Float64Array(0);
  assert.deepEqual(cholesky(empty, 0), empty);
  assert.equal(logDetFromCholesky(empty, 0), 0);
  assert.equal(choleskySolve(empty, 0, empty).length, 0);
  assert.equal(choleskyInverse(empty, 0).length, 0);
});

Deno.test("choleskyShifted: the factor of A + shift·I, resumable bit for bit from any row", () => {
  const rng = Rng.fromSeed(8);
  const n = 23;
  const a = randomSpd(rng, n);
  const shifted = Float64Array.from(a);
  for (let i = 0; i < n; i++) shifted[i * n + i] += 0.75;
  const want = cholesky(shifted, n)!;
  const got = new Float64Array(n * n).fill(3);
  assert.ok(choleskyShifted(a, n, { shift: 0.75, out: got }));
  assert.ok(relErr(got, want) < 1e-14);
  const plain = cholesky(a, n)!;
  for (const from of [0, 1, 2, 11, 22, 23]) {
    // Rows before `from` hold the factor; the rest hold A (upper part anything).
    const buf = Float64Array.from(a);
    buf.set(plain.subarray(0, from * n));
    assert.ok(choleskyShifted(buf, n, { from, out: buf }));
    assert.deepEqual(buf, plain, `from = ${from}`);
  }
  assert.throws(() => choleskyShifted(a, n, { from: n + 1, out: got }), RangeError);
  // Not positive definite from some row on: false.
  const bad = Float64Array.from(a);
  bad[(n - 1) * n + (n - 1)] = -1;
  assert.equal(choleskyShifted(bad, n, { out: new Float64Array(n * n) }), false);
});

Deno.test("solveLowerMatrix over several panels equals column-by-column solves", () => {
  const rng = Rng.fromSeed(9);
  for (const [n, m] of [[5, 127], [6, 128], [30, 129], [12, 300], [3, 1]]) {
    const l = cholesky(randomSpd(rng, n), n)!;
    const b = randomVector(rng, n * m);
    const x = solveLowerMatrix(l, n, b);
    const inPlace = Float64Array.from(b);
    solveLowerMatrix(l, n, inPlace, inPlace);
    assert.deepEqual(inPlace, x);
    for (let j = 0; j < m; j++) {
      const col = Float64Array.from({ length: n }, (_, i) => b[i * m + j]);
      const want = solveLower(l, n, col);
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(x[i * m + j] - want[i]) <= 1e-12 * (1 + Math.abs(want[i])));
      }
    }
  }
});

Deno.test("choleskyInverseLower is the lower triangle of choleskyInverse, zeros above", () => {
  const rng = Rng.fromSeed(10);
  for (const n of [1, 4, 19]) {
    const l = cholesky(randomSpd(rng, n), n)!;
    const full = choleskyInverse(l, n);
    const lower = choleskyInverseLower(l, n, new Float64Array(n * n).fill(5));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        assert.equal(lower[i * n + j], j <= i ? full[i * n + j] : 0, `(${i}, ${j})`);
      }
    }
  }
});

Deno.test("choleskyWithJitter uses a given factorisation with the same schedule", () => {
  const n = 4;
  const ones = new Float64Array(n * n).fill(1);
  const shifts: number[] = [];
  const { factor, jitter } = choleskyWithJitter(ones, n, {
    factorize: (a, size, shift, out) => {
      shifts.push(shift);
      return choleskyShifted(a, size, { shift, out });
    },
  });
  assert.equal(shifts[0], 0);
  assert.equal(shifts.at(-1), jitter);
  for (let t = 2; t < shifts.length; t++) {
    assert.ok(Math.abs(shifts[t] / shifts[t - 1] - 10) < 1e-9);
  }
  assert.deepEqual(factor, choleskyWithJitter(ones, n).factor);
});

/** Row-by-row Cholesky with the summation linalg.ts documents (two accumulators, k ascending). */
function referenceFactor(a: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s0 = 0;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        s0 += l[i * n + k] * l[j * n + k];
        s1 += l[i * n + k + 1] * l[j * n + k + 1];
      }
      if (k < j) s0 += l[i * n + k] * l[j * n + k];
      const s = a[i * n + j] - (s0 + s1);
      l[i * n + j] = j < i ? s / l[j * n + j] : Math.sqrt(s);
    }
  }
  return l;
}

Deno.test("the blocked factorisation is bit for bit the plain row-by-row one", () => {
  const rng = Rng.fromSeed(11);
  for (const n of [1, 3, 4, 5, 8, 13, 64, 101]) {
    const a = randomSpd(rng, n);
    assert.deepEqual(cholesky(a, n), referenceFactor(a, n), `n = ${n}`);
  }
});
