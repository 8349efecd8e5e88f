/**
 * Trials: suggest, create, list, get, complete (one or a batch), heartbeat,
 * fail, best, export. The contract is in ./routes.ts, the handlers in
 * ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The trials routes. Fixed paths are registered before `{trialId}`. */
export function trialRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.suggestRoute, h.suggestHandler);
  app.openapi(r.createTrialRoute, h.createTrialHandler);
  app.openapi(r.listTrialsRoute, h.listTrialsHandler);
  app.openapi(r.bestRoute, h.bestHandler);
  app.openapi(r.exportRoute, h.exportHandler);
  app.openapi(r.completeTrialsRoute, h.completeTrialsHandler);
  app.openapi(r.getTrialRoute, h.getTrialHandler);
  app.openapi(r.completeTrialRoute, h.completeTrialHandler);
  app.openapi(r.heartbeatRoute, h.heartbeatHandler);
  app.openapi(r.failRoute, h.failHandler);
  return app;
}
