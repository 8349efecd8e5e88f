/**
 * Acquisition functions for minimisation with a Gaussian-process posterior:
 * expected improvement, its logarithm computed stably far in the tail, its
 * gradient, and the lower confidence bound.
 *
 * With posterior mean μ, standard deviation σ and best value so far f*, let
 * u = (f* − μ)/σ. Then EI = σ·h(u) with h(u) = φ(u) + u·Φ(u), and
 * log EI = log σ + log h(u). log h follows BoTorch's `_log_ei_helper`
 * (`botorch/acquisition/analytic.py`; Ament et al., "Unexpected improvements
 * to expected improvement for Bayesian optimization", NeurIPS 2023) as
 * docs/algorithms.md §3 gives it.
 *
 * @module
 */

import { erfcx, log1mexp, logNormalPdf, normalCdf, normalPdf } from "./normal.ts";

/** Above this u, log h(u) is taken directly as log(φ(u) + u·Φ(u)). */
const DIRECT_BOUND = -1;
/** −1/√ε for double precision (ε = 2^−52): the start of the extreme tail. */
const NEG_INV_SQRT_EPS = -1 / Math.sqrt(Number.EPSILON);
/** log √(π/2). */
const LOG_SQRT_PI_DIV_2 = 0.5 * Math.log(Math.PI / 2);
/** √(π/2). */
const SQRT_PI_DIV_2 = Math.sqrt(Math.PI / 2);
/** Below this u, the derivative of log h uses its asymptotic series. */
const SERIES_BOUND = -20;
/** Terms of the asymptotic series; the first omitted is below 1e-17 at |u| = 20. */
const SERIES_TERMS = 14;

/** h(u) = φ(u) + u·Φ(u), computed directly (accurate for u ≥ −5 or so). */
function improvementFactor(u: number): number {
  return normalPdf(u) + u * normalCdf(u);
}

/**
 * log h(u) = log(φ(u) + u·Φ(u)), finite and increasing for every finite u, as
 * in BoTorch's `_log_ei_helper`: directly for u > −1; for u ≤ −1 as
 * log φ(u) + log1mexp(w) with w = log(|u|·erfcx(−u/√2)) + log √(π/2)
 * (= log(|u|·Φ(u)/φ(u))); and as log φ(u) − 2·log|u| for u < −1/√ε, where
 * log1mexp(w) loses its digits and this is its leading order.
 */
export function logH(u: number): number {
  if (u > DIRECT_BOUND) return Math.log(improvementFactor(u));
  if (u > NEG_INV_SQRT_EPS) {
    const w = Math.log(-u * erfcx(-u * Math.SQRT1_2)) + LOG_SQRT_PI_DIV_2;
    return logNormalPdf(u) + log1mexp(w);
  }
  return logNormalPdf(u) - 2 * Math.log(-u);
}

/**
 * d/du log h(u) = Φ(u)/h(u) (since h′ = Φ), positive for every u. For
 * u > −1 it is computed directly; for −20 ≤ u ≤ −1 as r/(|u|·(1 − r)) with
 * r = |u|·Φ(u)/φ(u) = |u|·erfcx(|u|/√2)·√(π/2); below −20, where 1 − r ≈ 1/u²
 * would cancel, by the asymptotic series Φ/h = |u|·M/S with
 * M = Σₖ (−1)ᵏ (2k−1)!!/u²ᵏ and S = Σₖ (−1)ᵏ (2k+1)!!/u²ᵏ.
 */
export function logHDerivative(u: number): number {
  if (u > DIRECT_BOUND) return normalCdf(u) / improvementFactor(u);
  const a = -u;
  if (u >= SERIES_BOUND) {
    const r = a * erfcx(a * Math.SQRT1_2) * SQRT_PI_DIV_2;
    return r / (a * (1 - r));
  }
  const z = 1 / (a * a);
  let millsTerm = 1;
  let mills = 1;
  let tailTerm = 1;
  let tail = 1;
  for (let k = 1; k <= SERIES_TERMS; k++) {
    millsTerm *= -(2 * k - 1) * z;
    tailTerm *= -(2 * k + 1) * z;
    mills += millsTerm;
    tail += tailTerm;
  }
  return a * mills / tail;
}

/**
 * Expected improvement below `best` of a normal N(mean, sd²), computed
 * directly as σ·(φ(u) + u·Φ(u)), u = (best − mean)/sd. Accurate while u ≳ −5;
 * it underflows to 0 far in the tail, where `logExpectedImprovement` is needed.
 * With sd = 0 it is max(best − mean, 0).
 */
export function expectedImprovement(mean: number, sd: number, best: number): number {
  if (sd <= 0) return Math.max(best - mean, 0);
  return sd * improvementFactor((best - mean) / sd);
}

/**
 * log of the expected improvement below `best` of N(mean, sd²), for
 * minimisation: log σ + log h(u), u = (best − mean)/sd; finite for sd > 0 and
 * every finite mean and best. With sd = 0 it is log max(best − mean, 0).
 */
export function logExpectedImprovement(mean: number, sd: number, best: number): number {
  if (sd <= 0) return Math.log(Math.max(best - mean, 0));
  return Math.log(sd) + logH((best - mean) / sd);
}

/** The value of log EI with its partial derivatives in the posterior mean and sd. */
export interface LogExpectedImprovementGradient {
  /** log EI. */
  value: number;
  /** ∂ log EI/∂μ = −g/σ, with g = d log h/du. */
  dMean: number;
  /** ∂ log EI/∂σ = (1 − u·g)/σ. */
  dSd: number;
}

/**
 * log EI for minimisation and its gradient with respect to the posterior mean
 * and standard deviation (sd > 0), for gradient-based maximisation of the
 * acquisition: chain the result through ∂μ/∂x and ∂σ/∂x.
 */
export function logExpectedImprovementWithGradient(
  mean: number,
  sd: number,
  best: number,
): LogExpectedImprovementGradient {
  const u = (best - mean) / sd;
  const g = logHDerivative(u);
  return {
    value: Math.log(sd) + logH(u),
    dMean: -g / sd,
    dSd: (1 - u * g) / sd,
  };
}

/**
 * Lower confidence bound μ − √β·σ, the minimisation counterpart of BoTorch's
 * `UpperConfidenceBound` (μ + √β·σ): smaller is more promising, so an
 * optimiser minimises it (or maximises its negative).
 */
export function lowerConfidenceBound(mean: number, sd: number, beta: number): number {
  return mean - Math.sqrt(beta) * sd;
}
