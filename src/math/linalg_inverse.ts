/**
 * The inverse of an SPD matrix from its Cholesky factor (row-major, see
 * linalg.ts), whole or its lower triangle only.
 *
 * @module
 */
import { checkSize } from "./linalg_check.ts";

/**
 * A⁻¹ (full symmetric n×n) from the Cholesky factor L of A, in about
 * 2n³/3 flops: {@link choleskyInverseLower}, then the lower triangle
 * mirrored into the upper one.
 *
 * @param out n×n; must not be `l`. Allocated when omitted.
 */
export function choleskyInverse(l: Float64Array, n: number, out?: Float64Array): Float64Array {
  const x = choleskyInverseLower(l, n, out);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) x[i * n + j] = x[j * n + i];
  }
  return x;
}

/**
 * The lower triangle (diagonal included) of A⁻¹ from the Cholesky factor L
 * of A: W = L⁻¹ by forward substitution on the identity (using that W is
 * lower triangular), then the lower triangle of A⁻¹ = L⁻ᵀ·W. The strict
 * upper triangle of `out` is left holding zeros. Both passes update four
 * rows per sweep over the others (each row read once for the four).
 *
 * @param out n×n; must not be `l`. Allocated when omitted.
 */
export function choleskyInverseLower(
  l: Float64Array,
  n: number,
  out?: Float64Array,
): Float64Array {
  checkSize(n, l, "l");
  const x = out ?? new Float64Array(n * n);
  checkSize(n, x, "out");
  if (x === l) throw new Error("choleskyInverse needs an `out` distinct from `l`");
  invertFactor(l, n, x);
  multiplyByInverseTransposed(l, n, x);
  return x;
}

/** W = L⁻¹ into x: row i is (e_i − Σ_{k<i} L[i][k]·W[k]) / L[i][i], W[k] zero past k. */
function invertFactor(l: Float64Array, n: number, x: Float64Array): void {
  x.fill(0, 0, n * n);
  let i0 = 0;
  for (; i0 + 3 < n; i0 += 4) {
    const r0 = i0 * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let k = 0; k < i0; k++) {
      const rk = k * n;
      const l0 = l[r0 + k];
      const l1 = l[r1 + k];
      const l2 = l[r2 + k];
      const l3 = l[r3 + k];
      for (let j = 0; j <= k; j++) {
        const w = x[rk + j];
        x[r0 + j] -= l0 * w;
        x[r1 + j] -= l1 * w;
        x[r2 + j] -= l2 * w;
        x[r3 + j] -= l3 * w;
      }
    }
    for (let i = i0; i < i0 + 4; i++) finishInverseRow(l, n, i, i0, x);
  }
  for (let i = i0; i < n; i++) finishInverseRow(l, n, i, 0, x);
}

/** Row i of W = L⁻¹ given the updates from rows before k0 (already subtracted). */
function finishInverseRow(l: Float64Array, n: number, i: number, k0: number, x: Float64Array) {
  const ri = i * n;
  x[ri + i] += 1;
  for (let k = k0; k < i; k++) {
    const lik = l[ri + k];
    const rk = k * n;
    for (let j = 0; j <= k; j++) x[ri + j] -= lik * x[rk + j];
  }
  const inv = 1 / l[ri + i];
  for (let j = 0; j <= i; j++) x[ri + j] *= inv;
}

/**
 * X = L⁻ᵀ·W in place, lower triangle only (X[i][j] for j ≤ i needs X[k][j],
 * k > i, j ≤ k): rows from the last up, each scaled by 1/L[i][i] and then
 * subtracted, times L[i][k], from every row k above; four rows at a time.
 */
function multiplyByInverseTransposed(l: Float64Array, n: number, x: Float64Array): void {
  let top = n; // rows ≥ top are final and their updates applied
  for (; top >= 4; top -= 4) {
    const i3 = top - 1;
    const i0 = top - 4;
    // Finish rows i3, i3 − 1, …, i0 among themselves.
    for (let i = i3; i >= i0; i--) {
      const ri = i * n;
      const inv = 1 / l[ri + i];
      for (let j = 0; j <= i; j++) x[ri + j] *= inv;
      for (let k = i0; k < i; k++) {
        const lik = l[ri + k];
        const rk = k * n;
        for (let j = 0; j <= k; j++) x[rk + j] -= lik * x[ri + j];
      }
    }
    // Then every row above, with the four in the order i3, …, i0.
    const r0 = i0 * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let k = 0; k < i0; k++) {
      const rk = k * n;
      const l3 = l[r3 + k];
      const l2 = l[r2 + k];
      const l1 = l[r1 + k];
      const l0 = l[r0 + k];
      for (let j = 0; j <= k; j++) {
        let v = x[rk + j];
        v -= l3 * x[r3 + j];
        v -= l2 * x[r2 + j];
        v -= l1 * x[r1 + j];
        v -= l0 * x[r0 + j];
        x[rk + j] = v;
      }
    }
  }
  for (let i = top - 1; i >= 0; i--) {
    const ri = i * n;
    const inv = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) x[ri + j] *= inv;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      const rk = k * n;
      for (let j = 0; j <= k; j++) x[rk + j] -= lik * x[ri + j];
    }
  }
}
