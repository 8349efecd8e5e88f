/**
 * Gaussian process regression for Bayesian optimisation: MAP fitting of the
 * hyperparameters ({@linkcode fitGp}, in gp_fit.ts) and the posterior for
 * given hyperparameters ({@linkcode conditionGp}, {@linkcode predict},
 * {@linkcode predictWithGradient}, {@linkcode logMarginalLikelihood}, in
 * gp_predict.ts). Targets are standardised internally; hyperparameters are in
 * standardised units and predictions in the original units.
 *
 * @module
 */

export {
  clearFactorCache,
  conditionGp,
  type ConditionOptions,
  type GpHyperparameters,
  type GpModel,
  logMarginalLikelihood,
  predict,
  predictWithGradient,
} from "./gp_predict.ts";
export {
  createFitObjective,
  fitGp,
  type FitObjective,
  type FitOptions,
  type NoiseMode,
  type PriorKind,
} from "./gp_fit.ts";
