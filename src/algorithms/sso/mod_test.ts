/**
 * The "sso" designer's contract (the shared conformance test covers
 * algorithms driven by trials): its config, no points, JSON state that
 * restores exactly, refused corrupt states, a round equal to the inner loop
 * from the current θ on the surrogate around the round's own targets, and
 * an ONNX pair only through a lent model.
 */
import assert from "node:assert/strict";
import { Space } from "../../space/mod.ts";
import type { JsonValue, TargetGradientFeedback } from "../types.ts";
import { innerSteps } from "./inner.ts";
import { createModel } from "./models.ts";
import { readSsoState, type RoundSteps, ssoAlgorithm, type SsoConfig } from "./mod.ts";

const space = new Space({ parameters: [] });
const LINEAR = { family: "linear" as const, inputs: 3, outputs: 2 };
const config = (extra: Record<string, unknown> = {}): SsoConfig =>
  ssoAlgorithm.configSchema.parse({ model: LINEAR, targetStepSize: 8, ...extra });

/** A round of `rows` rows at θ: inputs, targets f(θ; X) and a gradient. */
async function round(
  theta: Float64Array,
  rows: number,
  id: string,
  version: number,
): Promise<TargetGradientFeedback> {
  const inputs = Float64Array.from({ length: rows * 3 }, (_, i) => Math.sin(1 + i * 0.7));
  const targets = await createModel(LINEAR).forward(theta, inputs, rows);
  const gradient = Float64Array.from({ length: rows * 2 }, (_, i) => Math.cos(i * 0.3) / rows);
  return {
    kind: "target_gradient",
    roundId: id,
    rows,
    inputs,
    targets,
    gradient,
    thetaVersion: version,
  };
}

const thetaOf = (state: JsonValue) => readSsoState(state, 8).theta;

Deno.test("sso: describes itself; its config needs a model and η", () => {
  assert.equal(ssoAlgorithm.protocol, "rounds");
  assert.deepEqual(ssoAlgorithm.feedbackKinds, ["target_gradient"]);
  const c = config();
  assert.equal(c.innerSteps, 5);
  assert.deepEqual(c.lineSearch, {
    c: 0.1,
    beta: 0.9,
    initialStep: 10,
    expand: 2,
    maxTrials: 100,
    minStep: 1e-6,
    gradTolerance: 1e-6,
  });
  assert.equal(c.batchSize, 100);
  for (
    const bad of [{}, { model: LINEAR }, { targetStepSize: 1 }, { ...c, notAnOption: 1 }, {
      ...c,
      model: { family: "mlp", layers: [3] },
    }]
  ) {
    assert.equal(ssoAlgorithm.configSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
  assert.equal(ssoAlgorithm.offloads!(c), true);
  const pair = { family: "onnx", forward: crypto.randomUUID(), vjp: crypto.randomUUID() };
  assert.equal(ssoAlgorithm.offloads!(config({ model: pair })), false);
});

Deno.test("sso: suggests no points; its state is JSON and restores exactly", async () => {
  const designer = ssoAlgorithm.create({ space, config: config(), seed: 1 });
  const signal = new AbortController().signal;
  assert.deepEqual(await designer.suggest(0, { pending: [], signal }), []);
  assert.deepEqual(await designer.suggest(5, { pending: [], signal }), []);
  await assert.rejects(designer.suggest(-1, { pending: [], signal }));
  assert.equal(designer.recommend?.() ?? null, null);
  const state = designer.dump();
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  assert.deepEqual(Array.from(thetaOf(state)), new Array(8).fill(0));
  const first = await round(thetaOf(state), 5, "r0", 0);
  await designer.update([first]);
  const after = JSON.parse(JSON.stringify(designer.dump()));
  const restored = ssoAlgorithm.create({ space, config: config(), seed: 1, state: after });
  const second = await round(thetaOf(after), 4, "r1", 1);
  await designer.update([second]);
  await restored.update([second]);
  assert.deepEqual(restored.dump(), designer.dump());
  assert.equal(readSsoState(designer.dump(), 8).thetaVersion, 2);
});

Deno.test("sso: a corrupt state is refused with an Error", () => {
  const good = ssoAlgorithm.create({ space, config: config(), seed: 1 }).dump() as Record<
    string,
    JsonValue
  >;
  for (
    const state of [
      "corrupt",
      17,
      [1, 2],
      { v: -1 },
      { ...good, theta: "AAAA" },
      { ...good, thetaVersion: -1 },
      { ...good, theta: 5 },
    ] as JsonValue[]
  ) {
    assert.throws(
      () => ssoAlgorithm.create({ space, config: config(), seed: 1, state }),
      Error,
      JSON.stringify(state),
    );
  }
});

Deno.test("sso: a round is the inner loop from the current θ around its own targets", async () => {
  const designer = ssoAlgorithm.create({ space, config: config({ l2: 0.1 }), seed: 1 });
  const theta0 = thetaOf(designer.dump());
  // Two rounds out at θ₀; the second is applied after the first has moved θ.
  const a = await round(theta0, 6, "a", 0);
  const b = await round(theta0, 6, "b", 0);
  b.gradient.reverse();
  await designer.update([a]);
  const theta1 = thetaOf(designer.dump());
  await designer.update([b]);
  const state = designer.dump() as unknown as { last: RoundSteps };
  const model = createModel(LINEAR);
  const want1 = await innerSteps({
    model,
    theta: theta0,
    X: a.inputs,
    rows: 6,
    zt: a.targets,
    G: a.gradient,
    eta: 8,
    m: 5,
    l2: 0.1,
  });
  assert.deepEqual(theta1, want1.theta);
  const want2 = await innerSteps({
    model,
    theta: theta1,
    X: b.inputs,
    rows: 6,
    zt: b.targets,
    G: b.gradient,
    eta: 8,
    m: 5,
    l2: 0.1,
  });
  assert.deepEqual(thetaOf(designer.dump()), want2.theta);
  assert.equal(state.last.roundId, "b");
  assert.equal(state.last.thetaVersion, 2);
  assert.deepEqual(state.last.steps, want2.steps);
  // The surrogate around b's targets does not start at its minimum: θ moved since.
  assert.notEqual(state.last.surrogateBefore, 0.5 * 0.1 * theta1.reduce((s, v) => s + v * v, 0));
});

Deno.test("sso: an ONNX pair computes only through the model the service lends", async () => {
  const pair = { family: "onnx", forward: crypto.randomUUID(), vjp: crypto.randomUUID() };
  const c = config({ model: { ...pair, params: 8, inputs: 3, outputs: 2 } });
  const alone = ssoAlgorithm.create({ space, config: c, seed: 1 });
  const r = await round(new Float64Array(8), 3, "r", 0);
  await assert.rejects(Promise.resolve(alone.update([r])), /ONNX runtime/);
  let calls = 0;
  const linear = createModel(LINEAR);
  const lent = {
    ...linear,
    forward: (...args: Parameters<typeof linear.forward>) => (calls++, linear.forward(...args)),
  };
  const designer = ssoAlgorithm.create({ space, config: c, seed: 1, services: { ssoModel: lent } });
  await designer.update([r]);
  assert.ok(calls > 0);
  const builtIn = ssoAlgorithm.create({ space, config: config(), seed: 1 });
  await builtIn.update([r]);
  assert.deepEqual(thetaOf(designer.dump()), thetaOf(builtIn.dump()));
});
