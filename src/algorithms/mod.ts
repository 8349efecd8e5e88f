/**
 * The registry of algorithms: every algorithm a study may name. Adding an
 * algorithm means adding its definition to `DEFINITIONS`; the conformance
 * test (`conformance_test.ts`) then runs it through the shared checks.
 *
 * @module
 */
import { cboAlgorithm } from "./cbo/mod.ts";
import { gpBoAlgorithm } from "./gp_bo/mod.ts";
import { randomAlgorithm } from "./random/mod.ts";
import { sobolAlgorithm } from "./sobol/mod.ts";
import { ssoAlgorithm } from "./sso/mod.ts";
import { zoRankSgdAlgorithm } from "./zo_rank_sgd/mod.ts";
import type { AlgorithmDefinition } from "./types.ts";

/** Every registered algorithm, in the order `listAlgorithms` shows them. */
const DEFINITIONS: readonly AlgorithmDefinition<unknown>[] = [
  randomAlgorithm,
  sobolAlgorithm,
  gpBoAlgorithm as AlgorithmDefinition<unknown>,
  cboAlgorithm as AlgorithmDefinition<unknown>,
  zoRankSgdAlgorithm as AlgorithmDefinition<unknown>,
  ssoAlgorithm as AlgorithmDefinition<unknown>,
];

/** Builds the name → definition map, refusing duplicate names. */
function byName(
  definitions: readonly AlgorithmDefinition<unknown>[],
): ReadonlyMap<string, AlgorithmDefinition<unknown>> {
  const map = new Map<string, AlgorithmDefinition<unknown>>();
  for (const definition of definitions) {
    if (map.has(definition.name)) {
      throw new Error(`two algorithms are registered as "${definition.name}"`);
    }
    map.set(definition.name, definition);
  }
  return map;
}

/** Every registered algorithm by name. */
export const algorithms: ReadonlyMap<string, AlgorithmDefinition<unknown>> = byName(DEFINITIONS);

/** The algorithm registered under `name`, if any. */
export function findAlgorithm(name: string): AlgorithmDefinition<unknown> | undefined {
  return algorithms.get(name);
}

/**
 * The algorithm registered under `name`.
 *
 * @throws {Error} when no algorithm has that name.
 */
export function getAlgorithm(name: string): AlgorithmDefinition<unknown> {
  const definition = algorithms.get(name);
  if (!definition) {
    throw new Error(`unknown algorithm "${name}"; known: ${[...algorithms.keys()].join(", ")}`);
  }
  return definition;
}

/** Every registered algorithm, in registration order. */
export function listAlgorithms(): AlgorithmDefinition<unknown>[] {
  return [...algorithms.values()];
}
