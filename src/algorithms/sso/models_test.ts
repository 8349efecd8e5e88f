import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { openblasBackend, typescriptBackend } from "../../math/linalg_backend.ts";
import {
  createModel,
  initialTheta,
  layerLayout,
  paramCount,
  type SsoModel,
  type SsoModelSpec,
} from "./models.ts";

function randomVector(rng: Rng, length: number, scale = 1): Float64Array {
  return Float64Array.from({ length }, () => scale * rng.normal());
}

/** max |a − b| / max(1, max |b|). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let err = 0;
  let scale = 1;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

const SPECS: SsoModelSpec[] = [
  { family: "linear", inputs: 5, outputs: 3 },
  { family: "mlp", layers: [4, 6, 5, 3], activation: "tanh" },
  { family: "mlp", layers: [4, 7, 2], activation: "relu" },
];

/**
 * The forward pass written from the documented layout alone, one entry at a
 * time: W_l[i][j] = θ[weight_l + i·n_{l+1} + j], b_l[j] = θ[bias_l + j].
 */
function plainForward(spec: SsoModelSpec, theta: Float64Array, x: Float64Array, rows: number) {
  const layers = spec.family === "linear" ? [spec.inputs, spec.outputs] : [...spec.layers];
  let h = Array.from(
    { length: rows },
    (_, r) => Array.from(x.subarray(r * layers[0]).slice(0, layers[0])),
  );
  let offset = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const [nIn, nOut] = [layers[l], layers[l + 1]];
    const bias = offset + nIn * nOut;
    h = h.map((row) =>
      Array.from({ length: nOut }, (_, j) => {
        let s = theta[bias + j];
        for (let i = 0; i < nIn; i++) s += row[i] * theta[offset + i * nOut + j];
        if (l + 2 === layers.length) return s;
        return spec.family === "mlp" && spec.activation === "relu" ? Math.max(0, s) : Math.tanh(s);
      })
    );
    offset = bias + nOut;
  }
  assert.equal(offset, paramCount(spec));
  return Float64Array.from(h.flat());
}

Deno.test("forward follows the documented parameter layout (θ = W₀, b₀, W₁, b₁, …)", async () => {
  const rng = Rng.fromSeed(21);
  for (const spec of SPECS) {
    const model = createModel(spec);
    const theta = randomVector(rng, model.params);
    const rows = 6;
    const x = randomVector(rng, rows * model.inputs);
    const z = await model.forward(theta, x, rows);
    assert.equal(z.length, rows * model.outputs);
    assert.ok(relErr(z, plainForward(spec, theta, x, rows)) < 1e-13, spec.family);
  }
  const { layers, params } = layerLayout([4, 6, 5, 3]);
  assert.deepEqual(layers.map((l) => [l.weight, l.bias]), [[0, 24], [30, 60], [65, 80]]);
  assert.equal(params, 83);
  assert.equal(paramCount({ family: "linear", inputs: 1000, outputs: 10 }), 10010);
});

Deno.test("vjp agrees with central finite differences of ⟨v, f(θ)⟩, linear and MLPs", async () => {
  const rng = Rng.fromSeed(22);
  for (const spec of SPECS) {
    const model = createModel(spec);
    const rows = 7;
    const theta = randomVector(rng, model.params, 0.7);
    const x = randomVector(rng, rows * model.inputs);
    const v = randomVector(rng, rows * model.outputs);
    const [thetaCopy, xCopy, vCopy] = [theta.slice(), x.slice(), v.slice()];
    const grad = await model.vjp(theta, x, rows, v);
    const h = 1e-5;
    const fd = new Float64Array(model.params);
    for (let k = 0; k < model.params; k++) {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[k] += h;
      minus[k] -= h;
      const up = dot(v, await model.forward(plus, x, rows));
      const down = dot(v, await model.forward(minus, x, rows));
      fd[k] = (up - down) / (2 * h);
    }
    const err = relErr(grad, fd);
    assert.ok(err < 1e-7, `${JSON.stringify(spec)}: ${err}`);
    // A wrong gradient would not pass: one entry off by 1e-4 is seen.
    const wrong = grad.slice();
    wrong[model.params - 1] += 1e-4;
    assert.ok(relErr(wrong, fd) > 1e-6);
    // Pure: nothing passed in was modified.
    assert.deepEqual([theta, x, v], [thetaCopy, xCopy, vCopy]);
  }
});

Deno.test("both linear-algebra backends give the same forward passes and VJPs", {
  ignore: !openblasBackend().backend,
}, async () => {
  const rng = Rng.fromSeed(23);
  const ob = openblasBackend().backend!;
  for (const spec of [...SPECS, { family: "linear", inputs: 300, outputs: 10 } as const]) {
    const [a, b] = [typescriptBackend, ob].map((backend) => createModel(spec, { backend }));
    const rows = 40;
    const theta = randomVector(rng, a.params, 0.3);
    const x = randomVector(rng, rows * a.inputs);
    const v = randomVector(rng, rows * a.outputs);
    assert.ok(relErr(await a.forward(theta, x, rows), await b.forward(theta, x, rows)) < 1e-12);
    assert.ok(relErr(await a.vjp(theta, x, rows, v), await b.vjp(theta, x, rows, v)) < 1e-12);
  }
});

Deno.test("linear models are linear in θ, and say so; MLPs are not and do not", async () => {
  const rng = Rng.fromSeed(24);
  const models: SsoModel[] = SPECS.map((spec) => createModel(spec));
  assert.deepEqual(models.map((m) => m.linearInParams), [true, false, false]);
  for (const model of models) {
    const [t, d] = [randomVector(rng, model.params), randomVector(rng, model.params)];
    const x = randomVector(rng, 4 * model.inputs);
    const z = await model.forward(t, x, 4);
    const e = await model.forward(d, x, 4);
    const moved = await model.forward(t.map((v, k) => v - 0.3 * d[k]), x, 4);
    const err = relErr(moved, z.map((v, k) => v - 0.3 * e[k]));
    if (model.linearInParams) assert.ok(err < 1e-12, `${err}`);
    else assert.ok(err > 1e-3, `${err}`);
  }
});

Deno.test("initialTheta: zeros for linear; seeded LeCun/He weights and zero biases for mlp", () => {
  const linear: SsoModelSpec = { family: "linear", inputs: 4, outputs: 3 };
  assert.deepEqual(initialTheta(linear, 5), new Float64Array(15));
  const spec: SsoModelSpec = { family: "mlp", layers: [200, 300, 2], activation: "relu" };
  const a = initialTheta(spec, 1);
  assert.deepEqual(a, initialTheta(spec, 1));
  assert.notDeepEqual(a, initialTheta(spec, 2));
  const [first, second] = layerLayout([200, 300, 2]).layers;
  const w0 = a.subarray(first.weight, first.bias);
  const sd = Math.sqrt(dot(w0, w0) / w0.length);
  assert.ok(Math.abs(sd / Math.sqrt(2 / 200) - 1) < 0.02, `relu layer 0 sd ${sd}`);
  assert.ok(a.subarray(first.bias, second.weight).every((v) => v === 0));
  assert.ok(a.subarray(second.bias).every((v) => v === 0));
  const tanh = initialTheta({ family: "mlp", layers: [400, 500, 1], activation: "tanh" }, 3);
  const t0 = tanh.subarray(0, 400 * 500);
  assert.ok(Math.abs(Math.sqrt(dot(t0, t0) / t0.length) / Math.sqrt(1 / 400) - 1) < 0.02);
});

Deno.test("models refuse wrong sizes and unknown activations", async () => {
  const model = createModel({ family: "mlp", layers: [3, 4, 2], activation: "tanh" });
  const theta = new Float64Array(model.params);
  const x = new Float64Array(6);
  await assert.rejects(async () => await model.forward(theta.subarray(1), x, 2), RangeError);
  await assert.rejects(async () => await model.forward(theta, x, 3), /X must hold/);
  await assert.rejects(async () => await model.forward(theta, x, 0), /rows/);
  await assert.rejects(async () => await model.vjp(theta, x, 2, new Float64Array(3)), /v must/);
  assert.throws(() => createModel({ family: "mlp", layers: [3], activation: "tanh" }), RangeError);
  assert.throws(() => createModel({ family: "linear", inputs: 0, outputs: 2 }), RangeError);
  assert.throws(
    () => createModel({ family: "mlp", layers: [3, 2], activation: "gelu" as "tanh" }),
    /tanh or relu/,
  );
});
