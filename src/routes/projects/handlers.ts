/**
 * The projects-and-keys handlers (admin keys only), each typed against its
 * route (./routes.ts): what a handler returns must be one of the route's
 * documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import {
  createApiKey,
  createProject,
  listApiKeys,
  listProjects,
  requireAdmin,
  revokeApiKey,
} from "../../services/projects.ts";
import { actor, type AppEnv, idempotent } from "../common.ts";
import type {
  createApiKeyRoute,
  createProjectRoute,
  listApiKeysRoute,
  listProjectsRoute,
  revokeApiKeyRoute,
} from "./routes.ts";

/** createProject (idempotent). */
export const createProjectHandler: RouteHandler<typeof createProjectRoute, AppEnv> = (c) => {
  requireAdmin(c.var.principal);
  const body = c.req.valid("json");
  return idempotent(c, "createProject", body, async (q) => ({
    status: 201,
    body: await createProject(q, body.name, actor(c)),
  }));
};

/** listProjects. */
export const listProjectsHandler: RouteHandler<typeof listProjectsRoute, AppEnv> = async (c) => {
  requireAdmin(c.var.principal);
  return c.json(await listProjects(c.var.services.db, c.req.valid("query")), 200);
};

/** createApiKey (idempotent; the key is never stored, so a replay is a 409). */
export const createApiKeyHandler: RouteHandler<typeof createApiKeyRoute, AppEnv> = (c) => {
  requireAdmin(c.var.principal);
  const body = c.req.valid("json");
  const { projectId } = c.req.valid("param");
  return idempotent(c, "createApiKey", body, async (q) => ({
    status: 201 as const,
    body: await createApiKey(q, projectId, body.name, actor(c)),
  }), { secret: "key" });
};

/** listApiKeys. */
export const listApiKeysHandler: RouteHandler<typeof listApiKeysRoute, AppEnv> = async (c) => {
  requireAdmin(c.var.principal);
  const { projectId } = c.req.valid("param");
  return c.json({ items: await listApiKeys(c.var.services.db, projectId) }, 200);
};

/** revokeApiKey: harmless twice. */
export const revokeApiKeyHandler: RouteHandler<typeof revokeApiKeyRoute, AppEnv> = async (c) => {
  requireAdmin(c.var.principal);
  const { projectId, keyId } = c.req.valid("param");
  const s = c.var.services;
  return c.json(await revokeApiKey(s, s.db, projectId, keyId, actor(c)), 200);
};
