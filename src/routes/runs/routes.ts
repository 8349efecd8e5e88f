/**
 * The runs routes as documented: paths, parameters, bodies, responses and
 * examples, apart from the handlers (./handlers.ts) so the contract reads on
 * its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { DEFAULT_BATCH_SIZE } from "../../services/runs/runs.ts";
import {
  IdempotencyHeaders,
  idParam,
  json,
  jsonBody,
  pageOf,
  PageQuery,
  problemResponses,
} from "../common.ts";
import { EXAMPLE, orNull } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Runs"];
const EXAMPLE_RUN_ID = "3e9b2d7c-1f4a-4c6b-8d2e-5a7f9c1b3d4e";
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const RunParams = StudyParams.extend({ runId: idParam("runId", EXAMPLE_RUN_ID) });

/** A run's lifecycle state. */
export const RunStateSchema = z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"])
  .openapi("RunState", {
    description: "QUEUED (waiting for a worker) → RUNNING → SUCCEEDED (budget, deadline or " +
      "target reached, or its study complete: see `stopReason`) | FAILED (see `reason`) | " +
      "CANCELLED",
  });

const Best = z.object({
  value: z.number().openapi({ description: "The primary metric" }),
  trialId: z.string().uuid(),
}).openapi("RunBest", {
  description: "The run's best trial by the study's first metric",
});

/** The example run of the docs. */
export const EXAMPLE_RUN = {
  id: EXAMPLE_RUN_ID,
  studyId: EXAMPLE.studyId,
  state: "RUNNING",
  budget: 200,
  batchSize: 16,
  maxSeconds: 600,
  stopAtValue: 0.4,
  completed: 48,
  best: { value: 0.52, trialId: EXAMPLE.trialId },
  stopReason: null,
  reason: null,
  inFlight: 32,
  requires: null,
  claims: 1,
  scheduleId: null,
  tick: null,
  createdAt: EXAMPLE.time,
  startedAt: EXAMPLE.time,
  finishedAt: null,
  updatedAt: EXAMPLE.time,
};

/** A run. */
export const RunSchema = z.object({
  id: z.string().uuid(),
  studyId: z.string().uuid(),
  state: RunStateSchema,
  budget: z.number().int().openapi({ description: "Trials the run evaluates, at most" }),
  batchSize: z.number().int().openapi({ description: "Trials asked for and evaluated together" }),
  maxSeconds: z.number().nullable().openapi({ description: "The deadline, from the start" }),
  stopAtValue: z.number().nullable().openapi({ description: "The target of the first metric" }),
  completed: z.number().int().openapi({
    description: "The run's trials completed so far (with values, or infeasible)",
  }),
  best: orNull(Best).openapi({ description: "The run's best trial; null before any result" }),
  stopReason: z.enum(["budget", "deadline", "target", "cancelled", "study_complete"]).nullable()
    .openapi({
      description: "Why a SUCCEEDED or CANCELLED run stopped; `study_complete`: its study " +
        "reached a stop condition (settings.maxTrials or settings.deadline; see `reason`)",
    }),
  reason: z.string().nullable().openapi({
    description: "Why a FAILED run failed, or which stop condition completed its study",
  }),
  inFlight: z.number().int().openapi({
    description: "Trials reserved by the run's batches in flight: workers (in any process) " +
      "share a run batch by batch, and `completed + inFlight` never passes the budget",
  }),
  requires: z.enum(["gpu"]).nullable().openapi({
    description: "What a worker must have to take the run's batches: null (any), or `gpu`",
  }),
  claims: z.number().int().openapi({
    description: "1 once a worker opened the run's first batch, and one more for each batch " +
      "taken over from a lost worker (its process killed; another carried the batch on). A " +
      "worker that stops cleanly gives its batch back without counting",
  }),
  scheduleId: z.string().uuid().nullable().openapi({
    description: "The schedule that started the run, if one did",
  }),
  tick: z.string().datetime().nullable().openapi({
    description: "The schedule's tick that started the run",
  }),
  createdAt: z.string().datetime(),
  startedAt: z.string().datetime().nullable(),
  finishedAt: z.string().datetime().nullable(),
  updatedAt: z.string().datetime(),
}).openapi("Run", { example: EXAMPLE_RUN });

const runResponse = (description: string, example: unknown = EXAMPLE_RUN) => ({
  description,
  ...json(RunSchema, example),
});

export const StartRunRequest = z.strictObject({
  budget: z.number().int().min(1).max(1_000_000).openapi({
    description: "Trials to evaluate, at most; the run's trials then number exactly this " +
      "unless the deadline, the target or a cancellation stops it first",
    example: 200,
  }),
  batchSize: z.number().int().min(1).max(1000).optional().openapi({
    description:
      `Trials asked for and evaluated in one model call (default ${DEFAULT_BATCH_SIZE}, ` +
      "at most the budget); an algorithm that works in generations may give fewer",
    example: 16,
  }),
  maxSeconds: z.number().gt(0).max(30 * 24 * 3600).optional().openapi({
    description: "Stop after this many seconds from the start (checked between batches)",
    example: 600,
  }),
  stopAtValue: z.number().optional().openapi({
    description: "Stop once a trial of the run reaches this value of the first metric (at or " +
      "below it when minimised, at or above when maximised)",
    example: 0.4,
  }),
  requires: z.enum(["gpu"]).optional().openapi({
    description: "Only workers that can run models on a GPU take the run's batches (a worker " +
      "can when one of its MINIMA_ONNX_PROVIDERS, cuda or webgpu, loads a model); without it, " +
      "any worker does",
    example: "gpu",
  }),
}).openapi("StartRunRequest");

export const startRunRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/runs",
  operationId: "startRun",
  summary: "Start a run: minima evaluates the study's model itself",
  description:
    "Queues a run of a study whose objective is a model (`objective.evaluator`). A run worker " +
    "drives the study's own algorithm through the same suggestions and completions HTTP clients " +
    "use, as the client `run:{runId}`, evaluates each batch with the model, and stops at the " +
    "budget, the deadline or the target, whichever comes first. Its trials are ordinary trials. " +
    "A run survives a restart of the service: another worker carries it on, and every trial is " +
    "completed exactly once. 409 for a study without a model or not ACTIVE.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(StartRunRequest, { budget: 200, batchSize: 16, maxSeconds: 600 }),
  },
  responses: {
    202: runResponse("The run, queued", {
      ...EXAMPLE_RUN,
      state: "QUEUED",
      completed: 0,
      best: null,
      claims: 0,
      startedAt: null,
    }),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const listRunsRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/runs",
  operationId: "listRuns",
  summary: "List a study's runs",
  description: "Newest first, paginated with a cursor, optionally in one state.",
  tags,
  security,
  request: { params: StudyParams, query: PageQuery.extend({ state: RunStateSchema.optional() }) },
  responses: {
    200: {
      description: "A page of runs",
      ...json(pageOf(RunSchema).openapi("RunPage"), { items: [EXAMPLE_RUN], nextCursor: null }),
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const getRunRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/runs/{runId}",
  operationId: "getRun",
  summary: "Get a run",
  description: "One run of the study by id: its state, budget, progress and best trial so far " +
    "(watchRun streams the same as it changes).",
  tags,
  security,
  request: { params: RunParams },
  responses: { 200: runResponse("The run"), ...problemResponses(401, 403, 404) },
});

export const cancelRunRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/runs/{runId}/cancel",
  operationId: "cancelRun",
  summary: "Cancel a run",
  description:
    "The run ends CANCELLED at once, whoever works on it: its batches in flight are dropped " +
    "(their trials become STALE; results still being evaluated are not recorded), and every " +
    "trial completed before stays. Cancelling a CANCELLED run answers it again; a run that " +
    "SUCCEEDED or FAILED is a 409.",
  tags,
  security,
  request: { params: RunParams },
  responses: {
    200: runResponse("The run, CANCELLED", {
      ...EXAMPLE_RUN,
      state: "CANCELLED",
      stopReason: "cancelled",
      inFlight: 0,
      finishedAt: EXAMPLE.time,
    }),
    ...problemResponses(401, 403, 404, 409),
  },
});

const EXAMPLE_STREAM = [
  `id: 1\nevent: state\ndata: {"state":"QUEUED","stopReason":null,"reason":null,"completed":0,"best":null}`,
  `id: 2\nevent: state\ndata: {"state":"RUNNING","stopReason":null,"reason":null,"completed":0,"best":null}`,
  `id: 3\nevent: progress\ndata: {"completed":16,"budget":200,"best":{"value":0.52,"trialId":"${EXAMPLE.trialId}"},"evaluationsPerSecond":412.5,"elapsedSeconds":0.04}`,
].join("\n\n") + "\n\n";

export const watchRunRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/runs/{runId}/events",
  operationId: "watchRun",
  summary: "Follow a run (Server-Sent Events)",
  description:
    "A `text/event-stream` of the run's events, from the first (or after `Last-Event-ID`), as " +
    "they happen. Each has an `id:` (its number in the run, from 1). `event: state` carries " +
    "`{state, stopReason, reason, completed, best}` at every change of state; `event: progress` " +
    "carries `{completed, budget, best, evaluationsPerSecond, elapsedSeconds}` after batches. " +
    "The stream ends after the event of a final state (SUCCEEDED, FAILED, CANCELLED). A client " +
    "that reconnects with `Last-Event-ID` gets exactly the events it missed; once the run has " +
    "ended and nothing follows `Last-Event-ID`, the answer is 204 No Content, which stops a " +
    "browser's EventSource from reconnecting. Progress events are written at most about once " +
    "a second per run (and for the batch that reaches the budget or the target); the state " +
    "event that ends a run carries its final `completed` and `best`.",
  tags,
  security,
  request: {
    params: RunParams,
    headers: z.object({
      "last-event-id": z.string().regex(/^\d{1,9}$/, "must be an event id (a whole number)")
        .optional().openapi({
          description: "The id of the last event received: the stream resumes after it",
          example: "2",
        }),
    }),
  },
  responses: {
    200: {
      description: "The run's events",
      content: { "text/event-stream": { schema: z.string(), example: EXAMPLE_STREAM } },
    },
    204: {
      description: "The run has ended and no event follows `Last-Event-ID`: nothing more to " +
        "send (an EventSource stops reconnecting)",
    },
    ...problemResponses(400, 401, 403, 404),
  },
});
