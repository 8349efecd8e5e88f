/**
 * "random": independent uniform points of the encoded unit cube. With the
 * space's encoding this samples floats uniformly (log-uniformly on a log
 * scale) and every integer, grid value and category with equal probability.
 * The baseline every other algorithm must beat.
 *
 * @module
 */
import { z } from "zod";
import { Rng } from "../../math/rng.ts";
import type { Space } from "../../space/mod.ts";
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Suggestion,
} from "../types.ts";

/** "random" takes no options. */
export const RandomConfigSchema = z.strictObject({});

/** The config of "random": empty. */
export type RandomConfig = z.infer<typeof RandomConfigSchema>;

/** The saved state: the version of its layout and the RNG's state. */
type RandomState = { v: 1; rng: number[] };

/** The RNG a saved state holds; throws when the state is not one `dump` wrote. */
function restoreRng(state: JsonValue): Rng {
  const saved = state as Partial<RandomState> | null;
  if (typeof saved !== "object" || saved === null || Array.isArray(saved)) {
    throw new Error(`corrupt "random" state: expected an object, got ${JSON.stringify(state)}`);
  }
  if (saved.v !== 1) {
    throw new Error(`corrupt "random" state: unknown version ${JSON.stringify(saved.v)}`);
  }
  try {
    return Rng.restore(saved.rng);
  } catch (error) {
    throw new Error(`corrupt "random" state: ${(error as Error).message}`);
  }
}

/** Draws uniform points of [0, 1]^d. */
class RandomDesigner implements Designer {
  readonly #dimension: number;
  readonly #rng: Rng;

  constructor(space: Space, rng: Rng) {
    this.#dimension = space.dimension;
    this.#rng = rng;
  }

  suggest(count: number): Promise<Suggestion[]> {
    return new Promise((resolve) => {
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`count must be a non-negative integer, got ${count}`);
      }
      const suggestions: Suggestion[] = [];
      for (let i = 0; i < count; i++) {
        const point = new Array<number>(this.#dimension);
        for (let j = 0; j < this.#dimension; j++) point[j] = this.#rng.next();
        suggestions.push({ point });
      }
      resolve(suggestions);
    });
  }

  update(_feedback: Feedback[]): void {
    // Random search does not learn.
  }

  dump(): JsonValue {
    const state: RandomState = { v: 1, rng: this.#rng.state() };
    return state;
  }
}

/** Makes a random-search designer, new or from its saved state. */
function createRandom({ space, seed, state }: CreateOptions<RandomConfig>): Designer {
  const rng = state === undefined ? Rng.fromSeed(seed) : restoreRng(state);
  return new RandomDesigner(space, rng);
}

/** Random search: uniform points of the encoded space. */
export const randomAlgorithm: AlgorithmDefinition<RandomConfig> = {
  name: "random",
  description: "Random search: independent uniform points of the search space " +
    "(log-uniform on log scales, every integer and category equally likely). A baseline.",
  feedbackKinds: ["value", "infeasible", "failed"],
  learnsFromFeedback: false,
  configSchema: RandomConfigSchema,
  create: createRandom,
};
