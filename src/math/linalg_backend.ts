/**
 * The linear algebra the Gaussian process needs, behind one small interface
 * with two implementations: the pure TypeScript one of linalg.ts (the
 * default, everywhere) and the system's OpenBLAS through Deno FFI
 * (linalg_openblas.ts), picked automatically where it loads.
 *
 * Conventions as in linalg.ts: n×n matrices row-major with stride n, a
 * Cholesky factor lower triangular with its strict upper part zeroed, an
 * n×m right-hand side row-major with stride m (m = 1: a vector). Both
 * backends give the same results up to rounding (1e-10 relative on
 * well-conditioned matrices; the tests check every operation).
 *
 * `gemm` (C ← α·op(A)·op(B) + β·C) serves the models of target-based
 * surrogate optimisation (src/algorithms/sso/models.ts): their forward
 * passes are X·W products and their vector-Jacobian products Xᵀ·V and
 * V·Wᵀ products, the whole cost of an inner step.
 *
 * Selection, once per isolate (the main thread and each Worker choose for
 * themselves; Workers inherit the parent's FFI permission): the environment
 * variable `MINIMA_LINALG` is `auto` (default), `typescript` or `openblas`.
 * `auto` takes OpenBLAS when FFI is permitted and a thread-safe build loads
 * and passes a self-check, TypeScript otherwise, silently; `openblas` insists
 * (it throws, with the reason, when OpenBLAS cannot be used). Tests and
 * benchmarks switch with {@linkcode selectLinalgBackend}.
 *
 * @module
 */

import {
  choleskyInverseLower,
  choleskyShifted,
  solveLower,
  solveLowerMatrix,
  solveLowerTransposed,
  solveLowerTransposedMatrix,
} from "./linalg.ts";
import { loadOpenblas, type OpenblasLoad, readEnvironment } from "./linalg_openblas.ts";

/** The implementations there are. */
export type LinalgBackendName = "openblas" | "typescript";
/** What `MINIMA_LINALG` and {@linkcode selectLinalgBackend} accept. */
export type LinalgChoice = LinalgBackendName | "auto";

/** The operations the GP's O(n³) and O(n²m) work (and SSO's products) go through. */
export interface LinalgBackend {
  /** Which implementation this is. */
  readonly name: LinalgBackendName;
  /** What it is, in words (for benchmarks and logs). */
  readonly description: string;
  /**
   * The lower Cholesky factor of A + shift·I (A n×n, only its lower triangle
   * read) into `out` (n×n, strict upper part zeroed); `out` may be `a`.
   * Returns false when A + shift·I is not numerically positive definite or
   * holds NaN (`out` then holds a partial result).
   */
  cholesky(a: Float64Array, n: number, shift: number, out: Float64Array): boolean;
  /**
   * Only where the factorisation goes row by row (TypeScript): continues it
   * in place from row `from`, rows before which of `a` hold the factor of
   * the leading block and rows from which hold A's lower triangle; the
   * result equals `cholesky(A, n, 0, ·)` bit for bit.
   */
  choleskyFrom?(a: Float64Array, n: number, from: number): boolean;
  /** B ← L⁻¹·B in place, B n×m (the first n·m entries of `b`). */
  solveLower(l: Float64Array, n: number, b: Float64Array, m: number): void;
  /** B ← L⁻ᵀ·B in place, B n×m (the first n·m entries of `b`). */
  solveLowerTransposed(l: Float64Array, n: number, b: Float64Array, m: number): void;
  /**
   * The lower triangle (diagonal included) of A⁻¹ = (L·Lᵀ)⁻¹ into `out`
   * (n×n, not `l`); its strict upper part is left unspecified.
   */
  choleskyInverseLower(l: Float64Array, n: number, out: Float64Array): void;
  /**
   * C ← α·op(A)·op(B) + β·C, as cblas_dgemm on dense row-major matrices:
   * op(A) is m×k (A stored m×k, or k×m when `transA`: op(A) = Aᵀ), op(B)
   * is k×n (B stored k×n, or n×k when `transB`), C is m×n (the first m·n
   * entries of `c`, which must not overlap `a` or `b`). With β = 0 the
   * previous contents of C are not read (a NaN there does not survive);
   * with α = 0 or k = 0, A and B are not read.
   */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float64Array,
    b: Float64Array,
    beta: number,
    c: Float64Array,
  ): void;
}

/** C ← β·C over the first `size` entries; β = 0 writes zeros (NaN and ∞ included). */
function scaleForGemm(c: Float64Array, size: number, beta: number): void {
  if (beta === 0) c.fill(0, 0, size);
  else if (beta !== 1) { for (let i = 0; i < size; i++) c[i] *= beta; }
}

/** Rows of B (k×n, not transposed) per block: the block stays in cache while C's rows pass. */
const GEMM_ROWS_OF_B = 64;
/** Columns of C per block. */
const GEMM_COLUMNS = 512;
/** Doubles of B (n×k, transposed) per block of its rows (256 KiB). */
const GEMM_TRANSPOSED_BLOCK = 32768;

/**
 * The TypeScript `gemm` (see {@linkcode LinalgBackend.gemm}). B not
 * transposed: C's rows take α·op(A)[i,l]·B[l,·] four rows of B at a time
 * (one load and store of C per four products), over blocks of 64 rows of B
 * and 512 columns so that the block of B stays in cache while every row of
 * C passes over it. B transposed (n×k): C[i,j] is the dot product of two
 * contiguous rows when A is not transposed, over blocks of B's rows.
 */
export function gemmTypescript(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  b: Float64Array,
  beta: number,
  c: Float64Array,
): void {
  scaleForGemm(c, m * n, beta);
  if (m === 0 || n === 0 || k === 0 || alpha === 0) return;
  // op(A)[i, l] = a[i·rowStride + l·colStride].
  const rowStride = transA ? 1 : k;
  const colStride = transA ? m : 1;
  if (!transB) {
    for (let j0 = 0; j0 < n; j0 += GEMM_COLUMNS) {
      const j1 = Math.min(n, j0 + GEMM_COLUMNS);
      for (let l0 = 0; l0 < k; l0 += GEMM_ROWS_OF_B) {
        const l1 = Math.min(k, l0 + GEMM_ROWS_OF_B);
        for (let i = 0; i < m; i++) {
          const ci = i * n;
          let l = l0;
          for (; l + 3 < l1; l += 4) {
            const p = i * rowStride + l * colStride;
            const s0 = alpha * a[p];
            const s1 = alpha * a[p + colStride];
            const s2 = alpha * a[p + 2 * colStride];
            const s3 = alpha * a[p + 3 * colStride];
            const b0 = l * n;
            const b1 = b0 + n;
            const b2 = b1 + n;
            const b3 = b2 + n;
            for (let j = j0; j < j1; j++) {
              c[ci + j] += s0 * b[b0 + j] + s1 * b[b1 + j] + s2 * b[b2 + j] + s3 * b[b3 + j];
            }
          }
          for (; l < l1; l++) {
            const s = alpha * a[i * rowStride + l * colStride];
            const bl = l * n;
            for (let j = j0; j < j1; j++) c[ci + j] += s * b[bl + j];
          }
        }
      }
    }
    return;
  }
  // B stored n×k: op(B)[l, j] = b[j·k + l].
  const block = Math.max(1, Math.floor(GEMM_TRANSPOSED_BLOCK / k));
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      for (let j = j0; j < j1; j++) {
        const bj = j * k;
        let s = 0;
        if (transA) {
          for (let l = 0; l < k; l++) s += a[l * m + i] * b[bj + l];
        } else {
          const ai = i * k;
          let l = 0;
          let s1 = 0;
          for (; l + 1 < k; l += 2) {
            s += a[ai + l] * b[bj + l];
            s1 += a[ai + l + 1] * b[bj + l + 1];
          }
          if (l < k) s += a[ai + l] * b[bj + l];
          s += s1;
        }
        c[ci + j] += alpha * s;
      }
    }
  }
}

/** The pure TypeScript implementation (linalg.ts). */
export const typescriptBackend: LinalgBackend = {
  name: "typescript",
  description: "TypeScript (Float64Array, linalg.ts)",
  cholesky(a, n, shift, out) {
    return choleskyShifted(a, n, { shift, out });
  },
  choleskyFrom(a, n, from) {
    return choleskyShifted(a, n, { from, out: a });
  },
  solveLower(l, n, b, m) {
    if (m === 1) solveLower(l, n, b, b);
    else solveLowerMatrix(l, n, b.subarray(0, n * m), b);
  },
  solveLowerTransposed(l, n, b, m) {
    if (m === 1) solveLowerTransposed(l, n, b, b);
    else solveLowerTransposedMatrix(l, n, b.subarray(0, n * m), b);
  },
  choleskyInverseLower(l, n, out) {
    choleskyInverseLower(l, n, out);
  },
  gemm: gemmTypescript,
};

/** What OpenBLAS loading gave, tried once per isolate. */
let openblasLoad: OpenblasLoad | undefined;
/** The backend in use; chosen on first use. */
let active: LinalgBackend | undefined;

function tryOpenblas(): OpenblasLoad {
  openblasLoad ??= loadOpenblas();
  return openblasLoad;
}

/**
 * The OpenBLAS backend, or why it cannot be used. `threadSafeOnly` (what
 * `auto` asks) refuses a sequential build, whose buffer pool takes no lock:
 * designer Workers calling it at the same time could corrupt each other's
 * results (Debian's libopenblas0-pthread is built with the lock; its
 * threads are limited to one per call unless OPENBLAS_NUM_THREADS says
 * otherwise, see linalg_openblas.ts).
 */
export function openblasBackend(
  options: { threadSafeOnly?: boolean } = {},
): { backend: LinalgBackend; reason?: undefined } | { backend?: undefined; reason: string } {
  const load = tryOpenblas();
  if (load.threadSafe) return { backend: load.threadSafe };
  if (load.sequential && !options.threadSafeOnly) return { backend: load.sequential };
  if (load.sequential) {
    return {
      reason: `only a sequential OpenBLAS build loaded (${load.sequentialPath}), which is not ` +
        `safe to call from several Workers at once; install a threaded build (Debian: ` +
        `libopenblas0-pthread) or set MINIMA_LINALG=openblas to use it anyway`,
    };
  }
  return { reason: load.reasons.join("; ") || "OpenBLAS not found" };
}

/** Parses a backend choice; throws a RangeError naming the allowed values. */
export function parseLinalgChoice(value: string): LinalgChoice {
  const v = value.trim().toLowerCase();
  if (v === "auto" || v === "typescript" || v === "openblas") return v;
  throw new RangeError(`MINIMA_LINALG must be auto, typescript or openblas, got "${value}"`);
}

/**
 * Makes `choice` the backend of this isolate and returns it: "auto" takes a
 * thread-safe OpenBLAS when one loads, TypeScript otherwise; "openblas"
 * throws (with the reason) when OpenBLAS cannot be loaded.
 */
export function selectLinalgBackend(choice: LinalgChoice): LinalgBackend {
  if (choice === "typescript") {
    active = typescriptBackend;
  } else if (choice === "openblas") {
    const found = openblasBackend();
    if (!found.backend) throw new Error(`OpenBLAS backend unavailable: ${found.reason}`);
    active = found.backend;
  } else {
    active = openblasBackend({ threadSafeOnly: true }).backend ?? typescriptBackend;
  }
  return active;
}

/** The backend in use, chosen from `MINIMA_LINALG` (default auto) on first use. */
export function linalgBackend(): LinalgBackend {
  return active ??
    selectLinalgBackend(parseLinalgChoice(readEnvironment("MINIMA_LINALG") ?? "auto"));
}

/** The name of the backend in use: "openblas" or "typescript". */
export function linalgBackendName(): LinalgBackendName {
  return linalgBackend().name;
}
