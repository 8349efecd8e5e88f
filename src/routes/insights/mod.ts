/**
 * Insights: getStudySummary, getParameterImportance and getLabelerAgreement,
 * the read-only views
 * the dashboard (/ui) needs beyond the resource endpoints.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import { agreementHandler, importanceHandler, studySummaryHandler } from "./handlers.ts";
import { agreementRoute, importanceRoute, studySummaryRoute } from "./routes.ts";

/** The insights routes. */
export function insightRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(studySummaryRoute, studySummaryHandler);
  app.openapi(importanceRoute, importanceHandler);
  app.openapi(agreementRoute, agreementHandler);
  return app;
}
