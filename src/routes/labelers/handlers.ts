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
import type { AppEnv } from "../common.ts";
import type { createLabelerRoute, listLabelersRoute, revokeLabelerRoute } from "./routes.ts";

/** createLabelerToken: for one of the project's studies. */
export const createLabelerHandler: RouteHandler<typeof createLabelerRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const s = c.var.services;
  await findStudy(s.db, projectId, studyId);
  const { name } = c.req.valid("json");
  return c.json(await createLabelerToken(s.db, projectId, studyId, name), 201);
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
  return c.json(await revokeLabelerToken(s, s.db, projectId, studyId, keyId), 200);
};
