/**
 * The dashboard's read-only views of a study (getStudySummary,
 * getParameterImportance, getLabelerAgreement) as documented, apart from the handlers
 * (./handlers.ts).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { idParam, json, problemResponses } from "../common.ts";
import { EXAMPLE } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Studies"];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });

const StudySummarySchema = z.object({
  studyId: z.string().uuid(),
  metric: z.string().nullable().openapi({ description: "The first metric; null without one" }),
  goal: z.enum(["minimize", "maximize"]).nullable(),
  best: z.object({ value: z.number(), trialNumber: z.number().int() }).nullable().openapi({
    description: "The best COMPLETED value of the first metric and its trial, or null",
  }),
  lastActivityAt: z.string().datetime().nullable().openapi({
    description: "The latest time one of its trials was created, started or finished",
  }),
}).openapi("StudySummary");

const ImportanceSchema = z.object({
  studyId: z.string().uuid(),
  metric: z.string().nullable(),
  method: z.literal("gp-permutation").openapi({
    description: "Permutation importance on a Gaussian process (gp-bo's, Matérn 5/2, MAP fit) " +
      "fitted to the completed trials",
  }),
  completed: z.number().int().openapi({ description: "COMPLETED trials with a value" }),
  trials: z.number().int().openapi({
    description: "Of those, the ones the model was fitted on (a fixed sample of at most 150); " +
      "0 with fewer than 4",
  }),
  r2: z.number().nullable().openapi({ description: "R² of the model on those trials" }),
  parameters: z.array(z.object({
    name: z.string(),
    importance: z.number().min(0).openapi({
      description: "The fraction of the value's variance the model loses when the parameter " +
        "is shuffled across the trials (mean over 5 shuffles, floored at 0)",
    }),
    sd: z.number().openapi({ description: "Its standard deviation over the shuffles" }),
  })).openapi({ description: "In the space's order; empty with fewer than 4 trials" }),
}).openapi("ParameterImportance");

export const studySummaryRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/summary",
  operationId: "getStudySummary",
  summary: "A study's best value and last activity",
  description: "What the dashboard's study list shows beside each study's trial counts.",
  tags,
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "The summary",
      ...json(StudySummarySchema, {
        studyId: EXAMPLE.studyId,
        metric: "value",
        goal: "minimize",
        best: { value: 0.41, trialNumber: 12 },
        lastActivityAt: EXAMPLE.later,
      }),
    },
    ...problemResponses(401, 403, 404),
  },
});

export const importanceRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/importance",
  operationId: "getParameterImportance",
  summary: "How much each parameter matters to the first metric",
  description: "Permutation importance on a Gaussian process fitted to a fixed sample of at " +
    "most 150 COMPLETED trials (about a second of CPU at most, kept until another trial " +
    "completes). " +
    "Validated on f(x) = 10·x0 + x1 + 0·x2 (src/algorithms/gp_bo/importance_test.ts).",
  tags,
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "The importances",
      ...json(ImportanceSchema, {
        studyId: EXAMPLE.studyId,
        metric: "value",
        method: "gp-permutation",
        completed: 40,
        trials: 40,
        r2: 0.97,
        parameters: [
          { name: "x1", importance: 1.62, sd: 0.21 },
          { name: "lr", importance: 0.08, sd: 0.01 },
        ],
      }),
    },
    ...problemResponses(401, 403, 404),
  },
});

const AgreementSchema = z.object({
  studyId: z.string().uuid(),
  labelers: z.number().int().openapi({
    description: "Distinct labelers (keys) that ranked any of the study's comparisons",
  }),
  comparisons: z.number().int().openapi({ description: "Comparisons ranked by two or more" }),
  compared: z.number().int().openapi({
    description: "Candidate pairs whose order two labelers' rankings both imply, over every two " +
      "labelers of every such comparison",
  }),
  agreement: z.number().min(0).max(1).nullable().openapi({
    description: "The share of those pairs both put the same way round (1: identical; about " +
      "0.5: as if at random); null when none were compared",
  }),
}).openapi("LabelerAgreement");

export const agreementRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/agreement",
  operationId: "getLabelerAgreement",
  summary: "How often the study's labelers agree",
  description: "Pairwise agreement of the rankings given to the same comparison by different " +
    "labelers (a ranked candidate beats an unranked one; a pair neither ranks is not counted).",
  tags: ["Comparisons"],
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "The agreement",
      ...json(AgreementSchema, {
        studyId: EXAMPLE.studyId,
        labelers: 3,
        comparisons: 12,
        compared: 216,
        agreement: 0.81,
      }),
    },
    ...problemResponses(401, 403, 404),
  },
});
