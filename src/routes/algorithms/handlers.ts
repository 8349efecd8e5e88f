/**
 * The listAlgorithms handler, typed against its route (./routes.ts): what it
 * returns must be the route's documented response.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { z as zod } from "zod";
import { listAlgorithms } from "../../algorithms/mod.ts";
import type { AppEnv } from "../common.ts";
import type { listAlgorithmsRoute } from "./routes.ts";

/** listAlgorithms; the list (with each config's JSON Schema) is built once, here. */
export function listAlgorithmsHandler(): RouteHandler<typeof listAlgorithmsRoute, AppEnv> {
  const items = listAlgorithms().map((a) => {
    const { $schema: _, ...configSchema } = zod.toJSONSchema(a.configSchema, { io: "input" });
    return {
      name: a.name,
      description: a.description,
      feedbackKinds: [...a.feedbackKinds],
      configSchema,
    };
  });
  return (c) => c.json({ items }, 200);
}
