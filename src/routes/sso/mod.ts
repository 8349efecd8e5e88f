/**
 * sso studies (driven by rounds): uploadFeatures, startRound,
 * completeRound, getRound, listRounds, getStudyModel. The contract is in
 * ./routes.ts, the handlers in ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The sso routes. */
export function ssoRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.uploadFeaturesRoute, h.uploadFeaturesHandler);
  app.openapi(r.startRoundRoute, h.startRoundHandler);
  app.openapi(r.listRoundsRoute, h.listRoundsHandler);
  app.openapi(r.getRoundRoute, h.getRoundHandler);
  app.openapi(r.completeRoundRoute, h.completeRoundHandler);
  app.openapi(r.getStudyModelRoute, h.getStudyModelHandler);
  return app;
}
