/**
 * The state of a "cbo" designer: in memory (typed arrays) and as the JSON the
 * service saves between requests, with the checks that refuse a state
 * `dump` did not write.
 *
 * @module
 */
import { Rng } from "../../math/rng.ts";
import type { JsonValue } from "../types.ts";

/** A particle waiting to be handed out in the current generation. */
export const READY = 0;
/** A particle handed out, its energy not yet in. */
export const OUT = 1;
/** A particle whose energy is in (+∞ when infeasible). */
export const REPORTED = 2;

/** The sizes a state must have: runs M, particles per run N, dimension d, mini-batch size. */
export interface StateShape {
  runs: number;
  particles: number;
  dimension: number;
  /** Particles per run and step; null without mini-batches. */
  batchSize: number | null;
}

/** The best point ever reported (any trial of the study), encoded. */
export interface BestEver {
  loss: number;
  point: number[];
}

/** The live state. Per-particle arrays are run-major: particle i of run r at r·N + i. */
export interface CboState {
  rng: Rng;
  /** The current generation = the number of steps done. */
  generation: number;
  /** α of the next step. */
  alpha: number;
  /** M × N × d positions in encoded units (may leave [0, 1] with boundary "project"). */
  positions: Float64Array;
  /** Per run, the particles of this generation in ascending order; null: all of them. */
  batch: number[][] | null;
  /** Per run, the particles not yet drawn into a batch in this round; null without batches. */
  queue: number[][] | null;
  /** M × N: READY, OUT or REPORTED (meaningful for this generation's particles). */
  phase: Uint8Array;
  /** M × N: FAILED reports in this generation. */
  failures: Uint32Array;
  /** M × N: the energies reported in this generation (+∞: infeasible). */
  energies: Float64Array;
  /** M × d: each run's consensus at its last step (before the first: the initial box's centre). */
  consensus: Float64Array;
  /** Per run, the consensus moves of the last steps (for resampling), oldest first. */
  moves: number[][];
  /** Per run, the lowest energy its particles reported (+∞: none yet). */
  runBest: Float64Array;
  best: BestEver | null;
  /** Every value or infeasible report received, tagged or not, duplicates included. */
  evaluations: number;
}

/** The state as JSON: `v` 1. Non-finite numbers are written as null. */
export interface SavedState {
  v: 1;
  rng: number[];
  generation: number;
  alpha: number;
  positions: number[];
  batch: number[][] | null;
  queue: number[][] | null;
  phase: number[];
  failures: number[];
  /** Reported energies; null for +∞ and for particles without a report. */
  energies: (number | null)[];
  consensus: number[];
  moves: number[][];
  runBest: (number | null)[];
  best: BestEver | null;
  evaluations: number;
}

/** A typed array as a plain array (a loop: `Array.from` iterates, several times slower). */
function plain<T = number>(values: ArrayLike<number>, map?: (x: number) => T): T[] {
  const out = new Array<T>(values.length);
  for (let k = 0; k < values.length; k++) out[k] = map ? map(values[k]) : values[k] as T;
  return out;
}

/** The state as the JSON `dump` returns. */
export function saveState(state: CboState): JsonValue {
  const finiteOrNull = (x: number) => Number.isFinite(x) ? x : null;
  const saved: SavedState = {
    v: 1,
    rng: state.rng.state(),
    generation: state.generation,
    alpha: state.alpha,
    positions: plain(state.positions),
    batch: state.batch?.map((b) => b.slice()) ?? null,
    queue: state.queue?.map((q) => q.slice()) ?? null,
    phase: plain(state.phase),
    failures: plain(state.failures),
    energies: plain(state.energies, finiteOrNull),
    consensus: plain(state.consensus),
    moves: state.moves.map((m) => m.slice()),
    runBest: plain(state.runBest, finiteOrNull),
    best: state.best === null ? null : { loss: state.best.loss, point: state.best.point.slice() },
    evaluations: state.evaluations,
  };
  return saved as unknown as JsonValue;
}

/** Throws the error every malformed state gets. */
function corrupt(why: string): never {
  throw new Error(`corrupt "cbo" state: ${why}`);
}

function isNumberArray(x: unknown, length: number, finite = true): x is number[] {
  return Array.isArray(x) && x.length === length &&
    x.every((v) => typeof v === "number" && (!finite || Number.isFinite(v)));
}

function isIndexList(x: unknown, particles: number): x is number[] {
  return Array.isArray(x) && new Set(x).size === x.length &&
    x.every((i) => Number.isInteger(i) && i >= 0 && i < particles);
}

/**
 * The live state a saved one holds.
 *
 * @throws {Error} when `json` is not a state `saveState` wrote for this shape.
 */
export function restoreState(json: JsonValue, shape: StateShape): CboState {
  const { runs: m, particles: n, dimension: d, batchSize } = shape;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    corrupt(`expected an object, got ${JSON.stringify(json)?.slice(0, 100)}`);
  }
  const s = json as Partial<SavedState>;
  if (s.v !== 1) corrupt(`unknown version ${JSON.stringify(s.v)}`);
  if (!Number.isSafeInteger(s.generation) || s.generation! < 0) corrupt("bad generation");
  if (typeof s.alpha !== "number" || !(s.alpha > 0)) corrupt("bad alpha");
  if (!isNumberArray(s.positions, m * n * d)) corrupt(`positions must be ${m}×${n}×${d} numbers`);
  if (!isNumberArray(s.phase, m * n) || !s.phase.every((p) => p === 0 || p === 1 || p === 2)) {
    corrupt("bad phases");
  }
  if (
    !isNumberArray(s.failures, m * n) || !s.failures.every((f) => Number.isInteger(f) && f >= 0)
  ) {
    corrupt("bad failure counts");
  }
  const nullable = (x: unknown, length: number) =>
    Array.isArray(x) && x.length === length &&
    x.every((v) => v === null || (typeof v === "number" && Number.isFinite(v)));
  if (!nullable(s.energies, m * n)) corrupt("bad energies");
  if (!nullable(s.runBest, m)) corrupt("bad per-run bests");
  if (!isNumberArray(s.consensus, m * d)) corrupt("bad consensus");
  if (
    !Array.isArray(s.moves) || s.moves.length !== m ||
    !s.moves.every((x) => isNumberArray(x, x?.length))
  ) {
    corrupt("bad consensus moves");
  }
  const lists = (x: unknown) =>
    x === null || (Array.isArray(x) && x.length === m && x.every((l) => isIndexList(l, n)));
  if (!lists(s.batch) || !lists(s.queue) || (s.batch === null) !== (s.queue === null)) {
    corrupt("bad batches");
  }
  if (
    batchSize === null
      ? s.batch !== null
      : !Array.isArray(s.batch) || s.batch.some((b) => b.length !== batchSize)
  ) corrupt(`the batches do not match a batch size of ${batchSize ?? "all particles"}`);
  const best = s.best;
  if (
    best !== null &&
    (typeof best !== "object" || typeof best.loss !== "number" || !Number.isFinite(best.loss) ||
      !isNumberArray(best.point, d))
  ) corrupt("bad best point");
  if (!Number.isSafeInteger(s.evaluations) || s.evaluations! < 0) corrupt("bad evaluations");
  let rng: Rng;
  try {
    rng = Rng.restore(s.rng);
  } catch (error) {
    corrupt((error as Error).message);
  }
  const orInfinity = (v: number | null) => v ?? Infinity;
  return {
    rng,
    generation: s.generation!,
    alpha: s.alpha,
    positions: Float64Array.from(s.positions),
    batch: s.batch?.map((b) => b.slice()) ?? null,
    queue: s.queue?.map((q) => q.slice()) ?? null,
    phase: Uint8Array.from(s.phase),
    failures: Uint32Array.from(s.failures),
    energies: Float64Array.from(s.energies as (number | null)[], orInfinity),
    consensus: Float64Array.from(s.consensus),
    moves: s.moves.map((x) => x.slice()),
    runBest: Float64Array.from(s.runBest as (number | null)[], orInfinity),
    best: best === null || best === undefined
      ? null
      : { loss: best.loss, point: best.point.slice() },
    evaluations: s.evaluations!,
  };
}
