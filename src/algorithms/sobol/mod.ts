/**
 * "sobol": the points of a scrambled Sobol' sequence in the encoded unit
 * cube. They fill the space far more evenly than random points (every block
 * of 2^m points is stratified in every coordinate), which makes them the
 * better choice for a space-filling design or a quasi-random search.
 *
 * @module
 */
import { z } from "zod";
import { SobolSequence } from "../../math/sobol.ts";
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Suggestion,
} from "../types.ts";

/** The options of "sobol". */
export const SobolConfigSchema = z.strictObject({
  scramble: z.boolean().default(true).describe(
    "Randomise the sequence with the study's seed (linear matrix scrambling and a digital shift). " +
      "Without it every study gets the same points, starting at the lower corner of the space.",
  ),
});

/** The config of "sobol", defaults applied. */
export type SobolConfig = z.infer<typeof SobolConfigSchema>;

/** The saved state: the version of its layout and the index of the next point. */
type SobolState = { v: 1; index: number };

/** The index a saved state holds; throws when the state is not one `dump` wrote. */
function restoreIndex(state: JsonValue): number {
  const saved = state as Partial<SobolState> | null;
  if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
    throw new Error(`corrupt "sobol" state: expected an object, got ${JSON.stringify(state)}`);
  }
  if (saved.v !== 1) {
    throw new Error(`corrupt "sobol" state: unknown version ${JSON.stringify(saved.v)}`);
  }
  const index = saved.index;
  if (
    typeof index !== "number" || !Number.isInteger(index) || index < 0 ||
    index > SobolSequence.MAX_POINTS
  ) {
    throw new Error(
      `corrupt "sobol" state: index must be an integer in [0, 2^30], got ${JSON.stringify(index)}`,
    );
  }
  return index;
}

/** Hands out the points of one Sobol' sequence in order. */
class SobolDesigner implements Designer {
  readonly #sequence: SobolSequence;

  constructor(sequence: SobolSequence) {
    this.#sequence = sequence;
  }

  suggest(count: number): Promise<Suggestion[]> {
    return new Promise((resolve) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`count must be a non-negative integer, got ${count}`);
      }
      if (this.#sequence.index + count > SobolSequence.MAX_POINTS) {
        throw new Error(`the Sobol' sequence is exhausted: it has 2^30 points`);
      }
      const suggestions: Suggestion[] = [];
      for (let i = 0; i < count; i++) {
        suggestions.push({ point: Array.from(this.#sequence.next()) });
      }
      resolve(suggestions);
    });
  }

  update(_feedback: Feedback[]): void {
    // A Sobol' design does not depend on the results.
  }

  dump(): JsonValue {
    const state: SobolState = { v: 1, index: this.#sequence.index };
    return state;
  }
}

/** Makes a Sobol' designer, new or from its saved state. */
function createSobol({ space, config, seed, state }: CreateOptions<SobolConfig>): Designer {
  if (space.dimension > SobolSequence.MAX_DIMENSION) {
    throw new Error(
      `the "sobol" algorithm supports at most ${SobolSequence.MAX_DIMENSION} parameters; ` +
        `this space has ${space.dimension}`,
    );
  }
  const index = state === undefined ? 0 : restoreIndex(state);
  const sequence = new SobolSequence(space.dimension, { scramble: config.scramble, seed });
  if (index > 0) sequence.skipTo(index);
  return new SobolDesigner(sequence);
}

/** Quasi-random search with a scrambled Sobol' sequence. */
export const sobolAlgorithm: AlgorithmDefinition<SobolConfig> = {
  name: "sobol",
  description: "Quasi-random search: the points of a scrambled Sobol' sequence, which cover the " +
    "search space more evenly than random points. Best used in batches of a power of 2.",
  feedbackKinds: ["value", "infeasible", "failed"],
  learnsFromFeedback: false,
  configSchema: SobolConfigSchema,
  create: createSobol,
};
