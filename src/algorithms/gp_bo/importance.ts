/**
 * Parameter importance of a study: permutation importance on a Gaussian
 * process fitted to its completed trials (the dashboard's "importance" view,
 * GET /v1/studies/{id}/importance).
 *
 * Why this method: the study's own model class (gp-bo's GP, fitted with the
 * same MAP code, embedding and priors, reused from this folder rather than a
 * second model written for the dashboard) already separates relevant from
 * irrelevant parameters through its ARD lengthscales; permutation importance
 * turns that into a number per *parameter* (a categorical spans several GP
 * columns; it is permuted as one encoded coordinate) in the units a person
 * reads: how much of the value's variance the model loses when the
 * parameter's column is shuffled. fANOVA would need a tree ensemble; a
 * permutation test on the GP needs only predictions.
 *
 * Method: the first metric's values y of the completed trials (at most
 * `maxTrials`, a seeded subsample beyond that, which bounds the cost: one
 * O(n³) fit and `repeats`·d O(n²·d) predictions); the GP fitted on the
 * embedded encoded params; for each parameter j and each of `repeats`
 * shuffles of its coordinate, the mean squared error of the GP's posterior
 * mean against y. importance_j = (mean MSE over shuffles − MSE unshuffled) /
 * var(y), floored at 0: about 1 when the parameter explains everything, 0
 * when it explains nothing. It is measured on the points the GP was fitted
 * on (in-sample), so a model that interpolates noise inflates every
 * parameter alike; the learned noise term keeps that small. Validated in
 * importance_test.ts on f(x) = 10·x0 + x1 + 0·x2, where the order is known.
 *
 * Pure: no I/O, deterministic for a given seed.
 *
 * @module
 */
import { Rng } from "../../math/rng.ts";
import type { Params, Space } from "../../space/mod.ts";
import { Embedding } from "./embed.ts";
import { fitGp, predict } from "./gp.ts";

/** A completed trial as the importance sees it: its params and its first metric's value. */
export interface Observation {
  params: Params;
  value: number;
}

/** Options of {@linkcode permutationImportance}. */
export interface ImportanceOptions {
  /** At most this many trials are used (a seeded subsample beyond; default 200). */
  maxTrials?: number;
  /** Shuffles per parameter (default 5). */
  repeats?: number;
  /** Seeds the subsample, the fit's restarts and the shuffles (default 0). */
  seed?: number;
}

/** One parameter's importance. */
export interface ParameterImportance {
  name: string;
  /** The fraction of var(y) lost when the parameter is shuffled (≥ 0). */
  importance: number;
  /** The standard deviation of that fraction over the shuffles. */
  sd: number;
}

/** The result of {@linkcode permutationImportance}. */
export interface ImportanceResult {
  method: "gp-permutation";
  /** Trials the GP was fitted on. */
  trials: number;
  /** R² of the GP's posterior mean on those trials (how much there is to explain away). */
  r2: number;
  /** One entry per parameter, in the space's order. */
  parameters: ParameterImportance[];
}

/** The fewest observations the GP is fitted on; below, there is no importance. */
export const MIN_TRIALS = 4;

/**
 * Permutation importance of `space`'s parameters for `observations` (see the
 * module doc). Throws a RangeError with fewer than {@linkcode MIN_TRIALS}.
 */
export function permutationImportance(
  space: Space,
  observations: readonly Observation[],
  options: ImportanceOptions = {},
): ImportanceResult {
  const maxTrials = options.maxTrials ?? 200;
  const repeats = options.repeats ?? 5;
  const rng = Rng.fromSeed(options.seed ?? 0);
  const usable = observations.filter((o) => Number.isFinite(o.value));
  if (usable.length < MIN_TRIALS) {
    throw new RangeError(`importance needs at least ${MIN_TRIALS} completed trials`);
  }
  const chosen = subsample(usable, maxTrials, rng);
  const n = chosen.length;
  const encoded = chosen.map((o) => space.encode(o.params));
  const y = Float64Array.from(chosen, (o) => o.value);
  const embedding = new Embedding(space);
  const model = fitGp(embedding.embed(encoded), y, {
    kernel: "matern52",
    prior: "dimension-scaled",
    restarts: 2,
    rng,
  });
  const mse = (points: number[][]) => {
    const { mean } = predict(model, embedding.embed(points));
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (mean[i] - y[i]) ** 2;
    return sum / n;
  };
  let yMean = 0;
  for (const v of y) yMean += v / n;
  let variance = 0;
  for (const v of y) variance += (v - yMean) ** 2 / n;
  const base = mse(encoded);
  const parameters = space.parameters.map((p, j) => {
    if (variance === 0) return { name: p.name, importance: 0, sd: 0 };
    const losses: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const column = shuffle(encoded.map((u) => u[j]), rng);
      losses.push((mse(encoded.map((u, i) => replaced(u, j, column[i]))) - base) / variance);
    }
    const mean = losses.reduce((a, b) => a + b, 0) / repeats;
    const sd = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / repeats);
    return { name: p.name, importance: Math.max(0, mean), sd };
  });
  return {
    method: "gp-permutation",
    trials: n,
    r2: variance === 0 ? 1 : 1 - base / variance,
    parameters,
  };
}

/** `u` with coordinate j set to v. */
function replaced(u: number[], j: number, v: number): number[] {
  const out = u.slice();
  out[j] = v;
  return out;
}

/** A uniformly shuffled copy (Fisher–Yates). */
function shuffle<T>(items: T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    [out[i], out[k]] = [out[k], out[i]];
  }
  return out;
}

/** At most `max` of `items`, chosen uniformly without replacement, in their order. */
function subsample<T>(items: readonly T[], max: number, rng: Rng): T[] {
  if (items.length <= max) return items.slice();
  const indices = shuffle(items.map((_, i) => i), rng).slice(0, max).sort((a, b) => a - b);
  return indices.map((i) => items[i]);
}
