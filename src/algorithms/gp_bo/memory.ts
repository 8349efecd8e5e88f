/**
 * What one "gp-bo" call allocates, estimated before it allocates, against
 * the design memory budget (../design_memory.ts).
 *
 * With d parameters, w GP input columns (the embedding's width, at most
 * max(d, MAX_EMBEDDING_WIDTH): embed.ts) and N = results + infeasible
 * points + pending points + points asked for (fantasies included), a call
 * holds, in bytes:
 * - the points as numbers, in the state, its copy and its JSON:
 *   about 40·N·d;
 * - the GP's inputs, embedded (the fit's and the fantasies'): 16·N·w;
 * - the kernel matrices: the fit's K, its weights and kept entries (2.5·N²
 *   numbers) and the conditioned factor with its cached matrix (2·N²):
 *   36·N²;
 * - the optimisers' vectors over the hyperparameters and local search:
 *   about 256·(w + 3);
 * and, per point scored at once, its coordinates (8·d), its GP input row
 * (8·w), its column of the cross-covariance (8·N) and its mean, variance
 * and score. Points are scored in blocks (maximize.ts) of as many rows as
 * fit in what the rest leaves, from {@linkcode MIN_BLOCK_ROWS} up to
 * {@linkcode MAX_BLOCK_ROWS} and {@linkcode MAX_BLOCK_BYTES}, so `candidates` and the categorical sweep of
 * local search cost time, not memory. A call whose fixed part and smallest
 * block do not fit is refused before it allocates.
 *
 * @module
 */
import type { Space } from "../../space/mod.ts";
import { DesignMemoryExceeded, memoryMessage, type MemoryRefusal } from "../design_memory.ts";
import { Embedding } from "./embed.ts";

/** The fewest points scored at once: a call that cannot afford this many is refused. */
export const MIN_BLOCK_ROWS = 64;
/**
 * The most points scored at once (the default 2,048 candidates are one
 * block, as they were before blocks).
 */
export const MAX_BLOCK_ROWS = 4096;
/**
 * The most bytes a block of points may take, whatever the budget leaves:
 * what a block allocates is garbage once it is scored, and V8 collects it
 * later the larger it is (wide spaces: 1,000 coordinates a point make
 * blocks of about 1,000 points).
 */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024;

/** The shape of the GP's inputs: d coordinates, w columns. */
export interface GpBoShape {
  dimension: number;
  width: number;
}

/** What a call works on. */
export interface GpBoCall {
  /** Results and infeasible points the GP is conditioned on. */
  trials: number;
  /** Points handed out and not reported (fantasies). */
  pending: number;
  /** Points asked for (each but the last becomes a fantasy). */
  count: number;
}

/** A call's estimated bytes: its fixed part and its cost per point scored at once. */
export interface GpBoMemory {
  fixed: number;
  perRow: number;
}

/** The estimate of the module doc. */
export function gpBoMemory(shape: GpBoShape, call: GpBoCall): GpBoMemory {
  const d = Math.max(1, shape.dimension);
  const w = Math.max(1, shape.width);
  const n = call.trials + call.pending + call.count;
  return {
    fixed: 40 * n * d + 16 * n * w + 36 * n * n + 256 * (w + 3),
    perRow: 8 * (d + w + n) + 64,
  };
}

/** Points to score at once within `budget`; 0 when not even MIN_BLOCK_ROWS fit. */
export function blockRows(memory: GpBoMemory, budget: number): number {
  const rows = Math.floor((budget - memory.fixed) / memory.perRow);
  if (rows < MIN_BLOCK_ROWS) return 0;
  const cap = Math.max(MIN_BLOCK_ROWS, Math.floor(MAX_BLOCK_BYTES / memory.perRow));
  return Math.min(MAX_BLOCK_ROWS, cap, rows);
}

/** The least bytes a call needs: its fixed part and the smallest block. */
function need(shape: GpBoShape, call: GpBoCall): number {
  const m = gpBoMemory(shape, call);
  return m.fixed + MIN_BLOCK_ROWS * m.perRow;
}

/** The largest value of `f`'s argument in [lo, hi] that fits (lo − 1 when none does). */
function largestFitting(lo: number, hi: number, fits: (x: number) => boolean): number {
  if (!fits(lo)) return lo - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The points to score at once in this call, or a {@linkcode DesignMemoryExceeded}
 * naming `count` when fewer points would fit, else the study's size.
 */
export function checkGpBoCall(shape: GpBoShape, call: GpBoCall, budget: number): number {
  const rows = blockRows(gpBoMemory(shape, call), budget);
  if (rows > 0) return rows;
  const bytes = need(shape, call);
  const most = largestFitting(1, call.count, (count) => need(shape, { ...call, count }) <= budget);
  if (most >= 1) {
    throw new DesignMemoryExceeded({
      field: "count",
      message: memoryMessage(
        `a gp-bo suggestion of ${call.count} points over ${call.trials} results and ` +
          `${call.pending} pending trials`,
        bytes,
        budget,
        `ask for at most ${most} at once`,
      ),
    });
  }
  throw new DesignMemoryExceeded({
    field: null,
    message: memoryMessage(
      `a gp-bo model of ${call.trials} results and ${call.pending} pending trials over ` +
        `${shape.dimension} parameters (${shape.width} GP inputs)`,
      bytes,
      budget,
      "the study has outgrown it; raise the budget or continue in a new study",
    ),
  });
}

/**
 * Why a new study's first GP calls cannot fit `budget` (null: they fit):
 * the first GP suggestion, over `initialDesign` results (one point asked
 * for), and any call at all, over two results.
 */
export function checkGpBoStudy(
  space: Space,
  config: { initialDesign?: number; categoricals: "one-hot" | "index"; maxOneHot: number },
  budget: number,
): MemoryRefusal | null {
  const embedding = new Embedding(space, config);
  const shape = { dimension: embedding.dimension, width: embedding.width };
  const call = (trials: number) => ({ trials, pending: 0, count: 1 });
  if (need(shape, call(2)) > budget) {
    return {
      field: "space.parameters",
      message: memoryMessage(
        `gp-bo over ${shape.dimension} parameters (${shape.width} GP inputs)`,
        need(shape, call(2)),
        budget,
        "use fewer parameters or values, or another algorithm",
      ),
    };
  }
  const initial = config.initialDesign ?? Math.max(5, 2 * space.dimension);
  if (need(shape, call(initial)) <= budget) return null;
  const most = largestFitting(2, initial, (n) => need(shape, call(n)) <= budget);
  return {
    field: "algorithm.config.initialDesign",
    message: memoryMessage(
      `the first gp-bo suggestion, over ${initial} initial results,`,
      need(shape, call(initial)),
      budget,
      `set initialDesign to at most ${most}`,
    ),
  };
}
