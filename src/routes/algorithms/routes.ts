/**
 * The listAlgorithms route as documented, apart from its handler
 * (./handlers.ts) so the contract reads on its own and the handler is typed
 * against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { FEEDBACK_KINDS } from "../../algorithms/types.ts";
import { AlgorithmNameSchema } from "../algorithm_components.ts";
import { problemResponses } from "../common.ts";

/** An algorithm as listAlgorithms describes it. */
export const AlgorithmSchema = z.object({
  name: AlgorithmNameSchema,
  description: z.string(),
  feedbackKinds: z.array(z.enum(FEEDBACK_KINDS as [string, ...string[]])),
  configSchema: z.record(z.string(), z.unknown()).openapi({
    description: "JSON Schema of `algorithm.config` in createStudy",
  }),
}).openapi("Algorithm");

/** listAlgorithms. */
export const listAlgorithmsRoute = createRoute({
  method: "get",
  path: "/v1/algorithms",
  operationId: "listAlgorithms",
  summary: "List the algorithms a study can use",
  description:
    "Each algorithm's name, what it does, the feedback kinds it accepts and the JSON Schema of its config.",
  tags: ["Algorithms"],
  security: [{ bearerAuth: [] }],
  responses: {
    200: {
      description: "The registered algorithms",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(AlgorithmSchema) }).openapi("AlgorithmList"),
          example: {
            items: [{
              name: "sobol",
              description: "Scrambled Sobol sequence: an even, space-filling design.",
              feedbackKinds: ["value", "infeasible", "failed"],
              configSchema: {
                type: "object",
                properties: { scramble: { type: "boolean", default: true } },
                additionalProperties: false,
              },
            }],
          },
        },
      },
    },
    ...problemResponses(401),
  },
});
