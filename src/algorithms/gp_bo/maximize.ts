/**
 * Maximising the acquisition over the encoded space, whose points the GP
 * sees through an {@linkcode Embedding} (categoricals one-hot):
 *
 * 1. score a few thousand scrambled Sobol points of the encoded cube, each
 *    first snapped to the point the service would evaluate (integers, steps
 *    and categoricals at the centre of their cell), so the GP scores what
 *    will be evaluated;
 * 2. from the best few distinct ones, a local search that alternates bounded
 *    L-BFGS over the floats, integers and steps (relaxed to continuous
 *    coordinates, with the acquisition's analytic gradient) with the
 *    categoricals held fixed, and a sweep over every single change of one
 *    categorical to another value (the best of them is taken when it
 *    improves the acquisition), up to {@linkcode LOCAL_ROUNDS} times; its end
 *    point is snapped and scored again;
 * 3. the best scored point whose params are not in `taken` (evaluated,
 *    infeasible or pending trials, earlier points of the batch) wins; when
 *    every scored point is taken (a small discrete space used up), the best
 *    one is returned anyway.
 *
 * @module
 */
import { minimizeBounded } from "../../math/lbfgsb.ts";
import type { Rng } from "../../math/rng.ts";
import { SobolSequence } from "../../math/sobol.ts";
import { logExpectedImprovement, logExpectedImprovementWithGradient } from "./acquisition.ts";
import type { Embedding } from "./embed.ts";
import { type GpModel, predict, predictWithGradient } from "./gp.ts";
import { MAX_BLOCK_ROWS } from "./memory.ts";

/** Alternations of L-BFGS and the categorical sweep per local search. */
export const LOCAL_ROUNDS = 3;

/** Which acquisition, and how hard to search. */
export interface AcquisitionOptions {
  /** "logei": log expected improvement; "ucb": a lower confidence bound (minimising). */
  kind: "logei" | "ucb";
  /** The best (smallest) loss so far, for expected improvement. */
  best: number;
  /** β of the confidence bound: mean − √β·sd. */
  beta: number;
  /** Sobol points scored. */
  candidates: number;
  /** Local searches, from the best distinct candidates. */
  localStarts: number;
  rng: Rng;
  /** `Embedding.key`s of points not to return unless nothing else is left. */
  taken?: ReadonlySet<string>;
  /** Points scored at once (memory.ts sizes it to the budget; default MAX_BLOCK_ROWS). */
  blockRows?: number;
}

/** The acquisition to maximise and its gradient (with respect to mean and sd). */
export function acquisitionScore(
  options: Pick<AcquisitionOptions, "kind" | "best" | "beta">,
  mean: number,
  sd: number,
): { value: number; dMean: number; dSd: number } {
  if (options.kind === "ucb") {
    const root = Math.sqrt(options.beta);
    return { value: -(mean - root * sd), dMean: -1, dSd: root };
  }
  if (!(sd > 0)) return { value: logExpectedImprovement(mean, 0, options.best), dMean: 0, dSd: 0 };
  return logExpectedImprovementWithGradient(mean, sd, options.best);
}

/** Ranks NaN below every number, so that it sorts last. */
function rank(v: number): number {
  return Number.isNaN(v) ? -Infinity : v;
}

/** A scored point of the encoded space. */
export interface Scored {
  point: number[];
  value: number;
}

/** The acquisition at several encoded points, scored `rows` at a time. */
function scorer(
  model: GpModel,
  embedding: Embedding,
  options: Pick<AcquisitionOptions, "kind" | "best" | "beta" | "blockRows">,
): (points: number[][]) => Float64Array {
  const rows = Math.max(1, options.blockRows ?? MAX_BLOCK_ROWS);
  return (points) => {
    const values = new Float64Array(points.length);
    for (let from = 0; from < points.length; from += rows) {
      const block = points.length <= rows ? points : points.slice(from, from + rows);
      const { mean, variance } = predict(model, embedding.embed(block));
      for (let i = 0; i < block.length; i++) {
        values[from + i] = acquisitionScore(options, mean[i], Math.sqrt(variance[i])).value;
      }
    }
    return values;
  };
}

/**
 * The best points seen, in the order of a sort by value descending (NaN
 * last), ties by the order they were offered: offered one at a time, so
 * that no list of every point is kept. `limit` distinct points (by their
 * coordinates) are kept; the best one whose `free` says so is kept besides.
 */
class Best {
  readonly top: Scored[] = [];
  /** The best point offered whatever `free` says, and the best `free` one. */
  first: Scored | null = null;
  firstFree: Scored | null = null;
  readonly #ids: string[] = [];
  readonly #limit: number;
  readonly #free: ((point: number[]) => boolean) | null;

  constructor(limit: number, free: ((point: number[]) => boolean) | null) {
    this.#limit = limit;
    this.#free = free;
  }

  offer(s: Scored): void {
    const r = rank(s.value);
    if (this.first === null || r > rank(this.first.value)) this.first = s;
    if (this.#free && (this.firstFree === null || r > rank(this.firstFree.value))) {
      if (this.#free(s.point)) this.firstFree = s;
    }
    if (this.#limit === 0) return;
    // Not above the last kept: not above an earlier copy of itself either.
    if (this.top.length >= this.#limit && !(r > rank(this.top.at(-1)!.value))) return;
    const id = s.point.join(",");
    const at = this.#ids.indexOf(id);
    if (at >= 0) {
      // The same point again: it replaces its earlier copy only if it scored higher.
      if (!(r > rank(this.top[at].value))) return;
      this.top.splice(at, 1);
      this.#ids.splice(at, 1);
    }
    let i = this.top.length;
    while (i > 0 && r > rank(this.top[i - 1].value)) i--;
    this.top.splice(i, 0, s);
    this.#ids.splice(i, 0, id);
    if (this.top.length > this.#limit) {
      this.top.pop();
      this.#ids.pop();
    }
  }
}

/**
 * The point of the encoded space that maximises the acquisition, as far as
 * the search finds (see the module doc). It is snapped: decoding it gives
 * exactly the params it was scored for. Candidates are drawn, scored and
 * forgotten `blockRows` at a time: only the best few are kept.
 */
export function maximizeAcquisition(
  model: GpModel,
  embedding: Embedding,
  options: AcquisitionOptions,
): number[] {
  const d = embedding.dimension;
  const w = embedding.width;
  if (model.d !== w) throw new RangeError(`the model has ${model.d} inputs, the embedding ${w}`);
  const scoreAll = scorer(model, embedding, options);
  const rows = Math.max(1, options.blockRows ?? MAX_BLOCK_ROWS);
  const taken = options.taken && options.taken.size > 0 ? options.taken : null;
  const free = taken ? (point: number[]) => !taken.has(embedding.key(point)) : null;

  const sobol = new SobolSequence(d, { scramble: true, seed: options.rng.nextUint32() });
  const best = new Best(options.localStarts, free);
  for (let from = 0; from < options.candidates; from += rows) {
    const block: number[][] = [];
    for (let i = from; i < Math.min(options.candidates, from + rows); i++) {
      block.push(embedding.snap(sobol.next()));
    }
    const values = scoreAll(block);
    block.forEach((point, i) => best.offer({ point, value: values[i] }));
  }
  // Local searches come after every candidate, as they did in one list.
  const found = new Best(0, free);
  if (best.first) found.offer(best.first);
  if (best.firstFree) found.firstFree = best.firstFree;
  for (const start of best.top.map((s) => s.point)) {
    found.offer(localSearch(model, embedding, options, start, scoreAll));
  }
  const chosen = (taken ? found.firstFree : null) ?? found.first;
  if (!chosen) throw new RangeError("no candidate to choose from");
  return chosen.point;
}

/**
 * From a snapped point: L-BFGS over the free coordinates with the
 * categoricals fixed, then the best single change of a categorical when it
 * helps, repeated; the end point snapped and scored (exported for tests).
 */
export function localSearch(
  model: GpModel,
  embedding: Embedding,
  options: Pick<AcquisitionOptions, "kind" | "best" | "beta" | "blockRows">,
  start: number[],
  scoreAll: (points: number[][]) => Float64Array = scorer(model, embedding, options),
): Scored {
  const rows = Math.max(1, options.blockRows ?? MAX_BLOCK_ROWS);
  const free = embedding.free;
  const columns = free.map((j) => embedding.coordinates[j].column);
  const lower = new Float64Array(free.length);
  const upper = new Float64Array(free.length).fill(1);
  const input = new Float64Array(embedding.width);
  let x = start.slice();
  let value = scoreAll([x])[0];
  for (let round = 0; round < LOCAL_ROUNDS; round++) {
    if (free.length > 0) {
      embedding.embedInto(x, input); // categorical columns stay as they are
      const result = minimizeBounded(
        (z, grad) => {
          for (let t = 0; t < free.length; t++) input[columns[t]] = z[t];
          const p = predictWithGradient(model, input);
          const s = acquisitionScore(options, p.mean, p.sd);
          for (let t = 0; t < free.length; t++) {
            grad[t] = -(s.dMean * p.dMean[columns[t]] + s.dSd * p.dSd[columns[t]]);
          }
          return -s.value;
        },
        Float64Array.from(free, (j) => x[j]),
        { lower, upper, maxIterations: 50 },
      );
      if (Number.isFinite(result.value) && -result.value > value) {
        value = -result.value;
        x = x.slice();
        free.forEach((j, t) => (x[j] = Math.min(1, Math.max(0, result.x[t]))));
      }
    }
    // Every single change of one categorical, scored a block at a time; the first best wins.
    let bestNeighbour: Scored | null = null;
    let block: number[][] = [];
    const flush = () => {
      const scores = scoreAll(block);
      block.forEach((point, i) => {
        if (bestNeighbour === null || rank(scores[i]) > rank(bestNeighbour.value)) {
          bestNeighbour = { point, value: scores[i] };
        }
      });
      block = [];
    };
    for (const j of embedding.categorical) {
      const c = embedding.coordinates[j];
      if (c.kind !== "categorical") continue;
      const current = embedding.category(j, x[j]);
      for (let k = 0; k < c.size; k++) {
        if (k === current) continue;
        const y = x.slice();
        y[j] = c.centres[k];
        block.push(y);
        if (block.length >= rows) flush();
      }
    }
    if (block.length > 0) flush();
    const move = bestNeighbour as Scored | null;
    if (move === null) break;
    if (!(move.value > value)) break;
    x = move.point;
    value = move.value;
  }
  const point = embedding.snap(x);
  return { point, value: scoreAll([point])[0] };
}
