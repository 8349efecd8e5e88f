/**
 * The insights handlers, each typed against its route (./routes.ts).
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { labelerAgreement, studyImportance, studySummary } from "../../services/insights.ts";
import { requireProjectKey } from "../../services/projects.ts";
import type { AppEnv } from "../common.ts";
import type { agreementRoute, importanceRoute, studySummaryRoute } from "./routes.ts";

/** getStudySummary. */
export const studySummaryHandler: RouteHandler<typeof studySummaryRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  return c.json(await studySummary(s, s.db, projectId, c.req.valid("param").studyId), 200);
};

/** getParameterImportance. */
export const importanceHandler: RouteHandler<typeof importanceRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  return c.json(await studyImportance(s, s.db, projectId, c.req.valid("param").studyId), 200);
};

/** getLabelerAgreement. */
export const agreementHandler: RouteHandler<typeof agreementRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  return c.json(await labelerAgreement(s, s.db, projectId, c.req.valid("param").studyId), 200);
};
