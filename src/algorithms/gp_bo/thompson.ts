/**
 * Large batches for "gp-bo": Thompson sampling on a candidate set, so that
 * the time of a suggestion stays bounded whatever `count` is.
 *
 * Why: the sequential batch (mod.ts) maximises the acquisition once per
 * point and conditions the GP on a fantasy after each. Scoring a candidate's
 * variance costs O(n²) (a triangular solve against the n × n factor), so a
 * batch of q points over n results costs about q · candidates · (n + q)²:
 * `count: 1000` on a study of 1,000 trials took minutes (issue 14). Past a
 * budget of that work ({@linkcode prefersThompson}) the batch is drawn
 * instead as BoTorch's `MaxPosteriorSampling` and Vizier's parallel Thompson
 * sampling do: each point of the batch is the minimiser, over one shared
 * candidate set, of its own sample of the GP posterior. Posterior samples
 * differ, so the points are spread out without fantasies.
 *
 * The samples are pathwise (Wilson et al., "Efficiently sampling functions
 * from Gaussian process posteriors", ICML 2020, "Matheron's rule"): a prior
 * sample from random Fourier features, f(·) = φ(·)ᵀw with w ~ N(0, I), is
 * moved onto the data by f(·) + k(·, X)·K⁻¹(z − m − f(X) − ε), ε ~ N(0, Σ)
 * the observation noise. With the factor of K that the model already holds,
 * a sample costs O(n² + N·(n + features)) instead of the O(N³) of a joint
 * draw on N candidates; they are drawn in blocks with matrix products.
 * Features: Matérn-5/2's spectral density is a multivariate Student t with
 * 5 degrees of freedom (ω = z/ℓ · √(5/u), z ~ N(0, I), u ~ χ²₅), RBF's a
 * normal (ω = z/ℓ) (Rahimi and Recht, "Random features for large-scale
 * kernel machines", 2007).
 *
 * Candidates: half scrambled Sobol points of the whole space, half
 * perturbations of the best observed points (TuRBO-like: each coordinate
 * moved with probability min(1, 20/d) by N(0, 0.1²)), each snapped to the
 * point the service would evaluate. A candidate whose params are taken
 * (evaluated, infeasible, pending, earlier in the batch) is passed over;
 * when every candidate is taken the best one is returned anyway, as
 * maximize.ts does.
 *
 * @module
 */
import { linalgBackend } from "../../math/linalg_backend.ts";
import type { Rng } from "../../math/rng.ts";
import { SobolSequence } from "../../math/sobol.ts";
import type { Embedding } from "./embed.ts";
import type { GpModel } from "./gp.ts";
import { kernelHyperparameters, pointNoise } from "./gp_predict.ts";
import { crossCovariance } from "./kernels.ts";

/**
 * The most sequential work (Σ over the batch's points of (n + i)², n the
 * points the GP is conditioned on) a batch is drawn sequentially for: about
 * 5 s of one core at n = 1,000 (two points), 130 points at n = 100. Small
 * batches, and every batch of a small study, keep the sequential strategy
 * and its seeded results.
 */
export const SEQUENTIAL_WORK = 2.5e6;
/** Random Fourier features of a prior sample. */
export const FEATURES = 512;
/** Posterior samples drawn together (one block of matrix products). */
const BLOCK = 32;
/** The most candidates; and the most entries of k(candidates, X) kept at once (32 MB). */
const MAX_CANDIDATES = 4096;
const MAX_CROSS = 4_000_000;
/** Observed points whose neighbourhoods are sampled (the best by loss). */
const INCUMBENTS = 10;

/** Σ_{i < count} (n + i)²: the sequential batch's work, in units of one O(n²) scoring. */
export function sequentialWork(n: number, count: number): number {
  let work = 0;
  for (let i = 0; i < count; i++) work += (n + i) ** 2;
  return work;
}

/** Whether a batch of `count` over `n` conditioned points is drawn by Thompson sampling. */
/**
 * The most bytes a Thompson batch allocates besides the model, over `n`
 * results with GP inputs `width` wide: its buffers are capped above
 * (MAX_CROSS, MAX_CANDIDATES), so this bounds them whatever `count` is.
 */
export function thompsonBytes(n: number, width: number): number {
  return 8 * (MAX_CROSS + n * (FEATURES + BLOCK) + MAX_CANDIDATES * (FEATURES + width + BLOCK));
}

export function prefersThompson(n: number, count: number): boolean {
  return count > 1 && sequentialWork(n, count) > SEQUENTIAL_WORK;
}

/** What {@linkcode thompsonBatch} needs besides the model. */
export interface ThompsonOptions {
  /** Points wanted. */
  count: number;
  /** The configured candidate count (raised to 2·count, within the caps above). */
  candidates: number;
  rng: Rng;
  /** `Embedding.key`s not to suggest; the batch's points are added. */
  taken: Set<string>;
  /** Observed points (encoded) with their losses: the best are perturbed. */
  observed: { x: number[][]; y: number[] };
  /** Checked between blocks: aborted, the batch stops (an error). */
  signal: AbortSignal;
  /** Awaited between blocks: lets a scheduler give others a turn (see SuggestContext). */
  pause?: () => Promise<void>;
}

/** The candidate set: Sobol points and perturbed incumbents, snapped. */
function candidateSet(embedding: Embedding, size: number, options: ThompsonOptions): number[][] {
  const d = embedding.dimension;
  const rng = options.rng;
  const sobol = new SobolSequence(Math.max(1, d), { scramble: true, seed: rng.nextUint32() });
  const { x, y } = options.observed;
  const best = Array.from(y.keys()).sort((a, b) => y[a] - y[b] || a - b).slice(0, INCUMBENTS);
  const out: number[][] = [];
  const perturbed = best.length === 0 ? 0 : Math.floor(size / 2);
  for (let i = 0; i < size - perturbed; i++) out.push(embedding.snap(sobol.next()));
  const p = Math.min(1, 20 / d);
  for (let i = 0; i < perturbed; i++) {
    const point = x[best[i % best.length]].slice();
    let moved = false;
    for (let j = 0; j < d; j++) {
      if (rng.next() >= p) continue;
      point[j] = Math.min(1, Math.max(0, point[j] + 0.1 * rng.normal()));
      moved = true;
    }
    if (!moved) {
      const j = rng.int(d);
      point[j] = Math.min(1, Math.max(0, point[j] + 0.1 * rng.normal()));
    }
    out.push(embedding.snap(point));
  }
  return out;
}

/** Random Fourier features of the model's kernel: frequencies (features × w) and phases. */
function fourierFeatures(model: GpModel, rng: Rng): { omega: Float64Array; phase: Float64Array } {
  const w = model.d;
  const omega = new Float64Array(FEATURES * w);
  const phase = new Float64Array(FEATURES);
  for (let f = 0; f < FEATURES; f++) {
    let scale = 1;
    if (model.kernel === "matern52") {
      let chi2 = 0;
      for (let k = 0; k < 5; k++) chi2 += rng.normal() ** 2;
      scale = Math.sqrt(5 / chi2);
    }
    for (let j = 0; j < w; j++) {
      omega[f * w + j] = rng.normal() * scale * Math.exp(-model.hyper.logLengthscales[j]);
    }
    phase[f] = 2 * Math.PI * rng.next();
  }
  return { omega, phase };
}

/** φ(points) (rows × features): √(2s²/F)·cos(ωᵀx + b). */
function featureMatrix(
  points: Float64Array,
  rows: number,
  model: GpModel,
  features: { omega: Float64Array; phase: Float64Array },
): Float64Array {
  const out = new Float64Array(rows * FEATURES);
  linalgBackend().gemm(false, true, rows, FEATURES, model.d, 1, points, features.omega, 0, out);
  const amplitude = Math.sqrt(2 * Math.exp(model.hyper.logOutputScale) / FEATURES);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < FEATURES; f++) {
      const at = i * FEATURES + f;
      out[at] = amplitude * Math.cos(out[at] + features.phase[f]);
    }
  }
  return out;
}

/**
 * `options.count` points (encoded, snapped), each the minimiser over one
 * candidate set of a posterior sample of the GP (see the module doc).
 */
export async function thompsonBatch(
  model: GpModel,
  embedding: Embedding,
  options: ThompsonOptions,
): Promise<number[][]> {
  const { count, rng, taken } = options;
  const n = model.n;
  const backend = linalgBackend();
  const size = Math.max(
    256,
    Math.min(Math.max(options.candidates, 2 * count), MAX_CANDIDATES, Math.floor(MAX_CROSS / n)),
  );
  const candidates = candidateSet(embedding, size, options);
  const cx = embedding.embed(candidates);
  // Candidates sharing params share a key: one is used, all are.
  const keys = candidates.map((c) => embedding.key(c));
  const byKey = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const used = new Uint8Array(size);
  keys.forEach((k, i) => (used[i] = taken.has(k) ? 1 : 0));

  const features = fourierFeatures(model, rng);
  const phiX = featureMatrix(model.x, n, model, features);
  const phiC = featureMatrix(cx, size, model, features);
  const cross = crossCovariance(cx, model.x, kernelHyperparameters(model.kernel, model.hyper));
  const noiseSd = new Float64Array(n);
  const learned = Math.exp(model.hyper.logNoise);
  for (let i = 0; i < n; i++) {
    noiseSd[i] = Math.sqrt(pointNoise(learned, model.noiseVariances?.[i] ?? NaN) + model.jitter);
  }

  const out: number[][] = [];
  const weights = new Float64Array(FEATURES * BLOCK);
  const residual = new Float64Array(n * BLOCK);
  const samples = new Float64Array(size * BLOCK);
  while (out.length < count) {
    if (options.signal.aborted) throw new Error("suggestion cancelled");
    const b = Math.min(BLOCK, count - out.length);
    for (let i = 0; i < FEATURES * b; i++) weights[i] = rng.normal();
    // The prior samples at the data, f(X) = φ(X)·W (n × b), then R = z − m − f(X) − ε.
    backend.gemm(false, false, n, b, FEATURES, 1, phiX, weights, 0, residual);
    for (let i = 0; i < n; i++) {
      const target = model.yStandardised[i] - model.hyper.mean;
      for (let s = 0; s < b; s++) {
        const at = i * b + s;
        residual[at] = target - residual[at] - noiseSd[i] * rng.normal();
      }
    }
    // V = K⁻¹R; the samples at the candidates, φ(C)·W + k(C, X)·V (the mean m left out).
    backend.solveLower(model.factor, n, residual, b);
    backend.solveLowerTransposed(model.factor, n, residual, b);
    backend.gemm(false, false, size, b, FEATURES, 1, phiC, weights, 0, samples);
    backend.gemm(false, false, size, b, n, 1, cross, residual, 1, samples);
    for (let s = 0; s < b; s++) {
      let pick = -1;
      let fallback = 0;
      for (let i = 0; i < size; i++) {
        const v = samples[i * b + s];
        if (v < samples[fallback * b + s]) fallback = i;
        if (!used[i] && (pick < 0 || v < samples[pick * b + s])) pick = i;
      }
      const chosen = pick < 0 ? fallback : pick;
      out.push(candidates[chosen]);
      taken.add(keys[chosen]);
      for (const i of byKey.get(keys[chosen])!) used[i] = 1;
    }
    await options.pause?.();
  }
  return out;
}
