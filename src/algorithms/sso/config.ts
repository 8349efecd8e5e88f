/**
 * The config of "sso" (target-based surrogate optimisation,
 * docs/algorithms.md): the model whose parameters θ the service trains, η,
 * the inner steps and their line search, an optional L2 term, and the rows
 * a round draws. Validated at createStudy; the `onnx` family's sizes are
 * read from its graphs' signatures there and stored with the config.
 *
 * @module
 */
import { z } from "zod";
import { layerLayout, type SsoModelSpec } from "./models.ts";

/** The most entries θ may have (8 MiB of float64, saved with the study's state). */
export const MAX_SSO_PARAMS = 1 << 20;
/** The most inputs (p), outputs (c) or units of one layer. */
export const MAX_SSO_WIDTH = 65_536;
/** The most rows one round's batch may have. */
export const MAX_ROUND_ROWS = 65_536;
/** The most values θ₀ given in the config may have. */
export const MAX_INITIAL_THETA = 65_536;

const width = (what: string) => z.number().int().min(1).max(MAX_SSO_WIDTH).describe(what);

/** z = X·W + b: θ = [W (p×c, row-major), b (c)]. */
export const LinearModelSchema = z.strictObject({
  family: z.literal("linear"),
  inputs: width("p: the features of a row (columns of X)"),
  outputs: width("c: the targets of a row (columns of z)"),
});

/** An MLP: affine layers, `activation` between them, the last one linear. */
export const MlpModelSchema = z.strictObject({
  family: z.literal("mlp"),
  layers: z.array(z.number().int().min(1).max(MAX_SSO_WIDTH)).min(2).max(16).describe(
    "Layer sizes n₀ (= p, the inputs), n₁, …, n_L (= c, the targets); θ = [W₀ (n₀×n₁, " +
      "row-major), b₀, W₁, b₁, …]",
  ),
  activation: z.enum(["tanh", "relu"]).default("tanh").describe("The hidden layers' activation"),
});

/**
 * A model of the project's registry pair: `forward(θ, X) → z` and
 * `vjp(θ, X, v) → Jᵀv`, inputs and outputs taken in the graphs' order.
 */
export const OnnxPairModelSchema = z.strictObject({
  family: z.literal("onnx"),
  forward: z.string().uuid().transform((s) => s.toLowerCase()).describe(
    "The forward graph (uploadModel): inputs θ `[P]` and X `[N, p]`, in this order; its first " +
      "output z `[N, c]`",
  ),
  vjp: z.string().uuid().transform((s) => s.toLowerCase()).describe(
    "The vector-Jacobian product (uploadModel): inputs θ `[P]`, X `[N, p]` and v `[N, c]`, in " +
      "this order; its first output Jᵀv `[P]`. Export both from PyTorch with torch.func.vjp " +
      "and torch.onnx.export",
  ),
  params: z.number().int().min(1).max(MAX_SSO_PARAMS).optional().describe(
    "P; read from the graphs when their θ input has a fixed size",
  ),
  inputs: width("p; read from the graphs when fixed there").optional(),
  outputs: width("c; read from the graphs when fixed there").optional(),
});

/** The line search of the inner steps: the authors' Armijo backtracking, in their units. */
export const LineSearchSchema = z.strictObject({
  c: z.number().gt(0).lt(1).default(0.1).describe("Armijo's sufficient-decrease constant"),
  beta: z.number().gt(0).lt(1).default(0.9).describe("The backtracking factor"),
  initialStep: z.number().positive().max(1e12).default(10).describe(
    "The step each round starts from (reset at every round)",
  ),
  expand: z.number().min(1).max(1e3).default(2).describe(
    "Each inner step first tries this times the step the previous one accepted",
  ),
  maxTrials: z.number().int().min(1).max(1000).default(100).describe("Trials per inner step"),
  minStep: z.number().positive().default(1e-6).describe("A step shortened below this fails"),
  gradTolerance: z.number().positive().default(1e-6).describe(
    "No more inner steps once the gradient's (normalised) norm is at most this",
  ),
});

/** The options of "sso". */
export const SsoConfigSchema = z.strictObject({
  model: z.discriminatedUnion("family", [LinearModelSchema, MlpModelSchema, OnnxPairModelSchema], {
    error: 'model.family must be "linear", "mlp" or "onnx"',
  }).describe(
    "The model z = f(θ; X) the service trains: a built-in family (`linear`, `mlp`) or a pair of " +
      "ONNX graphs of the project (`onnx`)",
  ),
  targetStepSize: z.number().positive().max(1e12).describe(
    "η, in the paper's units: the target step is z_t − η·G, with G exactly as the client sends " +
      "it. When the client's loss is a mean over b rows, η ≈ b is a natural scale; 20·b was the " +
      "best start on full and large batches (docs/algorithms.md)",
  ),
  innerSteps: z.number().int().min(0).max(1000).default(5).describe(
    "m: inner steps on the surrogate per round (5: the best on iris; 10–20 only on full " +
      "batches)",
  ),
  lineSearch: LineSearchSchema.default(() => LineSearchSchema.parse({})).describe(
    "The Armijo line search of each inner step",
  ),
  fixedStep: z.number().positive().max(1e12).optional().describe(
    "A fixed inner step α instead of the line search: θ ← θ − α·∇h (m = 1: SGD with rate α)",
  ),
  l2: z.number().min(0).max(1e6).default(0).describe("λ of an L2 term (λ/2)·‖θ‖² in the surrogate"),
  batchSize: z.number().int().min(1).max(MAX_ROUND_ROWS).default(100).describe(
    "Rows a round draws from the uploaded features when startRound names neither rows nor " +
      "features",
  ),
  initialTheta: z.array(z.number()).max(MAX_INITIAL_THETA).optional().describe(
    "θ₀ in the model's layout; default zeros (`linear`, `onnx`) or N(0, s²/n_l) weights with " +
      "zero biases from the study's seed (`mlp`)",
  ),
}).superRefine((config, ctx) => {
  const params = paramsOf(config.model);
  if (params !== undefined && params > MAX_SSO_PARAMS) {
    ctx.addIssue({
      code: "custom",
      path: ["model"],
      message: `the model has ${params} parameters; at most ${MAX_SSO_PARAMS}`,
      params: { rule: "max_params" },
    });
  }
  if (config.initialTheta && params !== undefined && config.initialTheta.length !== params) {
    ctx.addIssue({
      code: "custom",
      path: ["initialTheta"],
      message: `the model has ${params} parameters; θ₀ has ${config.initialTheta.length}`,
      params: { rule: "params" },
    });
  }
});
/** The options of "sso", defaults filled in. */
export type SsoConfig = z.infer<typeof SsoConfigSchema>;
/** A model of an sso config. */
export type SsoModelConfig = SsoConfig["model"];

/** The built-in model of a config (`linear`, `mlp`), or null for an ONNX pair. */
export function builtInSpec(model: SsoModelConfig): SsoModelSpec | null {
  if (model.family === "linear") return model;
  if (model.family === "mlp") return model;
  return null;
}

/** P, the length of θ (undefined for an ONNX pair whose size is not known yet). */
export function paramsOf(model: SsoModelConfig): number | undefined {
  if (model.family === "linear") return (model.inputs + 1) * model.outputs;
  if (model.family === "mlp") return layerLayout(model.layers).params;
  return model.params;
}

/** The model's sizes: P, p and c (an ONNX pair's once createStudy has read them). */
export function dimsOf(model: SsoModelConfig): { params: number; inputs: number; outputs: number } {
  if (model.family === "linear") {
    return { params: paramsOf(model)!, inputs: model.inputs, outputs: model.outputs };
  }
  if (model.family === "mlp") {
    const { layers } = model;
    return { params: paramsOf(model)!, inputs: layers[0], outputs: layers[layers.length - 1] };
  }
  const { params, inputs, outputs } = model;
  if (params === undefined || inputs === undefined || outputs === undefined) {
    throw new Error("the onnx model's sizes are not known: createStudy reads them");
  }
  return { params, inputs, outputs };
}
