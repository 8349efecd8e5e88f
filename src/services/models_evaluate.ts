/**
 * Evaluating a model: evaluateModel (a client's tensors in, the outputs
 * back) and `runModel`, the one road to the ONNX runtime that studies with a
 * model objective take too. The runtime merges concurrent evaluations of a
 * model and project into one session run (dynamic batching) and loads
 * sessions from this host's copy of the model (models_cache.ts), which the
 * database fills once. A model deleted while it is being evaluated is a 404.
 * Answers are bounded like requests: at most MAX_EVALUATE_VALUES output
 * values, refused before the run when the outputs' shapes tell, else after
 * it, before any JSON is built (422s naming `outputs.<name>`).
 *
 * Whether the model exists is known without a query while this process
 * hears of deletes and found it recently; else it is asked of the database,
 * once its row is known here not before the run, and concurrent requests
 * share the question (models_lookup.ts).
 */
import {
  type EvaluateOptions,
  EvaluationFailed,
  ModelInvalid,
  type Tensor,
} from "../evaluators/onnx/mod.ts";
import { type FieldIssue, invalid, invalidFields, notFound } from "../errors.ts";
import type { ModelRow } from "../db/schema.ts";
import type { ServiceContext } from "./context.ts";
import { requireOnnx, signatureOf } from "./models.ts";
import { ModelBytesGone, ModelFileCache } from "./models_cache.ts";
import { modelLookups } from "./models_lookup.ts";
import { attachBytes } from "./models_binary.ts";
import {
  decodeTensor,
  type DimBindings,
  elementCount,
  type OutputEncoding,
  type TensorBytesView,
  tensorBytesView,
  type TensorInput,
  type TensorView,
  tensorView,
} from "./models_tensors.ts";

/** The most rows (first dimension) an input of one evaluateModel request may have. */
export const MAX_EVALUATE_ROWS = 65_536;
/** The most values all inputs, and all outputs, of one evaluateModel request may hold together. */
export const MAX_EVALUATE_VALUES = 1 << 22;

/** The body of evaluateModel. */
export interface EvaluateInput {
  inputs: Record<string, TensorInput>;
  /** Outputs as JSON numbers (`data`, the default) or as base64 bytes (`dataBase64`). */
  outputEncoding?: OutputEncoding;
  /**
   * A binary body's tensor bytes (models_binary.ts), which the inputs, given
   * without values, take in the order of the model's inputs.
   */
  binary?: Uint8Array<ArrayBuffer>;
}

/** The answer of evaluateModel; its outputs are `Output`s when the request's encoding is known. */
export interface EvaluationView<Output = TensorView> {
  outputs: Record<string, Output>;
  provider: string;
  batchRows: number;
  ms: number;
}

/** What a model evaluation gives. */
export interface ModelRun {
  outputs: Record<string, Tensor>;
  provider: string;
  batchRows: number;
  ms: number;
}

/**
 * Evaluates a stored model (by its blob) on checked inputs. The runtime
 * loads a session from this host's file of the blob, written from the
 * database on first use. An error of onnxruntime while running is a 422
 * naming the inputs, with onnxruntime's reason (as is a model it cannot
 * load); inputs that break the signature are the runtime's own 422s; a
 * model whose bytes are gone (deleted meanwhile) is a 404. Only evaluations
 * of one project are merged into a session run.
 */
export async function runModel(
  ctx: ServiceContext,
  model: { id: string; sha256: string; projectId: string },
  inputs: Record<string, Tensor>,
  options: EvaluateOptions = {},
): Promise<ModelRun> {
  const onnx = requireOnnx(ctx);
  const files = ctx.modelFiles ??= new ModelFileCache();
  try {
    return await onnx.evaluate(
      model.sha256,
      () => files.path(ctx.db, model.sha256),
      inputs,
      model.projectId,
      options,
    );
  } catch (error) {
    if (error instanceof ModelBytesGone) throw notFound("model", model.id);
    if (error instanceof ModelInvalid) {
      throw invalid("model", "onnx_model", `onnxruntime cannot load the model: ${error.message}`);
    }
    if (!(error instanceof EvaluationFailed)) throw error;
    ctx.log?.warn("model evaluation failed", { model: model.id, error: error.message });
    throw invalid(
      "inputs",
      "model_error",
      `onnxruntime could not evaluate the model: ${error.message}`,
    );
  }
}

/** Refuses a request beyond the limits before any value is decoded. */
function checkLimits(inputs: Record<string, TensorInput>): void {
  let values = 0;
  for (const [name, t] of Object.entries(inputs)) {
    const rows = t.shape[0] ?? 1;
    if (rows > MAX_EVALUATE_ROWS) {
      throw invalid(
        `inputs.${name}.shape`,
        "max_rows",
        `${rows} rows; one request evaluates at most ${MAX_EVALUATE_ROWS} (split the batch)`,
      );
    }
    values += elementCount(t.shape);
  }
  if (values > MAX_EVALUATE_VALUES) {
    throw invalid(
      "inputs",
      "max_values",
      `the inputs hold ${values} values (rows × width); one request takes at most ` +
        `${MAX_EVALUATE_VALUES} (split the batch)`,
    );
  }
}

/** The values of an output shape when every dim is fixed or bound by the inputs, else null. */
function knownSize(shape: readonly (number | string)[], bindings: DimBindings): number | null {
  let n = 1;
  for (const d of shape) {
    const size = typeof d === "number" ? d : bindings.get(d)?.size;
    if (size === undefined || size < 0) return null;
    n *= size;
  }
  return n;
}

/** Refuses an answer of more than MAX_EVALUATE_VALUES values, naming each output. */
function checkOutputs(sizes: [name: string, values: number][]): void {
  const total = sizes.reduce((n, [, v]) => n + v, 0);
  if (total <= MAX_EVALUATE_VALUES) return;
  throw invalidFields(
    sizes.filter(([, v]) => v > 0).map(([name, v]): FieldIssue => ({
      field: `outputs.${name}`,
      rule: "max_values",
      message: `${v} values of ${total} in all outputs; one answer holds at most ` +
        `${MAX_EVALUATE_VALUES} (split the batch)`,
    })),
  );
}

/**
 * evaluateModel: the client's tensors checked against the model's signature
 * (each mismatch a 422 naming `inputs.<name>`), evaluated, and the outputs
 * (as JSON numbers, or base64 bytes when `outputEncoding` asks)
 * with the provider that ran them, the rows of the session run the request
 * was part of, and the time it took. `early`: the model's lookup, begun when
 * the request came (`earlyLookup`); without, it begins here.
 */
export async function evaluateModel(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
  body: EvaluateInput,
  early?: Promise<ModelRow>,
): Promise<EvaluationView<TensorView | TensorBytesView>> {
  return evaluationView(
    await evaluateTensors(ctx, projectId, modelId, body, early),
    body.outputEncoding,
  );
}

/** An evaluation as JSON shows it: outputs as numbers, or as base64 bytes. */
export function evaluationView(
  run: ModelRun,
  encoding: OutputEncoding | undefined,
): EvaluationView<TensorView | TensorBytesView> {
  const view = encoding === "base64" ? tensorBytesView : tensorView;
  const outputs: Record<string, TensorView | TensorBytesView> = {};
  for (const [name, t] of Object.entries(run.outputs)) outputs[name] = view(t);
  return { outputs, provider: run.provider, batchRows: run.batchRows, ms: run.ms };
}

/**
 * evaluateModel up to its outputs as tensors, within the answer's bounds
 * (for an answer in JSON, or in bytes: models_binary.ts).
 */
export async function evaluateTensors(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
  body: EvaluateInput,
  early?: Promise<ModelRow>,
): Promise<ModelRun> {
  requireOnnx(ctx);
  const lookups = modelLookups(ctx);
  const trusted = early ? undefined : lookups.trusted(projectId, modelId);
  if (trusted) return await evaluateRow(ctx, trusted, body);
  const exists = early ?? lookups.check(projectId, modelId);
  const row = lookups.known(projectId, modelId) ?? await exists;
  let run: Promise<ModelRun>;
  try {
    // The inputs were decoded for this request: their buffers move to the worker.
    run = runModel(ctx, row, checkedInputs(row, body), { transfer: true });
  } catch (error) {
    // A model that is gone is a 404 whatever its inputs.
    await exists;
    throw error;
  }
  // Answered below, unless the model is gone: then its outcome is dropped.
  run.catch(() => {});
  await exists;
  return checkedOutputs(await run);
}

/** evaluateTensors of a model whose row is trusted (no lookup: models_lookup.ts). */
async function evaluateRow(ctx: ServiceContext, row: ModelRow, body: EvaluateInput) {
  return checkedOutputs(await runModel(ctx, row, checkedInputs(row, body), { transfer: true }));
}

/** A run whose outputs are within the answer's bounds. */
function checkedOutputs(result: ModelRun): ModelRun {
  checkOutputs(Object.entries(result.outputs).map(([name, t]) => [name, t.data.length]));
  return result;
}

/**
 * The request's inputs as tensors, checked against the model's signature
 * and the limits (422s naming each field), the outputs' size too when their
 * shapes tell.
 */
function checkedInputs(row: ModelRow, body: EvaluateInput): Record<string, Tensor> {
  const signature = signatureOf(row);
  const known = new Set(signature.inputs.map((i) => i.name));
  const unknown = Object.keys(body.inputs).filter((n) => !known.has(n));
  const missing = signature.inputs.filter((i) => !Object.hasOwn(body.inputs, i.name));
  if (unknown.length > 0 || missing.length > 0) {
    const list = signature.inputs.map((i) => `"${i.name}"`).join(", ");
    throw invalidFields([
      ...unknown.map((n): FieldIssue => ({
        field: `inputs.${n}`,
        rule: "model_input",
        message: `the model has no input "${n}" (its inputs: ${list})`,
      })),
      ...missing.map((i): FieldIssue => ({
        field: `inputs.${i.name}`,
        rule: "required",
        message: `the model needs input "${i.name}" (${i.type} [${i.shape.join(", ")}])`,
      })),
    ]);
  }
  checkLimits(body.inputs);
  if (body.binary) attachBytes(signature.inputs, body.inputs, body.binary);
  const bindings: DimBindings = new Map();
  const inputs: Record<string, Tensor> = {};
  for (const info of signature.inputs) {
    inputs[info.name] = decodeTensor(`inputs.${info.name}`, info, body.inputs[info.name], bindings);
  }
  // Outputs of unknown size count as none here; the answer is checked after the run.
  checkOutputs(signature.outputs.map((o) => [o.name, knownSize(o.shape, bindings) ?? 0]));
  return inputs;
}
