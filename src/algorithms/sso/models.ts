/**
 * The models of target-based surrogate optimisation (SSO, docs/algorithms.md):
 * maps z = f(θ; X) from a batch of inputs X (rows×p, row-major) to targets z
 * (rows×c, row-major), with the vector-Jacobian product Jᵀv that an inner
 * step needs. SSO optimises θ while the client only ever sees targets, so
 * the model is all the server has to know about the client's problem.
 *
 * The interface is asynchronous because a model may run elsewhere: an
 * ONNX-backed model (its forward and VJP graphs run by onnxruntime)
 * implements the same {@linkcode SsoModel}. The built-in families are pure
 * TypeScript over the linear-algebra backend's `gemm` (OpenBLAS where it
 * loads, src/math/linalg_backend.ts).
 *
 * Parameter layout (stable: an ONNX export of the forward pass reads θ in
 * this order). An MLP with layer sizes n₀ → n₁ → … → n_L has L affine layers
 * H_{l+1} = act(H_l·W_l + b_l) (act the identity on the last layer), and
 *
 *   θ = [W₀ (n₀×n₁, row-major), b₀ (n₁), W₁ (n₁×n₂), b₁ (n₂), …, b_{L−1}],
 *
 * so W_l[i][j] (input i to output j) is θ[offset_l + i·n_{l+1} + j] and an
 * ONNX export is MatMul(H, W_l) + b_l with W_l of shape [n_l, n_{l+1}] (the
 * transpose of PyTorch's nn.Linear weight). `linear` is the one-layer case
 * z = X·W + b: θ = [W (p×c, row-major), b (c)].
 *
 * @module
 */

import { type LinalgBackend, linalgBackend } from "../../math/linalg_backend.ts";
import { Rng } from "../../math/rng.ts";

/** A differentiable map from inputs to targets, z = f(θ; X). */
export interface SsoModel {
  /** Length of θ. */
  readonly params: number;
  /** Columns of X (p). */
  readonly inputs: number;
  /** Columns of z (c). */
  readonly outputs: number;
  /**
   * True when f is linear in θ: f(θ + α·d) = f(θ) + α·f(d) (up to
   * rounding); the line search then evaluates a trial step without a
   * forward pass.
   */
  readonly linearInParams?: boolean;
  /** z = f(θ; X) for the first `rows` rows of X: rows×c, row-major, a new array. */
  forward(theta: Float64Array, x: Float64Array, rows: number): Promise<Float64Array>;
  /** J(θ)ᵀ·v for v rows×c (the Jacobian of the rows×c outputs in θ): a new array of `params`. */
  vjp(theta: Float64Array, x: Float64Array, rows: number, v: Float64Array): Promise<Float64Array>;
}

/** Hidden-layer activations of an MLP. */
export type Activation = "tanh" | "relu";

/** A built-in model family and its sizes. */
export type SsoModelSpec =
  | { family: "linear"; inputs: number; outputs: number }
  | {
    family: "mlp";
    /** Layer sizes n₀ (inputs), n₁, …, n_L (outputs); at least two. */
    layers: readonly number[];
    activation: Activation;
  };

/** Where one affine layer of an MLP sits in θ. */
export interface LayerLayout {
  /** n_l: the layer's inputs. */
  inputs: number;
  /** n_{l+1}: the layer's outputs. */
  outputs: number;
  /** Offset of W_l (n_l×n_{l+1}, row-major) in θ. */
  weight: number;
  /** Offset of b_l (n_{l+1}) in θ. */
  bias: number;
}

/** Throws unless `n` is a positive integer. */
function checkSize(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${n}`);
  }
}

/** The layer sizes of a spec (linear: [p, c]), checked. */
export function layersOf(spec: SsoModelSpec): number[] {
  const layers = spec.family === "linear" ? [spec.inputs, spec.outputs] : [...spec.layers];
  if (layers.length < 2) throw new RangeError("an MLP needs at least two layer sizes");
  layers.forEach((n, i) => checkSize(n, `layer size ${i}`));
  return layers;
}

/** The offsets of every layer's W and b in θ (see the module doc), and θ's length. */
export function layerLayout(layers: readonly number[]): { layers: LayerLayout[]; params: number } {
  const out: LayerLayout[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const [inputs, outputs] = [layers[l], layers[l + 1]];
    out.push({ inputs, outputs, weight: offset, bias: offset + inputs * outputs });
    offset += inputs * outputs + outputs;
  }
  return { layers: out, params: offset };
}

/** The length of θ for a spec. */
export function paramCount(spec: SsoModelSpec): number {
  return layerLayout(layersOf(spec)).params;
}

/** Throws unless θ, X (and v) fit the model and `rows`. */
function checkCall(
  model: SsoModel,
  theta: Float64Array,
  x: Float64Array,
  rows: number,
  v?: Float64Array,
): void {
  checkSize(rows, "rows");
  if (theta.length !== model.params) {
    throw new RangeError(`θ must have ${model.params} entries, got ${theta.length}`);
  }
  if (x.length < rows * model.inputs) {
    throw new RangeError(`X must hold ${rows}×${model.inputs} entries, got ${x.length}`);
  }
  if (v && v.length !== rows * model.outputs) {
    throw new RangeError(`v must have ${rows}×${model.outputs} entries, got ${v.length}`);
  }
}

/** C (rows×n) ← H·W + b: every row of C set to b, then gemm with β = 1. */
function affine(
  be: LinalgBackend,
  h: Float64Array,
  rows: number,
  theta: Float64Array,
  layer: LayerLayout,
): Float64Array {
  const { inputs, outputs, weight, bias } = layer;
  const out = new Float64Array(rows * outputs);
  const b = theta.subarray(bias, bias + outputs);
  for (let r = 0; r < rows; r++) out.set(b, r * outputs);
  const w = theta.subarray(weight, weight + inputs * outputs);
  be.gemm(false, false, rows, outputs, inputs, 1, h.subarray(0, rows * inputs), w, 1, out);
  return out;
}

/** Applies the activation in place. */
function activate(h: Float64Array, activation: Activation): void {
  if (activation === "tanh") { for (let i = 0; i < h.length; i++) h[i] = Math.tanh(h[i]); }
  else for (let i = 0; i < h.length; i++) if (!(h[i] > 0)) h[i] = 0;
}

/** The activations H₀ = X, H₁, …, H_count of a forward pass (H_L = z). */
function trace(
  be: LinalgBackend,
  layout: LayerLayout[],
  activation: Activation,
  theta: Float64Array,
  x: Float64Array,
  rows: number,
  count = layout.length,
): Float64Array[] {
  const hs = [x];
  for (let l = 0; l < count; l++) {
    const h = affine(be, hs[l], rows, theta, layout[l]);
    if (l + 1 < layout.length) activate(h, activation);
    hs.push(h);
  }
  return hs;
}

/**
 * Jᵀv by backpropagation: for l = L−1..0, ∂W_l = H_lᵀ·δ, ∂b_l = Σ_rows δ,
 * then δ ← (δ·W_lᵀ) ⊙ act′(H_l), with tanh′ = 1 − H² and relu′ = [H > 0]
 * read off the stored activations.
 */
function backprop(
  be: LinalgBackend,
  layout: LayerLayout[],
  params: number,
  activation: Activation,
  theta: Float64Array,
  hs: Float64Array[],
  rows: number,
  v: Float64Array,
): Float64Array {
  const grad = new Float64Array(params);
  let delta = v;
  for (let l = layout.length - 1; l >= 0; l--) {
    const { inputs, outputs, weight, bias } = layout[l];
    const h = hs[l].subarray(0, rows * inputs);
    be.gemm(true, false, inputs, outputs, rows, 1, h, delta, 0, grad.subarray(weight, bias));
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < outputs; j++) grad[bias + j] += delta[r * outputs + j];
    }
    if (l === 0) break;
    const back = new Float64Array(rows * inputs);
    const w = theta.subarray(weight, bias);
    be.gemm(false, true, rows, inputs, outputs, 1, delta, w, 0, back);
    if (activation === "tanh") {
      for (let i = 0; i < back.length; i++) back[i] *= 1 - h[i] * h[i];
    } else {
      for (let i = 0; i < back.length; i++) if (!(h[i] > 0)) back[i] = 0;
    }
    delta = back;
  }
  return grad;
}

/** Options of the built-in models. */
export interface ModelOptions {
  /** The linear-algebra backend; by default the one in use at each call. */
  backend?: LinalgBackend;
}

/** A built-in model for a spec (see the module doc for θ's layout). */
export function createModel(spec: SsoModelSpec, options: ModelOptions = {}): SsoModel {
  const layers = layersOf(spec);
  const { layers: layout, params } = layerLayout(layers);
  const activation: Activation = spec.family === "mlp" ? spec.activation : "tanh";
  if (activation !== "tanh" && activation !== "relu") {
    throw new RangeError(`activation must be tanh or relu, got ${activation}`);
  }
  const backend = () => options.backend ?? linalgBackend();
  const model: SsoModel = {
    params,
    inputs: layers[0],
    outputs: layers[layers.length - 1],
    linearInParams: layout.length === 1,
    forward(theta, x, rows) {
      checkCall(model, theta, x, rows);
      const hs = trace(backend(), layout, activation, theta, x, rows);
      return Promise.resolve(hs[hs.length - 1]);
    },
    vjp(theta, x, rows, v) {
      checkCall(model, theta, x, rows, v);
      const be = backend();
      const hs = trace(be, layout, activation, theta, x, rows, layout.length - 1);
      return Promise.resolve(backprop(be, layout, params, activation, theta, hs, rows, v));
    },
  };
  return model;
}

/** z = X·W + b (`linear`, θ = [W (p×c), b (c)]). */
export function linearModel(inputs: number, outputs: number, options?: ModelOptions): SsoModel {
  return createModel({ family: "linear", inputs, outputs }, options);
}

/** An MLP (`mlp`) with these layer sizes, `activation` on the hidden layers, the last linear. */
export function mlpModel(
  layers: readonly number[],
  activation: Activation,
  options?: ModelOptions,
): SsoModel {
  return createModel({ family: "mlp", layers, activation }, options);
}

/**
 * A starting θ: zeros for `linear` (the loss is convex in θ, and zero
 * targets are a neutral start); for `mlp`, W_l drawn N(0, s²/n_l) with
 * s² = 1 for tanh (LeCun) and 2 for relu (He), from `Rng.fromSeed(seed)`
 * layer by layer in θ's order, and zero biases.
 */
export function initialTheta(spec: SsoModelSpec, seed: number): Float64Array {
  const { layers: layout, params } = layerLayout(layersOf(spec));
  const theta = new Float64Array(params);
  if (spec.family === "linear") return theta;
  const rng = Rng.fromSeed(seed);
  const gain = spec.activation === "relu" ? 2 : 1;
  for (const { inputs, weight, bias } of layout) {
    const scale = Math.sqrt(gain / inputs);
    for (let i = weight; i < bias; i++) theta[i] = scale * rng.normal();
  }
  return theta;
}
