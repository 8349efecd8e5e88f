/**
 * The sso routes as documented (studies whose algorithm is `sso`, driven by
 * rounds): features, rounds and the trained model; paths, parameters,
 * bodies, responses and examples, apart from the handlers (./handlers.ts)
 * so the contract reads on its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  CompleteRoundSchema,
  FeatureBlockSchema,
  StartRoundSchema,
} from "../../services/sso/schema.ts";
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
const tags = ["SSO"];
const EXAMPLE_ROUND_ID = "5f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const RoundParams = StudyParams.extend({ roundId: idParam("roundId", EXAMPLE_ROUND_ID) });

const RoundResultSchema = z.object({
  thetaVersion: z.number().int().openapi({
    description: "θ's version after the round: the rounds completed so far",
  }),
  innerSteps: z.number().int().openapi({ description: "Inner steps taken" }),
  stopped: z.enum(["steps", "gradient", "lineSearch", "nonFinite"]).openapi({
    description: "Why the inner steps ended: m steps taken, a vanishing gradient, a failed " +
      "line search, or a step that made θ non-finite (θ was kept)",
  }),
  surrogateBefore: z.number().nullable().openapi({
    description: "h(θ) on the round's surrogate where the steps started (the current θ; 0 " +
      "plus the L2 term when θ has not moved since the round's targets)",
  }),
  surrogateAfter: z.number().nullable().openapi({ description: "h at the new θ" }),
  steps: z.array(z.object({
    step: z.number().openapi({ description: "α: θ moved by −α·∇h" }),
    surrogate: z.number().nullable().openapi({ description: "h after the step" }),
    trials: z.number().int().openapi({ description: "Line-search trials" }),
    gradNorm: z.number().nullable().openapi({ description: "‖∇h‖ where the step started" }),
  })),
}).openapi("RoundResult", { description: "What a round's inner steps did" });

const EXAMPLE_RESULT = {
  thetaVersion: 8,
  innerSteps: 2,
  stopped: "steps",
  surrogateBefore: 0,
  surrogateAfter: -0.0712,
  steps: [
    { step: 13.3, surrogate: -0.0634, trials: 1, gradNorm: 0.0421 },
    { step: 26.6, surrogate: -0.0712, trials: 7, gradNorm: 0.0133 },
  ],
};

/** The example round of the docs. */
export const EXAMPLE_ROUND = {
  id: EXAMPLE_ROUND_ID,
  studyId: EXAMPLE.studyId,
  number: 7,
  state: "COMPLETED",
  rows: [3, 41, 97],
  batchSize: 3,
  thetaVersion: 7,
  loss: 0.412,
  result: EXAMPLE_RESULT,
  createdAt: EXAMPLE.time,
  completedAt: EXAMPLE.later,
};

/** A round. */
export const RoundSchema = z.object({
  id: z.string().uuid(),
  studyId: z.string().uuid(),
  number: z.number().int().openapi({ description: "Position in the study, from 0" }),
  state: z.enum(["OPEN", "COMPLETED"]),
  rows: z.array(z.number().int()).nullable().openapi({
    description: "The uploaded feature rows of the batch, in order; null when the round " +
      "carried its own features",
  }),
  batchSize: z.number().int().openapi({ description: "Rows in the batch (b)" }),
  thetaVersion: z.number().int().openapi({
    description: "The version of θ the round's targets were computed at",
  }),
  loss: z.number().nullable().openapi({ description: "The loss the client reported" }),
  result: orNull(RoundResultSchema).openapi({ description: "Null while the round is open" }),
  createdAt: z.string().datetime(),
  completedAt: z.string().datetime().nullable(),
}).openapi("Round", { example: EXAMPLE_ROUND });

const EXAMPLE_STARTED = {
  ...EXAMPLE_ROUND,
  state: "OPEN",
  loss: null,
  result: null,
  completedAt: null,
  targets: [[0.21, -0.05, 1.3], [0.02, 0.4, -0.7], [1.1, 0.0, -0.2]],
};

/** A round just started, with its targets. */
export const StartedRoundSchema = RoundSchema.extend({
  targets: z.array(z.array(z.number())).openapi({
    description: "z_t = f(θ; X): targets[i] (c values) belongs to the batch's row i",
  }),
}).openapi("StartedRound", { example: EXAMPLE_STARTED });

const EXAMPLE_FEATURES = { firstRow: 0, appended: 2, rows: 2, width: 3 };

export const uploadFeaturesRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/features",
  operationId: "uploadFeatures",
  summary: "Append feature rows to an sso study",
  description: "The rows X the study's model reads, p numbers each (p: the model's inputs), " +
    'as JSON (`{"rows": [[…], …]}`) or as a base64 block of little-endian float32s with its ' +
    "row count (`dataBase64`, `rowCount`). Each request appends its rows in one transaction; " +
    "rows are numbered from 0 in upload order (`firstRow` is this request's first), so a data " +
    "set is sent in chunks of any size. Sizes are checked before anything is written (422s " +
    "naming the field); at most 4,194,304 values per request. Features are data, stored in the " +
    "database. With an Idempotency-Key, a retried chunk is appended once. 409 for a study not " +
    "driven by rounds.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(FeatureBlockSchema.openapi("FeatureBlock"), {
      rows: [[5.1, 3.5, 1.4], [4.9, 3.0, 1.4]],
    }),
  },
  responses: {
    200: {
      description: "The rows appended",
      ...json(
        z.object({
          firstRow: z.number().int().openapi({ description: "The first appended row's number" }),
          appended: z.number().int(),
          rows: z.number().int().openapi({ description: "The study's rows now" }),
          width: z.number().int().openapi({ description: "Features per row (p)" }),
        }).openapi("FeaturesAppended"),
        EXAMPLE_FEATURES,
      ),
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const startRoundRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/rounds",
  operationId: "startRound",
  summary: "Start a round: targets z = f(θ; X) for a batch",
  description: "Hands out the model's targets at the current θ for a batch of rows: drawn by " +
    'minima (`{"batchSize": b}`, or `{}` for the config\'s batchSize: distinct rows, from an ' +
    "RNG seeded by the study's seed and the round's number; at most the rows uploaded), " +
    'named (`{"rows": [...]}`), or sent with the round (`{"features": {"rows": [[…]]}}`). ' +
    "`targets[i]` belongs to `rows[i]`. The client computes its loss ℓ(z) and G = ∂ℓ/∂z at " +
    "these targets and completes the round. Several rounds may be out at once (parallel " +
    "simulators): each keeps its own targets and `thetaVersion`. 409 for a study not driven " +
    "by rounds, not ACTIVE, or without features to draw from.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
    body: jsonBody(StartRoundSchema.openapi("StartRoundRequest"), { batchSize: 3 }),
  },
  responses: {
    201: {
      description: "The round, open, with its targets",
      ...json(StartedRoundSchema, EXAMPLE_STARTED),
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const completeRoundRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/rounds/{roundId}/complete",
  operationId: "completeRound",
  summary: "Complete a round with the gradient of the loss in its targets",
  description: "`gradient[i]` is ∂ℓ/∂z for the round's row i (b rows of c values), `loss` " +
    "optionally the client's loss at the targets (kept for the loss curve). minima then takes " +
    "up to m inner steps on the surrogate h(θ) = ⟨G, f(θ) − z_t⟩ + ‖f(θ) − z_t‖²/(2η) around " +
    "the round's own targets z_t (an Armijo line search, or a fixed step), starting from the " +
    "current θ: a gradient for an older θ (rounds that overlap) is applied to its own " +
    "surrogate. The answer is the completed round: θ's new version, the steps taken and the " +
    "surrogate's values. A round completes once: the same gradient and loss again answer the " +
    "same round (nothing steps twice); another gradient is a 409.",
  tags,
  security,
  request: {
    params: RoundParams,
    headers: IdempotencyHeaders,
    body: jsonBody(CompleteRoundSchema.openapi("CompleteRoundRequest"), {
      gradient: [[0.08, -0.1, 0.02], [-0.12, 0.05, 0.07], [0.03, 0.01, -0.04]],
      loss: 0.412,
    }),
  },
  responses: {
    200: { description: "The round, completed", ...json(RoundSchema, EXAMPLE_ROUND) },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422, 503),
  },
});

export const getRoundRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/rounds/{roundId}",
  operationId: "getRound",
  summary: "Get a round",
  description: "The round, with the loss its client reported and, once completed, what its " +
    "inner steps did.",
  tags,
  security,
  request: { params: RoundParams },
  responses: {
    200: { description: "The round", ...json(RoundSchema, EXAMPLE_ROUND) },
    ...problemResponses(401, 403, 404, 409),
  },
});

export const listRoundsRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/rounds",
  operationId: "listRounds",
  summary: "List a study's rounds, with the loss curve",
  description: "Rounds by number, oldest first, paginated with a cursor; `lossCurve` is the " +
    "loss each round's client reported, by round number (the last 10,000), on every page.",
  tags,
  security,
  request: { params: StudyParams, query: PageQuery },
  responses: {
    200: {
      description: "A page of rounds and the loss curve",
      ...json(
        pageOf(RoundSchema).extend({
          lossCurve: z.array(z.object({ round: z.number().int(), loss: z.number() })).openapi({
            description: "The reported losses by round number, oldest first",
          }),
        }).openapi("RoundPage"),
        {
          items: [EXAMPLE_ROUND],
          nextCursor: null,
          lossCurve: [{ round: 6, loss: 0.448 }, { round: 7, loss: 0.412 }],
        },
      ),
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

const EXAMPLE_MODEL = {
  studyId: EXAMPLE.studyId,
  thetaVersion: 8,
  model: { family: "linear", inputs: 2, outputs: 2 },
  params: 6,
  inputs: 2,
  outputs: 2,
  layers: [{ inputs: 2, outputs: 2, weight: 0, bias: 4 }],
  activation: null,
  theta: [0.31, -0.12, 0.05, 0.44, 0.01, -0.01],
};

export const getStudyModelRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/model",
  operationId: "getStudyModel",
  summary: "Get the trained model: θ, or the forward pass as ONNX",
  description: "As JSON: θ (in the model's layout: for each layer, W (inputs×outputs, " +
    "row-major) at `weight` and b at `bias`) and its version. With `format=onnx`: the forward " +
    "pass as an ONNX model with θ in its initializers (input `x` `[N, p]`, output `z` " +
    "`[N, c]`; float32, or float64 with `dtype=float64`), ready for uploadModel and " +
    "evaluateModel or any ONNX runtime. 409 for an ONNX pair (its forward graph is yours: " +
    "evaluate it with θ from the JSON answer).",
  tags,
  security,
  request: {
    params: StudyParams,
    query: z.object({
      format: z.enum(["json", "onnx"]).default("json").openapi({
        description: "json (θ) or onnx (the forward pass)",
      }),
      dtype: z.enum(["float32", "float64"]).default("float32").openapi({
        description: "The ONNX model's element type",
      }),
    }),
  },
  responses: {
    200: {
      description: "θ, or the ONNX model",
      content: {
        "application/json": {
          schema: z.object({
            studyId: z.string().uuid(),
            thetaVersion: z.number().int(),
            model: z.record(z.string(), z.unknown()).openapi({
              description: "The model of the study's config",
            }),
            params: z.number().int().openapi({ description: "P, the length of θ" }),
            inputs: z.number().int().openapi({ description: "p" }),
            outputs: z.number().int().openapi({ description: "c" }),
            layers: z.array(z.object({
              inputs: z.number().int(),
              outputs: z.number().int(),
              weight: z.number().int(),
              bias: z.number().int(),
            })).openapi({
              description: "Where each affine layer sits in θ (empty for ONNX pairs)",
            }),
            activation: z.enum(["tanh", "relu"]).nullable(),
            theta: z.array(z.number()),
          }).openapi("StudyModel"),
          example: EXAMPLE_MODEL,
        },
        "application/octet-stream": {
          schema: z.string().openapi({ format: "binary" }),
          example: "(the bytes of an .onnx model: format=onnx)",
        },
      },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});
