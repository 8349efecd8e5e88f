/**
 * The admin handlers (admin keys only), each typed against its route
 * (./routes.ts).
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { createAdminKey, listAdminKeys, revokeAdminKey } from "../../services/admin_keys.ts";
import { listAuditEvents } from "../../services/audit.ts";
import { requireAdmin } from "../../services/projects.ts";
import { actor, type AppEnv, idempotent } from "../common.ts";
import type {
  createAdminKeyRoute,
  listAdminKeysRoute,
  listAuditEventsRoute,
  revokeAdminKeyRoute,
} from "./routes.ts";

/** createAdminKey (idempotent; the key is never stored, so a replay is a 409). */
export const createAdminKeyHandler: RouteHandler<typeof createAdminKeyRoute, AppEnv> = (c) => {
  requireAdmin(c.var.principal);
  const body = c.req.valid("json");
  return idempotent(c, "createAdminKey", body, async (q) => ({
    status: 201 as const,
    body: await createAdminKey(q, body.name, actor(c)),
  }), { secret: "key" });
};

/** listAdminKeys. */
export const listAdminKeysHandler: RouteHandler<typeof listAdminKeysRoute, AppEnv> = async (c) => {
  requireAdmin(c.var.principal);
  return c.json({ items: await listAdminKeys(c.var.services.db) }, 200);
};

/** revokeAdminKey: harmless twice; never the last way in. */
export const revokeAdminKeyHandler: RouteHandler<typeof revokeAdminKeyRoute, AppEnv> = async (
  c,
) => {
  requireAdmin(c.var.principal);
  const { keyId } = c.req.valid("param");
  const s = c.var.services;
  return c.json(await revokeAdminKey(s, s.db, keyId, actor(c), s.envAdminKey ?? false), 200);
};

/** listAuditEvents. */
export const listAuditEventsHandler: RouteHandler<typeof listAuditEventsRoute, AppEnv> = async (
  c,
) => {
  requireAdmin(c.var.principal);
  const { limit, cursor, action, projectId, since, until } = c.req.valid("query");
  const filter = {
    action,
    projectId,
    since: since === undefined ? undefined : new Date(since),
    until: until === undefined ? undefined : new Date(until),
  };
  return c.json(await listAuditEvents(c.var.services.db, filter, { limit, cursor }), 200);
};
