/**
 * The algorithms in the OpenAPI document: a study's `algorithm` is a union
 * discriminated by `name`, one component per registered algorithm
 * (`<Name>Algorithm`: its name, its `<Name>Config`, a seed), so a generated
 * client types each algorithm's config. The components are written as JSON
 * Schema from the algorithms' own config schemas (listAlgorithms serves the
 * same ones); the zod schemas that validate requests stay as they are
 * (services/study_schema.ts checks the config against the named algorithm's),
 * and the routes point at these components with `documentedAs`.
 */
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import { z as zod } from "zod";
import { listAlgorithms } from "../algorithms/mod.ts";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];
type Component = Parameters<OpenAPIRegistry["registerComponent"]>[2];

/** "zo-rank-sgd" → "ZoRankSgd". */
function pascal(name: string): string {
  return name.split(/[^a-z0-9]+/i).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
}

/** Each registered algorithm with its components' names. */
export const ALGORITHM_COMPONENTS = listAlgorithms().map((a) => ({
  algorithm: a.name,
  /** Its config's component: `<Name>Config`. */
  config: `${pascal(a.name)}Config`,
  /** Its variant of AlgorithmChoice: `<Name>Algorithm`. */
  variant: `${pascal(a.name)}Algorithm`,
  schema: a.configSchema,
}));

/** The registered algorithms' names, as the document enumerates them. */
export const ALGORITHM_NAMES = ALGORITHM_COMPONENTS.map((c) => c.algorithm) as [
  string,
  ...string[],
];

/** The name of a registered algorithm (the AlgorithmName component). */
export const AlgorithmNameSchema = z.enum(ALGORITHM_NAMES).openapi("AlgorithmName", {
  description: "A registered algorithm (listAlgorithms)",
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Documents `schema` as the component `name` (one registered here or with
 * registerComponent); `schema` still validates. OpenAPI 3.1 allows `type`
 * beside `$ref`; generators follow the `$ref`.
 */
export function documentedAs<T extends z.ZodType>(
  schema: T,
  name: string,
  description?: string,
): T {
  return schema.openapi({ type: "object", ...ref(name), description } as never);
}

/**
 * Registers each algorithm's config (`<Name>Config`), its variant
 * (`<Name>Algorithm`) and their union (`AlgorithmChoice`, discriminated by
 * `name`) as components of `registry`.
 */
export function registerAlgorithmComponents(registry: OpenAPIRegistry): void {
  for (const c of ALGORITHM_COMPONENTS) {
    // As JSON Schema (the config schemas may predate zod's OpenAPI extension).
    const { $schema: _, ...schema } = zod.toJSONSchema(c.schema, { io: "input" });
    registry.registerComponent("schemas", c.config, schema as Component);
    registry.registerComponent("schemas", c.variant, {
      type: "object",
      description: `The ${c.algorithm} algorithm with its config`,
      properties: {
        name: { type: "string", enum: [c.algorithm] },
        config: {
          ...ref(c.config),
          description: "Its options: unknown keys are refused, defaults fill the rest",
        },
        seed: {
          type: "integer",
          minimum: 0,
          maximum: 2 ** 53 - 1,
          description: "Makes the study deterministic; absent, minima draws one",
        },
        reason: {
          type: "string",
          readOnly: true,
          description: "Why minima chose this algorithm: only in createStudy's answer, when " +
            "the request named none",
        },
      },
      required: ["name"],
      additionalProperties: false,
    } as Component);
  }
  registry.registerComponent("schemas", "AlgorithmChoice", {
    description: "Which algorithm explores the space, by `name`, with its config and seed",
    oneOf: ALGORITHM_COMPONENTS.map((c) => ref(c.variant)),
    discriminator: {
      propertyName: "name",
      mapping: Object.fromEntries(
        ALGORITHM_COMPONENTS.map((c) => [c.algorithm, `#/components/schemas/${c.variant}`]),
      ),
    },
  } as Component);
}
