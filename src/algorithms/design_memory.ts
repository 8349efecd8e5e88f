/**
 * The memory budget of one designer call (issue 14, finding 1).
 *
 * A designer's working memory grows with the space, the trials it has seen
 * and what it is asked for, and it lives outside V8's heap limit (typed
 * arrays): one gp-bo suggestion over 1,000 categoricals of 32 values once
 * grew the process past 7 GB. So every call has a budget,
 * `MINIMA_DESIGN_MEMORY_BYTES` (default {@linkcode DEFAULT_DESIGN_MEMORY_BYTES}),
 * one concept used in two places:
 * - createStudy asks the algorithm (`AlgorithmDefinition.checkMemory`)
 *   whether its first calls fit, and refuses the study with a 422 naming
 *   the field to change when they cannot;
 * - the designer estimates each call before it allocates, sizes the blocks
 *   it scores points in from what is left, and throws
 *   {@linkcode DesignMemoryExceeded} when even the smallest block does not
 *   fit (the service answers a 422 naming `count` when a smaller count
 *   would fit, else a 409: the study has outgrown the budget).
 *
 * The algorithm's own estimate (e.g. gp_bo/memory.ts) counts the arrays it
 * allocates; the budget is per call, so a process may need up to the
 * budget times its designer workers (MINIMA_DESIGN_WORKERS) at once.
 *
 * @module
 */
import { readEnvironment } from "../math/linalg_openblas.ts";

/** The budget when `MINIMA_DESIGN_MEMORY_BYTES` is unset: 512 MiB. */
export const DEFAULT_DESIGN_MEMORY_BYTES = 512 * 1024 * 1024;

/**
 * The budget of one designer call, in bytes: `MINIMA_DESIGN_MEMORY_BYTES`
 * (checked at start by config.ts; read here because designers run in
 * workers too), or the default.
 */
export function designMemoryBudget(): number {
  const value = readEnvironment("MINIMA_DESIGN_MEMORY_BYTES");
  const bytes = value === undefined || value === "" ? NaN : Number(value);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : DEFAULT_DESIGN_MEMORY_BYTES;
}

/** Bytes in words: "1.5 GiB", "12.0 MiB". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** What a refused call or study says: the field to change and why. */
export interface MemoryRefusal {
  /** The request field that drives the need: "count", "algorithm.config.initialDesign", ... */
  field: string | null;
  /** A sentence for people, naming the need and the budget. */
  message: string;
}

/** The sentence of a refusal: what needs how much, against which budget. */
export function memoryMessage(what: string, bytes: number, budget: number, advice: string): string {
  return `${what} needs about ${formatBytes(bytes)}, over the design memory budget of ` +
    `${formatBytes(budget)} (MINIMA_DESIGN_MEMORY_BYTES): ${advice}`;
}

/**
 * Thrown by a designer call that cannot fit its budget, before it
 * allocates. Crosses the designer worker boundary as its fields (see
 * remote/serve.ts).
 */
export class DesignMemoryExceeded extends Error {
  override name = "DesignMemoryExceeded";
  /** The request field that would make it fit when smaller (null: none). */
  readonly field: string | null;

  constructor(refusal: MemoryRefusal) {
    super(refusal.message);
    this.field = refusal.field;
  }

  /** The fields that travel back from a worker. */
  toRefusal(): MemoryRefusal {
    return { field: this.field, message: this.message };
  }
}
