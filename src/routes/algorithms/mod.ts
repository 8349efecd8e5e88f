/**
 * listAlgorithms: what a study may pick, with each algorithm's config schema.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { z as zod } from "zod";
import { listAlgorithms } from "../../algorithms/mod.ts";
import { FEEDBACK_KINDS } from "../../algorithms/types.ts";
import { type AppEnv, problemResponses, validationHook } from "../common.ts";

const AlgorithmSchema = z.object({
  name: z.string(),
  description: z.string(),
  feedbackKinds: z.array(z.enum(FEEDBACK_KINDS as [string, ...string[]])),
  configSchema: z.record(z.string(), z.unknown()).openapi({
    description: "JSON Schema of `algorithm.config` in createStudy",
  }),
}).openapi("Algorithm");

const route = createRoute({
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
          schema: z.object({ items: z.array(AlgorithmSchema) }),
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

/** The algorithms route. */
export function algorithmRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const items = listAlgorithms().map((a) => {
    const { $schema: _, ...configSchema } = zod.toJSONSchema(a.configSchema, { io: "input" });
    return {
      name: a.name,
      description: a.description,
      feedbackKinds: [...a.feedbackKinds],
      configSchema,
    };
  });
  app.openapi(route, (c) => c.json({ items }, 200));
  return app;
}
