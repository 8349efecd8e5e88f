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

/** Descending by value (NaN last), ties by position: a total, deterministic order. */
function byValueDescending(values: ArrayLike<number>): number[] {
  const rank = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  return Array.from({ length: values.length }, (_, i) => i).sort((a, b) => {
    const va = rank(values[a]);
    const vb = rank(values[b]);
    return vb > va ? 1 : vb < va ? -1 : a - b;
  });
}

/** A scored point of the encoded space. */
export interface Scored {
  point: number[];
  value: number;
}

/** The acquisition at several encoded points. */
function scorer(
  model: GpModel,
  embedding: Embedding,
  options: Pick<AcquisitionOptions, "kind" | "best" | "beta">,
): (points: number[][]) => Float64Array {
  return (points) => {
    const { mean, variance } = predict(model, embedding.embed(points));
    const values = new Float64Array(points.length);
    for (let i = 0; i < points.length; i++) {
      values[i] = acquisitionScore(options, mean[i], Math.sqrt(variance[i])).value;
    }
    return values;
  };
}

/**
 * The point of the encoded space that maximises the acquisition, as far as
 * the search finds (see the module doc). It is snapped: decoding it gives
 * exactly the params it was scored for.
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

  const sobol = new SobolSequence(d, { scramble: true, seed: options.rng.nextUint32() });
  const candidates: number[][] = [];
  for (let i = 0; i < options.candidates; i++) candidates.push(embedding.snap(sobol.next()));
  const values = scoreAll(candidates);
  const pool: Scored[] = candidates.map((point, i) => ({ point, value: values[i] }));

  const starts: number[][] = [];
  const seen = new Set<string>();
  for (const i of byValueDescending(values)) {
    if (starts.length >= options.localStarts) break;
    const id = candidates[i].join(",");
    if (seen.has(id)) continue;
    seen.add(id);
    starts.push(candidates[i]);
  }
  for (const start of starts) pool.push(localSearch(model, embedding, options, start, scoreAll));

  const taken = options.taken;
  const order = byValueDescending(pool.map((s) => s.value));
  if (taken && taken.size > 0) {
    for (const i of order) if (!taken.has(embedding.key(pool[i].point))) return pool[i].point;
  }
  return pool[order[0]].point;
}

/**
 * From a snapped point: L-BFGS over the free coordinates with the
 * categoricals fixed, then the best single change of a categorical when it
 * helps, repeated; the end point snapped and scored (exported for tests).
 */
export function localSearch(
  model: GpModel,
  embedding: Embedding,
  options: Pick<AcquisitionOptions, "kind" | "best" | "beta">,
  start: number[],
  scoreAll: (points: number[][]) => Float64Array = scorer(model, embedding, options),
): Scored {
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
    const neighbours: number[][] = [];
    for (const j of embedding.categorical) {
      const c = embedding.coordinates[j];
      if (c.kind !== "categorical") continue;
      const current = embedding.category(j, x[j]);
      for (let k = 0; k < c.size; k++) {
        if (k === current) continue;
        const y = x.slice();
        y[j] = c.centres[k];
        neighbours.push(y);
      }
    }
    if (neighbours.length === 0) break;
    const scores = scoreAll(neighbours);
    const best = byValueDescending(scores)[0];
    if (!(scores[best] > value)) break;
    x = neighbours[best];
    value = scores[best];
  }
  const point = embedding.snap(x);
  return { point, value: scoreAll([point])[0] };
}
