/**
 * The schedules handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { requireProjectKey } from "../../services/projects.ts";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  updateSchedule,
} from "../../services/schedules.ts";
import { type AppEnv, idempotent } from "../common.ts";
import type {
  createScheduleRoute,
  deleteScheduleRoute,
  getScheduleRoute,
  listSchedulesRoute,
  updateScheduleRoute,
} from "./routes.ts";

/** createSchedule (idempotent). */
export const createScheduleHandler: RouteHandler<typeof createScheduleRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  return await idempotent(c, "createSchedule", body, async (q) => ({
    status: 201,
    body: await createSchedule(s, q, projectId, studyId, body),
  }));
};

/** listSchedules. */
export const listSchedulesHandler: RouteHandler<typeof listSchedulesRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  return c.json(await listSchedules(s, s.db, projectId, studyId, c.req.valid("query")), 200);
};

/** getSchedule. */
export const getScheduleHandler: RouteHandler<typeof getScheduleRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, scheduleId } = c.req.valid("param");
  return c.json(await getSchedule(s, s.db, projectId, studyId, scheduleId), 200);
};

/** updateSchedule (pause and resume too). */
export const updateScheduleHandler: RouteHandler<typeof updateScheduleRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, scheduleId } = c.req.valid("param");
  return c.json(
    await updateSchedule(s, s.db, projectId, studyId, scheduleId, c.req.valid("json")),
    200,
  );
};

/** deleteSchedule. */
export const deleteScheduleHandler: RouteHandler<typeof deleteScheduleRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, scheduleId } = c.req.valid("param");
  await deleteSchedule(s, s.db, projectId, studyId, scheduleId);
  return c.body(null, 204);
};
