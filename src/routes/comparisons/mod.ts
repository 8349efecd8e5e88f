/**
 * Comparisons: groups of candidates people rank (next, rank, skip, undo,
 * list, export, get, render). The contract is in ./routes.ts, the handlers in
 * ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The comparisons routes (labeler tokens reach these and nothing else). */
export function comparisonRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.nextRoute, h.nextHandler);
  app.openapi(r.rankRoute, h.rankHandler);
  app.openapi(r.skipRoute, h.skipHandler);
  app.openapi(r.undoRoute, h.undoHandler);
  app.openapi(r.listRoute, h.listHandler);
  // Before getRoute: "export" is not a comparison's id.
  app.openapi(r.exportRoute, h.exportHandler);
  app.openapi(r.getRoute, h.getHandler);
  app.openapi(r.renderRoute, h.renderHandler);
  return app;
}
