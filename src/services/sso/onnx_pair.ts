/**
 * sso's `onnx` family: a model of the project's registry given as two
 * graphs, `forward(θ, X) → z` and `vjp(θ, X, v) → Jᵀv` (exported, e.g., from
 * PyTorch with torch.func.vjp and torch.onnx.export), run by the service's
 * ONNX runtime through `runModel`, the one road to it, on the providers the
 * service runs (a GPU where one loads).
 *
 * Inputs and outputs are taken in the graphs' order: θ `[P]`, X `[N, p]`
 * (and v `[N, c]`); the first output is z `[N, c]` (Jᵀv `[P]`). float32 and
 * float64 graphs are both accepted; the inner loop computes in float64 and
 * converts at the graph's edge. createStudy checks the pair (`checkOnnxPair`)
 * and stores P, p and c with the config.
 */
import type { SsoModel } from "../../algorithms/sso/models.ts";
import type { Queryable } from "../../db/client.ts";
import type { ModelRow } from "../../db/schema.ts";
import type { Tensor, TensorInfo } from "../../evaluators/onnx/mod.ts";
import { type FieldIssue, invalidFields, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { namedModel } from "../model_objective.ts";
import { findModel, signatureOf } from "../models.ts";
import { ModelBytesGone, ModelFileCache } from "../models_cache.ts";
import { runModel } from "../models_evaluate.ts";

/** The pair as a study's config names it (sizes filled in at createStudy). */
export interface OnnxPairConfig {
  family: "onnx";
  forward: string;
  vjp: string;
  params?: number;
  inputs?: number;
  outputs?: number;
}

const FLOATS = new Set(["float32", "float64"]);

/** A tensor of a graph's input type from float64 values. */
function tensorOf(info: TensorInfo, dims: number[], values: Float64Array): Tensor {
  if (info.type === "float64") return { type: "float64", dims, data: values };
  return { type: "float32", dims, data: Float32Array.from(values) };
}

/** A graph's first output as float64 values, checked for its size. */
function firstOutput(
  row: ModelRow,
  outputs: Record<string, Tensor>,
  size: number,
  what: string,
): Float64Array {
  const info = signatureOf(row).outputs[0];
  const t = outputs[info.name];
  if (!t || t.data.length !== size) {
    throw new Error(
      `model ${row.id} (${what}) gave ${t?.data.length ?? 0} values in "${info.name}", not ${size}`,
    );
  }
  return t.data instanceof Float64Array ? t.data : Float64Array.from(t.data as Float32Array);
}

/**
 * The pair as an SsoModel. Its models' rows are read, and this host's files
 * of their bytes written, here, through `q` (the caller's transaction or the
 * database): the model's calls then need nothing of the database, so they
 * may run inside a transaction, even on PGlite's one connection. A model
 * deleted since is a 404.
 */
export async function openOnnxPair(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  pair: OnnxPairConfig,
  dims: { params: number; inputs: number; outputs: number },
): Promise<SsoModel> {
  const files = ctx.modelFiles ??= new ModelFileCache();
  const [forward, vjp] = await Promise.all([
    findModel(q, projectId, pair.forward),
    findModel(q, projectId, pair.vjp),
  ]);
  for (const row of [forward, vjp]) {
    await files.path(q, row.sha256).catch((error) => {
      if (error instanceof ModelBytesGone) throw notFound("model", row.id);
      throw error;
    });
  }
  const { params, inputs: p, outputs: c } = dims;
  return {
    params,
    inputs: p,
    outputs: c,
    async forward(theta, x, n) {
      const [t, xs] = signatureOf(forward).inputs;
      const { outputs } = await runModel(ctx, forward, {
        [t.name]: tensorOf(t, [params], theta),
        [xs.name]: tensorOf(xs, [n, p], x.subarray(0, n * p)),
      });
      return firstOutput(forward, outputs, n * c, "forward");
    },
    async vjp(theta, x, n, v) {
      const [t, xs, vs] = signatureOf(vjp).inputs;
      const { outputs } = await runModel(ctx, vjp, {
        [t.name]: tensorOf(t, [params], theta),
        [xs.name]: tensorOf(xs, [n, p], x.subarray(0, n * p)),
        [vs.name]: tensorOf(vs, [n, c], v),
      });
      return firstOutput(vjp, outputs, params, "vjp");
    },
  };
}

/** A size the graphs and the config agree on, or an issue. */
function agree(
  field: string,
  given: number | undefined,
  dims: [dim: number | string | undefined, where: string][],
  issues: FieldIssue[],
): number | undefined {
  let value = given;
  let from = given === undefined ? "" : `the config's ${field.split(".").pop()}`;
  for (const [dim, where] of dims) {
    if (typeof dim !== "number" || dim < 0) continue;
    if (value === undefined) {
      [value, from] = [dim, where];
    } else if (dim !== value) {
      issues.push({
        field,
        rule: "graph_sizes",
        message: `${where} is ${dim}, but ${from} is ${value}`,
      });
      return undefined;
    }
  }
  if (value === undefined) {
    issues.push({
      field,
      rule: "required",
      message: "the graphs do not fix this size: give it in the config",
    });
  } else if (value < 1) {
    issues.push({ field, rule: "min", message: "must be at least 1" });
  }
  return value;
}

/**
 * Checks a study's ONNX pair against the project's models and fills in P, p
 * and c; run in the study's transaction (the models' rows stay locked FOR
 * KEY SHARE until it commits). 422s name `algorithm.config.model.<field>`:
 * an unknown model, the wrong number of inputs, ranks or element types, and
 * sizes the two graphs (or the config) disagree on.
 */
export async function checkOnnxPair(
  q: Queryable,
  projectId: string,
  pair: OnnxPairConfig,
): Promise<OnnxPairConfig & { params: number; inputs: number; outputs: number }> {
  const where = "algorithm.config.model";
  const [forward, vjp] = await Promise.all([
    namedModel(q, projectId, pair.forward, `${where}.forward`),
    namedModel(q, projectId, pair.vjp, `${where}.vjp`),
  ]);
  const issues: FieldIssue[] = [];
  const f = signatureOf(forward);
  const g = signatureOf(vjp);
  const shapeIssue = (field: string, message: string) =>
    issues.push({ field: `${where}.${field}`, rule: "graph_signature", message });
  const check = (field: string, info: TensorInfo | undefined, rank: number, what: string) => {
    if (!info) return shapeIssue(field, `the graph has no ${what}`);
    if (!FLOATS.has(info.type)) {
      shapeIssue(field, `${what} "${info.name}" is ${info.type}; float32 or float64 is needed`);
    }
    if (info.shape.length !== rank) {
      shapeIssue(field, `${what} "${info.name}" has rank ${info.shape.length}, not ${rank}`);
    }
  };
  if (f.inputs.length !== 2) {
    shapeIssue("forward", `the forward graph takes ${f.inputs.length} inputs, not 2 (θ, X)`);
  }
  if (g.inputs.length !== 3) {
    shapeIssue("vjp", `the vjp graph takes ${g.inputs.length} inputs, not 3 (θ, X, v)`);
  }
  check("forward", f.inputs[0], 1, "input θ");
  check("forward", f.inputs[1], 2, "input X");
  check("forward", f.outputs[0], 2, "output z");
  check("vjp", g.inputs[0], 1, "input θ");
  check("vjp", g.inputs[1], 2, "input X");
  check("vjp", g.inputs[2], 2, "input v");
  check("vjp", g.outputs[0], 1, "output Jᵀv");
  if (issues.length) throw invalidFields(issues);
  const params = agree(`${where}.params`, pair.params, [
    [f.inputs[0].shape[0], "the forward graph's θ"],
    [g.inputs[0].shape[0], "the vjp graph's θ"],
    [g.outputs[0].shape[0], "the vjp graph's output"],
  ], issues);
  const inputs = agree(`${where}.inputs`, pair.inputs, [
    [f.inputs[1].shape[1], "the forward graph's X"],
    [g.inputs[1].shape[1], "the vjp graph's X"],
  ], issues);
  const outputs = agree(`${where}.outputs`, pair.outputs, [
    [f.outputs[0].shape[1], "the forward graph's z"],
    [g.inputs[2].shape[1], "the vjp graph's v"],
  ], issues);
  if (issues.length) throw invalidFields(issues);
  return { ...pair, params: params!, inputs: inputs!, outputs: outputs! };
}
