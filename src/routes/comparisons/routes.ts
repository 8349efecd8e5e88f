/**
 * The comparisons routes as documented: paths, parameters, bodies, responses
 * and examples, apart from the handlers (./handlers.ts) so the contract reads
 * on its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import {
  exportContent,
  ExportQuery,
  IdempotencyHeaders,
  idParam,
  json,
  jsonBody,
  pageOf,
  PageQuery,
  problemResponses,
  uuid,
} from "../common.ts";
import { EXAMPLE, orNull } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Comparisons"];
const EXAMPLE_COMPARISON_ID = "5b8e2f1a-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
const EXAMPLE_CANDIDATES = [
  "0f1e2d3c-4b5a-4697-8877-665544332211",
  "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
  "2b3c4d5e-6f70-4b8c-9d0e-1f2a3b4c5d6e",
  "3c4d5e6f-7081-4c9d-8e0f-2a3b4c5d6e7f",
];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const ComparisonParams = StudyParams.extend({
  comparisonId: idParam("comparisonId", EXAMPLE_COMPARISON_ID),
});

const EXAMPLE_COMPARISON = {
  id: EXAMPLE_COMPARISON_ID,
  studyId: EXAMPLE.studyId,
  number: 7,
  state: "OPEN",
  candidates: EXAMPLE_CANDIDATES.map((id, i) => ({
    id,
    params: { r: 0.2 * i, g: 0.5, b: 0.9 - 0.2 * i },
    renderingUrl:
      `/v1/studies/${EXAMPLE.studyId}/comparisons/${EXAMPLE_COMPARISON_ID}/candidates/${id}/rendering`,
  })),
  rankingLength: 4,
  rankingsNeeded: 1,
  rankingsReceived: 0,
  skips: 0,
  heldByYou: true,
  holdExpiresAt: EXAMPLE.later,
  ranking: null,
  answeredByYou: false,
  createdAt: EXAMPLE.time,
  closedAt: null,
};

/** A comparison as its routes answer it. */
export const ComparisonSchema = z.object({
  id: z.string().uuid(),
  studyId: z.string().uuid(),
  number: z.number().int().openapi({ description: "Position in the study, from 0" }),
  state: z.enum(["OPEN", "RANKED", "SKIPPED"]),
  candidates: z.array(z.object({
    id: z.string().uuid().openapi({ description: "The candidate's id (its trial's id)" }),
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
    renderingUrl: z.string().nullable().openapi({
      description: "Its image (renderCandidate), when the study has a renderer",
    }),
  })).openapi({ description: "In the order to show them (shuffled when the comparison was made)" }),
  rankingLength: z.number().int().openapi({
    description: "How many candidate ids a ranking lists, best first (the study's topK)",
  }),
  rankingsNeeded: z.number().int(),
  rankingsReceived: z.number().int(),
  skips: z.number().int(),
  heldByYou: z.boolean(),
  holdExpiresAt: z.string().datetime().nullable(),
  ranking: z.array(z.string().uuid()).nullable().openapi({
    description: "The aggregated ranking (Borda count over the labelers), once RANKED",
  }),
  answeredByYou: z.boolean(),
  createdAt: z.string().datetime(),
  closedAt: z.string().datetime().nullable(),
}).openapi("Comparison", { example: EXAMPLE_COMPARISON });

const comparisonResponse = (description: string, example: unknown = EXAMPLE_COMPARISON) => ({
  description,
  ...json(ComparisonSchema, example),
});

export const nextRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/comparisons/next",
  operationId: "nextComparison",
  summary: "Get the next comparison to rank",
  description:
    "The oldest OPEN comparison you have not answered and nobody else holds; else, while fewer " +
    "than the study's `labeling.maxOpen` are open, a new one made of the algorithm's next " +
    "candidates. You hold it for `labeling.holdSeconds`; one you abandon returns to the pool. " +
    "When none is available, `comparison` is null and `retryAfterSeconds` says when to ask again.",
  tags,
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "A comparison to rank (or none for now), and your progress",
      headers: {
        "Retry-After": {
          description: "Seconds until asking again is worthwhile; only when none is available",
          schema: { type: "integer" },
        },
      },
      ...json(
        z.object({
          comparison: orNull(ComparisonSchema),
          reason: z.enum(["held_by_others", "answered_by_you", "no_candidates", "study_complete"])
            .optional()
            .openapi({
              description: "Only when none is available, why: every open comparison is held by " +
                "another labeler (or answered by you) and `labeling.maxOpen` allows no more " +
                "(`held_by_others`); you answered every open one and they wait for other " +
                "labelers (`answered_by_you`); the algorithm has no new candidates now " +
                "(`no_candidates`: it waits for results, or has none left); the study is " +
                "complete (`study_complete`: a stop condition, or by hand; under " +
                "`settings.maxTrials` also when fewer trials are left than a comparison's 2), " +
                "without `retryAfterSeconds`",
            }),
          detail: z.string().optional().openapi({
            description: "Only when none is available: the reason in a sentence for people",
            example: "All 3 open comparisons are being labeled by others",
          }),
          retryAfterSeconds: z.number().optional(),
          progress: z.object({
            answeredByYou: z.number().int(),
            closed: z.number().int().openapi({ description: "Comparisons ranked or skipped" }),
            open: z.number().int(),
          }),
          study: z.object({
            title: z.string().nullable().openapi({ description: "`labeling.title`" }),
            prompt: z.string().nullable().openapi({ description: "`labeling.prompt`" }),
          }).openapi({ description: "The study as labelers see it (plain text)" }),
        }).openapi("NextComparison"),
        {
          comparison: EXAMPLE_COMPARISON,
          progress: { answeredByYou: 6, closed: 7, open: 1 },
          study: { title: "Tomatoes", prompt: "Which looks most like a ripe tomato?" },
        },
      ),
    },
    ...problemResponses(401, 403, 404, 409),
  },
});

export const rankRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/comparisons/{comparisonId}/ranking",
  operationId: "submitRanking",
  summary: "Rank a comparison's candidates, best first",
  description:
    "List exactly `rankingLength` candidate ids, best first; no ties, no repeats, no unknown ids. " +
    "Only the labeler holding the comparison may rank it, once. When it has its " +
    "`rankingsNeeded` rankings it closes (RANKED) and the algorithm learns from the aggregate. " +
    "Safe to retry: the same ranking sent again by the same labeler answers what the first " +
    "answered (200, the comparison as it was then, with `Idempotent-Replayed: true`), with or " +
    "without an `Idempotency-Key`; another ranking of a comparison you have answered is a 409 " +
    "naming it (undoRanking takes the first back).",
  tags,
  security,
  request: {
    headers: IdempotencyHeaders,
    params: ComparisonParams,
    body: jsonBody(
      z.strictObject({
        ranking: z.array(uuid()).min(1).max(32).openapi({
          description: "Candidate ids, best first",
          example: [EXAMPLE_CANDIDATES[2], EXAMPLE_CANDIDATES[0]],
        }),
      }).openapi("SubmitRankingRequest"),
      {
        ranking: [
          EXAMPLE_CANDIDATES[2],
          EXAMPLE_CANDIDATES[0],
          EXAMPLE_CANDIDATES[3],
          EXAMPLE_CANDIDATES[1],
        ],
      },
    ),
  },
  responses: {
    200: comparisonResponse("The comparison after your ranking", {
      ...EXAMPLE_COMPARISON,
      state: "RANKED",
      rankingsReceived: 1,
      heldByYou: false,
      holdExpiresAt: null,
      ranking: [
        EXAMPLE_CANDIDATES[2],
        EXAMPLE_CANDIDATES[0],
        EXAMPLE_CANDIDATES[3],
        EXAMPLE_CANDIDATES[1],
      ],
      answeredByYou: true,
      closedAt: EXAMPLE.later,
    }),
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const skipRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/comparisons/{comparisonId}/skip",
  operationId: "skipComparison",
  summary: "Skip a comparison you cannot decide",
  description:
    "It goes back to the pool for other labelers; after `labeling.skipsToClose` skips it closes " +
    "as SKIPPED and the algorithm moves on without learning from it.",
  tags,
  security,
  request: { params: ComparisonParams },
  responses: {
    200: comparisonResponse("The comparison after your skip", {
      ...EXAMPLE_COMPARISON,
      state: "SKIPPED",
      skips: 1,
      heldByYou: false,
      holdExpiresAt: null,
      answeredByYou: true,
      closedAt: EXAMPLE.later,
    }),
    ...problemResponses(401, 403, 404, 409),
  },
});

export const undoRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/comparisons/{comparisonId}/undo",
  operationId: "undoRanking",
  summary: "Take back your ranking (or skip) of a comparison",
  description:
    "Allowed while the algorithm has not yet used the comparison's result (a 409 after). The " +
    "comparison is OPEN again and held by you.",
  tags,
  security,
  request: { params: ComparisonParams },
  responses: {
    200: comparisonResponse("The comparison, open again and held by you"),
    ...problemResponses(401, 403, 404, 409),
  },
});

export const listRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/comparisons",
  operationId: "listComparisons",
  summary: "List a study's comparisons",
  description: "By number, optionally of one state; cursor pagination.",
  tags,
  security,
  request: {
    params: StudyParams,
    query: PageQuery.extend({ state: z.enum(["OPEN", "RANKED", "SKIPPED"]).optional() }),
  },
  responses: {
    200: {
      description: "A page of comparisons",
      ...json(pageOf(ComparisonSchema).openapi("ComparisonPage"), {
        items: [EXAMPLE_COMPARISON],
        nextCursor: null,
      }),
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const exportRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/comparisons/export",
  operationId: "exportComparisons",
  summary: "Export every comparison and every labeler's answer (CSV or JSON Lines, streamed)",
  description:
    "All comparisons by number, streamed in constant memory, each with its candidates, the " +
    "aggregated ranking and every labeler's answer (who, the ranking or a skip, when). JSON " +
    "Lines: one comparison a line, candidates with their params, `answers` in the order they " +
    "came. CSV: one record per answer (an unanswered comparison: one record, answer cells " +
    "empty); lists of candidate ids are space-separated, best first. Text a spreadsheet would " +
    "run as a formula starts with `'`, as in exportTrials. Project keys only: a labeler token " +
    "sees no other labeler's answers.",
  tags,
  security,
  request: {
    params: StudyParams,
    query: ExportQuery,
  },
  responses: {
    200: {
      description: "The comparisons and their answers",
      content: exportContent({
        csv: "number,id,state,createdAt,closedAt,candidates,ranking,labelerId,labeler," +
          "answer,answerRanking,answeredAt\r\n" +
          `7,${EXAMPLE_COMPARISON_ID},RANKED,${EXAMPLE.time},${EXAMPLE.later},` +
          `${EXAMPLE_CANDIDATES[0]} ${EXAMPLE_CANDIDATES[1]},` +
          `${EXAMPLE_CANDIDATES[1]} ${EXAMPLE_CANDIDATES[0]},${EXAMPLE.keyId},ada,ranking,` +
          `${EXAMPLE_CANDIDATES[1]} ${EXAMPLE_CANDIDATES[0]},${EXAMPLE.later}\r\n`,
        jsonl: JSON.stringify({
          number: 7,
          id: EXAMPLE_COMPARISON_ID,
          state: "RANKED",
          createdAt: EXAMPLE.time,
          closedAt: EXAMPLE.later,
          candidates: EXAMPLE_CANDIDATES.slice(0, 2).map((id) => ({
            id,
            params: { r: 0.2, g: 0.5, b: 0.9 },
          })),
          ranking: [EXAMPLE_CANDIDATES[1], EXAMPLE_CANDIDATES[0]],
          answers: [{
            labelerId: EXAMPLE.keyId,
            labeler: "ada",
            ranking: [EXAMPLE_CANDIDATES[1], EXAMPLE_CANDIDATES[0]],
            skipped: false,
            answeredAt: EXAMPLE.later,
          }],
        }) + "\n",
      }),
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const getRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/comparisons/{comparisonId}",
  operationId: "getComparison",
  summary: "Get one comparison",
  description:
    "One comparison of the study by id: its candidates, its state, and the rankings it needs " +
    "and has received.",
  tags,
  security,
  request: { params: ComparisonParams },
  responses: {
    200: comparisonResponse("The comparison"),
    ...problemResponses(401, 403, 404, 409),
  },
});

export const renderRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/comparisons/{comparisonId}/candidates/{candidateId}/rendering",
  operationId: "renderCandidate",
  summary: "Get a candidate's rendering (an image)",
  description: "Drawn by the study's renderer (`labeling.renderer`) from the candidate's params: " +
    "SVG from a built-in renderer, PNG (8-bit RGB) from a model renderer.",
  tags,
  security,
  request: {
    params: ComparisonParams.extend({
      candidateId: idParam("candidateId", EXAMPLE_CANDIDATES[0]),
    }),
  },
  responses: {
    200: {
      description: "The image",
      content: {
        "image/svg+xml": {
          schema: z.string(),
          example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">…</svg>',
        },
        "image/png": {
          schema: z.string().openapi({ format: "binary" }),
          example: "(PNG bytes: 89 50 4E 47 0D 0A 1A 0A …)",
        },
      },
    },
    ...problemResponses(401, 403, 404, 409),
  },
});
