/**
 * Response shapes and examples shared by the route modules.
 */
import { z } from "@hono/zod-openapi";
import { SpaceSchema } from "../space/schema.ts";
import { documentedAs } from "./algorithm_components.ts";
import {
  LabelingSchema,
  ObjectiveSchema,
  StudyStateSchema,
  TrialStateSchema,
} from "../services/study_schema.ts";
import {
  BestSchema,
  CompletionSchema,
  ProgressSchema,
  StudySettingsViewSchema,
} from "./study_stops_schemas.ts";

/** Example ids used across the document. */
export const EXAMPLE = {
  projectId: "0b8f8a52-4a0e-4b8f-9d1f-5b6f0f3c2a11",
  keyId: "5d2c1e0f-7a3b-4c9d-8e1f-2a3b4c5d6e7f",
  studyId: "8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b",
  trialId: "e7d6c5b4-a392-4817-b6f5-d4c3b2a1f0e9",
  time: "2026-11-27T12:00:00.000Z",
  later: "2026-11-27T13:00:00.000Z",
};

/** The example search space of the docs. */
export const EXAMPLE_SPACE = {
  parameters: [
    { name: "x1", type: "float", min: -5, max: 10 },
    { name: "lr", type: "float", min: 1e-5, max: 0.1, scale: "log" },
    { name: "layers", type: "int", min: 1, max: 8 },
    { name: "opt", type: "categorical", values: ["adam", "sgd"] },
  ],
};

/** The example key of the docs (a key is shown once, when minted). */
export const EXAMPLE_KEY = "mk_Qx3vT9aLw0pZr8sYc2dFgH1jKm4nBv7e";

/** The example API key of the docs. */
export const EXAMPLE_API_KEY = {
  id: EXAMPLE.keyId,
  projectId: EXAMPLE.projectId,
  role: "project",
  studyId: null,
  name: "training-cluster",
  prefix: "mk_Qx3vT9a",
  createdAt: EXAMPLE.time,
  revokedAt: null,
};

/** The example project of the docs. */
export const EXAMPLE_PROJECT = {
  id: EXAMPLE.projectId,
  name: "vision-team",
  createdAt: EXAMPLE.time,
};

/**
 * `schema` or null, as the document must say it. `.nullable()` on a schema
 * registered as a component (`.openapi("Name")`) loses the null in the
 * generated document, or worse makes the component itself nullable
 * (zod-to-openapi copies the component's name onto the nullable wrapper), so
 * a nullable component is a union with null: `anyOf: [$ref, {type: "null"}]`.
 * tests/openapi_test.ts refuses a `.nullable()` of a component.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

/** A parameter value. */
const ParamValue = z.union([z.number(), z.string(), z.boolean()]);

/** A project. */
export const ProjectSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  createdAt: z.string().datetime(),
}).openapi("Project", { example: EXAMPLE_PROJECT });

/** An API key as listings show it. */
export const ApiKeySchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid().nullable(),
  role: z.enum(["admin", "project", "labeler"]),
  studyId: z.string().uuid().nullable().openapi({ description: "The study of a labeler token" }),
  name: z.string(),
  prefix: z.string().openapi({ description: "The key's first characters, to recognise it" }),
  createdAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
}).openapi("ApiKey", { example: EXAMPLE_API_KEY });

/** A list of keys (not paged: a project or a study holds few). */
export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).openapi("ApiKeyList");

/** A newly minted key: the only time the key itself is shown. */
export const NewApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The key. Shown once; only its hash is stored." }),
}).openapi("NewApiKey", { example: { ...EXAMPLE_API_KEY, key: EXAMPLE_KEY } });

/** The example admin key of the docs. */
export const EXAMPLE_ADMIN_KEY = {
  ...EXAMPLE_API_KEY,
  id: "3a9e7c51-0d2f-4b6a-8c1e-9f0a2b3c4d5e",
  projectId: null,
  role: "admin",
  name: "ops-2026-q4",
  prefix: "mk_Z7wq2Lp",
};

/** The example audit event of the docs. */
export const EXAMPLE_AUDIT_EVENT = {
  id: "c1f0e2d3-4b5a-4968-8776-a5b4c3d2e1f0",
  at: EXAMPLE.later,
  actor: EXAMPLE_ADMIN_KEY.id,
  action: "api_key.revoked",
  targetType: "api_key",
  targetId: EXAMPLE.keyId,
  projectId: EXAMPLE.projectId,
  requestId: "2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b",
  details: { name: "training-cluster", prefix: "mk_Qx3vT9a" },
};

/** One entry of the audit log. */
export const AuditEventSchema = z.object({
  id: z.string().uuid(),
  at: z.string().datetime(),
  actor: z.string().openapi({
    description: "The id of the key that made the change; `bootstrap` for MINIMA_ADMIN_KEY, " +
      "`startup` for the admin key a first start generated",
  }),
  action: z.string().openapi({
    description: "`admin_key.created`, `admin_key.revoked`, `api_key.created`, " +
      "`api_key.revoked`, `labeler_token.created`, `labeler_token.revoked`, " +
      "`project.created` or `study.deleted`",
  }),
  targetType: z.string().openapi({
    description: "`admin_key`, `api_key`, `labeler_token`, `project` or `study`",
  }),
  targetId: z.string().openapi({ description: "The id of what it happened to" }),
  projectId: z.string().uuid().nullable(),
  requestId: z.string().openapi({
    description: "The request's `X-Request-Id`, as logged",
  }),
  details: z.record(z.string(), z.unknown()).openapi({
    description: "Names worth keeping (a key's name and prefix, a deleted study's name); " +
      "never a secret",
  }),
}).openapi("AuditEvent", { example: EXAMPLE_AUDIT_EVENT });

const TrialCounts = z.object(
  Object.fromEntries(TrialStateSchema.options.map((s) => [s, z.number().int()])) as Record<
    z.infer<typeof TrialStateSchema>,
    z.ZodNumber
  >,
);

/** The example study of the docs. */
export const EXAMPLE_STUDY = {
  id: EXAMPLE.studyId,
  projectId: EXAMPLE.projectId,
  name: "branin",
  metadata: { owner: "ada" },
  state: "ACTIVE",
  space: {
    parameters: EXAMPLE_SPACE.parameters.map((p) =>
      p.type === "categorical" ? p : { scale: "linear", ...p }
    ),
  },
  objective: { metrics: [{ name: "value", goal: "minimize" }] },
  algorithm: { name: "random", config: {}, seed: 1 },
  settings: { leaseSeconds: 3600, maxTrials: 50, deadline: null },
  labeling: null,
  trialCounts: {
    REQUESTED: 0,
    ACTIVE: 2,
    COMPLETED: 10,
    INFEASIBLE: 1,
    FAILED: 0,
    STALE: 0,
    RANKED: 0,
  },
  completion: null,
  progress: { trials: 13, maxTrials: 50, fraction: 0.26, deadline: null, remainingSeconds: null },
  best: { trialId: EXAMPLE.trialId, number: 7, value: 0.41 },
  createdAt: EXAMPLE.time,
  updatedAt: EXAMPLE.later,
};

/** A study. */
export const StudySchema = z.object({
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  name: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  state: StudyStateSchema,
  space: orNull(SpaceSchema).openapi({
    description: "The search space; null for a study driven by rounds (sso), whose subject is " +
      "its model",
  }),
  objective: ObjectiveSchema.nullable().openapi({
    description: "What is measured; null for a study driven by rounds (sso): its client's loss " +
      "is reported with each round",
  }),
  algorithm: documentedAs(
    z.object({
      name: z.string(),
      config: z.record(z.string(), z.unknown()),
      seed: z.number().int(),
      reason: z.string().optional().openapi({
        description: "Why minima chose this algorithm: only in createStudy's answer, when the " +
          "request named none",
      }),
    }),
    "AlgorithmChoice",
  ),
  settings: StudySettingsViewSchema,
  labeling: LabelingSchema.nullable().openapi({
    description: "How comparisons work, for studies whose algorithm learns from rankings",
  }),
  trialCounts: TrialCounts.openapi({ description: "The study's trials by state" }),
  completion: CompletionSchema,
  progress: ProgressSchema,
  best: BestSchema,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
}).openapi("Study", { example: EXAMPLE_STUDY });

/** The example trial of the docs. */
export const EXAMPLE_TRIAL = {
  id: EXAMPLE.trialId,
  number: 12,
  state: "ACTIVE",
  params: { x1: 1.5, lr: 0.0031, layers: 4, opt: "adam" },
  values: null,
  variances: null,
  reason: null,
  clientId: "worker-3",
  createdAt: EXAMPLE.time,
  startedAt: EXAMPLE.time,
  completedAt: null,
  leaseExpiresAt: EXAMPLE.later,
};

/** A trial. */
export const TrialSchema = z.object({
  id: z.string().uuid(),
  number: z.number().int().openapi({ description: "Position in the study, from 0" }),
  state: TrialStateSchema,
  params: z.record(z.string(), ParamValue),
  values: z.record(z.string(), z.number()).nullable(),
  variances: z.record(z.string(), z.number()).nullable().openapi({
    description: "Known noise variances the client reported with the values, if any",
  }),
  reason: z.string().nullable().openapi({ description: "Why it is INFEASIBLE or FAILED" }),
  clientId: z.string().nullable(),
  createdAt: z.string().datetime(),
  startedAt: z.string().datetime().nullable(),
  completedAt: z.string().datetime().nullable(),
  leaseExpiresAt: z.string().datetime().nullable().openapi({
    description: "When an ACTIVE trial goes STALE unless it gets a heartbeat or a result",
  }),
}).openapi("Trial", { example: EXAMPLE_TRIAL });

/** A completed example trial. */
export const EXAMPLE_COMPLETED_TRIAL = {
  ...EXAMPLE_TRIAL,
  state: "COMPLETED",
  values: { value: 0.41 },
  completedAt: EXAMPLE.later,
  leaseExpiresAt: null,
};
