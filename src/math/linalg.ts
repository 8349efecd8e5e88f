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
import { checkSize } from "./linalg_check.ts";

export * from "./linalg_inverse.ts";
export * from "./linalg_solve.ts";

/**
 * Cholesky–Banachiewicz factorisation of A + shift·I into `out`, row by row
 * from row `from` on: rows before `from` of `out` must already hold the
 * factor of the leading block. Each entry is
 * L[i][j] = (A[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j] (the diagonal:
 * √(A[i][i] + shift − Σ_k L[i][k]²)), the sum always taken the same way (two
 * accumulators, k ascending), so row i depends only on A's row i and the
 * factor's rows above it, and resuming at any row gives bit for bit the
 * factor a run from row 0 gives. Rows are computed four at a time (each
 * earlier row is read once for the four), which changes no arithmetic.
 * `out` may be `a`. Returns false when a pivot is not positive and finite.
 */
function factorRows(
  a: Float64Array,
  n: number,
  from: number,
  shift: number,
  out: Float64Array,
): boolean {
  let i0 = from;
  for (; i0 + 3 < n; i0 += 4) {
    const r0 = i0 * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    // Columns before the block: four dot products per earlier row j.
    for (let j = 0; j < i0; j++) {
      const rj = j * n;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        const l0 = out[rj + k];
        const l1 = out[rj + k + 1];
        s00 += out[r0 + k] * l0;
        s01 += out[r0 + k + 1] * l1;
        s10 += out[r1 + k] * l0;
        s11 += out[r1 + k + 1] * l1;
        s20 += out[r2 + k] * l0;
        s21 += out[r2 + k + 1] * l1;
        s30 += out[r3 + k] * l0;
        s31 += out[r3 + k + 1] * l1;
      }
      if (k < j) {
        const l0 = out[rj + k];
        s00 += out[r0 + k] * l0;
        s10 += out[r1 + k] * l0;
        s20 += out[r2 + k] * l0;
        s30 += out[r3 + k] * l0;
      }
      const ljj = out[rj + j];
      out[r0 + j] = (a[r0 + j] - (s00 + s01)) / ljj;
      out[r1 + j] = (a[r1 + j] - (s10 + s11)) / ljj;
      out[r2 + j] = (a[r2 + j] - (s20 + s21)) / ljj;
      out[r3 + j] = (a[r3 + j] - (s30 + s31)) / ljj;
    }
    // The 4×4 diagonal block, row by row.
    for (let i = i0; i < i0 + 4; i++) {
      if (!factorRowPart(a, n, i, i0, shift, out)) return false;
    }
  }
  for (let i = i0; i < n; i++) {
    if (!factorRowPart(a, n, i, 0, shift, out)) return false;
  }
  return true;
}

/**
 * Entries j0..i of row i of the factor (those before j0 already done) and
 * zeros after the diagonal; false when the pivot is not positive and finite.
 */
function factorRowPart(
  a: Float64Array,
  n: number,
  i: number,
  j0: number,
  shift: number,
  out: Float64Array,
): boolean {
  const ri = i * n;
  for (let j = j0; j <= i; j++) {
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
  return true;
}

/** {@link factorRows} from row 0: the factor of A + shift·I. */
function factorShifted(a: Float64Array, n: number, shift: number, out: Float64Array): boolean {
  return factorRows(a, n, 0, shift, out);
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

/** Options of {@link choleskyShifted}. */
export interface ShiftedCholeskyOptions {
  /** Added to every diagonal entry of A (default 0). */
  shift?: number;
  /**
   * First row to compute (default 0). Rows before it of `out` must already
   * hold the factor of A's leading block (stride n, upper part zeroed): the
   * factor then grows by rows without redoing them, bit for bit as a
   * factorisation from row 0 would.
   */
  from?: number;
  /** Where the factor goes (n×n); may be `a`. */
  out: Float64Array;
}

/**
 * The lower Cholesky factor of A + shift·I into `options.out`, computed row
 * by row (Cholesky–Banachiewicz), optionally resuming at row `from`.
 *
 * @returns false when A + shift·I is not (numerically) positive definite;
 *   `out` then holds a partial result.
 */
export function choleskyShifted(
  a: Float64Array,
  n: number,
  options: ShiftedCholeskyOptions,
): boolean {
  const { shift = 0, from = 0, out } = options;
  checkSize(n, a, "a");
  checkSize(n, out, "out");
  if (!Number.isInteger(from) || from < 0 || from > n) {
    throw new RangeError(`from must be an integer in [0, ${n}], got ${from}`);
  }
  return factorRows(a, n, from, shift, out);
}

/** Options of {@link choleskyWithJitter}. */
export interface JitterOptions {
  /** First jitter, relative to the mean of the diagonal (default 1e-10). */
  jitter0?: number;
  /** Jittered attempts after the plain one, the jitter ×10 each (default 6). */
  maxTries?: number;
  /** Where to write the factor (n×n); must not be `a`. Allocated when omitted. */
  out?: Float64Array;
  /**
   * The factorisation to use: writes the factor of A + shift·I into `out`
   * (≠ `a`) and returns false when that is not positive definite. Default:
   * this module's row-by-row Cholesky (a faster backend passes its own).
   */
  factorize?: (a: Float64Array, n: number, shift: number, out: Float64Array) => boolean;
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
  const factorize = options.factorize ?? factorShifted;
  if (factorize(a, n, 0, out)) return { factor: out, jitter: 0 };
  let diagMean = 0;
  for (let i = 0; i < n; i++) diagMean += Math.abs(a[i * n + i]);
  diagMean = n > 0 ? diagMean / n : 1;
  if (!(diagMean > 0) || !Number.isFinite(diagMean)) diagMean = 1;
  let jitter = jitter0 * diagMean;
  for (let t = 0; t < maxTries; t++, jitter *= 10) {
    if (factorize(a, n, jitter, out)) return { factor: out, jitter };
  }
  throw new Error(
    `Cholesky factorisation failed: the ${n}×${n} matrix is not positive definite even with ` +
      `jitter up to ${jitter / 10} (${maxTries} tries from ${jitter0}·mean(diag))`,
  );
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
