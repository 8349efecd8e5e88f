/**
 * Cholesky factors of matrices that grow by rows: a small per-isolate cache
 * that, asked for the factor of a symmetric matrix over n points after it
 * factored the same kind of matrix over the first n₀ of them, computes only
 * the new rows. This is how a GP keeps its factor between requests while
 * its hyperparameters are kept (each request restores the designer from its
 * saved state, so the factor cannot travel in the state).
 *
 * The result is bit for bit what factoring from scratch gives, so seeded runs
 * stay deterministic whatever the cache holds:
 * - a backend with `choleskyFrom` (TypeScript, row by row) resumes its own
 *   factorisation at row n₀ — each row of a Cholesky–Banachiewicz factor
 *   depends only on the rows above it;
 * - any other backend (OpenBLAS's blocked `dpotrf` is not row-local) gets
 *   the matrix itself cached and extended by its new rows, and factors it
 *   afresh, which saves the O(n²·d) kernel evaluations but not the O(n³)
 *   factorisation.
 * A factor that needed jitter is not resumed: the jitter schedule depends on
 * the whole matrix.
 *
 * @module
 */

import { choleskyWithJitter, type JitteredFactor } from "./linalg.ts";
import type { LinalgBackend } from "./linalg_backend.ts";

/** A symmetric matrix whose entry (i, j) depends only on points i and j and on `key`. */
export interface GrowableMatrix {
  /**
   * Everything the entries depend on besides the points (e.g. kernel and
   * hyperparameters, written exactly). Matrices with equal keys and equal
   * leading points have equal leading blocks. null: not to be cached (e.g.
   * entries that depend on something per point that changes between calls).
   */
  key: string | null;
  /** The points, n × d row-major. */
  points: Float64Array;
  /** Coordinates per point (d ≥ 1). */
  d: number;
  /**
   * Writes the lower triangle (diagonal included) of rows [from, n) into
   * `out` (n×n, stride n), bit for bit as a fill from row 0 would.
   */
  fillRows(from: number, out: Float64Array): void;
}

/** The factor, with how many of its rows were taken from the cache. */
export interface CachedFactor extends JitteredFactor {
  /** Rows reused from an earlier factorisation or matrix (0 on a miss). */
  reused: number;
}

interface Entry {
  key: string;
  backend: string;
  points: Float64Array;
  n: number;
  /** The factor (kind "factor") or the matrix (kind "matrix"), stride n. */
  kind: "factor" | "matrix";
  data: Float64Array;
}

/** Options of {@linkcode FactorCache}. */
export interface FactorCacheOptions {
  /** Most entries kept (default 4). */
  entries?: number;
  /** Most numbers kept over all entries (default 2²², 32 MiB). */
  maxNumbers?: number;
}

/** The leading n₀×n₀ block of `from` (stride n₀) into rows 0..n₀−1 of `to` (stride n). */
function copyLeadingBlock(from: Float64Array, n0: number, to: Float64Array, n: number): void {
  for (let i = 0; i < n0; i++) to.set(from.subarray(i * n0, i * n0 + i + 1), i * n);
}

/** Whether the first `count` numbers of `a` and `b` are equal. */
function samePrefix(a: Float64Array, b: Float64Array, count: number): boolean {
  if (a.length < count || b.length < count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A cache of factors (or matrices) of growing symmetric matrices; see the module doc. */
export class FactorCache {
  readonly #entries: Entry[] = [];
  readonly #maxEntries: number;
  readonly #maxNumbers: number;

  /** An empty cache. */
  constructor(options: FactorCacheOptions = {}) {
    this.#maxEntries = options.entries ?? 4;
    this.#maxNumbers = options.maxNumbers ?? 2 ** 22;
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.length = 0;
  }

  /** The entry with the longest matching prefix of points, if any. */
  #lookup(
    backend: LinalgBackend,
    key: string,
    matrix: GrowableMatrix,
    n: number,
  ): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.#entries) {
      if (e.key !== key || e.backend !== backend.name || e.n > n || e.n === 0) continue;
      if (best && best.n >= e.n) continue;
      if (samePrefix(e.points, matrix.points, e.n * matrix.d)) best = e;
    }
    return best;
  }

  #store(entry: Entry): void {
    const size = entry.data.length + entry.points.length;
    if (size > this.#maxNumbers || this.#maxEntries < 1) return;
    this.#entries.unshift(entry);
    let total = 0;
    for (let i = 0; i < this.#entries.length; i++) {
      total += this.#entries[i].data.length + this.#entries[i].points.length;
      if (i >= this.#maxEntries || total > this.#maxNumbers) {
        this.#entries.length = i;
        break;
      }
    }
  }

  /**
   * The Cholesky factor of the matrix (with the jitter schedule of
   * `choleskyWithJitter`), through `backend`, reusing what the cache holds.
   *
   * @throws {Error} when even the jittered factorisation fails.
   */
  factor(backend: LinalgBackend, matrix: GrowableMatrix): CachedFactor {
    const { points, d } = matrix;
    const n = points.length / d;
    if (!Number.isInteger(n)) throw new RangeError(`points.length is not a multiple of d = ${d}`);
    const factorize = (a: Float64Array, size: number, shift: number, out: Float64Array) =>
      backend.cholesky(a, size, shift, out);
    const key = matrix.key;
    const hit = key === null ? undefined : this.#lookup(backend, key, matrix, n);
    const keep = (kind: Entry["kind"], data: Float64Array) =>
      key !== null && this.#store({
        key,
        backend: backend.name,
        points: points.slice(0, n * d),
        n,
        kind,
        data,
      });

    if (hit?.kind === "factor" && backend.choleskyFrom) {
      const factor = new Float64Array(n * n);
      copyLeadingBlock(hit.data, hit.n, factor, n);
      matrix.fillRows(hit.n, factor);
      if (backend.choleskyFrom(factor, n, hit.n)) {
        keep("factor", factor);
        return { factor, jitter: 0, reused: hit.n };
      }
      // Not positive definite without jitter: factor from scratch, as a miss would.
    }
    const gram = new Float64Array(n * n);
    let reused = 0;
    if (hit?.kind === "matrix") {
      copyLeadingBlock(hit.data, hit.n, gram, n);
      matrix.fillRows(hit.n, gram);
      reused = hit.n;
    } else {
      matrix.fillRows(0, gram);
    }
    const result = choleskyWithJitter(gram, n, { factorize });
    if (backend.choleskyFrom) {
      if (result.jitter === 0) keep("factor", result.factor);
    } else {
      keep("matrix", gram);
    }
    return { ...result, reused };
  }
}
