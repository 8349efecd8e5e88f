/**
 * ONNX test models built in code with minima's writer, each with a
 * TypeScript reference: tests need neither Python nor downloads, and a
 * model and its reference are read side by side.
 *
 * Benchmarks take `x: [N, d]` float32 in their usual domain and give `y`;
 * the MLPs have fixed weights (the small one for tests, dense ones of real
 * size for bench/models.ts); the decoder turns `z: [1, k]` into an image
 * `[1, 3, H, W]` in [0, 1].
 */
import { encodeModel, type NodeSpec, type TensorSpec } from "../../src/evaluators/onnx/proto.ts";

/** A test model, its domain and its reference. */
export interface TestModel {
  name: string;
  bytes: Uint8Array;
  input: string;
  output: string;
  /** Values per row of the input. */
  d: number;
  /** Shape of the output for `n` input rows. */
  outputShape: (n: number) => number[];
  lower: number;
  upper: number;
  /** The output values of one input row, in float64. */
  reference: (row: readonly number[]) => number[];
}

const f32 = (name: string, dims: number[], data: number[]): TensorSpec => ({
  name,
  type: "float32",
  dims,
  data,
});
const i64 = (name: string, dims: number[], data: number[]): TensorSpec => ({
  name,
  type: "int64",
  dims,
  data,
});
const scalar = (name: string, v: number) => f32(name, [], [v]);
const node = (
  op: string,
  inputs: string[],
  output: string,
  attributes?: NodeSpec["attributes"],
) => ({
  op,
  inputs,
  outputs: [output],
  attributes,
});

const BRANIN = {
  a: 1,
  b: 5.1 / (4 * Math.PI ** 2),
  c: 5 / Math.PI,
  r: 6,
  s: 10,
  t: 1 / (8 * Math.PI),
};

/** Branin on [-5, 10] × [0, 15]: `x: [N, 2]` → `y: [N]`. */
export function branin(): TestModel {
  const { a, b, c, r, s, t } = BRANIN;
  const bytes = encodeModel({
    name: "branin",
    inputs: [{ name: "x", type: "float32", shape: ["N", 2] }],
    outputs: [{ name: "y", type: "float32", shape: ["N"] }],
    initializers: [
      i64("i0", [], [0]),
      i64("i1", [], [1]),
      scalar("a", a),
      scalar("b", b),
      scalar("c", c),
      scalar("r", r),
      scalar("s", s),
      scalar("s1t", s * (1 - t)),
    ],
    nodes: [
      node("Gather", ["x", "i0"], "x1", { axis: { int: 1 } }),
      node("Gather", ["x", "i1"], "x2", { axis: { int: 1 } }),
      node("Mul", ["x1", "x1"], "x1sq"),
      node("Mul", ["x1sq", "b"], "bx1sq"),
      node("Mul", ["x1", "c"], "cx1"),
      node("Sub", ["x2", "bx1sq"], "u1"),
      node("Add", ["u1", "cx1"], "u2"),
      node("Sub", ["u2", "r"], "u3"),
      node("Mul", ["u3", "u3"], "u4"),
      node("Mul", ["u4", "a"], "term1"),
      node("Cos", ["x1"], "cos"),
      node("Mul", ["cos", "s1t"], "term2"),
      node("Add", ["term1", "term2"], "v"),
      node("Add", ["v", "s"], "y"),
    ],
  });
  return {
    name: "branin",
    bytes,
    input: "x",
    output: "y",
    d: 2,
    outputShape: (n) => [n],
    lower: -5,
    upper: 10,
    reference: ([x1, x2]) => [
      a * (x2 - b * x1 * x1 + c * x1 - r) ** 2 + s * (1 - t) * Math.cos(x1) + s,
    ],
  };
}

const H6_ALPHA = [1.0, 1.2, 3.0, 3.2];
const H6_A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const H6_P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((row) => row.map((v) => v * 1e-4));

/** Hartmann-6 on [0, 1]^6: `x: [N, 6]` → `y: [N, 1]`. */
export function hartmann6(): TestModel {
  const bytes = encodeModel({
    name: "hartmann6",
    inputs: [{ name: "x", type: "float32", shape: ["N", 6] }],
    outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
    initializers: [
      i64("axis1", [1], [1]),
      i64("axis2", [1], [2]),
      f32("P", [4, 6], H6_P.flat()),
      f32("A", [4, 6], H6_A.flat()),
      f32("alpha", [4, 1], H6_ALPHA),
    ],
    nodes: [
      node("Unsqueeze", ["x", "axis1"], "x3"), // [N, 1, 6]
      node("Sub", ["x3", "P"], "diff"), // [N, 4, 6]
      node("Mul", ["diff", "diff"], "sq"),
      node("Mul", ["sq", "A"], "weighted"),
      node("ReduceSum", ["weighted", "axis2"], "inner", { keepdims: { int: 0 } }), // [N, 4]
      node("Neg", ["inner"], "neg"),
      node("Exp", ["neg"], "e"),
      node("MatMul", ["e", "alpha"], "sum"), // [N, 1]
      node("Neg", ["sum"], "y"),
    ],
  });
  return {
    name: "hartmann6",
    bytes,
    input: "x",
    output: "y",
    d: 6,
    outputShape: (n) => [n, 1],
    lower: 0,
    upper: 1,
    reference: (x) => {
      let f = 0;
      for (let i = 0; i < 4; i++) {
        let inner = 0;
        for (let j = 0; j < 6; j++) inner += H6_A[i][j] * (x[j] - H6_P[i][j]) ** 2;
        f -= H6_ALPHA[i] * Math.exp(-inner);
      }
      return [f];
    },
  };
}

/** Rastrigin on [-5.12, 5.12]^d: `x: [N, d]` → `y: [N]`. */
export function rastrigin(d = 20): TestModel {
  const bytes = encodeModel({
    name: `rastrigin${d}`,
    inputs: [{ name: "x", type: "float32", shape: ["N", d] }],
    outputs: [{ name: "y", type: "float32", shape: ["N"] }],
    initializers: [
      i64("axis1", [1], [1]),
      scalar("twopi", 2 * Math.PI),
      scalar("ten", 10),
      scalar("tend", 10 * d),
    ],
    nodes: [
      node("Mul", ["x", "x"], "sq"),
      node("Mul", ["x", "twopi"], "angle"),
      node("Cos", ["angle"], "cos"),
      node("Mul", ["cos", "ten"], "tencos"),
      node("Sub", ["sq", "tencos"], "terms"),
      node("ReduceSum", ["terms", "axis1"], "sum", { keepdims: { int: 0 } }),
      node("Add", ["sum", "tend"], "y"),
    ],
  });
  return {
    name: `rastrigin${d}`,
    bytes,
    input: "x",
    output: "y",
    d,
    outputShape: (n) => [n],
    lower: -5.12,
    upper: 5.12,
    reference: (x) => [10 * d + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0)],
  };
}

/** Weight `i` of a fixed series in [-scale, scale], the same on every run. */
const weight = (i: number, seed: number, scale: number) =>
  scale * Math.sin(seed * 7.31 + i * 1.618);
const weights = (count: number, seed: number, scale: number): number[] =>
  Array.from({ length: count }, (_, i) => weight(i, seed, scale));

/** `weights` as float32, straight into the array (tens of millions for the large MLP). */
function weights32(count: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = weight(i, seed, scale);
  return out;
}

/** A small MLP, 8 → 16 (tanh) → 1, fixed weights: `x: [N, 8]` → `y: [N, 1]`. */
export function mlp(): TestModel {
  const [d, h] = [8, 16];
  const w1 = weights(d * h, 1, 0.6);
  const b1 = weights(h, 2, 0.2);
  const w2 = weights(h, 3, 0.8);
  const b2 = 0.1;
  const bytes = encodeModel({
    name: "mlp",
    inputs: [{ name: "x", type: "float32", shape: ["N", d] }],
    outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
    initializers: [
      f32("W1", [d, h], w1),
      f32("b1", [h], b1),
      f32("W2", [h, 1], w2),
      f32("b2", [1], [b2]),
    ],
    nodes: [
      node("MatMul", ["x", "W1"], "xw"),
      node("Add", ["xw", "b1"], "pre"),
      node("Tanh", ["pre"], "hidden"),
      node("MatMul", ["hidden", "W2"], "hw"),
      node("Add", ["hw", "b2"], "y"),
    ],
  });
  return {
    name: "mlp",
    bytes,
    input: "x",
    output: "y",
    d,
    outputShape: (n) => [n, 1],
    lower: -2,
    upper: 2,
    reference: (x) => {
      let y = b2;
      for (let j = 0; j < h; j++) {
        let pre = b1[j];
        for (let i = 0; i < d; i++) pre += x[i] * w1[i * h + j];
        y += Math.tanh(pre) * w2[j];
      }
      return [y];
    },
  };
}

/**
 * A dense tanh MLP with fixed weights (scaled by 1/sqrt(fan-in), so the
 * activations stay in range): `x: [N, widths[0]]` → `y: [N, 1]`, tanh after
 * every layer but the last. The benchmark's models whose compute is real;
 * the reference reads the same float32 weights as the model.
 */
export function denseMlp(name: string, widths: number[]): TestModel {
  const layers = widths.slice(1).map((out, l) => {
    const fanIn = widths[l];
    return {
      dims: [fanIn, out],
      w: weights32(fanIn * out, 10 + 2 * l, 1.5 / Math.sqrt(fanIn)),
      b: weights32(out, 11 + 2 * l, 0.1),
    };
  });
  const nodes: NodeSpec[] = [];
  let x = "x";
  layers.forEach((_, l) => {
    const last = l === layers.length - 1;
    nodes.push(node("MatMul", [x, `W${l}`], `xw${l}`));
    nodes.push(node("Add", [`xw${l}`, `b${l}`], last ? "y" : `pre${l}`));
    if (!last) nodes.push(node("Tanh", [`pre${l}`], x = `h${l}`));
  });
  const bytes = encodeModel({
    name,
    inputs: [{ name: "x", type: "float32", shape: ["N", widths[0]] }],
    outputs: [{ name: "y", type: "float32", shape: ["N", widths.at(-1)!] }],
    initializers: layers.flatMap((layer, l) => [
      { name: `W${l}`, type: "float32" as const, dims: layer.dims, data: layer.w },
      { name: `b${l}`, type: "float32" as const, dims: [layer.dims[1]], data: layer.b },
    ]),
    nodes,
  });
  return {
    name,
    bytes,
    input: "x",
    output: "y",
    d: widths[0],
    outputShape: (n) => [n, widths.at(-1)!],
    lower: -2,
    upper: 2,
    reference: (row) => {
      let v = Array.from(row);
      layers.forEach(({ dims: [fanIn, out], w, b }, l) => {
        const next = Array.from(b);
        for (let i = 0; i < fanIn; i++) {
          for (let j = 0; j < out; j++) next[j] += v[i] * w[i * out + j];
        }
        v = l === layers.length - 1 ? next : next.map(Math.tanh);
      });
      return v;
    },
  };
}

/** A surrogate-size MLP, 20 → 512 → 512 → 512 → 1 (tanh): about 0.5 M multiply-adds a row. */
export function surrogateMlp(): TestModel {
  return denseMlp("surrogate-mlp", [20, 512, 512, 512, 1]);
}

/**
 * A wide scoring network, 256 → 2048 → 2048 → 1 (tanh), 19 MB of weights: few enough to stay
 * in a large last-level cache (32 MB on the bench's host), so a one-row run is cheap.
 */
export function wideMlp(): TestModel {
  return denseMlp("wide-mlp", [256, 2048, 2048, 1]);
}

/**
 * A large scoring network, 256 → 4096 → 4096 → 4096 → 4096 → 1 (tanh), 206 MB of weights
 * (under the 256 MiB upload limit; built in about 2 s): more than any cache, so a one-row run
 * streams every weight from memory, and a run of many rows reads them once for all its rows.
 */
export function largeMlp(): TestModel {
  return denseMlp("large-mlp", [256, 4096, 4096, 4096, 4096, 1]);
}

/** A linear decoder to images, `z: [1, k]` → `image: [1, 3, H, W]` through a sigmoid. */
export function imageDecoder(k = 4, height = 8, width = 8): TestModel {
  const pixels = 3 * height * width;
  const w = weights(k * pixels, 4, 1.5);
  const b = weights(pixels, 5, 0.5);
  const bytes = encodeModel({
    name: "decoder",
    inputs: [{ name: "z", type: "float32", shape: [1, k] }],
    outputs: [{ name: "image", type: "float32", shape: [1, 3, height, width] }],
    initializers: [
      f32("W", [k, pixels], w),
      f32("b", [pixels], b),
      i64("shape", [4], [1, 3, height, width]),
    ],
    nodes: [
      node("MatMul", ["z", "W"], "zw"),
      node("Add", ["zw", "b"], "logits"),
      node("Sigmoid", ["logits"], "flat"),
      node("Reshape", ["flat", "shape"], "image"),
    ],
  });
  return {
    name: "decoder",
    bytes,
    input: "z",
    output: "image",
    d: k,
    outputShape: () => [1, 3, height, width],
    lower: -3,
    upper: 3,
    reference: (z) =>
      Array.from({ length: pixels }, (_, p) => {
        let v = b[p];
        for (let i = 0; i < k; i++) v += z[i] * w[i * pixels + p];
        return 1 / (1 + Math.exp(-v));
      }),
  };
}

/** Every test model. */
export function allTestModels(): TestModel[] {
  return [branin(), hartmann6(), rastrigin(20), mlp(), imageDecoder()];
}

/** `n` rows drawn uniformly in the model's domain by `next` (values in [0, 1)), as float32. */
export function randomRows(model: TestModel, n: number, next: () => number): Float32Array {
  const out = new Float32Array(n * model.d);
  for (let i = 0; i < out.length; i++) out[i] = model.lower + (model.upper - model.lower) * next();
  return out;
}

/** The reference outputs of float32 rows, flattened. */
export function referenceOf(model: TestModel, rows: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i += model.d) {
    out.push(...model.reference(Array.from(rows.subarray(i, i + model.d))));
  }
  return out;
}
