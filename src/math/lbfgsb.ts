/**
 * A bounded quasi-Newton minimiser for smooth functions: projected L-BFGS.
 *
 * What is implemented (a simplification of Byrd, Lu, Nocedal and Zhu's
 * L-BFGS-B, without its generalized Cauchy point and subspace minimisation):
 * - iterates stay in the box [lower, upper]; x0 is projected onto it first;
 * - at each iteration the *active* variables are those at a bound whose
 *   gradient points out of the box; the search direction is the L-BFGS
 *   two-loop recursion restricted to the free variables (curvature pairs whose
 *   free part has sᵀy ≤ 1e-10·yᵀy are skipped), zero on the active ones, with
 *   components that would leave the box from a bound zeroed too; when that is
 *   not a descent direction the memory is dropped and the projected steepest
 *   descent direction is used;
 * - a backtracking Armijo line search along the projected path
 *   x(α) = P(x + α·d), with safeguarded quadratic interpolation; a NaN or
 *   infinite value (or gradient) counts as a failed trial and shrinks α ×0.1;
 * - curvature pairs (s, y) are stored when sᵀy > 1e-10·yᵀy;
 * - stopping: projected-gradient infinity norm ‖P(x − g) − x‖∞ ≤
 *   gradientTolerance, relative decrease (f_k − f_{k+1}) / max(|f_k|,
 *   |f_{k+1}|, 1) ≤ functionTolerance, the iteration limit, or a line search
 *   that fails even from steepest descent.
 *
 * Dimensions: n = number of variables; m = memory (number of stored pairs).
 *
 * @module
 */

/** The objective: returns f(x) and writes ∇f(x) into `grad` (length n). */
export type BoundedObjective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeBounded}. */
export interface BoundedOptions {
  /** Lower bounds (length n); may be -Infinity. */
  lower: Float64Array | number[];
  /** Upper bounds (length n); may be Infinity. */
  upper: Float64Array | number[];
  /** Maximum number of iterations (accepted steps), default 200. */
  maxIterations?: number;
  /** Number of curvature pairs kept, default 10. */
  memory?: number;
  /** Stop when ‖P(x − ∇f) − x‖∞ is at most this, default 1e-6. */
  gradientTolerance?: number;
  /** Stop when the relative decrease of f in one step is at most this, default 1e-10. */
  functionTolerance?: number;
}

/** Result of {@link minimizeBounded}. */
export interface BoundedResult {
  /** The best point found (always inside the box). */
  x: Float64Array;
  /** f at `x`. */
  value: number;
  /** Number of accepted steps. */
  iterations: number;
  /** Number of calls to f. */
  evaluations: number;
  /** True when a gradient or function tolerance was met. */
  converged: boolean;
  /** Why it stopped, in words. */
  reason: string;
}

const ARMIJO_C1 = 1e-4;
const MAX_BACKTRACKS = 40;
const CURVATURE_EPS = 1e-10;

/** Ring buffer of curvature pairs; pair p occupies s[p·n .. p·n + n). */
interface Memory {
  s: Float64Array; // m×n
  y: Float64Array; // m×n
  count: number;
  next: number; // slot to write next
}

/** Buffers of one run, allocated once. */
interface Workspace {
  lo: Float64Array; // n
  hi: Float64Array; // n
  free: Uint8Array; // n, 1 where the variable is free this iteration
  mem: Memory;
  alpha: Float64Array; // m, two-loop coefficients (NaN for a skipped pair)
  d: Float64Array; // n, search direction
}

/** ‖P(x − g) − x‖∞ for the box [lo, hi]. */
function projectedGradientNorm(
  x: Float64Array,
  g: Float64Array,
  lo: Float64Array,
  hi: Float64Array,
): number {
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    const moved = Math.min(hi[i], Math.max(lo[i], x[i] - g[i]));
    norm = Math.max(norm, Math.abs(moved - x[i]));
  }
  return norm;
}

/**
 * Writes into `ws.d` minus the L-BFGS inverse-Hessian approximation times g on
 * the free variables, 0 on the active ones.
 */
function twoLoopDirection(g: Float64Array, ws: Workspace): void {
  const { free, mem, alpha, d } = ws;
  const n = g.length;
  const m = alpha.length;
  for (let i = 0; i < n; i++) d[i] = free[i] ? g[i] : 0;
  let gamma = 0;
  // Newest to oldest.
  for (let t = 0; t < mem.count; t++) {
    const p = (mem.next - 1 - t + m) % m;
    const o = p * n;
    let sy = 0;
    let yy = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      sy += mem.s[o + i] * mem.y[o + i];
      yy += mem.y[o + i] * mem.y[o + i];
      sq += mem.s[o + i] * d[i];
    }
    if (!(sy > CURVATURE_EPS * yy) || yy === 0) {
      alpha[p] = NaN; // skipped pair
      continue;
    }
    if (gamma === 0) gamma = sy / yy;
    const a = sq / sy;
    alpha[p] = a;
    for (let i = 0; i < n; i++) if (free[i]) d[i] -= a * mem.y[o + i];
  }
  if (gamma === 0) {
    // No usable pair: steepest descent scaled to a unit first step.
    let gg = 0;
    for (let i = 0; i < n; i++) gg += d[i] * d[i];
    gamma = gg > 0 ? Math.min(1, 1 / Math.sqrt(gg)) : 1;
  }
  for (let i = 0; i < n; i++) d[i] *= gamma;
  // Oldest to newest.
  for (let t = mem.count - 1; t >= 0; t--) {
    const p = (mem.next - 1 - t + m) % m;
    const a = alpha[p];
    if (Number.isNaN(a)) continue;
    const o = p * n;
    let sy = 0;
    let yr = 0;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      sy += mem.s[o + i] * mem.y[o + i];
      yr += mem.y[o + i] * d[i];
    }
    const b = yr / sy;
    for (let i = 0; i < n; i++) if (free[i]) d[i] += (a - b) * mem.s[o + i];
  }
  for (let i = 0; i < n; i++) d[i] = -d[i];
}

/** Copies bounds into a Float64Array and checks them. */
function toBounds(v: Float64Array | number[], n: number, name: string): Float64Array {
  if (v.length !== n) throw new RangeError(`${name} has length ${v.length}, expected ${n}`);
  const out = Float64Array.from(v);
  for (const b of out) if (Number.isNaN(b)) throw new RangeError(`${name} contains NaN`);
  return out;
}

/**
 * Minimises a smooth f over the box [lower, upper] by projected L-BFGS (see
 * the module documentation for the exact algorithm). Every point at which f is
 * evaluated lies inside the box. f may return NaN or ±Infinity where it is
 * undefined; such trial points are rejected by the line search.
 *
 * @param f returns f(x) and writes ∇f(x) into `grad`; it must not keep `x`.
 * @param x0 the starting point (length n), projected onto the box.
 * @throws {RangeError} on mismatched lengths or lower > upper.
 */
export function minimizeBounded(
  f: BoundedObjective,
  x0: Float64Array,
  options: BoundedOptions,
): BoundedResult {
  const n = x0.length;
  const lo = toBounds(options.lower, n, "lower");
  const hi = toBounds(options.upper, n, "upper");
  for (let i = 0; i < n; i++) {
    if (lo[i] > hi[i]) throw new RangeError(`lower[${i}] = ${lo[i]} > upper[${i}] = ${hi[i]}`);
  }
  const maxIterations = options.maxIterations ?? 200;
  const m = Math.max(1, Math.floor(options.memory ?? 10));
  const gtol = options.gradientTolerance ?? 1e-6;
  const ftol = options.functionTolerance ?? 1e-10;

  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.min(hi[i], Math.max(lo[i], x0[i]));
  const g = new Float64Array(n);
  const xt = new Float64Array(n); // trial point
  const gt = new Float64Array(n); // trial gradient
  const d = new Float64Array(n); // search direction
  const free = new Uint8Array(n);
  const alpha = new Float64Array(m);
  const mem: Memory = { s: new Float64Array(m * n), y: new Float64Array(m * n), count: 0, next: 0 };
  const ws: Workspace = { lo, hi, free, mem, alpha, d };

  let evaluations = 1;
  let fx = f(x, g);
  const done = (iterations: number, converged: boolean, reason: string): BoundedResult => ({
    x,
    value: fx,
    iterations,
    evaluations,
    converged,
    reason,
  });
  if (!Number.isFinite(fx) || !g.every(Number.isFinite)) {
    return done(0, false, "f or its gradient is not finite at the starting point");
  }

  let iterations = 0;
  while (true) {
    if (projectedGradientNorm(x, g, lo, hi) <= gtol) {
      return done(iterations, true, "projected gradient below tolerance");
    }
    if (iterations >= maxIterations) return done(iterations, false, "iteration limit reached");

    for (let i = 0; i < n; i++) {
      free[i] = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0) ? 0 : 1;
    }
    let gd = directionInBox(g, x, ws);
    if (!(gd < 0) && mem.count > 0) {
      mem.count = 0;
      gd = directionInBox(g, x, ws);
    }
    if (!(gd < 0)) return done(iterations, false, "no descent direction");

    // Backtracking Armijo search along the projected path.
    let step = 1;
    let accepted = false;
    let ft = NaN;
    for (let k = 0; k < MAX_BACKTRACKS; k++) {
      let decrease = 0; // gᵀ(x(α) − x)
      let moved = false;
      for (let i = 0; i < n; i++) {
        const v = Math.min(hi[i], Math.max(lo[i], x[i] + step * d[i]));
        xt[i] = v;
        decrease += g[i] * (v - x[i]);
        if (v !== x[i]) moved = true;
      }
      if (!moved) break;
      evaluations++;
      ft = f(xt, gt);
      const finite = Number.isFinite(ft) && gt.every(Number.isFinite);
      if (finite && ft <= fx + ARMIJO_C1 * Math.min(decrease, 0) && (decrease < 0 || ft < fx)) {
        accepted = true;
        break;
      }
      if (finite) {
        // Minimiser of the quadratic through f(0), f'(0) = gᵀd and f(step), kept in [0.1, 0.5]·step.
        const curvature = ft - fx - step * gd;
        const trial = curvature > 0 ? (-gd * step * step) / (2 * curvature) : 0.5 * step;
        step = Math.min(0.5 * step, Math.max(0.1 * step, trial));
      } else {
        step *= 0.1;
      }
    }
    if (!accepted) {
      if (mem.count > 0) {
        mem.count = 0; // retry this iteration from steepest descent
        continue;
      }
      return done(iterations, false, "line search failed to decrease f");
    }

    // Store the curvature pair, then move.
    const o = mem.next * n;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const s = xt[i] - x[i];
      const y = gt[i] - g[i];
      mem.s[o + i] = s;
      mem.y[o + i] = y;
      sy += s * y;
      yy += y * y;
    }
    if (sy > CURVATURE_EPS * yy && yy > 0) {
      mem.next = (mem.next + 1) % m;
      mem.count = Math.min(mem.count + 1, m);
    }
    const fPrevious = fx;
    x.set(xt);
    g.set(gt);
    fx = ft;
    iterations++;
    if ((fPrevious - fx) <= ftol * Math.max(Math.abs(fPrevious), Math.abs(fx), 1)) {
      if (projectedGradientNorm(x, g, lo, hi) <= gtol) {
        return done(iterations, true, "projected gradient below tolerance");
      }
      return done(iterations, true, "relative decrease of f below tolerance");
    }
  }
}

/**
 * The two-loop direction with the components that would leave the box from a
 * bound set to zero; returns gᵀd.
 */
function directionInBox(g: Float64Array, x: Float64Array, ws: Workspace): number {
  const { lo, hi, d } = ws;
  twoLoopDirection(g, ws);
  let gd = 0;
  for (let i = 0; i < x.length; i++) {
    if ((x[i] <= lo[i] && d[i] < 0) || (x[i] >= hi[i] && d[i] > 0)) d[i] = 0;
    gd += g[i] * d[i];
  }
  return gd;
}
