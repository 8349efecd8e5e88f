/**
 * "cbo": consensus-based optimisation (docs/algorithms.md §4; Pinnau, Totzeck,
 * Tse, Martin 2017; Carrillo et al. 2018; CBXpy `cbx/dynamics/cbo.py`).
 *
 * N particles per run move toward a consensus point, the average of the
 * particles weighted by exp(−α·loss) (computed in log-space), with noise that
 * scales with their distance to it; α grows by `alphaFactor` per step up to
 * `alphaMax`. Optional: random mini-batches of particles per step, resampling
 * when a run's consensus stalls, several independent runs.
 *
 * Through the service one step is one generation: the current positions of
 * every particle of every run (or of each run's mini-batch: only the batch is
 * evaluated) are handed out as trials tagged `{ g, r, i }` (generation, run,
 * particle). `suggest` hands out the generation's particles not yet out and
 * returns fewer, or none, once all are out: it never blocks and never invents
 * points. `update`:
 * - a value (or infeasible: energy +∞, weight 0) whose tag is this
 *   generation's records that particle's energy; the first report wins, and
 *   duplicates and reports of older generations leave the dynamics alone;
 * - every value or infeasible report, whatever its tag (none for a
 *   client-created trial), counts as an evaluation, and every value toward
 *   the best point ever seen;
 * - FAILED makes the particle available to hand out again (after
 *   `failuresBeforeInfeasible` failures in one step it counts as infeasible,
 *   so a point that always crashes cannot hold the study up forever);
 * - STALE does nothing: the service hands a stale trial's point out again
 *   itself, as a new trial with the same tag;
 * - once every particle of the generation has an energy, the step runs and
 *   the next generation begins.
 *
 * Box: designers work in the encoded unit cube, which the service decodes
 * (integers, steps and log scales by rounding). With `boundary: "project"`
 * (default) positions move freely, as in CBXpy (held within ±1e8 like CBXpy's
 * post-processing), and a particle outside the cube is evaluated at its
 * projection (each coordinate clamped to [0, 1]): the point handed out. The
 * consensus is the weighted mean of the evaluated points, so it is always in
 * the cube and every energy belongs to the point it weighs. `"clip"` puts the
 * positions themselves onto the faces after each step, `"reflect"` mirrors
 * them back in. Categorical parameters are not supported: `checkSpace`
 * refuses them and `create` throws.
 *
 * Every particle of a run infeasible: its consensus stays where the run's
 * last step put it (before the first step, the centre of the initial box),
 * so the particles are pulled back toward the last place that worked, and
 * the step (and α's growth) goes on.
 *
 * Defaults are CBXpy's (N = 20, dt = 0.01, α = 1 ×1.05 per step up to 1e5,
 * λ = 1, σ = 5.1, particles uniform in the space, no batches, no
 * resampling) except the noise, anisotropic here (isotropic in CBXpy): it is
 * the one that works in high dimension (docs/algorithms.md §4, and bench/cbo.ts
 * shows isotropic noise failing on 20-dimensional Rastrigin). Resampling
 * waits for `patience` recorded moves (CBXpy also fires on fewer) and then
 * starts counting afresh.
 *
 * Noise: each step draws four words from the study's seeded `Rng` to seed a
 * fast stream of normal deviates (`normals.ts`), so runs are deterministic
 * per seed and resume exactly from a saved state.
 *
 * State (`dump`, JSON, see `state.ts`): RNG, generation, α, positions
 * (M × N × d, run-major), batch and batch queue per run, per-particle phase
 * (ready / out / reported), failures and energies, per-run last consensus,
 * recent consensus moves and best energy, the best point ever and the count
 * of evaluations.
 *
 * @module
 */
import { Rng } from "../../math/rng.ts";
import type { Space } from "../../space/mod.ts";
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Recommendation,
  SuggestContext,
  Suggestion,
} from "../types.ts";
import { type CboConfig, CboConfigSchema } from "./config.ts";
import {
  applyBoundary,
  consensusPoint,
  evaluatedPoints,
  moveParticles,
  projectCoordinate,
} from "./dynamics.ts";
import { NormalStream } from "./normals.ts";
import { type CboState, OUT, READY, REPORTED, restoreState, saveState } from "./state.ts";

export { type CboConfig, CboConfigSchema } from "./config.ts";
export { cboStep, consensusPoint, moveParticles } from "./dynamics.ts";

/** The tag of a suggestion: generation, run and particle. */
export interface ParticleTag {
  g: number;
  r: number;
  i: number;
}

/** Why "cbo" cannot search a space, or null when it can. */
export function checkCboSpace(space: Space): string | null {
  const categorical = space.parameters.filter((p) => p.type === "categorical").map((p) => p.name);
  if (categorical.length === 0) return null;
  return `"cbo" searches continuous and integer parameters only; categorical parameters ` +
    `(${categorical.join(", ")}) are not supported: use gp-bo, random or sobol`;
}

/** The most particle coordinates (particles × runs × parameters) a study keeps. */
export const MAX_COORDINATES = 1_000_000;

/** The tag of a feedback if it names a particle (any generation), else null. */
function particleTag(tag: JsonValue): ParticleTag | null {
  if (typeof tag !== "object" || tag === null || Array.isArray(tag)) return null;
  const { g, r, i } = tag;
  if (!Number.isSafeInteger(g) || !Number.isSafeInteger(r) || !Number.isSafeInteger(i)) return null;
  return { g: g as number, r: r as number, i: i as number };
}

/** A Fisher–Yates shuffle of 0..n−1. */
function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = rng.int(k + 1);
    [p[k], p[j]] = [p[j], p[k]];
  }
  return p;
}

/** The designer of one "cbo" study. */
export class CboDesigner implements Designer {
  readonly #config: CboConfig;
  readonly #n: number;
  readonly #m: number;
  readonly #d: number;
  readonly #s: CboState;
  /** 0..N−1: the particles of a run without mini-batches. */
  readonly #all: readonly number[];
  /** Particles of this generation without an energy yet. */
  #missing = 0;

  constructor(options: CreateOptions<CboConfig>) {
    const reason = checkCboSpace(options.space);
    if (reason !== null) throw new Error(reason);
    this.#config = CboConfigSchema.parse(options.config);
    this.#n = this.#config.particles;
    this.#m = this.#config.runs;
    this.#d = options.space.dimension;
    if (this.#n * this.#m * this.#d > MAX_COORDINATES) {
      throw new Error(
        `particles × runs × parameters is ${this.#n * this.#m * this.#d}; at most ` +
          `${MAX_COORDINATES} are kept (the state is saved with every generation)`,
      );
    }
    this.#all = Array.from({ length: this.#n }, (_, k) => k);
    const batched = this.#config.batchSize !== undefined && this.#config.batchSize < this.#n;
    const shape = {
      runs: this.#m,
      particles: this.#n,
      dimension: this.#d,
      batchSize: batched ? this.#config.batchSize! : null,
    };
    this.#s = options.state === undefined
      ? this.#initialState(options.seed)
      : restoreState(options.state, shape);
    for (let r = 0; r < this.#m; r++) {
      for (const i of this.#members(r)) {
        if (this.#s.phase[r * this.#n + i] !== REPORTED) this.#missing++;
      }
    }
  }

  #initialState(seed: number): CboState {
    const { runs: m, particles: n } = this.#config;
    const d = this.#d;
    const { low, high } = this.#config.initialBox ?? { low: 0, high: 1 };
    const rng = Rng.fromSeed(seed);
    const positions = new Float64Array(m * n * d);
    for (let k = 0; k < positions.length; k++) positions[k] = low + (high - low) * rng.next();
    const batched = this.#config.batchSize !== undefined && this.#config.batchSize < n;
    const state: CboState = {
      rng,
      generation: 0,
      alpha: this.#config.alpha,
      positions,
      batch: batched ? Array.from({ length: m }, () => []) : null,
      queue: batched ? Array.from({ length: m }, () => []) : null,
      phase: new Uint8Array(m * n),
      failures: new Uint32Array(m * n),
      energies: new Float64Array(m * n).fill(Infinity),
      consensus: new Float64Array(m * d).fill((low + high) / 2),
      moves: Array.from({ length: m }, () => []),
      runBest: new Float64Array(m).fill(Infinity),
      best: null,
      evaluations: 0,
    };
    this.#drawBatches(state);
    return state;
  }

  /** Draws each run's next mini-batch (CBXpy: from a permutation, refreshed when spent). */
  #drawBatches(state: CboState): void {
    if (state.batch === null || state.queue === null) return;
    const size = this.#config.batchSize!;
    for (let r = 0; r < this.#m; r++) {
      if (state.queue[r].length < size) state.queue[r] = permutation(this.#n, state.rng);
      state.batch[r] = state.queue[r].slice(0, size).sort((a, b) => a - b);
      state.queue[r] = state.queue[r].slice(size);
    }
  }

  /** The particles of run r in this generation. */
  #members(r: number): readonly number[] {
    return this.#s.batch?.[r] ?? this.#all;
  }

  /** The point particle i of run r is evaluated at: its position projected onto the cube. */
  #evaluatedPoint(r: number, i: number): number[] {
    const base = (r * this.#n + i) * this.#d;
    const point = new Array<number>(this.#d);
    for (let j = 0; j < this.#d; j++) point[j] = projectCoordinate(this.#s.positions[base + j]);
    return point;
  }

  /** This generation's particles not yet out, up to `count` (pending trials are its own). */
  suggest(count: number, _ctx?: SuggestContext): Promise<Suggestion[]> {
    return new Promise((resolve) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`count must be a non-negative integer, got ${count}`);
      }
      const out: Suggestion[] = [];
      const g = this.#s.generation;
      for (let r = 0; r < this.#m && out.length < count; r++) {
        const members = this.#members(r);
        for (let k = 0; k < members.length && out.length < count; k++) {
          const i = members[k];
          if (this.#s.phase[r * this.#n + i] !== READY) continue;
          this.#s.phase[r * this.#n + i] = OUT;
          out.push({ point: this.#evaluatedPoint(r, i), tag: { g, r, i } });
        }
      }
      resolve(out);
    });
  }

  /** The index of this generation's particle a tag names, or −1. */
  #current(tag: JsonValue): number {
    const t = particleTag(tag);
    if (t === null || t.g !== this.#s.generation || t.r < 0 || t.r >= this.#m) return -1;
    if (t.i < 0 || t.i >= this.#n) return -1;
    const batch = this.#s.batch?.[t.r];
    if (batch !== undefined && !batch.includes(t.i)) return -1;
    return t.r * this.#n + t.i;
  }

  #record(k: number, energy: number): void {
    const s = this.#s;
    if (s.phase[k] === REPORTED) return; // the first report wins
    s.phase[k] = REPORTED;
    s.energies[k] = energy;
    const r = Math.floor(k / this.#n);
    if (energy < s.runBest[r]) s.runBest[r] = energy;
    if (--this.#missing === 0) this.#step();
  }

  update(feedback: Feedback[]): void {
    const s = this.#s;
    for (const f of feedback) {
      if (f.kind === "value" || f.kind === "infeasible") {
        s.evaluations++;
        // NaN counts as infeasible; −∞ as the lowest finite loss (JSON has no infinities).
        const energy = f.kind === "infeasible" || Number.isNaN(f.loss)
          ? Infinity
          : Math.max(f.loss, -Number.MAX_VALUE);
        if (energy < Infinity && (s.best === null || energy < s.best.loss)) {
          s.best = { loss: energy, point: f.point.slice() };
        }
        const k = this.#current(f.tag);
        if (k >= 0) this.#record(k, energy);
      } else if (f.kind === "failed" && f.cause === "FAILED") {
        const k = this.#current(f.tag);
        if (k < 0 || s.phase[k] !== OUT) continue;
        if (++s.failures[k] >= this.#config.failuresBeforeInfeasible) this.#record(k, Infinity);
        else s.phase[k] = READY;
      }
      // STALE: the service hands the point out again with the same tag.
    }
  }

  /** One CBO step of every run from this generation's energies, then the next generation. */
  #step(): void {
    const s = this.#s;
    const n = this.#n, d = this.#d;
    const c = this.#config;
    for (let r = 0; r < this.#m; r++) {
      const members = this.#members(r);
      const run = s.positions.subarray(r * n * d, (r + 1) * n * d);
      const points = evaluatedPoints(run, d, members);
      const energies = Float64Array.from(members, (i) => s.energies[r * n + i]);
      const previous = s.consensus.slice(r * d, (r + 1) * d);
      const consensus = consensusPoint(points, energies, {
        particles: members.length,
        dimension: d,
        alpha: s.alpha,
      }) ?? previous;
      const moved = c.batchPartial ? members : this.#all;
      moveParticles(run, consensus, {
        particles: n,
        dimension: d,
        lambda: c.lambda,
        sigma: c.sigma,
        dt: c.dt,
        noise: c.noise,
        rng: s.rng,
        indices: moved,
      });
      applyBoundary(run, c.boundary, d, moved);
      if (c.resampling !== undefined && s.generation > 0) {
        let squared = 0;
        for (let j = 0; j < d; j++) squared += (consensus[j] - previous[j]) ** 2;
        const moves = [...s.moves[r], Math.sqrt(squared)].slice(-c.resampling.patience);
        s.moves[r] = moves;
        if (moves.length === c.resampling.patience && Math.max(...moves) < c.resampling.threshold) {
          const spread = c.resampling.sigma * Math.sqrt(c.dt);
          const xi = new Float64Array(run.length);
          NormalStream.fromRng(s.rng).fill(xi);
          for (let k = 0; k < run.length; k++) run[k] += spread * xi[k];
          applyBoundary(run, c.boundary, d, this.#all);
          s.moves[r] = [];
        }
      }
      s.consensus.set(consensus, r * d);
    }
    s.alpha = Math.min(s.alpha * c.alphaFactor, c.alphaMax);
    s.generation++;
    s.phase.fill(READY);
    s.failures.fill(0);
    s.energies.fill(Infinity);
    this.#drawBatches(s);
    this.#missing = 0;
    for (let r = 0; r < this.#m; r++) this.#missing += this.#members(r).length;
  }

  /** Run r's consensus over the energies reported so far in this generation, or null. */
  #partialConsensus(r: number): Float64Array | null {
    const s = this.#s;
    const reported = this.#members(r).filter((i) => s.phase[r * this.#n + i] === REPORTED);
    const points = new Float64Array(reported.flatMap((i) => this.#evaluatedPoint(r, i)));
    const energies = Float64Array.from(reported, (i) => s.energies[r * this.#n + i]);
    return consensusPoint(points, energies, {
      particles: reported.length,
      dimension: this.#d,
      alpha: s.alpha,
    });
  }

  /**
   * The consensus of the run with the lowest energy seen (after its last step;
   * before the first step, over the energies reported so far), with the
   * generation, α, the best loss and point ever and the number of evaluations.
   */
  recommend(): Recommendation | null {
    const s = this.#s;
    let run = 0;
    for (let r = 1; r < this.#m; r++) if (s.runBest[r] < s.runBest[run]) run = r;
    const consensus = s.generation > 0
      ? s.consensus.subarray(run * this.#d, (run + 1) * this.#d)
      : this.#partialConsensus(run);
    if (consensus === null) return null;
    return {
      point: Array.from(consensus, projectCoordinate),
      details: {
        basis: s.generation > 0
          ? "consensus point of the last step"
          : "consensus of the particles reported so far (no step yet)",
        generation: s.generation,
        step: s.generation,
        alpha: s.alpha,
        run,
        bestLoss: s.best?.loss ?? null,
        evaluations: s.evaluations,
      },
      ...(s.best ? { points: { best: Array.from(s.best.point, projectCoordinate) } } : {}),
    };
  }

  dump(): JsonValue {
    return saveState(this.#s);
  }
}

/** Consensus-based optimisation. */
export const cboAlgorithm: AlgorithmDefinition<CboConfig> = {
  name: "cbo",
  description: "Consensus-based optimisation: particles drift toward a consensus point weighted " +
    "by exp(−α·loss), with noise; one generation of N trials per step. For many cheap, " +
    "parallel evaluations of a rugged objective; continuous and integer parameters only.",
  feedbackKinds: ["value", "infeasible", "failed"],
  learnsFromFeedback: true,
  configSchema: CboConfigSchema,
  checkSpace: checkCboSpace,
  create: (options) => new CboDesigner(options),
};
