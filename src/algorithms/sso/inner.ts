/**
 * The inner loop of target-based surrogate optimisation (SSO; Lavington,
 * Vaswani, Babanezhad, Schmidt, Le Roux, "Target-based Surrogates for
 * Stochastic Optimization", ICML 2023; docs/algorithms.md).
 *
 * The client holds a loss ℓ of the targets z = f(θ; X). At z_t = f(θ_t; X)
 * it sends G = ∇_z ℓ(z_t); the server then takes m cheap steps on θ for the
 * surrogate
 *
 *   h(θ) = ⟨G, f(θ) − z_t⟩ + (1/(2η))·‖f(θ) − z_t‖² + (λ/2)·‖θ‖²,
 *   ∇h(θ) = J(θ)ᵀ·(G + (f(θ) − z_t)/η) + λ·θ,
 *
 * which needs no further call to the client. At θ_t (where f = z_t) ∇h is
 * the loss gradient Jᵀ·G (+ λθ), so one step of fixed size α is exactly
 * SGD on θ with learning rate α; more steps move θ towards the minimiser of
 * the linearised loss kept within ‖f(θ) − z_t‖ ~ η‖G‖ of the current targets.
 * When ℓ is L-smooth in z and η ≤ 1/L, h(θ) ≥ ℓ(f(θ)) − ℓ(z_t) + (λ/2)‖θ‖²,
 * so any θ with h(θ) < h(θ_t) lowers the (regularised) loss of the batch.
 *
 * The line search is the authors' (`optimizers/lsopt.py` driven by
 * `optimizers/sgd_fmdopt.py`, with the defaults of their `parser.py`):
 * Armijo with c = 0.1, backtracking by β = 0.9, the step reset to 10 at each
 * outer step and multiplied by 2 before each inner step's first trial, at
 * most 100 trials per step, giving up below a step of 1e-6, and no more
 * inner steps once ‖∇‖ ≤ 1e-6. Their surrogate is normalised differently:
 * mean over the rows×c entries of (G∘f)/η′ + (f − z_t)², i.e.
 * s·h + constant with s = 2η/(rows·c) and η′ = 1/(2η); the step lengths and
 * tolerances above are in their units and mean the same here (a step α̃ on
 * s·h is the step α = s·α̃ on h, and Armijo's test is the same inequality).
 * Two deviations, on edge cases: when no trial passes Armijo, θ stays where
 * it is and the inner loop stops (the authors' code applies the last,
 * untested, shortened step); the gradient tolerance is checked before a
 * step rather than after it.
 *
 * Cost per inner step: one VJP, and one forward pass per line-search trial,
 * except for models linear in θ (`linearInParams`), where h along the
 * search direction is a quadratic in α and one forward pass serves every
 * trial.
 *
 * Pure: no input is modified; θ, steps and surrogate values are returned.
 *
 * @module
 */

import type { SsoModel } from "./models.ts";

/** The authors' Armijo line search, in their surrogate's units (see the module doc). */
export interface ArmijoOptions {
  /** Sufficient decrease: h(θ − α∇h) ≤ h(θ) − c·α·‖∇h‖². Default 0.1. */
  c?: number;
  /** Backtracking factor. Default 0.9. */
  beta?: number;
  /** The step each call (outer step) starts from, before `expand`. Default 10. */
  initialStep?: number;
  /**
   * Each inner step's first trial is `expand` × the previous accepted step.
   * Default 2 (the authors use 2^(b/N) for minibatches of b of N rows).
   */
  expand?: number;
  /** Trials per inner step. Default 100. */
  maxTrials?: number;
  /** A step shortened below this fails. Default 1e-6. */
  minStep?: number;
  /** No further inner steps once the (normalised) gradient norm is at most this. Default 1e-6. */
  gradTolerance?: number;
}

/** A fixed inner step α on h: θ ← θ − α·∇h(θ). */
export interface FixedStep {
  fixedStep: number;
}

/** What {@linkcode innerSteps} takes. */
export interface InnerStepsInput {
  model: SsoModel;
  /** θ_t, where the client's targets were computed. */
  theta: Float64Array;
  /** The batch's inputs, rows×p row-major. */
  X: Float64Array;
  rows: number;
  /** z_t = f(θ_t; X), rows×c, as the client has it. */
  zt: Float64Array;
  /** G = ∇_z ℓ(z_t), rows×c. */
  G: Float64Array;
  /** η > 0: the step in target space (see docs/algorithms.md for its scale). */
  eta: number;
  /** Inner steps, a non-negative integer. */
  m: number;
  /** λ ≥ 0 of the (λ/2)‖θ‖² term. Default 0. */
  l2?: number;
  /** The authors' Armijo search (the default) or a fixed step. */
  lineSearch?: ArmijoOptions | FixedStep;
}

/** One inner step taken. */
export interface InnerStep {
  /** α: θ moved by −α·∇h(θ). */
  step: number;
  /** h after the step. */
  surrogate: number;
  /** Surrogate evaluations the step tried (1 with a fixed step). */
  trials: number;
  /** ‖∇h‖ where the step started. */
  gradNorm: number;
}

/** What {@linkcode innerSteps} returns. */
export interface InnerStepsResult {
  /** θ after the steps (a new array). */
  theta: Float64Array;
  steps: InnerStep[];
  /** h(θ_t) (0 plus the L2 term when f(θ_t) = z_t). */
  surrogateBefore: number;
  /** h at the returned θ. */
  surrogateAfter: number;
  /** Why the loop ended: m steps taken, a vanishing gradient, or a failed line search. */
  stopped: "steps" | "gradient" | "lineSearch";
  /** Model calls made: forward passes and vector-Jacobian products. */
  calls: { forward: number; vjp: number };
}

const DEFAULTS: Required<ArmijoOptions> = {
  c: 0.1,
  beta: 0.9,
  initialStep: 10,
  expand: 2,
  maxTrials: 100,
  minStep: 1e-6,
  gradTolerance: 1e-6,
};

/** h(θ) from the model's outputs z = f(θ) (see the module doc). */
export function surrogateValue(
  g: Float64Array,
  zt: Float64Array,
  z: Float64Array,
  eta: number,
  l2: number,
  theta: Float64Array,
): number {
  let linear = 0;
  let square = 0;
  for (let i = 0; i < z.length; i++) {
    const d = z[i] - zt[i];
    linear += g[i] * d;
    square += d * d;
  }
  let value = linear + square / (2 * eta);
  if (l2 !== 0) {
    let norm = 0;
    for (let i = 0; i < theta.length; i++) norm += theta[i] * theta[i];
    value += 0.5 * l2 * norm;
  }
  return value;
}

/**
 * h along θ − α·d when f is linear in θ: with r = f(θ) − z_t and
 * e = f(d), h(α) = ⟨G, r⟩ − α⟨G, e⟩ + (‖r‖² − 2α⟨r, e⟩ + α²‖e‖²)/(2η)
 * + (λ/2)(‖θ‖² − 2α⟨θ, d⟩ + α²‖d‖²): each trial in O(1).
 */
function lineOf(
  e: Float64Array,
  z: Float64Array,
  zt: Float64Array,
  g: Float64Array,
  theta: Float64Array,
  d: Float64Array,
) {
  let [gr, ge, rr, re, ee, tt, td, dd] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let k = 0; k < z.length; k++) {
    const r = z[k] - zt[k];
    gr += g[k] * r;
    ge += g[k] * e[k];
    rr += r * r;
    re += r * e[k];
    ee += e[k] * e[k];
  }
  for (let k = 0; k < theta.length; k++) {
    tt += theta[k] * theta[k];
    td += theta[k] * d[k];
    dd += d[k] * d[k];
  }
  return {
    value: (alpha: number, eta: number, l2: number) =>
      gr - alpha * ge + (rr - 2 * alpha * re + alpha * alpha * ee) / (2 * eta) +
      (l2 === 0 ? 0 : 0.5 * l2 * (tt - 2 * alpha * td + alpha * alpha * dd)),
    outputs: (alpha: number) => z.map((v, k) => v - alpha * e[k]),
  };
}

/** Throws unless the input is consistent; returns the line-search settings. */
function check(input: InnerStepsInput): Required<ArmijoOptions> | FixedStep {
  const { model, theta, rows, zt, G, eta, m } = input;
  const l2 = input.l2 ?? 0;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows must be ≥ 1, got ${rows}`);
  if (theta.length !== model.params) {
    throw new RangeError(`θ must have ${model.params} entries, got ${theta.length}`);
  }
  const size = rows * model.outputs;
  if (zt.length !== size || G.length !== size) {
    throw new RangeError(`z_t and G must have rows×c = ${size} entries`);
  }
  if (!(eta > 0) || !Number.isFinite(eta)) throw new RangeError(`η must be > 0, got ${eta}`);
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`m must be an integer ≥ 0, got ${m}`);
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw new RangeError(`λ must be ≥ 0, got ${l2}`);
  const rule = input.lineSearch ?? {};
  if ("fixedStep" in rule) {
    if (!(rule.fixedStep > 0) || !Number.isFinite(rule.fixedStep)) {
      throw new RangeError(`the fixed step must be > 0, got ${rule.fixedStep}`);
    }
    return rule;
  }
  const o = { ...DEFAULTS, ...rule };
  const positive = [o.initialStep, o.minStep, o.gradTolerance].every((v) => v > 0);
  if (!(o.c > 0 && o.c < 1) || !(o.beta > 0 && o.beta < 1) || !(o.expand >= 1) || !positive) {
    throw new RangeError("line search: need 0 < c < 1, 0 < β < 1, expand ≥ 1, positive steps");
  }
  if (!Number.isInteger(o.maxTrials) || o.maxTrials < 1) {
    throw new RangeError(`line search: maxTrials must be ≥ 1, got ${o.maxTrials}`);
  }
  return o;
}

/**
 * Takes up to m inner steps on the surrogate h from θ_t (see the module
 * doc) and returns the new θ with the steps' lengths and surrogate values.
 * With m = 1 and `{ fixedStep: α }`, θ₁ = θ_t − α·(J(θ_t)ᵀG + λθ_t): an SGD
 * step on the batch's loss.
 */
export async function innerSteps(input: InnerStepsInput): Promise<InnerStepsResult> {
  const rule = check(input);
  const { model, X: x, rows, zt, G: grad, eta, m } = input;
  const l2 = input.l2 ?? 0;
  const calls = { forward: 0, vjp: 0 };
  const forward = (t: Float64Array) => (calls.forward++, model.forward(t, x, rows));
  const size = rows * model.outputs;
  // The authors' surrogate is s·h + const (module doc): their steps are α̃ = α/s.
  const scale = (2 * eta) / size;

  let theta: Float64Array = input.theta.slice();
  let z: Float64Array = await forward(theta);
  let h = surrogateValue(grad, zt, z, eta, l2, theta);
  const surrogateBefore = h;
  const steps: InnerStep[] = [];
  let stopped: InnerStepsResult["stopped"] = "steps";
  let stepInTheirUnits = "fixedStep" in rule ? 0 : rule.initialStep;

  for (let i = 0; i < m; i++) {
    const v = new Float64Array(size);
    for (let k = 0; k < size; k++) v[k] = grad[k] + (z[k] - zt[k]) / eta;
    calls.vjp++;
    const d = await model.vjp(theta, x, rows, v);
    if (l2 !== 0) { for (let k = 0; k < d.length; k++) d[k] += l2 * theta[k]; }
    let norm2 = 0;
    for (let k = 0; k < d.length; k++) norm2 += d[k] * d[k];
    const gradNorm = Math.sqrt(norm2);
    const trial = (alpha: number) => {
      const next = new Float64Array(theta.length);
      for (let k = 0; k < next.length; k++) next[k] = theta[k] - alpha * d[k];
      return next;
    };

    if ("fixedStep" in rule) {
      const next = trial(rule.fixedStep);
      z = await forward(next);
      theta = next;
      h = surrogateValue(grad, zt, z, eta, l2, theta);
      steps.push({ step: rule.fixedStep, surrogate: h, trials: 1, gradNorm });
      continue;
    }

    if (scale * gradNorm <= rule.gradTolerance) {
      stopped = "gradient";
      break;
    }
    // f linear in θ: f(θ − α·d) = f(θ) − α·f(d), one forward pass for every trial.
    const line = model.linearInParams ? lineOf(await forward(d), z, zt, grad, theta, d) : undefined;
    stepInTheirUnits *= rule.expand;
    let accepted = false;
    for (let t = 1; t <= rule.maxTrials; t++) {
      const alpha = scale * stepInTheirUnits;
      let hNext: number;
      let next: Float64Array | undefined;
      let zNext: Float64Array | undefined;
      if (line) {
        hNext = line.value(alpha, eta, l2);
      } else {
        next = trial(alpha);
        zNext = await forward(next);
        hNext = surrogateValue(grad, zt, zNext, eta, l2, next);
      }
      if (hNext <= h - rule.c * alpha * norm2) {
        theta = next ?? trial(alpha);
        z = zNext ?? line!.outputs(alpha);
        // Recomputed from z (not the trial's expansion) so that h stays exact as steps add up.
        h = line ? surrogateValue(grad, zt, z, eta, l2, theta) : hNext;
        steps.push({ step: alpha, surrogate: h, trials: t, gradNorm });
        accepted = true;
        break;
      }
      stepInTheirUnits *= rule.beta;
      if (stepInTheirUnits < rule.minStep) break;
    }
    if (!accepted) {
      stopped = "lineSearch";
      break;
    }
  }
  return { theta, steps, surrogateBefore, surrogateAfter: h, stopped, calls };
}
