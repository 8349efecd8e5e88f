/**
 * Admin keys and the audit log (admin keys only). The contract is in
 * ./routes.ts, the handlers in ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The admin routes. */
export function adminRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.createAdminKeyRoute, h.createAdminKeyHandler);
  app.openapi(r.listAdminKeysRoute, h.listAdminKeysHandler);
  app.openapi(r.revokeAdminKeyRoute, h.revokeAdminKeyHandler);
  app.openapi(r.listAuditEventsRoute, h.listAuditEventsHandler);
  return app;
}
