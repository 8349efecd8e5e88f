import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { innerSteps, type InnerStepsInput, surrogateValue } from "./inner.ts";
import { softmaxCrossEntropy, squaredLoss } from "./losses.ts";
import { createModel, initialTheta, type SsoModel, type SsoModelSpec } from "./models.ts";
import { type Dataset, runGd, runSso } from "./training.ts";

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

/**
 * ∇_θ ⟨G, f(θ)⟩ by plain per-row backpropagation written from the layout's
 * definition (no gemm, no code shared with models.ts): the gradient SGD uses.
 */
function referenceGradient(
  spec: SsoModelSpec,
  theta: Float64Array,
  x: Float64Array,
  rows: number,
  g: Float64Array,
): Float64Array {
  const layers = spec.family === "linear" ? [spec.inputs, spec.outputs] : [...spec.layers];
  const relu = spec.family === "mlp" && spec.activation === "relu";
  const offsets: number[] = [];
  let o = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    offsets.push(o);
    o += layers[l] * layers[l + 1] + layers[l + 1];
  }
  const grad = new Float64Array(o);
  for (let r = 0; r < rows; r++) {
    const hs: number[][] = [Array.from(x.slice(r * layers[0], (r + 1) * layers[0]))];
    for (let l = 0; l + 1 < layers.length; l++) {
      const [nIn, nOut, w] = [layers[l], layers[l + 1], offsets[l]];
      const out: number[] = [];
      for (let j = 0; j < nOut; j++) {
        let s = theta[w + nIn * nOut + j];
        for (let i = 0; i < nIn; i++) s += hs[l][i] * theta[w + i * nOut + j];
        out.push(l + 2 === layers.length ? s : relu ? Math.max(0, s) : Math.tanh(s));
      }
      hs.push(out);
    }
    let delta = Array.from(g.slice(r * layers.at(-1)!, (r + 1) * layers.at(-1)!));
    for (let l = layers.length - 2; l >= 0; l--) {
      const [nIn, nOut, w] = [layers[l], layers[l + 1], offsets[l]];
      for (let j = 0; j < nOut; j++) {
        grad[w + nIn * nOut + j] += delta[j];
        for (let i = 0; i < nIn; i++) grad[w + i * nOut + j] += hs[l][i] * delta[j];
      }
      if (l === 0) break;
      delta = hs[l].map((h, i) => {
        let s = 0;
        for (let j = 0; j < nOut; j++) s += theta[w + i * nOut + j] * delta[j];
        return s * (relu ? (h > 0 ? 1 : 0) : 1 - h * h);
      });
    }
  }
  return grad;
}

const SPECS: SsoModelSpec[] = [
  { family: "linear", inputs: 6, outputs: 4 },
  { family: "mlp", layers: [6, 8, 7, 4], activation: "tanh" },
  { family: "mlp", layers: [6, 9, 4], activation: "relu" },
];

/** A problem at θ_t: z_t = f(θ_t) computed by the model, G random. */
async function problem(spec: SsoModelSpec, seed: number, rows = 9) {
  const rng = Rng.fromSeed(seed);
  const model = createModel(spec);
  const theta = randomVector(rng, model.params, 0.5);
  const X = randomVector(rng, rows * model.inputs);
  const zt = await model.forward(theta, X, rows);
  const G = randomVector(rng, rows * model.outputs, 0.1);
  return { model, theta, X, rows, zt, G };
}

Deno.test("m = 1 with a fixed inner step is exactly an SGD step on θ (1e-12, float64)", async () => {
  for (const spec of SPECS) {
    for (const l2 of [0, 0.03]) {
      const p = await problem(spec, 31);
      const alpha = 0.37;
      const result = await innerSteps({ ...p, eta: 5, m: 1, l2, lineSearch: { fixedStep: alpha } });
      const grad = referenceGradient(spec, p.theta, p.X, p.rows, p.G);
      const sgd = p.theta.map((t, k) => t - alpha * (grad[k] + l2 * t));
      const err = relErr(result.theta, sgd);
      assert.ok(err <= 1e-12, `${spec.family} λ = ${l2}: ${err}`);
      // θ moved (by far more than 1e-12): the comparison has teeth.
      assert.ok(relErr(result.theta, p.theta) > 1e-3);
      assert.equal(result.steps.length, 1);
      assert.equal(result.surrogateBefore, surrogateValue(p.G, p.zt, p.zt, 5, l2, p.theta));
    }
  }
});

/** A 4-class problem with correlated features: 120 rows, labels from a noisy linear rule. */
function syntheticData(seed: number, rows = 120, inputs = 5, classes = 4): Dataset {
  const rng = Rng.fromSeed(seed);
  const X = new Float64Array(rows * inputs);
  const w = randomVector(rng, inputs * classes);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const common = rng.normal();
    for (let i = 0; i < inputs; i++) X[r * inputs + i] = 0.8 * common + 0.6 * rng.normal();
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = 0.7 * rng.normal();
      for (let i = 0; i < inputs; i++) s += X[r * inputs + i] * w[i * classes + c];
      if (s > bestScore) [best, bestScore] = [c, s];
    }
    labels[r] = best;
  }
  return { X, rows, inputs, labels, classes };
}

Deno.test("runs of SSO with m = 1 and a fixed step equal SGD runs, full batch and minibatch", async () => {
  const data = syntheticData(32);
  const specs: SsoModelSpec[] = [
    { family: "linear", inputs: 5, outputs: 4 },
    { family: "mlp", layers: [5, 6, 4], activation: "tanh" },
  ];
  for (const spec of specs) {
    const model = createModel(spec);
    const theta0 = initialTheta(spec, 3);
    for (const batchSize of [120, 16]) {
      const schedule = { gradientCalls: 25, batchSize, seed: 4 };
      const sso = await runSso(model, data, theta0, {
        ...schedule,
        etaPerRow: 1,
        m: 1,
        lineSearch: { fixedStep: 0.5 },
      });
      const gd = await runGd(model, data, theta0, { ...schedule, lr: 0.5 });
      assert.ok(relErr(sso.theta, gd.theta) <= 1e-12, `${spec.family}, batch ${batchSize}`);
      assert.ok(gd.losses[25] < gd.losses[0] - 0.1);
    }
  }
});

Deno.test("the inner gradient is Jᵀ(G + (f − z_t)/η) + λθ: finite differences of h agree", async () => {
  for (const spec of SPECS) {
    const p = await problem(spec, 33);
    const rng = Rng.fromSeed(34);
    const zt = p.zt.map((v) => v + 0.3 * rng.normal()); // f(θ) ≠ z_t
    const [eta, l2] = [0.7, 0.05];
    // One fixed step of α = 1: θ₁ = θ − ∇h(θ).
    const { theta: moved } = await innerSteps({
      ...p,
      zt,
      eta,
      l2,
      m: 1,
      lineSearch: { fixedStep: 1 },
    });
    const grad = p.theta.map((t, k) => t - moved[k]);
    const h = async (t: Float64Array) =>
      surrogateValue(p.G, zt, await p.model.forward(t, p.X, p.rows), eta, l2, t);
    const fd = new Float64Array(p.theta.length);
    for (let k = 0; k < fd.length; k++) {
      const [plus, minus] = [p.theta.slice(), p.theta.slice()];
      plus[k] += 1e-5;
      minus[k] -= 1e-5;
      fd[k] = ((await h(plus)) - (await h(minus))) / 2e-5;
    }
    assert.ok(relErr(grad, fd) < 1e-7, `${spec.family}: ${relErr(grad, fd)}`);
  }
});

/** The same model without the linear-in-θ shortcut (every trial a forward pass). */
function withoutShortcut(model: SsoModel): SsoModel {
  return {
    params: model.params,
    inputs: model.inputs,
    outputs: model.outputs,
    forward: (t, x, r) => model.forward(t, x, r),
    vjp: (t, x, r, v) => model.vjp(t, x, r, v),
  };
}

Deno.test("line search: the authors' Armijo steps (c = 0.1, β = 0.9, from 10 × 2, reset per call)", async () => {
  for (const spec of SPECS) {
    const p = await problem(spec, 35, 12);
    const eta = 3;
    const input: InnerStepsInput = { ...p, eta, m: 6, l2: 0.01 };
    const copies = [p.theta, p.X, p.zt, p.G].map((a) => a.slice());
    const result = await innerSteps(input);
    assert.deepEqual([p.theta, p.X, p.zt, p.G], copies, "inputs untouched");
    assert.equal(result.stopped, "steps");
    assert.equal(result.steps.length, 6);
    const scale = (2 * eta) / p.zt.length; // the authors' units: α = scale·α̃
    let h = result.surrogateBefore;
    let start = 10;
    let theta = p.theta;
    for (const step of result.steps) {
      start *= 2;
      // The first trial that passed, counting down from 2 × the last accepted step.
      const expected = scale * start * 0.9 ** (step.trials - 1);
      assert.ok(Math.abs(step.step / expected - 1) < 1e-12, `${step.step} vs ${expected}`);
      assert.ok(step.surrogate <= h - 0.1 * step.step * step.gradNorm ** 2, "Armijo");
      // The trial before it (a step 1/0.9 longer) failed Armijo.
      if (step.trials > 1) {
        const longer = step.step / 0.9;
        const tried = await innerSteps({
          ...input,
          theta,
          m: 1,
          lineSearch: { fixedStep: longer },
        });
        assert.ok(tried.surrogateAfter > h - 0.1 * longer * step.gradNorm ** 2, "previous trial");
      }
      const taken = await innerSteps({
        ...input,
        theta,
        m: 1,
        lineSearch: { fixedStep: step.step },
      });
      theta = taken.theta;
      h = step.surrogate;
      start = step.step / scale;
    }
    assert.ok(relErr(theta, result.theta) < 1e-10);
    assert.equal(result.surrogateAfter, result.steps.at(-1)!.surrogate);
    // A second call starts from 10 × 2 again (the reset at each outer step).
    const again = await innerSteps(input);
    assert.deepEqual(again.steps, result.steps);
    // The linear-in-θ shortcut changes nothing but the number of forward passes.
    if (p.model.linearInParams) {
      const slow = await innerSteps({ ...input, model: withoutShortcut(p.model) });
      assert.deepEqual(slow.steps.map((s) => s.trials), result.steps.map((s) => s.trials));
      assert.ok(relErr(slow.theta, result.theta) < 1e-10);
      assert.ok(slow.calls.forward > result.calls.forward);
    }
  }
});

/** Outer steps on the full batch; the loss (+ (λ/2)‖θ‖²) after each. */
async function fullBatchLosses(
  model: SsoModel,
  X: Float64Array,
  rows: number,
  loss: (z: Float64Array) => { loss: number; grad: Float64Array },
  options: { eta: number; m: number; l2: number; steps: number; theta: Float64Array },
): Promise<number[]> {
  let theta = options.theta;
  const objective = (z: Float64Array, t: Float64Array) =>
    loss(z).loss + 0.5 * options.l2 * t.reduce((s, v) => s + v * v, 0);
  const zt0 = await model.forward(theta, X, rows);
  const out = [objective(zt0, theta)];
  const { eta, m, l2 } = options;
  for (let s = 0; s < options.steps; s++) {
    const zt = await model.forward(theta, X, rows);
    const { grad } = loss(zt);
    ({ theta } = await innerSteps({ model, theta, X, rows, zt, G: grad, eta, m, l2 }));
    out.push(objective(await model.forward(theta, X, rows), theta));
  }
  return out;
}

/** Indices where the sequence went up by more than rounding. */
function increases(values: number[]): number[] {
  return values.flatMap((v, i) => (i > 0 && v > values[i - 1] + 1e-12 * Math.abs(v) ? [i] : []));
}

Deno.test("full batch: the loss never increases when η ≤ 1/L (and does when η ≫ 1/L)", async () => {
  const data = syntheticData(36);
  const { X, rows, classes, labels } = data;
  const linear = createModel({ family: "linear", inputs: 5, outputs: classes });
  const ce = (z: Float64Array) => softmaxCrossEntropy(z, labels, rows, classes);
  // Cross-entropy: L = 1/(2·rows), so η ≤ 2·rows.
  for (
    const [eta, m, l2] of [[2 * rows, 1, 0], [2 * rows, 5, 0], [rows, 20, 0], [2 * rows, 5, 1e-3]]
  ) {
    const losses = await fullBatchLosses(linear, X, rows, ce, {
      eta,
      m,
      l2,
      steps: 150,
      theta: new Float64Array(linear.params),
    });
    assert.deepEqual(increases(losses), [], `CE η = ${eta}, m = ${m}, λ = ${l2}`);
    assert.ok(losses[150] < 0.8 * losses[0]);
  }
  // Squared loss on an MLP's outputs (ℓ convex and smooth in z, L = 1/rows; f not linear).
  const spec: SsoModelSpec = { family: "mlp", layers: [5, 8, 3], activation: "tanh" };
  const mlp = createModel(spec);
  const rng = Rng.fromSeed(37);
  const y = randomVector(rng, rows * 3);
  const sq = (z: Float64Array) => squaredLoss(z, y, rows);
  const start = initialTheta(spec, 5);
  for (const m of [1, 10]) {
    const opts = { eta: rows, m, l2: 0, steps: 100, theta: start };
    const losses = await fullBatchLosses(mlp, X, rows, sq, opts);
    assert.deepEqual(increases(losses), [], `squared loss, m = ${m}`);
    assert.ok(losses[100] < 0.9 * losses[0]);
  }
  // The check can fail: with η = 30/L the same runs overshoot and the loss goes up.
  const y4 = randomVector(rng, rows * classes);
  const sq4 = (z: Float64Array) => squaredLoss(z, y4, rows);
  const overshoot = await fullBatchLosses(linear, X, rows, sq4, {
    eta: 30 * rows,
    m: 20,
    l2: 0,
    steps: 30,
    theta: new Float64Array(linear.params),
  });
  assert.ok(increases(overshoot).length > 0, "η ≫ 1/L should overshoot");
});

Deno.test("innerSteps: m = 0, a vanishing gradient, and invalid inputs", async () => {
  const p = await problem(SPECS[0], 38);
  const none = await innerSteps({ ...p, eta: 1, m: 0 });
  assert.deepEqual(none.theta, p.theta);
  assert.notEqual(none.theta, p.theta);
  assert.deepEqual(none.steps, []);
  const flat = await innerSteps({ ...p, G: new Float64Array(p.G.length), eta: 1, m: 5 });
  assert.equal(flat.stopped, "gradient");
  assert.deepEqual(flat.theta, p.theta);
  const bad: Partial<InnerStepsInput>[] = [
    { eta: 0 },
    { eta: Infinity },
    { m: 1.5 },
    { m: -1 },
    { l2: -1 },
    { rows: 0 },
    { G: new Float64Array(3) },
    { theta: new Float64Array(2) },
    { lineSearch: { fixedStep: 0 } },
    { lineSearch: { c: 1 } },
    { lineSearch: { beta: 1.2 } },
    { lineSearch: { maxTrials: 0 } },
  ];
  for (const change of bad) {
    await assert.rejects(innerSteps({ ...p, eta: 1, m: 1, ...change }), RangeError);
  }
});
