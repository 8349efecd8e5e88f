/**
 * The shapes of studies as clients write them, validated with zod. Routes
 * reuse these schemas, so the OpenAPI document and the validation agree.
 */
import { z } from "zod";
import { PARAMETER_NAME, SpaceSchema } from "../space/schema.ts";

/** A study's lifecycle state. */
export const StudyStateSchema = z.enum(["ACTIVE", "PAUSED", "COMPLETED"]);
/** A study's lifecycle state. */
export type StudyState = z.infer<typeof StudyStateSchema>;

/** A trial's lifecycle state. */
export const TrialStateSchema = z.enum([
  "REQUESTED",
  "ACTIVE",
  "COMPLETED",
  "INFEASIBLE",
  "FAILED",
  "STALE",
]);
/** A trial's lifecycle state. */
export type TrialState = z.infer<typeof TrialStateSchema>;

const metricName = z.string().regex(
  PARAMETER_NAME,
  "must start with a letter or '_', hold at most 64 letters, digits, '_', '.', '-', and not be __proto__",
);

/** What is measured: the first metric is optimised, the others recorded. */
export const ObjectiveSchema = z.strictObject({
  metrics: z.array(z.strictObject({
    name: metricName,
    goal: z.enum(["minimize", "maximize"]),
  })).min(1, "an objective needs at least one metric").max(100),
}).superRefine((objective, ctx) => {
  const seen = new Set<string>();
  objective.metrics.forEach((m, i) => {
    if (seen.has(m.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["metrics", i, "name"],
        message: `duplicate metric name "${m.name}"`,
        params: { rule: "unique_names" },
      });
    }
    seen.add(m.name);
  });
});
/** A validated objective. */
export type Objective = z.infer<typeof ObjectiveSchema>;

/** Free-form metadata: a JSON object of bounded size. */
export const MetadataSchema = z.record(z.string().max(256), z.unknown()).refine(
  (m) => JSON.stringify(m).length <= 65_536,
  { message: "metadata must serialise to at most 64 KiB", params: { rule: "max_size" } },
);

/** Which algorithm explores the space, with its config and seed. */
export const AlgorithmChoiceSchema = z.strictObject({
  name: z.string().min(1).max(64),
  config: z.record(z.string(), z.unknown()).default({}),
  seed: z.number().int().min(0).max(2 ** 53 - 1).optional(),
});

/** Study settings. */
export const StudySettingsSchema = z.strictObject({
  /** How long a handed-out trial is held before it goes STALE. */
  leaseSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
});

/** The body of createStudy. */
export const CreateStudySchema = z.strictObject({
  name: z.string().min(1).max(200),
  metadata: MetadataSchema.optional(),
  space: SpaceSchema,
  objective: ObjectiveSchema,
  algorithm: AlgorithmChoiceSchema,
  settings: StudySettingsSchema.optional(),
});
/** The body of createStudy. */
export type CreateStudyInput = z.infer<typeof CreateStudySchema>;

/** The body of updateStudy: any of name, metadata, state. */
export const UpdateStudySchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  metadata: MetadataSchema.optional(),
  state: StudyStateSchema.optional(),
});
/** The body of updateStudy. */
export type UpdateStudyInput = z.infer<typeof UpdateStudySchema>;
