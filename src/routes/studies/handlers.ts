/**
 * The studies handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { requireProjectKey } from "../../services/projects.ts";
import { createStudy } from "../../services/study_create.ts";
import { deleteStudy, getStudy, listStudies, updateStudy } from "../../services/studies.ts";
import { actor, type AppEnv, idempotent } from "../common.ts";
import type {
  createStudyRoute,
  deleteStudyRoute,
  getStudyRoute,
  listStudiesRoute,
  updateStudyRoute,
} from "./routes.ts";

/** createStudy (idempotent). */
export const createStudyHandler: RouteHandler<typeof createStudyRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const body = c.req.valid("json");
  return idempotent(c, "createStudy", body, async (q) => {
    const { study, created } = await createStudy(c.var.services, q, projectId, body);
    return { status: created ? 201 : 200, body: study };
  });
};

/** listStudies. */
export const listStudiesHandler: RouteHandler<typeof listStudiesRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  return c.json(await listStudies(s, s.db, projectId, c.req.valid("query")), 200);
};

/** getStudy. */
export const getStudyHandler: RouteHandler<typeof getStudyRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  return c.json(await getStudy(s, s.db, projectId, c.req.valid("param").studyId), 200);
};

/** updateStudy. */
export const updateStudyHandler: RouteHandler<typeof updateStudyRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  return c.json(await updateStudy(s, s.db, projectId, studyId, c.req.valid("json")), 200);
};

/** deleteStudy: the study's cached metadata goes with it. */
export const deleteStudyHandler: RouteHandler<typeof deleteStudyRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  await deleteStudy(c.var.services, c.var.services.db, projectId, studyId, actor(c));
  return c.body(null, 204);
};
