/**
 * Studies whose objective is a model: the evaluator (`objective.evaluator`)
 * checked against the model's signature when the study is created, and the
 * evaluation of a batch of points with it (what runs call).
 *
 * The params go to the model as one `[batch, d]` tensor of the input's
 * element type (float32 in practice), in the space's order: a float or an
 * int as its value, a categorical as the index of its value. The model's
 * other inputs are the evaluator's constants; a constant whose first
 * dimension is the batch's is given for one row and repeated for each, so
 * that concurrent evaluations of the model can still be merged into one
 * session run. Each metric is read from an output with one number per row;
 * a NaN (or an infinity) marks the point infeasible. Model renderers
 * (model_renderer.ts) send a candidate's params by the same rules
 * (paramsInputOf, paramsTensor).
 */
import type { ModelSignature, Tensor, TensorInfo } from "../evaluators/onnx/mod.ts";
import type { Queryable } from "../db/client.ts";
import type { ModelRow } from "../db/schema.ts";
import { conflict, invalid } from "../errors.ts";
import type { Space } from "../space/mod.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { findProjectModel, signatureOf } from "./models.ts";
import { runModel } from "./models_evaluate.ts";
import {
  decodeTensor,
  type DimBindings,
  dynamicDim,
  type ElementType,
  elementType,
  numbersOf,
  repeatRows,
  shapeText,
  typedArray,
} from "./models_tensors.ts";
import type { Evaluator } from "./study_schema.ts";
import type { StudyMeta } from "./study_meta.ts";

/** What evaluating a point gives: its values by metric name, or infeasible (a NaN output). */
export type PointResult = { values: Record<string, number> } | { infeasible: true; reason: string };

/** How a study's points become a model's inputs, worked out once per study. */
interface Plan {
  row: ModelRow;
  /** The element type of the params input. */
  type: ElementType;
  /** The params input's fixed batch size; null when its first dimension is dynamic. */
  fixedBatch: number | null;
  /** The constants, decoded; `perRow` ones are repeated for each row of a batch. */
  constants: { name: string; tensor: Tensor; perRow: boolean }[];
}

const where = "objective.evaluator";

/** The range of whole numbers each integer element type holds exactly (float32: 2^24). */
const EXACT_RANGE: Record<ElementType, [number, number]> = {
  float32: [-(2 ** 24), 2 ** 24],
  float64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint8: [0, 255],
  bool: [0, 1],
};

/** Refuses a parameter the params input cannot hold exactly (a 422 naming the parameter). */
function checkParameterFits(space: Space, info: TensorInfo, type: ElementType): void {
  const [lo, hi] = EXACT_RANGE[type];
  space.parameters.forEach((p, j) => {
    const field = `space.parameters[${j}]`;
    const takes = `the model's input "${info.name}" is ${type}`;
    if (p.type === "float") {
      if (type !== "float32" && type !== "float64") {
        throw invalid(field, "model_input_type", `"${p.name}" is a float, but ${takes}`);
      }
      return;
    }
    const [min, max] = p.type === "int" ? [p.min, p.max] : [0, p.values.length - 1];
    if (min < lo || max > hi) {
      const what = p.type === "int"
        ? `int "${p.name}" ranges over [${min}, ${max}]`
        : `categorical "${p.name}" has ${p.values.length} values (sent as indices 0..${max})`;
      throw invalid(
        field,
        "model_input_type",
        `${what}, but ${takes}, which holds whole numbers in [${lo}, ${hi}] exactly`,
      );
    }
  });
}

/** Checks an output gives one number per row of the params input's batch. */
function checkOutput(field: string, info: TensorInfo, batch: number | string): void {
  const type = elementType(info.type);
  const shape = info.shape;
  const perRow = (shape.length === 1 || (shape.length === 2 && shape[1] === 1)) &&
    (shape[0] === batch || dynamicDim(shape[0])?.name === null);
  if (type === null || !perRow) {
    throw invalid(
      field,
      "one_per_row",
      `output "${info.name}" is ${info.type} ${shapeText(shape)}: a metric needs one number ` +
        `per row (${shapeText([batch])} or ${shapeText([batch, 1])})`,
    );
  }
}

/** A model input checked to take a space's params as `[batch, d]` rows. */
export interface ParamsInput {
  info: TensorInfo;
  /** The element type the params are sent as. */
  type: ElementType;
  /** The name of a symbolic width dimension, bound to the space's dimension. */
  widthName: string | null;
}

/**
 * Checks that the model's input `name` takes the space's params (a 422
 * naming `field`, or the parameter the input cannot hold): model objectives
 * and model renderers send params by this one rule.
 */
export function paramsInputOf(
  field: string,
  signature: ModelSignature,
  name: string,
  space: Space,
): ParamsInput {
  const info = signature.inputs.find((i) => i.name === name);
  if (!info) {
    throw invalid(
      field,
      "model_input",
      `the model has no input "${name}" (its inputs: ${namesOf(signature.inputs)})`,
    );
  }
  const type = elementType(info.type);
  if (type === null) {
    throw invalid(
      field,
      "model_input_type",
      `the model's input "${info.name}" is ${info.type}; params are sent as float32, ` +
        "float64, int32, int64, uint8 or bool",
    );
  }
  const d = space.dimension;
  if (info.shape.length !== 2) {
    throw invalid(
      field,
      "input_shape",
      `the params input must be [batch, ${d}]; the model's input "${info.name}" is ` +
        shapeText(info.shape),
    );
  }
  const widthDim = info.shape[1];
  const widthName = dynamicDim(widthDim);
  if (!widthName && widthDim !== d) {
    throw invalid(
      field,
      "width",
      `the model's input "${info.name}" is ${shapeText(info.shape)}: it takes ${widthDim} ` +
        `values per row, but the space has ${d} parameter${d === 1 ? "" : "s"}`,
    );
  }
  checkParameterFits(space, info, type);
  return { info, type, widthName: widthName?.name ?? null };
}

/** Tensor names as a list people read: `"x", "w"`. */
export function namesOf(list: TensorInfo[]): string {
  return list.map((i) => `"${i.name}"`).join(", ");
}

/**
 * Checks an evaluator against its model's signature and the study's space,
 * and decodes its constants; every problem is a 422 naming the field.
 */
function planOf(row: ModelRow, space: Space, evaluator: Evaluator): Plan {
  const signature = signatureOf(row);
  const { info, type, widthName } = paramsInputOf(
    `${where}.input`,
    signature,
    evaluator.input,
    space,
  );
  const d = space.dimension;
  const batchDim = info.shape[0];
  const batchName = dynamicDim(batchDim);
  const bindings: DimBindings = new Map();
  if (widthName) bindings.set(widthName, { size: d, field: `${where}.input` });
  for (const [metric, output] of Object.entries(evaluator.outputs)) {
    const field = `${where}.outputs.${metric}`;
    const out = signature.outputs.find((o) => o.name === output);
    if (!out) {
      throw invalid(
        field,
        "model_output",
        `the model has no output "${output}" (its outputs: ${namesOf(signature.outputs)})`,
      );
    }
    checkOutput(field, out, batchDim);
  }
  const given = evaluator.constants ?? {};
  for (const name of Object.keys(given)) {
    if (!signature.inputs.some((i) => i.name === name)) {
      throw invalid(
        `${where}.constants.${name}`,
        "model_input",
        `the model has no input "${name}" (its inputs: ${namesOf(signature.inputs)})`,
      );
    }
  }
  const constants: Plan["constants"] = [];
  for (const input of signature.inputs) {
    if (input.name === info.name) continue;
    const field = `${where}.constants.${input.name}`;
    if (!Object.hasOwn(given, input.name)) {
      throw invalid(
        field,
        "missing_constant",
        `the model's input "${input.name}" (${input.type} ${shapeText(input.shape)}) needs a ` +
          "constant value",
      );
    }
    const first = input.shape.length > 0 ? dynamicDim(input.shape[0]) : null;
    const perRow = batchName !== null && first !== null &&
      (first.name === null || first.name === batchName.name);
    const value = given[input.name];
    if (perRow && value.shape[0] !== 1) {
      throw invalid(
        `${field}.shape`,
        "dimension",
        `dimension 0 of the model's input "${input.name}" ${shapeText(input.shape)} is the ` +
          `batch: give the constant for one row (first dimension 1); got ${value.shape[0]}`,
      );
    }
    const tensor = decodeTensor(field, input, value, bindings, { broadcastFirst: perRow });
    constants.push({ name: input.name, tensor, perRow });
  }
  const fixedBatch = batchName === null ? (batchDim as number) : null;
  if (fixedBatch !== null && fixedBatch < 1) {
    throw invalid(`${where}.input`, "input_shape", `the batch dimension of "${info.name}" is 0`);
  }
  return { row, type, fixedBatch, constants };
}

/**
 * The project's model a study names (its evaluator, its renderer), locked
 * FOR KEY SHARE until the transaction ends; a 422 naming `field` when there
 * is none.
 */
export async function namedModel(
  q: Queryable,
  projectId: string,
  modelId: string,
  field: string,
): Promise<ModelRow> {
  const row = await findProjectModel(q, projectId, modelId.toLowerCase(), true);
  if (!row) {
    throw invalid(
      field,
      "known_model",
      `model ${modelId} does not exist in this project (uploadModel, listModels)`,
    );
  }
  return row;
}

/**
 * Checks a new study's evaluator against its model and space (createStudy);
 * run it in the study's transaction: the model's row stays locked (FOR KEY
 * SHARE) until the study is written, so a concurrent deleteModel sees it. A
 * 422 naming the field for an unknown model, an input the model lacks, a
 * wrong width, an output without one number per row, a parameter the input
 * cannot hold, and constants missing, extra or of the wrong shape.
 */
export async function checkEvaluator(
  q: Queryable,
  projectId: string,
  space: Space,
  evaluator: Evaluator,
): Promise<void> {
  planOf(await namedModel(q, projectId, evaluator.model, `${where}.model`), space, evaluator);
}

/** Plans by study (metas are cached per context, and a used model cannot be deleted). */
const plans = new WeakMap<StudyMeta, Plan>();

async function planFor(ctx: ServiceContext, meta: StudyMeta): Promise<Plan> {
  const known = plans.get(meta);
  if (known) return known;
  const evaluator = meta.evaluator;
  if (!evaluator) throw new Error(`study ${meta.id} has no model objective`);
  const row = await findProjectModel(ctx.db, meta.projectId, evaluator.model.toLowerCase());
  if (!row) {
    throw conflict(`model ${evaluator.model} of study ${meta.id} no longer exists`);
  }
  const plan = planOf(row, meta.space, evaluator);
  plans.set(meta, plan);
  return plan;
}

/** The params of `points` as a `[rows, d]` tensor (rows beyond the points repeat the last). */
export function paramsTensor(
  space: Space,
  type: ElementType,
  points: Params[],
  rows: number,
): Tensor {
  const d = space.dimension;
  const values = new Float64Array(rows * d);
  for (let r = 0; r < rows; r++) {
    const point = points[Math.min(r, points.length - 1)];
    space.parameters.forEach((p, j) => {
      const v = point[p.name];
      let x: number;
      if (p.type === "categorical") {
        x = p.values.findIndex((c) => c === v);
        if (x < 0) throw new Error(`${JSON.stringify(v)} is not a value of "${p.name}"`);
      } else if (typeof v === "number") {
        x = v;
      } else {
        throw new Error(`"${p.name}" is ${JSON.stringify(v)}, not a number`);
      }
      values[r * d + j] = x;
    });
  }
  return { type, dims: [rows, d], data: typedArray(type, values) };
}

/** Evaluates a model-objective study's params in one batch: per point its values by metric name, or infeasible (a NaN output). */
export async function evaluatePoints(
  ctx: ServiceContext,
  meta: StudyMeta,
  points: Params[],
): Promise<PointResult[]> {
  if (points.length === 0) return [];
  const plan = await planFor(ctx, meta);
  const evaluator = meta.evaluator!;
  const step = plan.fixedBatch ?? points.length;
  const results: PointResult[] = [];
  for (let start = 0; start < points.length; start += step) {
    const chunk = points.slice(start, start + step);
    const rows = plan.fixedBatch ?? chunk.length;
    const inputs: Record<string, Tensor> = {
      [evaluator.input]: paramsTensor(meta.space, plan.type, chunk, rows),
    };
    for (const c of plan.constants) {
      inputs[c.name] = c.perRow ? repeatRows(c.tensor, rows) : c.tensor;
    }
    const { outputs } = await runModel(ctx, plan.row, inputs);
    const columns = Object.entries(evaluator.outputs).map(([metric, name]) => {
      const out = outputs[name];
      // The model's own faults, as 422s (a run fails on them: runs/retry.ts).
      if (!out) {
        throw invalid(
          `${where}.outputs.${metric}`,
          "model_output",
          `model ${plan.row.id} gave no output "${name}"`,
        );
      }
      const values = numbersOf(out);
      if (values.length !== rows) {
        throw invalid(
          `${where}.outputs.${metric}`,
          "one_per_row",
          `output "${name}" of model ${plan.row.id} gave ${values.length} values for ${rows} ` +
            "rows: a metric needs one number per row",
        );
      }
      return { metric, name, values };
    });
    for (let r = 0; r < chunk.length; r++) {
      const values: Record<string, number> = {};
      let reason: string | null = null;
      for (const c of columns) {
        const v = c.values[r];
        if (!Number.isFinite(v)) {
          reason ??= `the model's output "${c.name}" (metric "${c.metric}") is ${v}`;
        }
        values[c.metric] = v;
      }
      results.push(reason === null ? { values } : { infeasible: true, reason });
    }
  }
  return results;
}
