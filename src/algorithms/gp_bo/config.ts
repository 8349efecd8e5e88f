/**
 * The options of "gp-bo" (docs/algorithms.md §3), apart from the designer so
 * that the API's schemas, the memory estimate and the designer read one
 * definition.
 *
 * @module
 */
import { z } from "zod";

/** The options of "gp-bo". */
export const GpBoConfigSchema = z.strictObject({
  initialDesign: z.number().int().min(2).max(10_000).optional().describe(
    "Sobol points before the GP takes over (default max(5, 2·dimension))",
  ),
  kernel: z.enum(["matern52", "rbf"]).default("matern52").describe(
    "Matérn-5/2 ARD (default) or RBF ARD",
  ),
  prior: z.enum(["legacy", "dimension-scaled"]).optional().describe(
    "Lengthscale prior: BoTorch's legacy Gamma(3, 6), or LogNormal(√2 + ½ ln d, √3) " +
      "(default: legacy for matern52, dimension-scaled for rbf)",
  ),
  acquisition: z.enum(["logei", "ucb"]).default("logei"),
  beta: z.number().positive().max(1e6).default(4).describe("β of ucb: mean − √β·sd"),
  batch: z.enum(["kriging-believer", "constant-liar"]).default("kriging-believer"),
  restarts: z.number().int().min(0).max(20).default(2).describe(
    "extra random starts of the MAP fit (on the first fit and every tenth result; other fits " +
      "start from the previous one)",
  ),
  candidates: z.number().int().min(16).max(100_000).default(2048),
  localStarts: z.number().int().min(0).max(100).default(10),
  refitEvery: z.number().int().min(1).max(1000).optional().describe(
    "refit hyperparameters after this many new results; in between the last fit is reused " +
      "(default: every result up to 100 trials, then every n/100 results)",
  ),
  noise: z.enum(["learned", "fixed"]).default("learned").describe(
    "learned: a homoscedastic noise level is a hyperparameter (held at its floor when every " +
      "result reports a known variance); fixed: it is always held at its floor. Known " +
      "per-trial variances are added to it",
  ),
  categoricals: z.enum(["one-hot", "index"]).default("one-hot").describe(
    "how categoricals enter the GP: one-hot (one column and lengthscale per value, no order " +
      "among values) or index (one ordinal coordinate, values in list order)",
  ),
  maxOneHot: z.number().int().min(1).max(10_000).default(32).describe(
    "categoricals with more values than this use their index coordinate even in one-hot mode",
  ),
});

/** The config of "gp-bo", defaults applied. */
export type GpBoConfig = z.infer<typeof GpBoConfigSchema>;
