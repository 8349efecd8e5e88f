/**
 * SSO and gradient descent played end to end on a classification data set,
 * in one process: the "client" holds the labels and computes the softmax
 * cross-entropy and its gradient G in target space; SSO's outer step sends
 * G and takes m inner steps (inner.ts); gradient descent steps along the
 * same loss's gradient in θ, J(θ)ᵀG. Both spend one gradient call per
 * (mini)batch, so runs compare at equal numbers of gradient calls. Used by
 * the tests (inner_test.ts, tests/sso_iris_test.ts) and bench/sso.ts.
 *
 * Minibatches come from seeded epochs (a permutation of the rows per epoch,
 * `Rng.fromSeed(seed)`, the last short batch of an epoch dropped), the same
 * for every method and step size given the seed.
 *
 * @module
 */

import { Rng } from "../../math/rng.ts";
import { type ArmijoOptions, type FixedStep, innerSteps } from "./inner.ts";
import { softmaxCrossEntropy } from "./losses.ts";
import type { SsoModel } from "./models.ts";

/** A labelled data set, inputs rows×inputs row-major, labels in [0, classes). */
export interface Dataset {
  X: Float64Array;
  rows: number;
  inputs: number;
  labels: Int32Array;
  classes: number;
}

/** How a run draws its batches. */
export interface RunSchedule {
  /** Gradient calls (outer steps), ≥ 1. */
  gradientCalls: number;
  /** Rows per batch; the full batch when absent or ≥ rows. */
  batchSize?: number;
  /** Seed of the minibatch order. Default 0. */
  seed?: number;
}

/** A run's iterate and full training loss after each gradient call (index 0: at the start). */
export interface RunTrace {
  theta: Float64Array;
  losses: number[];
  /** Inner steps taken in all (SSO), or gradient steps (GD). */
  innerSteps: number;
}

/** Each column scaled to mean 0 and (population) standard deviation 1; constant columns to 0. */
export function standardize(x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = Float64Array.from(x);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += out[r * cols + j];
    mean /= rows;
    let variance = 0;
    for (let r = 0; r < rows; r++) variance += (out[r * cols + j] - mean) ** 2;
    const sd = Math.sqrt(variance / rows);
    for (let r = 0; r < rows; r++) {
      out[r * cols + j] = sd > 0 ? (out[r * cols + j] - mean) / sd : 0;
    }
  }
  return out;
}

/** The row indices of each of `calls` batches (see the module doc). */
export function batchSchedule(rows: number, schedule: RunSchedule): Int32Array[] {
  const { gradientCalls } = schedule;
  if (!Number.isInteger(gradientCalls) || gradientCalls < 1) {
    throw new RangeError(`gradientCalls must be ≥ 1, got ${gradientCalls}`);
  }
  const size = Math.min(rows, schedule.batchSize ?? rows);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad batch size ${size}`);
  if (size === rows) {
    const all = Int32Array.from({ length: rows }, (_, i) => i);
    return Array.from({ length: gradientCalls }, () => all);
  }
  const rng = Rng.fromSeed(schedule.seed ?? 0);
  const batches: Int32Array[] = [];
  while (batches.length < gradientCalls) {
    const order = Int32Array.from({ length: rows }, (_, i) => i);
    for (let i = rows - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let s = 0; s + size <= rows && batches.length < gradientCalls; s += size) {
      batches.push(order.subarray(s, s + size));
    }
  }
  return batches;
}

/** The batch's inputs and labels. */
function gather(data: Dataset, rows: Int32Array): { X: Float64Array; labels: Int32Array } {
  if (rows.length === data.rows) return { X: data.X, labels: data.labels };
  const p = data.inputs;
  const X = new Float64Array(rows.length * p);
  const labels = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    X.set(data.X.subarray(r * p, (r + 1) * p), i * p);
    labels[i] = data.labels[r];
  });
  return { X, labels };
}

/** Mean cross-entropy over the whole data set (NaN and overflow read as +∞). */
export async function trainingLoss(
  model: SsoModel,
  data: Dataset,
  theta: Float64Array,
): Promise<number> {
  const z = await model.forward(theta, data.X, data.rows);
  if (!z.every(Number.isFinite)) return Infinity;
  const { loss } = softmaxCrossEntropy(z, data.labels, data.rows, data.classes);
  return Number.isFinite(loss) ? loss : Infinity;
}

/** SSO's settings for a run. */
export interface SsoRunOptions extends RunSchedule {
  /** η as a multiple of the batch's rows (η = etaPerRow·b; see docs/algorithms.md). */
  etaPerRow: number;
  m: number;
  l2?: number;
  lineSearch?: ArmijoOptions | FixedStep;
}

/** SSO from θ₀: per gradient call, the client's G at z_t = f(θ; X_batch), then m inner steps. */
export async function runSso(
  model: SsoModel,
  data: Dataset,
  theta0: Float64Array,
  options: SsoRunOptions,
): Promise<RunTrace> {
  let theta: Float64Array = theta0.slice();
  const losses = [await trainingLoss(model, data, theta)];
  let steps = 0;
  for (const batch of batchSchedule(data.rows, options)) {
    const { X, labels } = gather(data, batch);
    const rows = batch.length;
    const zt = await model.forward(theta, X, rows);
    const { grad } = softmaxCrossEntropy(zt, labels, rows, data.classes);
    const result = await innerSteps({
      model,
      theta,
      X,
      rows,
      zt,
      G: grad,
      eta: options.etaPerRow * rows,
      m: options.m,
      l2: options.l2,
      lineSearch: options.lineSearch,
    });
    theta = result.theta;
    steps += result.steps.length;
    losses.push(await trainingLoss(model, data, theta));
  }
  return { theta, losses, innerSteps: steps };
}

/** Gradient descent (SGD on minibatches) from θ₀ with a constant learning rate. */
export async function runGd(
  model: SsoModel,
  data: Dataset,
  theta0: Float64Array,
  options: RunSchedule & { lr: number; l2?: number },
): Promise<RunTrace> {
  const theta = theta0.slice();
  const l2 = options.l2 ?? 0;
  const losses = [await trainingLoss(model, data, theta)];
  for (const batch of batchSchedule(data.rows, options)) {
    const { X, labels } = gather(data, batch);
    const rows = batch.length;
    const z = await model.forward(theta, X, rows);
    const { grad } = softmaxCrossEntropy(z, labels, rows, data.classes);
    const g = await model.vjp(theta, X, rows, grad);
    for (let k = 0; k < theta.length; k++) theta[k] -= options.lr * (g[k] + l2 * theta[k]);
    losses.push(await trainingLoss(model, data, theta));
  }
  return { theta, losses, innerSteps: options.gradientCalls };
}
