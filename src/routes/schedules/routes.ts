/**
 * The schedules routes as documented: paths, parameters, bodies, responses
 * and examples, apart from the handlers (./handlers.ts) so the contract reads
 * on its own and the handlers are typed against it. A schedule's `run` is
 * startRun's own body schema, so the two never disagree.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { SHOWN_TICKS } from "../../services/schedules.ts";
import {
  IdempotencyHeaders,
  idParam,
  json,
  jsonBody,
  pageOf,
  PageQuery,
  problemResponses,
} from "../common.ts";
import { EXAMPLE_RUN, RunSchema, StartRunRequest } from "../runs/routes.ts";
import { EXAMPLE } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Schedules"];
const EXAMPLE_SCHEDULE_ID = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const ScheduleParams = StudyParams.extend({
  scheduleId: idParam("scheduleId", EXAMPLE_SCHEDULE_ID),
});

const EXAMPLE_BODY = {
  cron: "0 3 * * *",
  timezone: "Europe/Paris",
  run: { budget: 200, batchSize: 16 },
  overlap: "skip",
  catchUp: "one",
  paused: false,
};

const EXAMPLE_SCHEDULE = {
  id: EXAMPLE_SCHEDULE_ID,
  studyId: EXAMPLE.studyId,
  ...EXAMPLE_BODY,
  nextTickAt: "2026-11-28T02:00:00.000Z",
  createdAt: EXAMPLE.time,
  updatedAt: EXAMPLE.time,
};

const Cron = z.string().min(1).max(200).openapi({
  description: "A cron expression: 5 fields (minute hour day-of-month month day-of-week), or 6 " +
    "with seconds first; read by croner (`*/15`, `1-5`, `MON-FRI`, `L`, `@daily`…)",
  example: "0 3 * * *",
});
const Timezone = z.string().min(1).max(100).openapi({
  description: "The IANA time zone the expression is read in",
  example: "Europe/Paris",
});
const Overlap = z.enum(["skip", "queue", "cancel-previous"]).openapi("ScheduleOverlap", {
  description: "What a tick does while the schedule's previous run is still QUEUED or RUNNING: " +
    "`skip` (the tick is recorded as skipped), `queue` (the new run is started QUEUED behind " +
    "it), `cancel-previous` (the previous run is cancelled, then the new one started)",
});
const CatchUp = z.enum(["none", "one"]).openapi("ScheduleCatchUp", {
  description: "What happens to ticks missed while no scheduler ran: `none` (they are dropped; " +
    "the schedule goes on from the next tick) or `one` (one run, at once, for all of them)",
});

export const CreateScheduleRequest = z.strictObject({
  cron: Cron,
  timezone: Timezone.default("UTC"),
  run: StartRunRequest,
  overlap: Overlap.default("skip"),
  catchUp: CatchUp.default("none"),
  paused: z.boolean().default(false).openapi({ description: "Created paused" }),
}).openapi("CreateScheduleRequest");

export const UpdateScheduleRequest = z.strictObject({
  cron: Cron.optional(),
  timezone: Timezone.optional(),
  run: StartRunRequest.optional(),
  overlap: Overlap.optional(),
  catchUp: CatchUp.optional(),
  paused: z.boolean().optional().openapi({
    description: "true pauses the schedule; false resumes it from now (the ticks of the pause " +
      "are not owed)",
  }),
}).openapi("UpdateScheduleRequest");

/** A schedule. */
export const ScheduleSchema = z.object({
  id: z.string().uuid(),
  studyId: z.string().uuid(),
  cron: z.string(),
  timezone: z.string(),
  run: StartRunRequest,
  overlap: Overlap,
  catchUp: CatchUp,
  paused: z.boolean(),
  nextTickAt: z.string().datetime().nullable().openapi({
    description: "The first tick not yet handled (null while paused, or when the expression " +
      "has no tick left)",
  }),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
}).openapi("Schedule", { example: EXAMPLE_SCHEDULE });

const ScheduleTick = z.object({
  tick: z.string().datetime(),
  outcome: z.enum(["started", "skipped", "failed"]),
  runId: z.string().uuid().nullable(),
  reason: z.string().nullable().openapi({ description: "Why it was skipped or failed" }),
}).openapi("ScheduleTick");

const EXAMPLE_DETAIL = {
  ...EXAMPLE_SCHEDULE,
  nextTicks: [28, 29, 30].map((d) => `2026-11-${d}T02:00:00.000Z`),
  lastTicks: [{
    tick: "2026-11-27T02:00:00.000Z",
    outcome: "started",
    runId: EXAMPLE_RUN.id,
    reason: null,
  }],
  lastRuns: [{
    ...EXAMPLE_RUN,
    scheduleId: EXAMPLE_SCHEDULE_ID,
    tick: "2026-11-27T02:00:00.000Z",
  }],
};

export const ScheduleDetailSchema = ScheduleSchema.extend({
  nextTicks: z.array(z.string().datetime()).openapi({
    description: `The next ${SHOWN_TICKS} ticks (none while paused)`,
  }),
  lastTicks: z.array(ScheduleTick).openapi({
    description: `The last ${SHOWN_TICKS} ticks handled, newest first`,
  }),
  lastRuns: z.array(RunSchema).openapi({
    description: `The last ${SHOWN_TICKS} runs the schedule started, newest tick first`,
  }),
}).openapi("ScheduleDetail", { example: EXAMPLE_DETAIL });

export const createScheduleRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/schedules",
  operationId: "createSchedule",
  summary: "Schedule runs of a study with a cron expression",
  description:
    "At each tick of `cron` (in `timezone`), a run is started with `run` (startRun's body) and " +
    "carries `scheduleId` and `tick`. Each tick starts at most one run however many minima " +
    "processes run a scheduler (MINIMA_SCHEDULER). The first tick is the first after now. A bad " +
    "`cron` or `timezone` is a 422 naming it; a study without a model (`objective.evaluator`) a 409.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(CreateScheduleRequest, EXAMPLE_BODY),
  },
  responses: {
    201: { description: "The schedule", ...json(ScheduleSchema, EXAMPLE_SCHEDULE) },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const listSchedulesRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/schedules",
  operationId: "listSchedules",
  summary: "List a study's schedules",
  description: "Newest first, paginated with a cursor.",
  tags,
  security,
  request: { params: StudyParams, query: PageQuery },
  responses: {
    200: {
      description: "A page of schedules",
      ...json(pageOf(ScheduleSchema).openapi("SchedulePage"), {
        items: [EXAMPLE_SCHEDULE],
        nextCursor: null,
      }),
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const getScheduleRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/schedules/{scheduleId}",
  operationId: "getSchedule",
  summary: "Get a schedule, its next ticks and its last runs",
  description:
    "One schedule by id, with its next ticks (when it will start runs) and the runs it " +
    "started last.",
  tags,
  security,
  request: { params: ScheduleParams },
  responses: {
    200: { description: "The schedule", ...json(ScheduleDetailSchema, EXAMPLE_DETAIL) },
    ...problemResponses(401, 403, 404),
  },
});

export const updateScheduleRoute = createRoute({
  method: "patch",
  path: "/v1/studies/{studyId}/schedules/{scheduleId}",
  operationId: "updateSchedule",
  summary: "Change, pause or resume a schedule",
  description: 'Any of the fields; the others stay. `{"paused": true}` pauses it, ' +
    '`{"paused": false}` resumes it from now. A new `cron` or `timezone` starts its ticks ' +
    "again from now.",
  tags,
  security,
  request: {
    params: ScheduleParams,
    body: jsonBody(UpdateScheduleRequest, { paused: true }),
  },
  responses: {
    200: {
      description: "The schedule",
      ...json(ScheduleSchema, { ...EXAMPLE_SCHEDULE, paused: true, nextTickAt: null }),
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

export const deleteScheduleRoute = createRoute({
  method: "delete",
  path: "/v1/studies/{studyId}/schedules/{scheduleId}",
  operationId: "deleteSchedule",
  summary: "Delete a schedule",
  description: "No tick starts a run after this; the runs it started stay, with their " +
    "`scheduleId` and `tick`.",
  tags,
  security,
  request: { params: ScheduleParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});
