import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import {
  contractGramGradient,
  crossCovariance,
  gramGradient,
  gramMatrix,
  type KernelHyperparameters,
  type KernelKind,
  kernelOfSquaredDistance,
  kernelValue,
} from "./kernels.ts";

/** Asserts |actual − expected| ≤ tol·max(1, |expected|). */
function assertClose(actual: number, expected: number, tol: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  assert.ok(err <= tol, `${what}: got ${actual}, expected ${expected}, error ${err}`);
}

/** n uniform points in [0,1]^d, row-major (n × d). */
function randomPoints(rng: Rng, n: number, d: number): Float64Array {
  const points = new Float64Array(n * d);
  for (let i = 0; i < points.length; i++) points[i] = rng.next();
  return points;
}

/** In-place Cholesky of an n × n row-major matrix; false when not positive definite. */
function choleskySucceeds(matrix: Float64Array, n: number): boolean {
  const a = Float64Array.from(matrix);
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j];
    for (let k = 0; k < j; k++) diag -= a[j * n + k] ** 2;
    if (!(diag > 0)) return false;
    const l = Math.sqrt(diag);
    a[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  return true;
}

const KINDS: KernelKind[] = ["matern52", "rbf"];

function hyperparameters(
  kind: KernelKind,
  lengthscales: number[],
  s2: number,
): KernelHyperparameters {
  return {
    kind,
    logLengthscales: Float64Array.from(lengthscales, Math.log),
    logOutputScale: Math.log(s2),
  };
}

Deno.test("kernel values at r = 0, 1, 2 match hand-computed values", () => {
  // Matérn 5/2: (1 + √5 r + 5r²/3)·exp(−√5 r); RBF: exp(−r²/2). Values from mpmath.
  assert.equal(kernelOfSquaredDistance("matern52", 0), 1);
  assert.equal(kernelOfSquaredDistance("rbf", 0), 1);
  assertClose(kernelOfSquaredDistance("matern52", 1), 0.5239941088318203, 1e-15, "Matérn r=1");
  assertClose(kernelOfSquaredDistance("matern52", 4), 0.13866021913850428, 1e-15, "Matérn r=2");
  assertClose(kernelOfSquaredDistance("rbf", 1), 0.6065306597126334, 1e-15, "RBF r=1");
  assertClose(kernelOfSquaredDistance("rbf", 4), 0.1353352832366127, 1e-15, "RBF r=2");
  // With ℓ = (0.5, 2) and s² = 3: x − y = (0.5, 0) gives r = 1; (0, 4) gives r = 2.
  const zero = new Float64Array([0, 0]);
  for (const kind of KINDS) {
    const hyper = hyperparameters(kind, [0.5, 2], 3);
    const k1 = kernelValue(new Float64Array([0.5, 0]), zero, hyper);
    const k2 = kernelValue(new Float64Array([0, 4]), zero, hyper);
    assertClose(k1, 3 * kernelOfSquaredDistance(kind, 1), 1e-15, `${kind} r=1`);
    assertClose(k2, 3 * kernelOfSquaredDistance(kind, 4), 1e-15, `${kind} r=2`);
    assertClose(kernelValue(zero, zero, hyper), 3, 1e-15, `${kind} r=0`);
  }
});

Deno.test("Gram matrices are symmetric, positive definite and match pairwise values", () => {
  const rng = Rng.fromSeed(7);
  const n = 40;
  const d = 3;
  const points = randomPoints(rng, n, d);
  for (const kind of KINDS) {
    const hyper = hyperparameters(kind, [0.3, 0.7, 1.5], 2);
    const gram = gramMatrix(points, hyper, { noise: 1e-6 });
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        assert.equal(gram[i * n + k], gram[k * n + i]);
        const expected =
          kernelValue(points.subarray(i * d, i * d + d), points.subarray(k * d, k * d + d), hyper) +
          (i === k ? 1e-6 : 0);
        assertClose(gram[i * n + k], expected, 1e-15, `${kind} K[${i},${k}]`);
      }
    }
    assert.ok(choleskySucceeds(gram, n), `${kind} Gram matrix is not positive definite`);
  }
});

Deno.test("per-point noise lands on the diagonal and a given buffer is filled", () => {
  const points = new Float64Array([0, 0.5, 1]);
  const hyper = hyperparameters("matern52", [1], 1);
  const out = new Float64Array(9);
  const gram = gramMatrix(points, hyper, { noise: new Float64Array([0.1, 0.2, 0.3]), out });
  assert.equal(gram, out);
  assert.deepEqual([gram[0], gram[4], gram[8]], [1.1, 1.2, 1.3]);
  assert.throws(
    () => gramMatrix(new Float64Array(5), hyperparameters("rbf", [1, 1], 1)),
    RangeError,
  );
});

Deno.test("cross-covariance matches the Gram matrix of the stacked points", () => {
  const rng = Rng.fromSeed(11);
  const d = 2;
  const a = randomPoints(rng, 5, d);
  const b = randomPoints(rng, 7, d);
  const both = new Float64Array(24);
  both.set(a);
  both.set(b, 10);
  for (const kind of KINDS) {
    const hyper = hyperparameters(kind, [0.4, 0.9], 1.7);
    const cross = crossCovariance(a, b, hyper);
    const gram = gramMatrix(both, hyper);
    assert.equal(cross.length, 35);
    for (let i = 0; i < 5; i++) {
      for (let k = 0; k < 7; k++) {
        assertClose(cross[i * 7 + k], gram[i * 12 + 5 + k], 1e-15, `${kind} C[${i},${k}]`);
      }
    }
  }
});

Deno.test("Gram gradients agree with central finite differences in log-parameters", () => {
  const rng = Rng.fromSeed(3);
  const n = 12;
  const d = 3;
  const points = randomPoints(rng, n, d);
  const step = 1e-6;
  for (const kind of KINDS) {
    const hyper = hyperparameters(kind, [0.2, 0.6, 1.3], 0.8);
    for (let p = 0; p <= d; p++) {
      const plus = structuredClone(hyper);
      const minus = structuredClone(hyper);
      if (p < d) {
        plus.logLengthscales[p] += step;
        minus.logLengthscales[p] -= step;
      } else {
        plus.logOutputScale += step;
        minus.logOutputScale -= step;
      }
      const kPlus = gramMatrix(points, plus);
      const kMinus = gramMatrix(points, minus);
      const analytic = gramGradient(points, hyper, p);
      for (let e = 0; e < n * n; e++) {
        const numeric = (kPlus[e] - kMinus[e]) / (2 * step);
        assertClose(analytic[e], numeric, 1e-8, `${kind} ∂K/∂θ${p} at ${e}`);
      }
    }
  }
});

Deno.test("contracted gradients equal Σ W ∘ ∂K/∂θ for every parameter", () => {
  const rng = Rng.fromSeed(5);
  const n = 15;
  const d = 4;
  const points = randomPoints(rng, n, d);
  const weights = randomPoints(rng, n, n).map((w) => w - 0.5); // not symmetric on purpose
  for (const kind of KINDS) {
    const hyper = hyperparameters(kind, [0.3, 0.5, 0.8, 2], 1.4);
    const contracted = contractGramGradient(points, hyper, weights);
    const buffer = new Float64Array(n * n);
    for (let p = 0; p <= d; p++) {
      const grad = gramGradient(points, hyper, p, buffer);
      let expected = 0;
      for (let e = 0; e < n * n; e++) expected += weights[e] * grad[e];
      assertClose(contracted[p], expected, 1e-13, `${kind} g${p}`);
    }
  }
  assert.throws(() => gramGradient(points, hyperparameters("rbf", [1, 1, 1, 1], 1), 5), RangeError);
});

Deno.test("limits: long lengthscales give s²·11ᵀ, short ones s²·I", () => {
  const rng = Rng.fromSeed(9);
  const n = 6;
  const d = 2;
  const points = randomPoints(rng, n, d);
  for (const kind of KINDS) {
    const flat = gramMatrix(points, hyperparameters(kind, [1e8, 1e8], 2.5));
    for (const value of flat) assertClose(value, 2.5, 1e-12, `${kind} long ℓ`);
    const spiky = gramMatrix(points, hyperparameters(kind, [1e-4, 1e-4], 2.5));
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        assert.equal(spiky[i * n + k], i === k ? 2.5 : 0, `${kind} short ℓ`);
      }
    }
  }
  // Near r = 0 both kernels fall like 1 − c·r²: c = 1/2 for RBF, 5/6 for Matérn 5/2.
  const r2 = 1e-6;
  assertClose((1 - kernelOfSquaredDistance("rbf", r2)) / r2, 0.5, 1e-6, "RBF curvature");
  assertClose((1 - kernelOfSquaredDistance("matern52", r2)) / r2, 5 / 6, 1e-3, "Matérn curvature");
  // RBF decays faster than Matérn 5/2 in the tail.
  assert.ok(kernelOfSquaredDistance("rbf", 100) < kernelOfSquaredDistance("matern52", 100));
});
