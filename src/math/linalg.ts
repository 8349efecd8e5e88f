/**
 * Dense linear algebra for symmetric positive definite (SPD) matrices, on
 * row-major `Float64Array`s: Cholesky factorisation (with jitter retries),
 * triangular and SPD solves for one or many right-hand sides, log-determinant,
 * growing a factor by one row, and the inverse.
 *
 * Conventions: an n×n matrix `a` is stored row-major with row stride n, entry
 * (i, j) at `a[i * n + j]`; arrays may be longer than n² (only the first n²
 * entries are read). A Cholesky factor `l` is lower triangular with its upper
 * part zeroed, A = L·Lᵀ. An n×m matrix of right-hand sides `b` has m =
 * `b.length / n` columns. Loops run along rows (contiguous memory) and nothing
 * is allocated when the caller passes `out`.
 *
 * @module
 */

/** Throws unless n is a valid order and `a` holds at least n² entries. */
function checkSize(n: number, a: Float64Array, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (a.length < n * n) {
    throw new RangeError(`${what} has ${a.length} entries, fewer than n² = ${n * n}`);
  }
}

/** Number of columns of an n×m right-hand side stored in `b`. */
function columnsOf(b: Float64Array, n: number): number {
  if (n === 0) return 0;
  const m = b.length / n;
  if (!Number.isInteger(m)) {
    throw new RangeError(`right-hand side length ${b.length} is not a multiple of n = ${n}`);
  }
  return m;
}

/**
 * Cholesky–Banachiewicz factorisation of A + shift·I into `out` (row by row,
 * each entry a dot product of two contiguous rows). `out` may be `a`.
 * Returns false when a pivot is not positive and finite.
 */
function factorShifted(a: Float64Array, n: number, shift: number, out: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      // s = A[i][j] − Σ_{k<j} L[i][k]·L[j][k], two accumulators for ILP.
      let s0 = 0;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        s0 += out[ri + k] * out[rj + k];
        s1 += out[ri + k + 1] * out[rj + k + 1];
      }
      if (k < j) s0 += out[ri + k] * out[rj + k];
      const s = a[ri + j] - (s0 + s1);
      if (j < i) {
        out[ri + j] = s / out[rj + j];
      } else {
        const d = s + shift;
        if (!(d > 0) || d === Infinity) return false;
        out[ri + i] = Math.sqrt(d);
      }
    }
    for (let j = i + 1; j < n; j++) out[ri + j] = 0;
  }
  return true;
}

/**
 * The lower Cholesky factor L of an SPD matrix A (A = L·Lᵀ), row-major with
 * the upper part zeroed, in O(n³/3) flops.
 *
 * @param a A, n×n row-major; only its lower triangle is read.
 * @param n the order of A.
 * @param out where to write L (n×n); may be `a` itself (in-place). Allocated
 *   when omitted.
 * @returns L, or null when A is not (numerically) positive definite or holds
 *   NaN; `out` then holds a partial result.
 */
export function cholesky(a: Float64Array, n: number, out?: Float64Array): Float64Array | null {
  checkSize(n, a, "a");
  const l = out ?? new Float64Array(n * n);
  checkSize(n, l, "out");
  return factorShifted(a, n, 0, l) ? l : null;
}

/** Options of {@link choleskyWithJitter}. */
export interface JitterOptions {
  /** First jitter, relative to the mean of the diagonal (default 1e-10). */
  jitter0?: number;
  /** Jittered attempts after the plain one, the jitter ×10 each (default 6). */
  maxTries?: number;
  /** Where to write the factor (n×n); must not be `a`. Allocated when omitted. */
  out?: Float64Array;
}

/** Result of {@link choleskyWithJitter}. */
export interface JitteredFactor {
  /** Lower Cholesky factor of A + jitter·I. */
  factor: Float64Array;
  /** The value added to every diagonal entry (0 when A factorised as is). */
  jitter: number;
}

/**
 * Cholesky factor of A, or of A + jitter·I when A is not numerically positive
 * definite: first A as is, then jitter = jitter0·mean(diag A), ×10 on each of
 * up to `maxTries` retries (the usual GP remedy for near-singular kernels).
 *
 * @throws {Error} when every attempt fails (e.g. A holds NaN or is indefinite).
 */
export function choleskyWithJitter(
  a: Float64Array,
  n: number,
  options: JitterOptions = {},
): JitteredFactor {
  const { jitter0 = 1e-10, maxTries = 6 } = options;
  checkSize(n, a, "a");
  const out = options.out ?? new Float64Array(n * n);
  checkSize(n, out, "out");
  if (out === a) throw new Error("choleskyWithJitter needs an `out` distinct from `a`");
  if (factorShifted(a, n, 0, out)) return { factor: out, jitter: 0 };
  let diagMean = 0;
  for (let i = 0; i < n; i++) diagMean += Math.abs(a[i * n + i]);
  diagMean = n > 0 ? diagMean / n : 1;
  if (!(diagMean > 0) || !Number.isFinite(diagMean)) diagMean = 1;
  let jitter = jitter0 * diagMean;
  for (let t = 0; t < maxTries; t++, jitter *= 10) {
    if (factorShifted(a, n, jitter, out)) return { factor: out, jitter };
  }
  throw new Error(
    `Cholesky factorisation failed: the ${n}×${n} matrix is not positive definite even with ` +
      `jitter up to ${jitter / 10} (${maxTries} tries from ${jitter0}·mean(diag))`,
  );
}

/**
 * Forward substitution: x with L·x = b, L lower triangular (n×n).
 * `out` may be `b` (in-place).
 */
export function solveLower(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const x = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * x[k];
    x[i] = s / l[ri + i];
  }
  return x;
}

/**
 * Back substitution with the transposed factor: x with Lᵀ·x = b, L lower
 * triangular (n×n). Column-oriented so that L is read along rows. `out` may be
 * `b` (in-place).
 */
export function solveLowerTransposed(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const x = out ?? new Float64Array(n);
  if (x !== b) { for (let i = 0; i < n; i++) x[i] = b[i]; }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = x[i] / l[ri + i];
    x[i] = xi;
    for (let k = 0; k < i; k++) x[k] -= l[ri + k] * xi;
  }
  return x;
}

/** x with A·x = b, given the Cholesky factor L of A. `out` may be `b`. */
export function choleskySolve(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const x = solveLower(l, n, b, out);
  return solveLowerTransposed(l, n, x, x);
}

/**
 * L·X = B for an n×m right-hand side B (row-major, m = `b.length / n`),
 * row-oriented (axpy along rows of X). `out` (n×m) may be `b`.
 */
export function solveLowerMatrix(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const m = columnsOf(b, n);
  const x = out ?? new Float64Array(n * m);
  if (x !== b) x.set(b.subarray(0, n * m));
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const xi = i * m;
    // X[i] ← (B[i] − Σ_{k<i} L[i][k]·X[k]) / L[i][i]
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const xk = k * m;
      for (let j = 0; j < m; j++) x[xi + j] -= lik * x[xk + j];
    }
    const inv = 1 / l[ri + i];
    for (let j = 0; j < m; j++) x[xi + j] *= inv;
  }
  return x;
}

/**
 * Lᵀ·X = B for an n×m right-hand side B (row-major, m = `b.length / n`).
 * `out` (n×m) may be `b`.
 */
export function solveLowerTransposedMatrix(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const m = columnsOf(b, n);
  const x = out ?? new Float64Array(n * m);
  if (x !== b) x.set(b.subarray(0, n * m));
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = i * m;
    const inv = 1 / l[ri + i];
    for (let j = 0; j < m; j++) x[xi + j] *= inv;
    // X[k] −= L[i][k]·X[i] for k < i (row i of L is column i of Lᵀ).
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const xk = k * m;
      for (let j = 0; j < m; j++) x[xk + j] -= lik * x[xi + j];
    }
  }
  return x;
}

/** X with A·X = B for an n×m right-hand side B, given the Cholesky factor L of A. */
export function choleskySolveMatrix(
  l: Float64Array,
  n: number,
  b: Float64Array,
  out?: Float64Array,
): Float64Array {
  const x = solveLowerMatrix(l, n, b, out);
  return solveLowerTransposedMatrix(l, n, x, x);
}

/** log det A = 2 Σ log L[i][i], given the Cholesky factor L of A. */
export function logDetFromCholesky(l: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log(l[i * n + i]);
  return 2 * s;
}

/**
 * Extends the Cholesky factor of an n×n matrix A to that of the (n+1)×(n+1)
 * matrix with one more row and column, in O(n²): with the new row
 * [aᵀ α], the new factor is [[L, 0], [cᵀ, δ]] where L·c = a and
 * δ = √(α − cᵀc).
 *
 * @param l the factor of A (n×n, stride n).
 * @param n the order of A.
 * @param newRow length n+1: A[n][0..n−1] then the new diagonal entry A[n][n].
 * @param out the new factor, (n+1)×(n+1) with stride n+1; may be `l` itself
 *   when its length is at least (n+1)² (the rows are moved in place).
 * @returns false, leaving `l` unchanged, when the extended matrix is not
 *   numerically positive definite.
 */
export function choleskyAppendRow(
  l: Float64Array,
  n: number,
  newRow: Float64Array,
  out: Float64Array,
): boolean {
  const n1 = n + 1;
  checkSize(n, l, "l");
  checkSize(n1, out, "out");
  if (newRow.length < n1) throw new RangeError(`newRow needs n + 1 = ${n1} entries`);
  // Solve L·c into row n of `out`; it lies past L's n² entries, so this works in place.
  const rn = n * n1;
  let cc = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = newRow[i];
    for (let k = 0; k < i; k++) s -= l[ri + k] * out[rn + k];
    const c = s / l[ri + i];
    out[rn + i] = c;
    cc += c * c;
  }
  const d = newRow[n] - cc;
  if (!(d > 0) || d === Infinity) return false;
  out[rn + n] = Math.sqrt(d);
  // Re-lay rows from stride n to stride n+1, last row first (safe in place).
  for (let i = n - 1; i >= 0; i--) {
    if (out === l) out.copyWithin(i * n1, i * n, i * n + n);
    else out.set(l.subarray(i * n, i * n + n), i * n1);
    out[i * n1 + n] = 0;
  }
  return true;
}

/**
 * A⁻¹ (full symmetric n×n) from the Cholesky factor L of A, in about n³/3
 * flops: W = L⁻¹ by forward substitution on the identity (using that W is
 * lower triangular), then A⁻¹ = L⁻ᵀ·W, of which only the lower triangle is
 * computed before mirroring.
 *
 * @param out n×n; must not be `l`. Allocated when omitted.
 */
export function choleskyInverse(l: Float64Array, n: number, out?: Float64Array): Float64Array {
  checkSize(n, l, "l");
  const x = out ?? new Float64Array(n * n);
  checkSize(n, x, "out");
  if (x === l) throw new Error("choleskyInverse needs an `out` distinct from `l`");
  // W = L⁻¹, row i: W[i][0..i] = (e_i − Σ_{k<i} L[i][k]·W[k][0..k]) / L[i][i].
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) x[ri + j] = 0;
    x[ri + i] = 1;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) x[ri + j] -= lik * x[rk + j];
    }
    const inv = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) x[ri + j] *= inv;
  }
  // Lᵀ·X = W, lower triangle only: X[i][j] for j ≤ i needs X[k][j], k > i, j ≤ k.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const inv = 1 / l[ri + i];
    for (let j = 0; j <= i; j++) x[ri + j] *= inv;
    for (let k = 0; k < i; k++) {
      const lik = l[ri + k];
      if (lik === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) x[rk + j] -= lik * x[ri + j];
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) x[i * n + j] = x[j * n + i];
  }
  return x;
}
