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

/** The operations the GP's O(n³) and O(n²m) work goes through. */
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
