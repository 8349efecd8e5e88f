/**
 * Studies whose objective is a model, through the HTTP app with a real ONNX
 * runtime (CPU), on both backends: the evaluator checked against the model's
 * signature at createStudy (each bad evaluator a 422 naming its field),
 * evaluatePoints against the models' references, and a model kept while a
 * study uses it.
 */
import assert from "node:assert/strict";
import { countModelRows } from "../src/db/queries/models.ts";
import { createServiceContext } from "../src/services/context.ts";
import type { ModelView } from "../src/services/models.ts";
import { evaluatePoints } from "../src/services/model_objective.ts";
import { studyMeta } from "../src/services/study_meta.ts";
import type { Page, Study } from "./support/harness.ts";
import {
  assertClose,
  describeWithModels,
  issueOf,
  next,
  scaledModel,
  uint8Model,
  upload,
} from "./support/models_http.ts";
import { branin, referenceOf } from "./support/onnx_models.ts";

describeWithModels("model objectives", async (t, app, onnx) => {
  const db = app.database.db;
  const model = branin();
  const modelId = (await upload(app, "branin", model.bytes)).body.id as string;
  let scaledId = "";
  const evaluator = (overrides: Record<string, unknown> = {}) => ({
    model: scaledId,
    input: "x",
    outputs: { value: "y" },
    constants: { w: { shape: [1, 2], data: [1, 2] }, bias: { shape: [1], data: [0.5] } },
    ...overrides,
  });
  const space = {
    parameters: [
      { name: "a", type: "float", min: -1, max: 1 },
      { name: "k", type: "categorical", values: ["lo", "mid", "hi"] },
    ],
  };
  const studyWith = (ev: unknown, extra: Record<string, unknown> = {}) =>
    app.request("POST", "/v1/studies", {
      name: `on a model-${crypto.randomUUID().slice(0, 8)}`,
      space,
      objective: { metrics: [{ name: "value", goal: "minimize" }], evaluator: ev },
      algorithm: { name: "random", seed: 3 },
      ...extra,
    });

  await t.step("a model-objective study is checked against the model's signature", async () => {
    scaledId = (await upload(app, "scaled", scaledModel())).body.id;
    const uint8Id = (await upload(app, "uint8", uint8Model())).body.id;
    const ok = await studyWith(evaluator({ model: scaledId.toUpperCase() }));
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.objective.evaluator.model, scaledId);
    const cases: [unknown, string, string, Record<string, unknown>?][] = [
      [evaluator({ model: crypto.randomUUID() }), "objective.evaluator.model", "known_model"],
      [evaluator({ input: "nope" }), "objective.evaluator.input", "model_input"],
      [evaluator(), "objective.evaluator.input", "width", {
        space: {
          parameters: [...space.parameters, { name: "b", type: "int", min: 0, max: 3 }],
        },
      }],
      [
        evaluator({ outputs: { value: "nope" } }),
        "objective.evaluator.outputs.value",
        "model_output",
      ],
      [
        evaluator({ outputs: { value: "z" } }),
        "objective.evaluator.outputs.value",
        "one_per_row",
      ],
      [evaluator({ outputs: {} }), "objective.evaluator.outputs.value", "metric_output"],
      [
        evaluator({ constants: { w: { shape: [1, 2], data: [1, 2] } } }),
        "objective.evaluator.constants.bias",
        "missing_constant",
      ],
      [
        evaluator({
          constants: { ...evaluator().constants, extra: { shape: [1], data: [1] } },
        }),
        "objective.evaluator.constants.extra",
        "model_input",
      ],
      [
        evaluator({
          constants: { ...evaluator().constants, w: { shape: [1, 3], data: [1, 2, 3] } },
        }),
        "objective.evaluator.constants.w.shape",
        "dimension",
      ],
      [
        evaluator({
          constants: { ...evaluator().constants, w: { shape: [2, 2], data: [1, 2, 3, 4] } },
        }),
        "objective.evaluator.constants.w.shape",
        "dimension",
      ],
      [
        evaluator({
          constants: { ...evaluator().constants, bias: { shape: [1], data: [1, 2] } },
        }),
        "objective.evaluator.constants.bias.data",
        "count",
      ],
      [
        { model: uint8Id, input: "x", outputs: { value: "y" } },
        "space.parameters[0]",
        "model_input_type",
        {
          space: { parameters: [{ name: "a", type: "float", min: 0, max: 1 }] },
        },
      ],
      [
        { model: uint8Id, input: "x", outputs: { value: "y" } },
        "space.parameters[0]",
        "model_input_type",
        {
          space: {
            parameters: [{
              name: "c",
              type: "categorical",
              values: Array.from({ length: 300 }, (_, i) => `v${i}`),
            }],
          },
        },
      ],
    ];
    for (const [ev, field, rule, extra] of cases) {
      const issue = issueOf(await studyWith(ev, extra));
      assert.deepEqual([issue.field, issue.rule], [field, rule], JSON.stringify(issue));
    }
    const small = await studyWith({ model: uint8Id, input: "x", outputs: { value: "y" } }, {
      space: { parameters: [{ name: "c", type: "categorical", values: ["a", "b", "c"] }] },
    });
    assert.equal(small.status, 201, small.text);
  });

  await t.step(
    "evaluatePoints gives the model's values per point, NaN as infeasible",
    async () => {
      const ctx = createServiceContext({
        db,
        now: () => new Date(),
        defaultLeaseSeconds: 3600,
        onnx,
      });
      const created = await studyWith(evaluator({ outputs: { value: "y", root: "root" } }), {
        objective: {
          metrics: [{ name: "value", goal: "minimize" }, { name: "root", goal: "minimize" }],
          evaluator: evaluator({ outputs: { value: "y", root: "root" } }),
        },
      });
      assert.equal(created.status, 201, created.text);
      const meta = await studyMeta(ctx, db, app.projectId, created.body.id);
      const results = await evaluatePoints(ctx, meta, [
        { a: 0.25, k: "hi" },
        { a: -1, k: "lo" },
        { a: 1, k: "mid" },
      ]);
      // y = a * 1 + index(k) * 2 + 0.5
      assert.deepEqual(results[0], {
        values: { value: 4.75, root: Math.fround(Math.sqrt(4.75)) },
      });
      assert.equal((results[1] as { infeasible: true }).infeasible, true);
      assert.match((results[1] as { reason: string }).reason, /"root".*NaN/);
      assert.deepEqual(results[2], {
        values: { value: 3.5, root: Math.fround(Math.sqrt(3.5)) },
      });
      assert.deepEqual(await evaluatePoints(ctx, meta, []), []);
      const bStudy = await app.request("POST", "/v1/studies", {
        name: `branin-${crypto.randomUUID().slice(0, 8)}`,
        space: {
          parameters: [{ name: "x1", type: "float", min: -5, max: 10 }, {
            name: "x2",
            type: "float",
            min: 0,
            max: 15,
          }],
        },
        objective: {
          metrics: [{ name: "value", goal: "minimize" }],
          evaluator: { model: modelId, input: "x", outputs: { value: "y" } },
        },
        algorithm: { name: "random", seed: 1 },
      });
      assert.equal(bStudy.status, 201, bStudy.text);
      const bMeta = await studyMeta(ctx, db, app.projectId, bStudy.body.id);
      const points = Array.from(
        { length: 20 },
        () => ({ x1: -5 + 15 * next(), x2: 15 * next() }),
      );
      const values = await evaluatePoints(ctx, bMeta, points);
      const expected = referenceOf(
        model,
        Float32Array.from(points.flatMap((p) => [p.x1, p.x2])),
      );
      assertClose(
        values.map((v) => (v as { values: Record<string, number> }).values.value),
        expected,
      );
    },
  );

  await t.step(
    "deleteModel: 409 while a study uses it; the blob goes with its last model",
    async () => {
      const used = await app.request("DELETE", `/v1/models/${scaledId}`);
      assert.equal(issueOf(used, 409).message.length > 0, true);
      assert.match(used.body.detail, /on a model/);
      const studies = await app.expect<Page<Study>>(200, "GET", "/v1/studies?limit=1000");
      for (const s of studies.body.items) {
        await app.expect(204, "DELETE", `/v1/studies/${s.id}`);
      }
      await app.expect(204, "DELETE", `/v1/models/${scaledId}`);
      await app.expect(404, "DELETE", `/v1/models/${scaledId}`);
      const list = await app.expect<Page<ModelView>>(200, "GET", "/v1/models");
      for (const m of list.body.items) {
        await app.expect(204, "DELETE", `/v1/models/${m.id}`);
      }
      assert.deepEqual(await countModelRows(db), { blobs: 0, chunks: 0, models: 0 });
    },
  );
});
