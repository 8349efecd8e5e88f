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
  "RANKED",
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

/** The built-in renderers that turn a candidate's params into an image. */
export const RENDERER_NAMES = ["color", "curve"] as const;

/** How comparisons (groups of candidates ranked by people) work for a study. */
export const LabelingSchema = z.strictObject({
  candidates: z.number().int().min(2).max(32).optional().describe(
    "The most candidates one comparison shows (default: all the algorithm offers at once, at " +
      "most 32; zo-rank-sgd offers its round's candidates)",
  ),
  topK: z.number().int().min(1).max(32).optional().describe(
    "How many candidates a ranking orders, best first (1 = pick the best); absent: all of them",
  ),
  rankingsPerComparison: z.number().int().min(1).max(50).default(1).describe(
    "Rankings (by different labelers) a comparison collects; several are aggregated by Borda " +
      "count before the algorithm sees them",
  ),
  maxOpen: z.number().int().min(1).max(1000).default(1).describe(
    "The most comparisons open at once, so labelers never rank candidates around a point the " +
      "algorithm has already left",
  ),
  holdSeconds: z.number().int().min(10).max(24 * 3600).default(600).describe(
    "How long a labeler holds a comparison before it returns to the pool",
  ),
  skipsToClose: z.number().int().min(1).max(50).default(1).describe(
    "Skips after which a comparison closes without a ranking (the algorithm learns nothing " +
      "from it and moves on)",
  ),
  renderer: z.strictObject({
    name: z.enum(RENDERER_NAMES).describe(
      "color: the first three numeric parameters as red, green, blue; curve: the numeric " +
        "parameters as the heights of a smooth curve",
    ),
  }).optional(),
});
/** A study's labeling settings, defaults filled in. */
export type Labeling = z.infer<typeof LabelingSchema>;

/** The body of createStudy. */
export const CreateStudySchema = z.strictObject({
  name: z.string().min(1).max(200),
  metadata: MetadataSchema.optional(),
  space: SpaceSchema,
  objective: ObjectiveSchema,
  algorithm: AlgorithmChoiceSchema,
  settings: StudySettingsSchema.optional(),
  labeling: LabelingSchema.optional().describe(
    "Comparisons for people to rank (algorithms that learn from rankings); defaults apply " +
      "when the algorithm takes rankings and this is absent",
  ),
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
