/**
 * The state of a "cbo" designer: in memory (typed arrays) and as the JSON the
 * service saves between requests, with the checks that refuse a state
 * `dump` did not write.
 *
 * @module
 */
import { Buffer } from "node:buffer";
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

/**
 * The state as plain JSON (`v` 1): what `restoreState` checks, what `dump`
 * wrote before version 2, and what `plainState` turns a version-2 state
 * into. Non-finite numbers are written as null.
 */
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

/**
 * The state as `dump` writes it (`v` 2): version 1 with the per-particle
 * arrays packed as base64 of their little-endian bytes (positions and
 * energies float64, +∞ kept; phases uint8; failure counts uint32). A
 * generation of N = 1,000 particles in d = 100 is 100,000 numbers: packed,
 * the service parses and writes no JSON numbers for them, and PostgreSQL
 * stores one string instead of a jsonb array of numerics.
 */
export interface PackedState
  extends Omit<SavedState, "v" | "positions" | "phase" | "failures" | "energies"> {
  v: 2;
  positions: string;
  phase: string;
  failures: string;
  energies: string;
}

/** A typed array's bytes as base64 (the machine's byte order: little-endian everywhere we run). */
function pack(values: Float64Array | Uint8Array | Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64");
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The numbers a packed array holds, or null when it is not one of `bytes` per element. */
function unpack(
  text: unknown,
  kind: typeof Float64Array | typeof Uint8Array | typeof Uint32Array,
): number[] | null {
  // Strict: Buffer.from skips characters that are not base64 (a damaged state would restore).
  if (typeof text !== "string" || text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % kind.BYTES_PER_ELEMENT !== 0) return null;
  // Copied to an aligned buffer: the decoded bytes may start anywhere.
  const aligned = new Uint8Array(bytes.length);
  aligned.set(bytes);
  return plain(new kind(aligned.buffer));
}

/**
 * A saved state in its plain form (version 1). A packed (version 2) state is
 * unpacked; a malformed packed array becomes an empty one (then refused).
 */
export function plainState(json: JsonValue): SavedState {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return json as unknown as SavedState;
  }
  const s = json as unknown as PackedState | SavedState;
  if (s.v !== 2) return s as SavedState;
  const energies = unpack(s.energies, Float64Array);
  return {
    ...s,
    v: 1,
    positions: unpack(s.positions, Float64Array) ?? [],
    phase: unpack(s.phase, Uint8Array) ?? [],
    failures: unpack(s.failures, Uint32Array) ?? [],
    energies: energies?.map((e) => Number.isFinite(e) ? e : null) ?? [],
  };
}

/** A typed array as a plain array (a loop: `Array.from` iterates, several times slower). */
function plain<T = number>(values: ArrayLike<number>, map?: (x: number) => T): T[] {
  const out = new Array<T>(values.length);
  for (let k = 0; k < values.length; k++) out[k] = map ? map(values[k]) : values[k] as T;
  return out;
}

/** The state as the JSON `dump` returns (packed, version 2). */
export function saveState(state: CboState): JsonValue {
  const finiteOrNull = (x: number) => Number.isFinite(x) ? x : null;
  const saved: PackedState = {
    v: 2,
    rng: state.rng.state(),
    generation: state.generation,
    alpha: state.alpha,
    positions: pack(state.positions),
    batch: state.batch?.map((b) => b.slice()) ?? null,
    queue: state.queue?.map((q) => q.slice()) ?? null,
    phase: pack(state.phase),
    failures: pack(state.failures),
    // Energies of particles without a report are +∞ in memory: packed as they are.
    energies: pack(state.energies),
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
  const s = plainState(json) as Partial<SavedState>;
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
