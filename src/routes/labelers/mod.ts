/**
 * Labeler tokens: a project key mints, lists and revokes tokens that can
 * fetch, rank, skip and undo one study's comparisons and nothing else. The
 * contract is in ./routes.ts, the handlers in ./handlers.ts; this module
 * pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The labeler-token routes. */
export function labelerRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.createLabelerRoute, h.createLabelerHandler);
  app.openapi(r.listLabelersRoute, h.listLabelersHandler);
  app.openapi(r.revokeLabelerRoute, h.revokeLabelerHandler);
  return app;
}
