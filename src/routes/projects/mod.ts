/**
 * Projects and API keys (admin keys only). The contract is in ./routes.ts,
 * the handlers in ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The projects-and-keys routes. */
export function projectRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.createProjectRoute, h.createProjectHandler);
  app.openapi(r.listProjectsRoute, h.listProjectsHandler);
  app.openapi(r.createApiKeyRoute, h.createApiKeyHandler);
  app.openapi(r.listApiKeysRoute, h.listApiKeysHandler);
  app.openapi(r.revokeApiKeyRoute, h.revokeApiKeyHandler);
  return app;
}
