/**
 * Triangular and SPD solves with a Cholesky factor (row-major, see linalg.ts),
 * for one right-hand side or many (n×m, solved in panels of columns).
 *
 * @module
 */
import { columnsOf } from "./linalg_check.ts";

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

/** Columns of the right-hand side solved together by {@link solveLowerMatrix}. */
const PANEL_WIDTH = 128;

/**
 * L·X = B for an n×m right-hand side B (row-major, m = `b.length / n`).
 * `out` (n×m) may be `b`.
 *
 * Done one panel of up to 128 columns at a time, copied into a contiguous
 * n × 128 buffer (rows of a wide B sit a power-of-two stride apart and
 * would evict each other from the cache), and each row of the panel is
 * updated by four earlier rows per pass, which halves the memory traffic
 * (about 2× faster than plain row axpys at n = 500–1000, m = 2048).
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
  if (m === 1) return solveLower(l, n, x, x);
  const width = Math.min(m, PANEL_WIDTH);
  const panel = new Float64Array(n * width); // n × w, row stride w
  for (let c0 = 0; c0 < m; c0 += width) {
    const w = Math.min(m, c0 + width) - c0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < w; j++) panel[i * w + j] = x[i * m + c0 + j];
    }
    solvePanel(l, n, panel, w);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < w; j++) x[i * m + c0 + j] = panel[i * w + j];
    }
  }
  return x;
}

/** L·P = P in place for a contiguous n × w panel P (row stride w). */
function solvePanel(l: Float64Array, n: number, p: Float64Array, w: number): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const pi = i * w;
    // P[i] ← (P[i] − Σ_{k<i} L[i][k]·P[k]) / L[i][i], four k at a time.
    let k = 0;
    for (; k + 3 < i; k += 4) {
      const l0 = l[ri + k];
      const l1 = l[ri + k + 1];
      const l2 = l[ri + k + 2];
      const l3 = l[ri + k + 3];
      const p0 = k * w;
      const p1 = p0 + w;
      const p2 = p1 + w;
      const p3 = p2 + w;
      for (let j = 0; j < w; j++) {
        p[pi + j] -= (l0 * p[p0 + j] + l1 * p[p1 + j]) + (l2 * p[p2 + j] + l3 * p[p3 + j]);
      }
    }
    for (; k < i; k++) {
      const lik = l[ri + k];
      const pk = k * w;
      for (let j = 0; j < w; j++) p[pi + j] -= lik * p[pk + j];
    }
    const inv = 1 / l[ri + i];
    for (let j = 0; j < w; j++) p[pi + j] *= inv;
  }
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
