/**
 * listAlgorithms: what a study may pick, with each algorithm's config schema.
 * The contract is in ./routes.ts, the handler in ./handlers.ts; this module
 * pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import { listAlgorithmsHandler } from "./handlers.ts";
import { listAlgorithmsRoute } from "./routes.ts";

/** The algorithms route. */
export function algorithmRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(listAlgorithmsRoute, listAlgorithmsHandler());
  return app;
}
