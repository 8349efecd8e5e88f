/**
 * The algorithm a study gets when createStudy names none (Optuna's and
 * Vizier's habit: a good default, explained). gp-bo makes the most of each
 * trial while the space is small, which is when trials are few and dear;
 * its cost per suggestion grows with the dimension and with the one-hot
 * width of categorical parameters, so past those bounds the default is
 * random search, whose cost per suggestion does not grow. The answer of
 * createStudy says which was chosen and why (`algorithm.reason`).
 */
import type { SpaceSpec } from "../space/schema.ts";

/** gp-bo is the default up to this many parameters. */
export const GP_BO_MAX_PARAMETERS = 20;
/** … and up to this many categorical values in all. */
export const GP_BO_MAX_CATEGORIES = 64;

/** The default algorithm for a space, with the reason people read. */
export function defaultAlgorithm(space: SpaceSpec): { name: string; reason: string } {
  const d = space.parameters.length;
  const categories = space.parameters.reduce(
    (n, p) => n + (p.type === "categorical" ? p.values.length : 0),
    0,
  );
  const bounds = `at most ${GP_BO_MAX_PARAMETERS} parameters and ${GP_BO_MAX_CATEGORIES} ` +
    "categorical values in all";
  if (d <= GP_BO_MAX_PARAMETERS && categories <= GP_BO_MAX_CATEGORIES) {
    return {
      name: "gp-bo",
      reason: `no algorithm was named: gp-bo (Bayesian optimisation with a Gaussian process) ` +
        `suits this space of ${d} parameter${d === 1 ? "" : "s"} (${bounds}), where it makes ` +
        "the most of each trial; name one to choose otherwise (listAlgorithms)",
    };
  }
  return {
    name: "random",
    reason: `no algorithm was named: random search, because this space has ${d} parameters ` +
      `and ${categories} categorical values, past gp-bo's default bounds (${bounds}), where ` +
      "each gp-bo suggestion would cost more; name one to choose otherwise (listAlgorithms)",
  };
}
