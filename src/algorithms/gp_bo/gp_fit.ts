/**
 * Fitting GP hyperparameters by maximum a posteriori: minimise
 * −(log marginal likelihood + log priors) over
 * θ = (log ℓ_1..d, log s², log σn² (only when the noise is learned), m)
 * with projected L-BFGS ({@linkcode minimizeBounded}) and the analytic
 * gradient ∂LML/∂θ_p = ½·tr((ααᵀ − K⁻¹)·∂K/∂θ_p), ∂LML/∂m = Σα
 * (Rasmussen and Williams 2006, eq. 5.9), from the warm start, a default
 * start at the priors' modes, and random restarts; the best is kept.
 *
 * Priors (BoTorch): output scale Gamma(2, 0.15), noise Gamma(1.1, 0.05),
 * lengthscales Gamma(3, 6) ("legacy") or LogNormal(√2 + ½·ln d, √3)
 * ("dimension-scaled", Hvarfner et al. 2024). In θ = log p a Gamma(a, b)
 * (rate b) has log density a·θ − b·e^θ and a LogNormal(μ, σ) has
 * −(θ − μ)²/(2σ²), up to constants.
 *
 * Cost per evaluation: the factor, the solves and K⁻¹ (O(n³)) go through the
 * linear-algebra backend (src/math/linalg_backend.ts); the kernel matrix and
 * the gradient's contraction (O(n²·d)) are fused here so that each pair of
 * points costs one exp (kernels.ts's gramMatrix and contractGramGradient,
 * the reference the tests compare with, take three).
 *
 * @module
 */

import { logDetFromCholesky } from "../../math/linalg.ts";
import { linalgBackend } from "../../math/linalg_backend.ts";
import { minimizeBounded } from "../../math/lbfgsb.ts";
import type { Rng } from "../../math/rng.ts";
import type { KernelKind } from "./kernels.ts";
import {
  checkData,
  conditionStandardised,
  type GpHyperparameters,
  type GpModel,
  pointNoise,
  standardisation,
  standardisedNoise,
} from "./gp_predict.ts";

/** Whether the homoscedastic noise is a hyperparameter or held at `minNoise`. */
export type NoiseMode = "learned" | "fixed";
/** Which lengthscale prior. */
export type PriorKind = "legacy" | "dimension-scaled";

/** Options of {@linkcode fitGp}. */
export interface FitOptions {
  /** The covariance function. */
  kernel: KernelKind;
  /** Lengthscale prior: Gamma(3, 6) ("legacy") or LogNormal(√2 + ½·ln d, √3). */
  prior: PriorKind;
  /** Random starts of the optimiser besides the warm start and the default start. */
  restarts: number;
  /** Draws the random starts. */
  rng: Rng;
  /** A previous fit (standardised units), tried first; ignored if its d differs. */
  warmStart?: GpHyperparameters;
  /** Known per-point noise variances in original units (n), NaN where not known (learned noise). */
  noiseVariances?: Float64Array;
  /** Lower bound of the learned noise variance, standardised (default 1e-4). */
  minNoise?: number;
  /** Iteration limit per optimiser run (default 100). */
  maxIterations?: number;
  /** "learned" (default) or "fixed": the noise is then held at `minNoise`. */
  noiseMode?: NoiseMode;
}

const FAILED_VALUE = 1e10;
const LOG_2PI = Math.log(2 * Math.PI);
const OUTPUTSCALE_PRIOR = { a: 2, b: 0.15 };
const NOISE_PRIOR = { a: 1.1, b: 0.05 };
const LENGTHSCALE_GAMMA = { a: 3, b: 6 };
const LOGNORMAL_SIGMA = Math.sqrt(3);
/** Iterations each start gets before only the best one is continued. */
const SCREEN_ITERATIONS = 10;
/** Relative decrease of −log posterior per step below which a run stops. */
const FUNCTION_TOLERANCE = 1e-8;

/** The MAP objective of {@linkcode createFitObjective} with its box and layout. */
export interface FitObjective {
  /** −(LML + log priors) at θ; writes the gradient into `grad`. */
  evaluate(theta: Float64Array, grad: Float64Array): number;
  /** Lower bounds of θ. */
  lower: Float64Array;
  /** Upper bounds of θ. */
  upper: Float64Array;
  /** Hyperparameters from θ. */
  toHyper(theta: Float64Array): GpHyperparameters;
  /** θ from hyperparameters (clamped to the box). */
  fromHyper(hyper: GpHyperparameters): Float64Array;
}

const SQRT5 = Math.sqrt(5);

/**
 * The lower triangle of K = s²·k(X, X) + diag(noise) into `gram` (n×n,
 * row-major; the upper part is not touched) and its off-diagonal entries
 * again into `kept` (row by row: K_ik at i(i−1)/2 + k, k < i), with the
 * formulas of kernels.ts: r² = Σ_j ((x_ij − x_kj)/ℓ_j)², Matérn 5/2
 * (1 + √5r + 5r²/3)·e^(−√5r), RBF e^(−r²/2).
 */
function fillKernelMatrix(
  x: Float64Array,
  d: number,
  kernel: { kind: KernelKind; inv: Float64Array; s2: number; noise: number | Float64Array },
  gram: Float64Array,
  kept: Float64Array,
): void {
  const { inv, s2, noise } = kernel;
  const rbf = kernel.kind === "rbf";
  const n = x.length / d;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const xi = i * d;
    for (let k = 0; k < i; k++, p++) {
      const xk = k * d;
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = (x[xi + j] - x[xk + j]) * inv[j];
        r2 += t * t;
      }
      let value: number;
      if (rbf) {
        value = s2 * Math.exp(-0.5 * r2);
      } else {
        const r = Math.sqrt(r2);
        value = s2 * ((1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r));
      }
      gram[ri + k] = value;
      kept[p] = value;
    }
    gram[ri + i] = s2 + (typeof noise === "number" ? noise : noise[i]);
  }
}

/**
 * g_p = Σ_ik W_ik·∂K_ik/∂θ_p for θ = (log ℓ_1..d, log s²), as kernels.ts's
 * contractGramGradient, with W folded into its lower triangle (`weights`:
 * W_ik + W_ki below the diagonal, W_ii on it) and the kernel values `kept`
 * by {@linkcode fillKernelMatrix}: ∂K_ik/∂log s² = K_ik off the diagonal and
 * s² on it; ∂K_ik/∂log ℓ_j = f_ik·q_j with q_j = ((x_ij − x_kj)/ℓ_j)² and
 * f = s²·(5/3)(1 + √5r)·e^(−√5r) = K_ik·(5/3)(1 + √5r)/(1 + √5r + 5r²/3)
 * (Matérn 5/2), f = K_ik (RBF). Writes g into `out` (d + 1).
 */
function contractKernelGradient(
  x: Float64Array,
  d: number,
  kernel: { kind: KernelKind; inv: Float64Array; s2: number },
  weights: Float64Array,
  kept: Float64Array,
  out: { grad: Float64Array; q: Float64Array },
): void {
  const { inv, s2 } = kernel;
  const { grad, q } = out;
  const rbf = kernel.kind === "rbf";
  const n = x.length / d;
  grad.fill(0);
  let gScale = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const xi = i * d;
    gScale += weights[ri + i] * s2;
    for (let k = 0; k < i; k++, p++) {
      const xk = k * d;
      const w = weights[ri + k];
      const value = kept[p];
      gScale += w * value;
      let r2 = 0;
      for (let j = 0; j < d; j++) {
        const t = (x[xi + j] - x[xk + j]) * inv[j];
        q[j] = t * t;
        r2 += q[j];
      }
      let f = value;
      if (!rbf) {
        const r = Math.sqrt(r2);
        f = value * ((5 / 3) * (1 + SQRT5 * r) / (1 + SQRT5 * r + (5 / 3) * r2));
      }
      const wf = w * f;
      for (let j = 0; j < d; j++) grad[j] += wf * q[j];
    }
  }
  grad[d] = gScale;
}

/** Log density of Gamma(a, b) on p = e^θ in θ (up to a constant) and its derivative. */
function gammaLogPrior(theta: number, prior: { a: number; b: number }): [number, number] {
  const p = Math.exp(theta);
  return [prior.a * theta - prior.b * p, prior.a - prior.b * p];
}

/**
 * The negative log posterior of the hyperparameters for standardised
 * targets z (n) at inputs x (n × d); buffers are shared across evaluations.
 * Exported for tests and diagnostics.
 */
export function createFitObjective(
  x: Float64Array,
  z: Float64Array,
  options: Omit<FitOptions, "rng" | "restarts" | "warmStart"> & {
    d: number;
    noiseStd?: Float64Array;
  },
): FitObjective {
  const { d, kernel, noiseStd } = options;
  const n = checkData(x, z, d);
  const learned = (options.noiseMode ?? "learned") === "learned";
  const minNoise = options.minNoise ?? 1e-4;
  const p = d + (learned ? 3 : 2); // θ length
  const iNoise = learned ? d + 1 : -1;
  const iMean = p - 1;
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  for (let j = 0; j < d; j++) {
    lower[j] = Math.log(0.005);
    upper[j] = Math.log(20);
  }
  lower[d] = Math.log(0.05);
  upper[d] = Math.log(20);
  if (learned) {
    lower[iNoise] = Math.log(minNoise);
    upper[iNoise] = Math.max(Math.log(1), lower[iNoise]);
  }
  lower[iMean] = -3;
  upper[iMean] = 3;
  const logNormalMu = Math.SQRT2 + 0.5 * Math.log(d);

  const backend = linalgBackend(); // the factor, solves and inverse (O(n³))
  const gram = new Float64Array(n * n); // K, then L in place
  // Lower triangle of K⁻¹, then W = ααᵀ − K⁻¹ folded into the lower triangle
  // (2·W_ik below the diagonal, W_ii on it, zeros above): W and ∂K/∂θ are
  // symmetric, so Σ_ik W_ik·∂K_ik is unchanged and K⁻¹ is needed only once.
  const weights = new Float64Array(n * n);
  const kept = new Float64Array((n * (n - 1)) / 2); // K_ik, k < i, row by row
  const alpha = new Float64Array(n);
  const diag = noiseStd ? new Float64Array(n) : undefined;
  const inv = new Float64Array(d); // 1/ℓ_j
  const kernelGrad = { grad: new Float64Array(d + 1), q: new Float64Array(d) };

  function toHyper(theta: Float64Array): GpHyperparameters {
    return {
      logLengthscales: theta.slice(0, d),
      logOutputScale: theta[d],
      logNoise: learned ? theta[iNoise] : Math.log(minNoise),
      mean: theta[iMean],
    };
  }

  function fromHyper(hyper: GpHyperparameters): Float64Array {
    const theta = new Float64Array(p);
    theta.set(hyper.logLengthscales.subarray(0, d));
    theta[d] = hyper.logOutputScale;
    if (learned) theta[iNoise] = hyper.logNoise;
    theta[iMean] = hyper.mean;
    for (let k = 0; k < p; k++) {
      const v = Number.isFinite(theta[k]) ? theta[k] : 0.5 * (lower[k] + upper[k]);
      theta[k] = Math.min(upper[k], Math.max(lower[k], v));
    }
    return theta;
  }

  function logPrior(theta: Float64Array, grad: Float64Array): number {
    let value = 0;
    for (let j = 0; j < d; j++) {
      if (options.prior === "legacy") {
        const [v, g] = gammaLogPrior(theta[j], LENGTHSCALE_GAMMA);
        value += v;
        grad[j] = g;
      } else {
        const t = theta[j] - logNormalMu;
        value -= (t * t) / (2 * LOGNORMAL_SIGMA * LOGNORMAL_SIGMA);
        grad[j] = -t / (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA);
      }
    }
    const [vs, gs] = gammaLogPrior(theta[d], OUTPUTSCALE_PRIOR);
    value += vs;
    grad[d] = gs;
    if (learned) {
      const [vn, gn] = gammaLogPrior(theta[iNoise], NOISE_PRIOR);
      value += vn;
      grad[iNoise] = gn;
    }
    grad[iMean] = 0;
    return value;
  }

  function evaluate(theta: Float64Array, grad: Float64Array): number {
    for (let j = 0; j < d; j++) inv[j] = Math.exp(-theta[j]);
    const noise = learned ? Math.exp(theta[iNoise]) : minNoise;
    const mean = theta[iMean];
    if (diag && noiseStd) { for (let i = 0; i < n; i++) diag[i] = pointNoise(noise, noiseStd[i]); }
    const k = { kind: kernel, inv, s2: Math.exp(theta[d]), noise: diag ?? noise };
    fillKernelMatrix(x, d, k, gram, kept);
    if (!backend.cholesky(gram, n, 0, gram)) {
      grad.fill(0);
      return FAILED_VALUE;
    }
    for (let i = 0; i < n; i++) alpha[i] = z[i] - mean;
    let fit = 0;
    backend.solveLower(gram, n, alpha, 1);
    backend.solveLowerTransposed(gram, n, alpha, 1);
    for (let i = 0; i < n; i++) fit += (z[i] - mean) * alpha[i];
    const lml = -0.5 * fit - 0.5 * logDetFromCholesky(gram, n) - 0.5 * n * LOG_2PI;
    backend.choleskyInverseLower(gram, n, weights);
    let trace = 0; // tr(ααᵀ − K⁻¹) over the points with the learned noise
    let sumAlpha = 0;
    for (let i = 0; i < n; i++) {
      const ai = alpha[i];
      const row = i * n;
      for (let k = 0; k < i; k++) weights[row + k] = 2 * (ai * alpha[k] - weights[row + k]);
      const wii = ai * ai - weights[row + i];
      weights[row + i] = wii;
      weights.fill(0, row + i + 1, row + n);
      if (!noiseStd || Number.isNaN(noiseStd[i])) trace += wii;
      sumAlpha += ai;
    }
    contractKernelGradient(x, d, k, weights, kept, kernelGrad); // d + 1
    const prior = logPrior(theta, grad);
    for (let j = 0; j <= d; j++) grad[j] = -(0.5 * kernelGrad.grad[j] + grad[j]);
    if (learned) grad[iNoise] = -(0.5 * trace * noise + grad[iNoise]);
    grad[iMean] = -sumAlpha;
    const value = -(lml + prior);
    if (!Number.isFinite(value)) {
      grad.fill(0);
      return FAILED_VALUE;
    }
    return value;
  }

  return { evaluate, lower, upper, toHyper, fromHyper };
}

/** One projected L-BFGS run of the MAP objective from `start`. */
function runOptimiser(objective: FitObjective, start: Float64Array, maxIterations: number) {
  return minimizeBounded(objective.evaluate, start, {
    lower: objective.lower,
    upper: objective.upper,
    maxIterations,
    gradientTolerance: 1e-5,
    functionTolerance: FUNCTION_TOLERANCE,
  });
}

/** The default start: lengthscales at the prior's mode, s² = 1, noise 1e-2, mean 0. */
function defaultStart(d: number, prior: PriorKind): GpHyperparameters {
  // Modes in ℓ: (a − 1)/b for the Gamma, exp(μ − σ²) for the LogNormal.
  const lengthscale = prior === "legacy"
    ? (LENGTHSCALE_GAMMA.a - 1) / LENGTHSCALE_GAMMA.b
    : Math.exp(Math.SQRT2 + 0.5 * Math.log(d) - LOGNORMAL_SIGMA * LOGNORMAL_SIGMA);
  return {
    logLengthscales: new Float64Array(d).fill(Math.log(lengthscale)),
    logOutputScale: 0,
    logNoise: Math.log(1e-2),
    mean: 0,
  };
}

/**
 * Fits the GP hyperparameters by MAP (see the module doc) and returns the
 * model conditioned on the data with the best of them.
 *
 * @param x inputs, n × d row-major, in [0, 1]^d (n ≥ 1).
 * @param y targets (n), original units.
 * @throws {Error} only when even the jittered Cholesky of the best fit fails.
 */
export function fitGp(x: Float64Array, y: Float64Array, options: FitOptions): GpModel {
  const n = y.length;
  if (n < 1) throw new RangeError("fitGp needs at least one observation");
  const d = x.length / n;
  checkData(x, y, d);
  const scale = standardisation(y);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (y[i] - scale.yMean) / scale.yStd;
  const noiseStd = standardisedNoise(options.noiseVariances, n, scale.yStd);
  const objective = createFitObjective(x, z, { ...options, d, noiseStd });
  const { lower, upper } = objective;

  const starts: Float64Array[] = [];
  if (options.warmStart && options.warmStart.logLengthscales.length === d) {
    starts.push(objective.fromHyper(options.warmStart));
  }
  starts.push(objective.fromHyper(defaultStart(d, options.prior)));
  for (let r = 0; r < options.restarts; r++) {
    const theta = new Float64Array(lower.length);
    for (let k = 0; k < theta.length; k++) {
      theta[k] = lower[k] + (upper[k] - lower[k]) * options.rng.next();
    }
    starts.push(theta);
  }

  // Every start gets a short run; the best of them is then run to convergence
  // (each O(n³) evaluation is what costs, so the losers are dropped early).
  const maxIterations = options.maxIterations ?? 100;
  const screen = starts.length > 1 ? Math.min(SCREEN_ITERATIONS, maxIterations) : maxIterations;
  let best = starts[0];
  let bestValue = Infinity;
  let bestConverged = false;
  for (const start of starts) {
    const result = runOptimiser(objective, start, screen);
    if (result.value < bestValue) {
      bestValue = result.value;
      best = result.x;
      bestConverged = result.converged;
    }
  }
  if (!bestConverged && screen < maxIterations) {
    const result = runOptimiser(objective, best, maxIterations - screen);
    if (result.value < bestValue) best = result.x;
  }
  const hyper = objective.toHyper(best);
  return conditionStandardised(x, z, hyper, options.kernel, { ...scale, noiseStd });
}
