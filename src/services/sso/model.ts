/**
 * The model an sso study trains: getStudyModel gives θ (as JSON, with the
 * layout that reads it), or the forward pass as an ONNX model with θ in its
 * initializers, which uploadModel takes back and evaluateModel runs.
 *
 * The ONNX graph of a built-in model: input `x` `[N, p]`, for each layer
 * `MatMul(h, W_l)` (W_l `[n_l, n_{l+1}]`, θ's row-major block) then
 * `Add(b_l)`, `Tanh` or `Relu` between layers, output `z` `[N, c]`; in
 * float32 (the default: what other runtimes expect) or float64 (the
 * service's own arithmetic, to rounding).
 */
import { builtInSpec, type SsoModelConfig } from "../../algorithms/sso/config.ts";
import { layerLayout, layersOf } from "../../algorithms/sso/models.ts";
import type { Queryable } from "../../db/client.ts";
import { readSsoStudy } from "../../db/queries/sso.ts";
import { encodeModel, type NodeSpec, type TensorSpec } from "../../evaluators/onnx/proto.ts";
import { conflict, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { studyMeta } from "../study_meta.ts";
import { requireRounds, setupOf, thetaOf } from "./study.ts";

/** Where one affine layer sits in θ. */
export interface LayerView {
  inputs: number;
  outputs: number;
  /** Offset of W (inputs×outputs, row-major) in θ. */
  weight: number;
  /** Offset of b (outputs) in θ. */
  bias: number;
}

/** getStudyModel's JSON answer. */
export interface StudyModelView {
  studyId: string;
  /** Rounds θ has taken in. */
  thetaVersion: number;
  model: SsoModelConfig;
  params: number;
  inputs: number;
  outputs: number;
  /** The built-in model's layers in θ (empty for an ONNX pair, whose graphs read θ). */
  layers: LayerView[];
  activation: "tanh" | "relu" | null;
  theta: number[];
}

/** The element types of an export. */
export type ExportType = "float32" | "float64";

/** A study's trained model: θ and its description. */
async function trained(ctx: ServiceContext, q: Queryable, projectId: string, studyId: string) {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  const saved = await readSsoStudy(q, projectId, studyId);
  if (!saved) throw notFound("study", studyId);
  const setup = setupOf(meta, saved.config);
  return { setup, ...thetaOf(saved, setup) };
}

/** getStudyModel as JSON: θ with its layout. */
export async function getStudyModel(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyModelView> {
  const { setup, theta, thetaVersion } = await trained(ctx, q, projectId, studyId);
  const spec = builtInSpec(setup.config.model);
  return {
    studyId,
    thetaVersion,
    model: setup.config.model,
    ...setup.dims,
    layers: spec ? layerLayout(layersOf(spec)).layers : [],
    activation: spec ? (spec.family === "mlp" ? spec.activation : null) : null,
    theta: Array.from(theta),
  };
}

/**
 * getStudyModel as ONNX: the forward pass with θ in its initializers. A 409
 * for an ONNX pair (its forward graph is the project's own, and reads θ as
 * an input: evaluate it with θ from the JSON answer).
 */
export async function exportStudyModel(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  type: ExportType,
): Promise<{ bytes: Uint8Array; thetaVersion: number }> {
  const { setup, theta, thetaVersion } = await trained(ctx, q, projectId, studyId);
  const spec = builtInSpec(setup.config.model);
  if (!spec) {
    throw conflict(
      "the study's model is an ONNX pair of the project: its forward graph takes θ as an " +
        "input; take θ as JSON (format=json) and evaluate the forward graph with it",
    );
  }
  const layers = layersOf(spec);
  const { layers: layout } = layerLayout(layers);
  const activation = spec.family === "mlp" ? spec.activation : "tanh";
  const initializers: TensorSpec[] = [];
  const nodes: NodeSpec[] = [];
  const values = (from: number, to: number) =>
    type === "float64" ? theta.slice(from, to) : Float32Array.from(theta.subarray(from, to));
  let h = "x";
  layout.forEach((l, i) => {
    const last = i === layout.length - 1;
    initializers.push(
      { name: `W${i}`, type, dims: [l.inputs, l.outputs], data: values(l.weight, l.bias) },
      { name: `b${i}`, type, dims: [l.outputs], data: values(l.bias, l.bias + l.outputs) },
    );
    nodes.push({ op: "MatMul", inputs: [h, `W${i}`], outputs: [`m${i}`] });
    const out = last ? "z" : `a${i}`;
    nodes.push({ op: "Add", inputs: [`m${i}`, `b${i}`], outputs: [last ? "z" : `s${i}`] });
    if (!last) {
      nodes.push({
        op: activation === "tanh" ? "Tanh" : "Relu",
        inputs: [`s${i}`],
        outputs: [out],
      });
    }
    h = out;
  });
  const bytes = encodeModel({
    name: `minima-sso-${studyId}-v${thetaVersion}`,
    inputs: [{ name: "x", type, shape: ["N", layers[0]] }],
    outputs: [{ name: "z", type, shape: ["N", layers[layers.length - 1]] }],
    nodes,
    initializers,
    producerName: "minima",
    producerVersion: `sso θ v${thetaVersion}`,
  });
  return { bytes, thetaVersion };
}
