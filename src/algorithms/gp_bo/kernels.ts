/**
 * Stationary ARD covariance functions for Gaussian processes on the unit
 * cube, parametrised by log-parameters, with the Gram matrix, the
 * cross-covariance and the gradients of the Gram matrix in those parameters.
 *
 * Points are stored row-major in a Float64Array: n points × d coordinates,
 * point i at [i·d, (i+1)·d). With lengthscales ℓ_j and output variance s²,
 * r² = Σ_j ((x_j − y_j)/ℓ_j)² and
 * - Matérn 5/2: k(r) = s²·(1 + √5·r + 5r²/3)·exp(−√5·r)
 *   (Rasmussen and Williams, "Gaussian Processes for Machine Learning", 2006, eq. 4.17);
 * - RBF (squared exponential): k(r) = s²·exp(−r²/2) (ibid., eq. 4.9).
 *
 * Hyperparameters θ = (log ℓ_1, …, log ℓ_d, log s²). With q_j = (x_j − y_j)²/ℓ_j²,
 * ∂k/∂log ℓ_j = s²·(5/3)·(1 + √5·r)·exp(−√5·r)·q_j for Matérn 5/2 and k·q_j
 * for RBF, and ∂k/∂log s² = k.
 *
 * @module
 */

const SQRT5 = Math.sqrt(5);

/** Which covariance function. */
export type KernelKind = "matern52" | "rbf";

/** A kernel with its hyperparameters in log space. */
export interface KernelHyperparameters {
  /** Matérn 5/2 or RBF. */
  kind: KernelKind;
  /** log ℓ_j, one per dimension: length d. */
  logLengthscales: Float64Array;
  /** log s², the log of the output variance (k at r = 0). */
  logOutputScale: number;
}

/** Options for {@linkcode gramMatrix}. */
export interface GramMatrixOptions {
  /** Added to the diagonal: one variance for all points, or one per point (length n). */
  noise?: number | Float64Array;
  /** A buffer of at least n² numbers to fill instead of allocating one. */
  out?: Float64Array;
}

/**
 * The kernel as a function of the squared scaled distance r², divided by s²:
 * (1 + √5·r + 5r²/3)·exp(−√5·r) for Matérn 5/2, exp(−r²/2) for RBF.
 */
export function kernelOfSquaredDistance(kind: KernelKind, r2: number): number {
  if (kind === "rbf") return Math.exp(-0.5 * r2);
  const r = Math.sqrt(r2);
  return (1 + SQRT5 * r + (5 / 3) * r2) * Math.exp(-SQRT5 * r);
}

/**
 * −2·∂(k/s²)/∂(r²), the factor that multiplies q_j in ∂k/∂log ℓ_j (over s²):
 * (5/3)·(1 + √5·r)·exp(−√5·r) for Matérn 5/2, exp(−r²/2) for RBF.
 */
function lengthscaleFactor(kind: KernelKind, r2: number): number {
  if (kind === "rbf") return Math.exp(-0.5 * r2);
  const r = Math.sqrt(r2);
  return (5 / 3) * (1 + SQRT5 * r) * Math.exp(-SQRT5 * r);
}

/** 1/ℓ_j for each dimension (d). */
function inverseLengthscales(hyper: KernelHyperparameters): Float64Array {
  const d = hyper.logLengthscales.length;
  const inv = new Float64Array(d);
  for (let j = 0; j < d; j++) inv[j] = Math.exp(-hyper.logLengthscales[j]);
  return inv;
}

/** r² between row i of `a` and row k of `b` (both n × d row-major). */
function scaledSquaredDistance(
  a: Float64Array,
  i: number,
  b: Float64Array,
  k: number,
  inv: Float64Array,
): number {
  const d = inv.length;
  const ai = i * d;
  const bk = k * d;
  let r2 = 0;
  for (let j = 0; j < d; j++) {
    const t = (a[ai + j] - b[bk + j]) * inv[j];
    r2 += t * t;
  }
  return r2;
}

/** Number of rows of a row-major point array with d columns; throws if ragged. */
function rowCount(points: Float64Array, d: number): number {
  if (d === 0 || points.length % d !== 0) {
    throw new RangeError(`points.length ${points.length} is not a multiple of d = ${d}`);
  }
  return points.length / d;
}

/** The covariance k(x, y) of two points x and y (length d each). */
export function kernelValue(
  x: Float64Array,
  y: Float64Array,
  hyper: KernelHyperparameters,
): number {
  const r2 = scaledSquaredDistance(x, 0, y, 0, inverseLengthscales(hyper));
  return Math.exp(hyper.logOutputScale) * kernelOfSquaredDistance(hyper.kind, r2);
}

/**
 * The n × n Gram matrix K_ik = k(x_i, x_k) (+ noise on the diagonal) of the
 * points (n × d, row-major), returned row-major and fully filled (both
 * triangles).
 */
export function gramMatrix(
  points: Float64Array,
  hyper: KernelHyperparameters,
  options: GramMatrixOptions = {},
): Float64Array {
  const inv = inverseLengthscales(hyper);
  const n = rowCount(points, inv.length);
  const s2 = Math.exp(hyper.logOutputScale);
  const gram = options.out ?? new Float64Array(n * n); // n × n
  const noise = options.noise ?? 0;
  for (let i = 0; i < n; i++) {
    gram[i * n + i] = s2 + (typeof noise === "number" ? noise : noise[i]);
    for (let k = 0; k < i; k++) {
      const value = s2 *
        kernelOfSquaredDistance(hyper.kind, scaledSquaredDistance(points, i, points, k, inv));
      gram[i * n + k] = value;
      gram[k * n + i] = value;
    }
  }
  return gram;
}

/**
 * The n × m cross-covariance C_ik = k(a_i, b_k) between the rows of `a`
 * (n × d) and of `b` (m × d), row-major; fills `out` (n·m) when given.
 */
export function crossCovariance(
  a: Float64Array,
  b: Float64Array,
  hyper: KernelHyperparameters,
  out?: Float64Array,
): Float64Array {
  const inv = inverseLengthscales(hyper);
  const n = rowCount(a, inv.length);
  const m = rowCount(b, inv.length);
  const s2 = Math.exp(hyper.logOutputScale);
  const cross = out ?? new Float64Array(n * m); // n × m
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      cross[i * m + k] = s2 *
        kernelOfSquaredDistance(hyper.kind, scaledSquaredDistance(a, i, b, k, inv));
    }
  }
  return cross;
}

/**
 * ∂K/∂θ_p, the derivative of the (noise-free part of the) Gram matrix with
 * respect to one hyperparameter: p in [0, d) is log ℓ_p, p = d is log s².
 * Fills `out` (n × n, row-major) when given, so that d + 1 gradients can be
 * visited with one O(n²) buffer.
 */
export function gramGradient(
  points: Float64Array,
  hyper: KernelHyperparameters,
  parameter: number,
  out?: Float64Array,
): Float64Array {
  const inv = inverseLengthscales(hyper);
  const d = inv.length;
  if (!Number.isInteger(parameter) || parameter < 0 || parameter > d) {
    throw new RangeError(`parameter ${parameter} is not in [0, ${d}]`);
  }
  const n = rowCount(points, d);
  const s2 = Math.exp(hyper.logOutputScale);
  const grad = out ?? new Float64Array(n * n); // n × n
  for (let i = 0; i < n; i++) {
    grad[i * n + i] = parameter === d ? s2 : 0;
    for (let k = 0; k < i; k++) {
      const r2 = scaledSquaredDistance(points, i, points, k, inv);
      let value: number;
      if (parameter === d) {
        value = s2 * kernelOfSquaredDistance(hyper.kind, r2);
      } else {
        const t = (points[i * d + parameter] - points[k * d + parameter]) * inv[parameter];
        value = s2 * lengthscaleFactor(hyper.kind, r2) * t * t;
      }
      grad[i * n + k] = value;
      grad[k * n + i] = value;
    }
  }
  return grad;
}

/**
 * The contractions g_p = Σ_ik W_ik·∂K_ik/∂θ_p for all d + 1 hyperparameters
 * at once (θ = log ℓ_1 … log ℓ_d, log s²), without forming any ∂K/∂θ_p:
 * O(n²·d) time and O(d) extra memory. With W = ααᵀ − K⁻¹ (α = K⁻¹y),
 * ½·g is the gradient of the log marginal likelihood. `weights` is n × n,
 * row-major; it need not be symmetric.
 */
export function contractGramGradient(
  points: Float64Array,
  hyper: KernelHyperparameters,
  weights: Float64Array,
): Float64Array {
  const inv = inverseLengthscales(hyper);
  const d = inv.length;
  const n = rowCount(points, d);
  if (weights.length < n * n) throw new RangeError(`weights must hold n² = ${n * n} numbers`);
  const s2 = Math.exp(hyper.logOutputScale);
  const grad = new Float64Array(d + 1); // d + 1
  for (let i = 0; i < n; i++) {
    grad[d] += weights[i * n + i] * s2;
    for (let k = 0; k < i; k++) {
      const w = weights[i * n + k] + weights[k * n + i];
      const r2 = scaledSquaredDistance(points, i, points, k, inv);
      grad[d] += w * s2 * kernelOfSquaredDistance(hyper.kind, r2);
      const factor = w * s2 * lengthscaleFactor(hyper.kind, r2);
      for (let j = 0; j < d; j++) {
        const t = (points[i * d + j] - points[k * d + j]) * inv[j];
        grad[j] += factor * t * t;
      }
    }
  }
  return grad;
}
