/**
 * Schedules: createSchedule, listSchedules, getSchedule, updateSchedule,
 * deleteSchedule. The contract is in ./routes.ts, the handlers in
 * ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import * as h from "./handlers.ts";
import * as r from "./routes.ts";

/** The schedules routes. */
export function scheduleRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(r.createScheduleRoute, h.createScheduleHandler);
  app.openapi(r.listSchedulesRoute, h.listSchedulesHandler);
  app.openapi(r.getScheduleRoute, h.getScheduleHandler);
  app.openapi(r.updateScheduleRoute, h.updateScheduleHandler);
  app.openapi(r.deleteScheduleRoute, h.deleteScheduleHandler);
  return app;
}
