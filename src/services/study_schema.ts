/**
 * The shapes of studies as clients write them, validated with zod. Routes
 * reuse these schemas, so the OpenAPI document and the validation agree.
 */
import { z } from "zod";
import type { Rule } from "../errors.ts";
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

/** The name of a model's input or output, as its graph names it. */
const tensorName = z.string().min(1).max(256);

/** A fixed input of a model: its shape and its values, row-major. */
export const ConstantTensorSchema = z.strictObject({
  shape: z.array(z.number().int().min(0).max(2 ** 31 - 1)).max(8).describe(
    "The tensor's dimensions; where the model's input has a dynamic first dimension, a first " +
      "dimension of 1 is repeated for every row of a batch",
  ),
  data: z.array(z.union([z.number(), z.boolean()])).max(1_000_000).describe(
    "The values, row-major (as many as the shape holds)",
  ),
});

/**
 * A model that evaluates the objective server-side: the params go to `input`
 * as a `[batch, d]` tensor in the space's order, each metric is read from
 * an output, and the model's other inputs are fixed by `constants`.
 */
export const EvaluatorSchema = z.strictObject({
  model: z.string().uuid().describe("The model's id (uploadModel)"),
  input: tensorName.describe(
    "The model input that takes the params: `[batch, d]`, one row per point, the space's " +
      "parameters in order (an int as its number, a categorical as the index of its value)",
  ),
  outputs: z.record(metricName, tensorName).describe(
    "For each metric, the model output that gives it: one number per row (`[batch]` or " +
      "`[batch, 1]`); a NaN marks the point infeasible",
  ),
  constants: z.record(tensorName, ConstantTensorSchema).optional().describe(
    "Values for every other input of the model",
  ),
});
/** A validated evaluator. */
export type Evaluator = z.infer<typeof EvaluatorSchema>;

/** What is measured: the first metric is optimised, the others recorded. */
export const ObjectiveSchema = z.strictObject({
  metrics: z.array(z.strictObject({
    name: metricName,
    goal: z.enum(["minimize", "maximize"]),
  })).min(1, "an objective needs at least one metric").max(100),
  evaluator: EvaluatorSchema.optional().describe(
    "A model minima evaluates itself (studies whose objective is a model; see startRun); " +
      "absent, clients evaluate points and report the values",
  ),
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
  const evaluator = objective.evaluator;
  if (!evaluator) return;
  const issue = (path: (string | number)[], message: string, rule: Rule) =>
    ctx.addIssue({ code: "custom", path: ["evaluator", ...path], message, params: { rule } });
  for (const m of objective.metrics) {
    if (!Object.hasOwn(evaluator.outputs, m.name)) {
      issue(["outputs", m.name], `metric "${m.name}" needs a model output`, "metric_output");
    }
  }
  for (const name of Object.keys(evaluator.outputs)) {
    if (!seen.has(name)) {
      issue(["outputs", name], `"${name}" is not a metric of the objective`, "known_metric");
    }
  }
  if (evaluator.constants && Object.hasOwn(evaluator.constants, evaluator.input)) {
    issue(
      ["constants", evaluator.input],
      `"${evaluator.input}" takes the params; it cannot also be a constant`,
      "params_input",
    );
  }
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

/** The most trials a study's `maxTrials` may allow. */
export const MAX_TRIALS_LIMIT = 100_000_000;

const maxTrialsField = z.number().int().min(1).max(MAX_TRIALS_LIMIT).describe(
  "Stop condition: the study completes once this many trials count (ACTIVE, COMPLETED, " +
    "INFEASIBLE and RANKED ones; FAILED and STALE trials do not count). Suggestions never hand " +
    "out more: a batch that asks for more than is left gets what is left",
);
const deadlineField = z.string().datetime({ offset: true }).describe(
  "Stop condition: an ISO-8601 moment (with its offset, e.g. `2027-01-31T18:00:00Z`) after " +
    "which the study hands out no trials; at createStudy it must be in the future",
);

/** Study settings. */
export const StudySettingsSchema = z.strictObject({
  /** How long a handed-out trial is held before it goes STALE. */
  leaseSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
  maxTrials: maxTrialsField.optional(),
  deadline: deadlineField.optional(),
});

/** The settings updateStudy may change: the stop conditions (null removes one). */
export const StudySettingsUpdateSchema = z.strictObject({
  maxTrials: maxTrialsField.nullable().optional(),
  deadline: deadlineField.nullable().optional(),
});

/** The built-in renderers that turn a candidate's params into an image. */
export const RENDERER_NAMES = ["color", "curve"] as const;

/** A built-in renderer, by name. */
export const BuiltInRendererSchema = z.strictObject({
  name: z.enum(RENDERER_NAMES).describe(
    "color: the first three numeric parameters as red, green, blue; curve: the numeric " +
      "parameters as the heights of a smooth curve",
  ),
});

/** A model of the project that maps a candidate's params to an image (served as PNG). */
export const ModelRendererSchema = z.strictObject({
  model: z.string().uuid().describe("The model's id (uploadModel)"),
  input: tensorName.describe(
    "The model's only input: the params as `[1, d]` (or `[batch, d]`), the space's parameters " +
      "in order, as for `objective.evaluator.input`",
  ),
  output: tensorName.describe(
    "The output that is the image: `[1, 3, H, W]` or `[1, H, W, 3]` (H, W fixed, at most " +
      "1024), values in [0, 1] (all of them at most 1) or else in [0, 255]",
  ),
});
/** A model renderer of a study's labeling settings. */
export type ModelRendererChoice = z.infer<typeof ModelRendererSchema>;

/** Control characters other than a line break: not plain text. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Plain text people read on the labeling page (shown as text, never as HTML):
 * trimmed, 1 to `max` characters, no control characters (line breaks only
 * where `lines`).
 */
const labelText = (max: number, lines: boolean) =>
  z.string().trim().min(1).max(max).refine(
    (t) => !CONTROL.test(t) && (lines || !/\n/.test(t)) && t.isWellFormed(),
    {
      message: lines
        ? "must be plain text: no control characters except line breaks"
        : "must be plain text on one line: no control characters or line breaks",
      params: { rule: "plain_text" },
    },
  );

/** How comparisons (groups of candidates ranked by people) work for a study. */
export const LabelingSchema = z.strictObject({
  title: labelText(120, false).optional().describe(
    "The study's name as labelers see it, at the top of the labeling page (plain text, at most " +
      '120 characters; absent: "Rank candidates")',
  ),
  prompt: labelText(500, true).optional().describe(
    'The question labelers answer, e.g. "Which looks most like a ripe tomato?" (plain text, ' +
      "at most 500 characters, line breaks kept; absent: how many to pick)",
  ),
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
  renderer: z.union([BuiltInRendererSchema, ModelRendererSchema], {
    error: 'a renderer is {"name"} (built-in: color, curve) or {"model", "input", "output"} ' +
      "(an ONNX model of the project)",
  }).optional().describe(
    "How candidates are drawn for labelers: a built-in renderer by name, or an ONNX model " +
      "that maps params to an image",
  ),
});
/** A study's labeling settings, defaults filled in. */
export type Labeling = z.infer<typeof LabelingSchema>;

/** The body of createStudy. */
export const CreateStudySchema = z.strictObject({
  name: z.string().min(1).max(200),
  metadata: MetadataSchema.optional(),
  space: SpaceSchema.optional().describe(
    "The search space (required, except for algorithms driven by rounds: sso's subject is its " +
      "model, and it takes no space)",
  ),
  objective: ObjectiveSchema.optional().describe(
    "What is measured (required, except for algorithms driven by rounds: sso takes none)",
  ),
  algorithm: AlgorithmChoiceSchema.optional().describe(
    "The algorithm; absent, minima chooses one for the space (gp-bo for small spaces, random " +
      "search past them) and says why in the answer's `algorithm.reason`",
  ),
  settings: StudySettingsSchema.optional(),
  labeling: LabelingSchema.optional().describe(
    "Comparisons for people to rank (algorithms that learn from rankings); defaults apply " +
      "when the algorithm takes rankings and this is absent",
  ),
  ifExists: z.enum(["error", "return"]).default("error").describe(
    "When the project already has a study of this name: `error` (default) answers 409; " +
      "`return` answers the existing study (200) when its definition matches this request " +
      "(algorithm, config, space, objective, and the seed, settings and labeling given), and " +
      "409 naming each difference when it does not",
  ),
});
/** The body of createStudy. */
export type CreateStudyInput = z.infer<typeof CreateStudySchema>;

/** The body of updateStudy: any of name, metadata, state, stop conditions. */
export const UpdateStudySchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  metadata: MetadataSchema.optional(),
  state: StudyStateSchema.optional(),
  settings: StudySettingsUpdateSchema.optional().describe(
    "New stop conditions (null removes one). A study they completed opens again (ACTIVE) " +
      "when they no longer stop it; a study they stop now completes",
  ),
});
/** The body of updateStudy. */
export type UpdateStudyInput = z.infer<typeof UpdateStudySchema>;
