/**
 * The trials routes as documented: paths, parameters, bodies, responses and
 * examples, apart from the handlers (./handlers.ts) so the contract reads on
 * its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_BATCH } from "../../services/reports.ts";
import { TrialStateSchema } from "../../services/study_schema.ts";
import {
  exportContent,
  ExportQuery,
  IdempotencyHeaders,
  idParam,
  json,
  jsonBody,
  MinimalReturnHeaders,
  pageOf,
  PageQuery,
  problemResponses,
  uuid,
} from "../common.ts";
import {
  EXAMPLE,
  EXAMPLE_COMPLETED_TRIAL,
  EXAMPLE_TRIAL,
  orNull,
  TrialSchema,
} from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Trials"];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const TrialParams = StudyParams.extend({ trialId: idParam("trialId", EXAMPLE.trialId) });
const trialResponse = (description: string, example: unknown = EXAMPLE_COMPLETED_TRIAL) => ({
  description,
  ...json(TrialSchema, example),
});

const Values = z.record(z.string(), z.number()).openapi({
  description: "Metric name → value; the study's first metric is required",
  example: { value: 0.41 },
});
const ReportFields = {
  values: Values.optional(),
  variances: z.record(z.string(), z.number()).optional().openapi({
    description: "Known observation noise variance of reported metrics (metric name → variance " +
      "≥ 0, in the metric's units squared); algorithms that model noise (gp-bo) use it instead " +
      "of the learned noise level for this trial",
    example: { value: 0.0004 },
  }),
  infeasible: z.literal(true).optional().openapi({
    description: "The point cannot be evaluated (a hidden constraint); send instead of values",
  }),
  reason: z.string().max(2000).optional().openapi({ description: "Why it is infeasible" }),
};
const CompleteBody = z.strictObject(ReportFields).openapi("CompleteTrialRequest");

/** Why a suggestion handed out fewer trials than asked: a stop condition (study_stops.ts). */
const SuggestStopSchema = z.object({
  condition: z.enum(["maxTrials", "deadline", "manual"]),
  remaining: z.number().int().openapi({ description: "Trials that may still go out (0)" }),
  complete: z.boolean().openapi({ description: "The study is complete: ask no more" }),
  detail: z.string(),
}).openapi({
  description: "Only when a stop condition cut the answer short: the study is now complete",
  example: {
    condition: "maxTrials",
    remaining: 0,
    complete: true,
    detail: "8 trials asked for, settings.maxTrials (20) allowed 3; the study is complete",
  },
});

export const suggestRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials/suggest",
  operationId: "suggestTrials",
  summary: "Ask for trials to evaluate",
  description:
    "Hands out up to `count` ACTIVE trials, each holding a lease (the study's `leaseSeconds`). " +
    "A client that asks again while it still holds ACTIVE trials gets those back first (their " +
    "leases renewed); then trials created with createTrial and not yet evaluated; then the points " +
    "of STALE trials, handed out again; then new points from the algorithm. Never hands one trial " +
    "to two clients. An algorithm that works in generations may return fewer than asked. A " +
    "suggestion the algorithm cannot compute within the design memory budget " +
    "(`MINIMA_DESIGN_MEMORY_BYTES`) hands nothing out: a 422 naming `count` (rule " +
    "`design_memory`) when fewer points would fit, else a 409. A study's stop conditions " +
    "(`settings.maxTrials`, `settings.deadline`) bound what goes out: a batch that asks for " +
    "more than maxTrials leaves gets what is left (`stop` says so) and completes the study; a " +
    "complete study answers 409 of type `urn:minima:problem:study-complete` (rule " +
    "`study_complete`, the condition as the field, and the members `completion` " +
    "{reason, completedAt} and `best` {trialId, number, value}), except that a client still " +
    "holding ACTIVE trials gets those back.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(
      z.strictObject({
        count: z.number().int().min(1).max(1000).default(1).openapi({ example: 1 }),
        clientId: z.string().min(1).max(256).optional().openapi({ example: "worker-3" }),
      }).openapi("SuggestTrialsRequest"),
      { count: 1, clientId: "worker-3" },
    ),
  },
  responses: {
    200: {
      description: "The trials to evaluate",
      headers: {
        "Retry-After": {
          description: "Seconds until asking again is worthwhile; only when fewer trials than " +
            "asked were handed out",
          schema: { type: "integer" },
        },
      },
      ...json(
        z.object({
          trials: z.array(TrialSchema),
          retryAfterSeconds: z.number().optional().openapi({
            description: "Only when fewer trials than asked were handed out (an algorithm that " +
              "works in generations is waiting for results): when to ask again, from the study's " +
              "recent evaluation times; also sent as the Retry-After header",
            example: 1.5,
          }),
          stop: SuggestStopSchema.optional(),
        }).openapi("SuggestTrialsResponse"),
        { trials: [EXAMPLE_TRIAL] },
      ),
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const createTrialRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials",
  operationId: "createTrial",
  summary: "Add a trial at a point of your choosing",
  description:
    "Without a result the trial is REQUESTED and the next suggestTrials hands it out; with `values` " +
    "(or `infeasible`) it is finished at once: warm starts and manual tries.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(
      z.strictObject({
        params: z.record(z.string(), z.unknown()).openapi({
          example: { x1: 1.5, lr: 0.001, layers: 3, opt: "sgd" },
        }),
        clientId: z.string().min(1).max(256).optional(),
        ...ReportFields,
      }).openapi("CreateTrialRequest"),
      { params: { x1: 1.5, lr: 0.001, layers: 3, opt: "sgd" }, values: { value: 2.7 } },
    ),
  },
  responses: {
    201: trialResponse("The new trial"),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const listTrialsRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/trials",
  operationId: "listTrials",
  summary: "List a study's trials",
  description: "Ordered by trial number, paginated with a cursor, optionally in one state.",
  tags,
  security,
  request: { params: StudyParams, query: PageQuery.extend({ state: TrialStateSchema.optional() }) },
  responses: {
    200: {
      description: "A page of trials",
      ...json(pageOf(TrialSchema).openapi("TrialPage"), {
        items: [EXAMPLE_COMPLETED_TRIAL],
        nextCursor: null,
      }),
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const bestRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/trials/best",
  operationId: "getBestTrials",
  summary: "The best trials so far",
  description:
    "COMPLETED trials ordered by the first metric (by its goal), best first; `recommendation` " +
    "is the algorithm's own pick where it makes one, including every result reported so far " +
    "(gp-bo: the evaluated point with the best posterior mean; cbo: the consensus point; " +
    "zo-rank-sgd: the current point x_t), else null.",
  tags,
  security,
  request: {
    params: StudyParams,
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(1).openapi({ example: 1 }),
    }),
  },
  responses: {
    200: {
      description: "The best trials",
      ...json(
        z.object({
          trials: z.array(TrialSchema),
          recommendation: orNull(
            z.object({
              params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
              details: z.unknown().optional(),
              points: z.record(
                z.string(),
                z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
              ).optional().openapi({
                description:
                  "Other points the algorithm names, e.g. `best` (the best ever) for cbo",
              }),
            }).openapi("Recommendation"),
          ),
        }).openapi("BestTrials"),
        { trials: [EXAMPLE_COMPLETED_TRIAL], recommendation: null },
      ),
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const exportRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/trials/export",
  operationId: "exportTrials",
  summary: "Export every trial (CSV or JSON Lines, streamed)",
  description:
    "All trials by number, streamed in constant memory. CSV has one column per parameter " +
    "(`params.<name>`) and per metric (`values.<name>`); JSON Lines has one trial object per line.",
  tags,
  security,
  request: {
    params: StudyParams,
    query: ExportQuery,
  },
  responses: {
    200: {
      description: "The trials",
      content: exportContent({
        csv:
          "number,id,state,clientId,createdAt,startedAt,completedAt,params.x1,values.value,reason\r\n" +
          `0,${EXAMPLE.trialId},COMPLETED,worker-3,${EXAMPLE.time},${EXAMPLE.time},${EXAMPLE.later},1.5,0.41,\r\n`,
        jsonl: JSON.stringify(EXAMPLE_COMPLETED_TRIAL) + "\n",
      }),
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const completeTrialsRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials/complete",
  operationId: "completeTrials",
  summary: "Report up to 1000 results at once",
  description:
    "One transaction: all items are applied or none. One bad item rejects the request and is named " +
    "in `errors` (e.g. `items[3].values.value`). Items already finished with the same result are " +
    "accepted as retries.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: MinimalReturnHeaders,
    body: jsonBody(
      z.strictObject({
        items: z.array(
          z.strictObject({ trialId: uuid(), ...ReportFields }),
        ).min(1).max(MAX_BATCH),
      }).openapi("CompleteTrialsRequest"),
      {
        items: [
          { trialId: EXAMPLE.trialId, values: { value: 0.41 } },
          { trialId: "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", infeasible: true, reason: "diverged" },
        ],
      },
    ),
  },
  responses: {
    200: {
      description: "The finished trials, in the order of the items",
      ...json(z.object({ trials: z.array(TrialSchema) }).openapi("CompletedTrials"), {
        trials: [EXAMPLE_COMPLETED_TRIAL],
      }),
    },
    204: {
      description: "All items applied; no body, as asked with `Prefer: return=minimal`",
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const getTrialRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/trials/{trialId}",
  operationId: "getTrial",
  summary: "Get a trial",
  description: "One trial of the study by id: its state, params, values and lease.",
  tags,
  security,
  request: { params: TrialParams },
  responses: { 200: trialResponse("The trial"), ...problemResponses(401, 403, 404) },
});

export const completeTrialRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials/{trialId}/complete",
  operationId: "completeTrial",
  summary: "Report a trial's result",
  description:
    "`values` (the study's first metric required), or `infeasible: true` with an optional reason. " +
    "Accepted for REQUESTED, ACTIVE, STALE and FAILED trials: a late result is kept. Repeating the same " +
    "result is harmless; a different result for a finished trial is a 409.",
  tags,
  security,
  request: {
    params: TrialParams,
    headers: IdempotencyHeaders,
    body: jsonBody(CompleteBody, { values: { value: 0.41 } }),
  },
  responses: {
    200: trialResponse("The completed trial"),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const heartbeatRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials/{trialId}/heartbeat",
  operationId: "heartbeatTrial",
  summary: "Keep an ACTIVE trial's lease",
  description:
    "Extends the lease by the study's `leaseSeconds` from now. 409 once the trial is not ACTIVE.",
  tags,
  security,
  request: { params: TrialParams },
  responses: {
    200: trialResponse("The trial with its new lease", EXAMPLE_TRIAL),
    ...problemResponses(401, 403, 404, 409),
  },
});

export const failRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/trials/{trialId}/fail",
  operationId: "failTrial",
  summary: "Report that a trial could not be evaluated",
  description:
    "Marks a REQUESTED, ACTIVE or STALE trial FAILED (a crash, not a property of the point).",
  tags,
  security,
  request: {
    params: TrialParams,
    headers: IdempotencyHeaders,
    body: jsonBody(
      z.strictObject({ reason: z.string().max(2000).optional() }).openapi("FailTrialRequest"),
      { reason: "out of GPU memory" },
    ),
  },
  responses: {
    200: trialResponse("The failed trial", {
      ...EXAMPLE_TRIAL,
      state: "FAILED",
      reason: "out of GPU memory",
      leaseExpiresAt: null,
      completedAt: EXAMPLE.later,
    }),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});
