/**
 * Runs: startRun, listRuns, getRun, cancelRun, watchRun. The contract is in
 * ./routes.ts, the handlers in ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The runs routes. */
export function runRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.startRunRoute, h.startRunHandler);
  app.openapi(r.listRunsRoute, h.listRunsHandler);
  app.openapi(r.getRunRoute, h.getRunHandler);
  app.openapi(r.cancelRunRoute, h.cancelRunHandler);
  app.openapi(r.watchRunRoute, h.watchRunHandler);
  return app;
}
