/**
 * The labeler-token handlers, each typed against its route (./routes.ts):
 * what a handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import {
  createLabelerToken,
  listLabelerTokens,
  requireProjectKey,
  revokeLabelerToken,
} from "../../services/projects.ts";
import { findStudy } from "../../services/studies.ts";
import { actor, type AppEnv, idempotent } from "../common.ts";
import type { createLabelerRoute, listLabelersRoute, revokeLabelerRoute } from "./routes.ts";

/**
 * createLabelerToken: for one of the project's studies (idempotent; the
 * token is never stored, so a replay is a 409).
 */
export const createLabelerHandler: RouteHandler<typeof createLabelerRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  return idempotent(c, "createLabelerToken", body, async (q) => {
    await findStudy(q, projectId, studyId);
    return {
      status: 201 as const,
      body: await createLabelerToken(q, projectId, studyId, body.name, actor(c)),
    };
  }, { secret: "key" });
};

/** listLabelerTokens. */
export const listLabelersHandler: RouteHandler<typeof listLabelersRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const s = c.var.services;
  await findStudy(s.db, projectId, studyId);
  return c.json({ items: await listLabelerTokens(s.db, projectId, studyId) }, 200);
};

/** revokeLabelerToken. */
export const revokeLabelerHandler: RouteHandler<typeof revokeLabelerRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId, keyId } = c.req.valid("param");
  const s = c.var.services;
  return c.json(await revokeLabelerToken(s, s.db, projectId, studyId, keyId, actor(c)), 200);
};
