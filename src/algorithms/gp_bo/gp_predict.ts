/**
 * The Gaussian process posterior for fixed hyperparameters: conditioning on
 * data ({@linkcode conditionGp}), the predictive mean and latent variance at
 * query points ({@linkcode predict}), their gradients in the query point
 * ({@linkcode predictWithGradient}) and the log marginal likelihood.
 *
 * Units: the model works on standardised targets z = (y − yMean)/yStd; the
 * hyperparameters (output scale, noise, constant mean) are in those units,
 * and predictions are mapped back to the original units of y. With
 * K = k(X, X) + diag(σ_i²), σ_i² the known noise variance of point i where the client gave one
 * (standardised, NaN where not) and the learned noise otherwise,
 * L the Cholesky factor of K and α = K⁻¹(z − m):
 * mean(x) = m + k(x, X)·α and var(x) = k(x, x) − ‖L⁻¹k(X, x)‖²
 * (Rasmussen and Williams, "Gaussian Processes for Machine Learning", 2006,
 * Algorithm 2.1).
 *
 * The O(n³) and O(n²·m) work (factor, triangular solves) goes through the
 * linear-algebra backend in use (src/math/linalg_backend.ts: OpenBLAS where
 * it loads, TypeScript otherwise). Conditioning keeps the factors of recent
 * models (src/math/linalg_factor_cache.ts): with the same kernel,
 * hyperparameters and noise and the same first points — the next request of
 * a study between refits, fantasies for pending points — only the new rows
 * are computed, with results bit for bit those of a fresh factorisation.
 *
 * @module
 */

import { logDetFromCholesky } from "../../math/linalg.ts";
import { linalgBackend } from "../../math/linalg_backend.ts";
import { FactorCache, type GrowableMatrix } from "../../math/linalg_factor_cache.ts";
import {
  crossCovariance,
  type KernelHyperparameters,
  type KernelKind,
  kernelOfSquaredDistance,
} from "./kernels.ts";

const SQRT5 = Math.sqrt(5);
const LOG_2PI = Math.log(2 * Math.PI);
/** Latent variances are floored at this times s² (standardised) / yStd² (original). */
const VARIANCE_FLOOR = 1e-12;

/** GP hyperparameters, in standardised units of the targets. */
export interface GpHyperparameters {
  /** log ℓ_j, one per input dimension (d). */
  logLengthscales: Float64Array;
  /** log s², the log of the kernel's output variance. */
  logOutputScale: number;
  /** log σn², the log of the (learned) observation noise variance. */
  logNoise: number;
  /** The constant prior mean m. */
  mean: number;
}

/** A GP conditioned on data, ready for prediction. */
export interface GpModel {
  /** Number of observations. */
  n: number;
  /** Input dimension. */
  d: number;
  /** The covariance function. */
  kernel: KernelKind;
  /** The hyperparameters (standardised units). */
  hyper: GpHyperparameters;
  /** The inputs, n × d row-major. */
  x: Float64Array;
  /** The standardised targets z = (y − yMean)/yStd (n). */
  yStandardised: Float64Array;
  /** Mean of the targets used for standardisation (original units). */
  yMean: number;
  /** Standard deviation used for standardisation (original units, > 0). */
  yStd: number;
  /** Known noise variances in standardised units (n), when given. */
  noiseVariances?: Float64Array;
  /**
   * Lower Cholesky factor L of K + jitter·I, n × n row-major. Read only: it
   * may be shared with the factors kept for reuse (see the module doc).
   */
  factor: Float64Array;
  /** Jitter added to the diagonal to make the factorisation succeed (0 usually). */
  jitter: number;
  /** α = K⁻¹(z − m) (n). */
  alpha: Float64Array;
}

/** Options of {@linkcode conditionGp}. */
export interface ConditionOptions {
  /** The covariance function. */
  kernel: KernelKind;
  /** Known per-point noise variances in original units (n), NaN where not known (learned noise). */
  noiseVariances?: Float64Array;
  /** Standardisation to use instead of the sample mean of y (e.g. that of an earlier fit). */
  yMean?: number;
  /** Standardisation to use instead of the sample sd of y (must be > 0). */
  yStd?: number;
}

/** The kernel part of the hyperparameters, in the form kernels.ts takes. */
export function kernelHyperparameters(
  kernel: KernelKind,
  hyper: GpHyperparameters,
): KernelHyperparameters {
  return {
    kind: kernel,
    logLengthscales: hyper.logLengthscales,
    logOutputScale: hyper.logOutputScale,
  };
}

/** Sample mean and standard deviation of y; a zero (or non-finite) sd becomes 1. */
export function standardisation(y: Float64Array): { yMean: number; yStd: number } {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i] - mean) ** 2;
  const sd = n > 0 ? Math.sqrt(ss / n) : 0;
  return { yMean: mean, yStd: sd > 0 && Number.isFinite(sd) ? sd : 1 };
}

/** Number of rows of x (n × d); throws unless it matches y. */
export function checkData(x: Float64Array, y: Float64Array, d: number): number {
  const n = y.length;
  if (d < 1 || x.length !== n * d) {
    throw new RangeError(`x has ${x.length} entries, expected n·d = ${n}·${d}`);
  }
  return n;
}

/** Factors of recent models in this isolate (each Worker has its own). */
const factors = new FactorCache();

/** Forgets the factors kept for reuse (see the module doc); for tests and benchmarks. */
export function clearFactorCache(): void {
  factors.clear();
}

/**
 * K = k(X, X) + diag(noise) as a {@linkcode GrowableMatrix}: row i holds
 * s²·k(r²(x_i, x_k)) for k < i and s² + noise_i on the diagonal. Cached only
 * with a single noise level (per-point noise is standardised by yStd, which
 * changes with every new result).
 */
function kernelMatrix(
  x: Float64Array,
  hyper: GpHyperparameters,
  kernel: KernelKind,
  noise: number | Float64Array,
): GrowableMatrix {
  const d = hyper.logLengthscales.length;
  const n = x.length / d;
  const s2 = Math.exp(hyper.logOutputScale);
  const inv = new Float64Array(d); // 1/ℓ_j
  for (let j = 0; j < d; j++) inv[j] = Math.exp(-hyper.logLengthscales[j]);
  return {
    key: typeof noise === "number"
      ? `${kernel} ${hyper.logLengthscales.join(",")} ${hyper.logOutputScale} ${noise}`
      : null,
    points: x,
    d,
    fillRows(from: number, out: Float64Array): void {
      for (let i = from; i < n; i++) {
        const ri = i * n;
        const xi = i * d;
        for (let k = 0; k < i; k++) {
          const xk = k * d;
          let r2 = 0;
          for (let j = 0; j < d; j++) {
            const t = (x[xi + j] - x[xk + j]) * inv[j];
            r2 += t * t;
          }
          out[ri + k] = s2 * kernelOfSquaredDistance(kernel, r2);
        }
        out[ri + i] = s2 + (typeof noise === "number" ? noise : noise[i]);
      }
    },
  };
}

/**
 * Conditions on standardised targets z (n) with the given hyperparameters;
 * `noiseStd` are known noise variances already in standardised units.
 *
 * @throws {Error} when even the jittered Cholesky factorisation fails.
 */
export function conditionStandardised(
  x: Float64Array,
  z: Float64Array,
  hyper: GpHyperparameters,
  kernel: KernelKind,
  scale: { yMean: number; yStd: number; noiseStd?: Float64Array },
): GpModel {
  const d = hyper.logLengthscales.length;
  const n = checkData(x, z, d);
  const noise = Math.exp(hyper.logNoise);
  let diag: number | Float64Array = noise;
  if (scale.noiseStd) {
    diag = new Float64Array(n);
    for (let i = 0; i < n; i++) diag[i] = pointNoise(noise, scale.noiseStd[i]);
  }
  const backend = linalgBackend();
  const { factor, jitter } = factors.factor(backend, kernelMatrix(x, hyper, kernel, diag));
  const alpha = new Float64Array(n);
  for (let i = 0; i < n; i++) alpha[i] = z[i] - hyper.mean;
  backend.solveLower(factor, n, alpha, 1);
  backend.solveLowerTransposed(factor, n, alpha, 1);
  return {
    n,
    d,
    kernel,
    hyper,
    x,
    yStandardised: z,
    yMean: scale.yMean,
    yStd: scale.yStd,
    noiseVariances: scale.noiseStd,
    factor,
    jitter,
    alpha,
  };
}

/**
 * The GP posterior given hyperparameters, without fitting them (for
 * fantasies and between refits). y is in original units; it is standardised
 * with its own mean and sd unless `options.yMean`/`options.yStd` are given.
 *
 * @param x inputs, n × d row-major (d = hyper.logLengthscales.length).
 * @param y targets (n), original units.
 * @throws {Error} only when even the jittered Cholesky factorisation fails.
 */
export function conditionGp(
  x: Float64Array,
  y: Float64Array,
  hyper: GpHyperparameters,
  options: ConditionOptions,
): GpModel {
  const own = standardisation(y);
  const yMean = options.yMean ?? own.yMean;
  const yStd = options.yStd !== undefined && options.yStd > 0 ? options.yStd : own.yStd;
  const n = y.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (y[i] - yMean) / yStd;
  return conditionStandardised(x, z, hyper, options.kernel, {
    yMean,
    yStd,
    noiseStd: standardisedNoise(options.noiseVariances, n, yStd),
  });
}

/**
 * The noise variance floor of a point with a known noise variance
 * (standardised): it keeps the kernel matrix well conditioned when a known
 * variance is 0.
 */
export const KNOWN_NOISE_FLOOR = 1e-6;

/**
 * The diagonal noise of one point: its known variance (standardised, plus
 * KNOWN_NOISE_FLOOR) instead of the homoscedastic `noise`, or `noise` where
 * none is known (NaN).
 */
export function pointNoise(noise: number, known: number): number {
  return Number.isNaN(known) ? noise : KNOWN_NOISE_FLOOR + known;
}

/**
 * Known noise variances divided by yStd² (undefined when none are given); NaN
 * entries (not known: the point gets the learned noise) stay NaN.
 */
export function standardisedNoise(
  noiseVariances: Float64Array | undefined,
  n: number,
  yStd: number,
): Float64Array | undefined {
  if (!noiseVariances) return undefined;
  if (noiseVariances.length !== n) {
    throw new RangeError(`noiseVariances has ${noiseVariances.length} entries, expected ${n}`);
  }
  const out = new Float64Array(n);
  const inv = 1 / (yStd * yStd);
  for (let i = 0; i < n; i++) {
    const v = noiseVariances[i];
    out[i] = Number.isNaN(v) ? NaN : Math.max(0, v) * inv;
  }
  return out;
}

/**
 * Posterior mean and latent (noise-free) variance at m query points
 * (xq: m × d row-major), in original units; variances are floored at
 * 1e-12·yStd².
 */
export function predict(
  model: GpModel,
  xq: Float64Array,
): { mean: Float64Array; variance: Float64Array } {
  const { n, d, hyper } = model;
  if (xq.length % d !== 0) throw new RangeError(`xq.length ${xq.length} is not a multiple of ${d}`);
  const m = xq.length / d;
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  const s2 = Math.exp(hyper.logOutputScale);
  const floor = VARIANCE_FLOOR * model.yStd * model.yStd;
  const std2 = model.yStd * model.yStd;
  if (n === 0) {
    mean.fill(model.yMean + model.yStd * hyper.mean);
    variance.fill(Math.max(floor, s2 * std2));
    return { mean, variance };
  }
  const cross = crossCovariance(model.x, xq, kernelHyperparameters(model.kernel, hyper)); // n × m
  for (let i = 0; i < n; i++) {
    const a = model.alpha[i];
    const row = i * m;
    for (let k = 0; k < m; k++) mean[k] += cross[row + k] * a;
  }
  linalgBackend().solveLower(model.factor, n, cross, m); // V = L⁻¹k(X, xq), n × m
  variance.fill(s2);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let k = 0; k < m; k++) variance[k] -= cross[row + k] * cross[row + k];
  }
  for (let k = 0; k < m; k++) {
    mean[k] = model.yMean + model.yStd * (hyper.mean + mean[k]);
    variance[k] = Math.max(floor, variance[k] * std2);
  }
  return { mean, variance };
}

/**
 * Posterior mean and latent standard deviation at one point x (d), in
 * original units, with their gradients in x. With k_i = k(x, x_i):
 * ∂k_i/∂x_j = −(5/3)·s²·(1 + √5r)·exp(−√5r)·(x_j − x_ij)/ℓ_j² (Matérn 5/2),
 * −k_i·(x_j − x_ij)/ℓ_j² (RBF); ∂mean = Σ α_i ∂k_i, ∂var = −2·(K⁻¹k)ᵀ∂k and
 * ∂sd = ∂var/(2·sd) (zero where the variance is floored).
 */
export function predictWithGradient(
  model: GpModel,
  x: Float64Array,
): { mean: number; sd: number; dMean: Float64Array; dSd: Float64Array } {
  const { n, d, hyper } = model;
  if (x.length !== d) throw new RangeError(`x has ${x.length} entries, expected d = ${d}`);
  const s2 = Math.exp(hyper.logOutputScale);
  const { inv2, k, g } = scratchOf(model);
  const rbf = model.kernel === "rbf";
  let meanStd = hyper.mean;
  for (let i = 0; i < n; i++) {
    let r2 = 0;
    for (let j = 0; j < d; j++) {
      const t = x[j] - model.x[i * d + j];
      r2 += t * t * inv2[j];
    }
    if (rbf) {
      k[i] = s2 * Math.exp(-0.5 * r2);
      g[i] = -k[i];
    } else {
      const r = Math.sqrt(r2);
      const e = Math.exp(-SQRT5 * r);
      k[i] = s2 * (1 + SQRT5 * r + (5 / 3) * r2) * e;
      g[i] = -(5 / 3) * s2 * (1 + SQRT5 * r) * e;
    }
    meanStd += model.alpha[i] * k[i];
  }
  const backend = linalgBackend();
  backend.solveLower(model.factor, n, k, 1); // v = L⁻¹k, in place
  let varStd = s2;
  for (let i = 0; i < n; i++) varStd -= k[i] * k[i];
  backend.solveLowerTransposed(model.factor, n, k, 1); // w = K⁻¹k, in place
  const dMean = new Float64Array(d);
  const dVar = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const am = model.alpha[i] * g[i];
    const av = -2 * k[i] * g[i];
    for (let j = 0; j < d; j++) {
      const t = (x[j] - model.x[i * d + j]) * inv2[j];
      dMean[j] += am * t;
      dVar[j] += av * t;
    }
  }
  const floored = varStd < VARIANCE_FLOOR;
  const sdStd = Math.sqrt(floored ? VARIANCE_FLOOR : varStd);
  const dSd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    dMean[j] *= model.yStd;
    dSd[j] = floored ? 0 : model.yStd * dVar[j] / (2 * sdStd);
  }
  return { mean: model.yMean + model.yStd * meanStd, sd: model.yStd * sdStd, dMean, dSd };
}

/** Buffers {@linkcode predictWithGradient} reuses across calls on one model. */
interface GradientScratch {
  /** 1/ℓ_j² (d). */
  inv2: Float64Array;
  /** k(x, x_i), then L⁻¹k, then K⁻¹k (n). */
  k: Float64Array;
  /** ∂k_i/∂x_j = g_i·(x_j − x_ij)/ℓ_j² (n). */
  g: Float64Array;
}

const gradientScratch = new WeakMap<GpModel, GradientScratch>();

function scratchOf(model: GpModel): GradientScratch {
  let scratch = gradientScratch.get(model);
  if (!scratch) {
    const inv2 = new Float64Array(model.d);
    for (let j = 0; j < model.d; j++) inv2[j] = Math.exp(-2 * model.hyper.logLengthscales[j]);
    scratch = { inv2, k: new Float64Array(model.n), g: new Float64Array(model.n) };
    gradientScratch.set(model, scratch);
  }
  return scratch;
}

/**
 * The log marginal likelihood of the standardised targets at model.hyper:
 * −½(z − m)ᵀα − ½·log det K − (n/2)·log 2π (K including any jitter).
 */
export function logMarginalLikelihood(model: GpModel): number {
  const { n, hyper } = model;
  let fit = 0;
  for (let i = 0; i < n; i++) fit += (model.yStandardised[i] - hyper.mean) * model.alpha[i];
  return -0.5 * fit - 0.5 * logDetFromCholesky(model.factor, n) - 0.5 * n * LOG_2PI;
}
