/**
 * evaluateModel's byte encodings: `dataBase64` inputs decoded by V8's
 * `Uint8Array.fromBase64` (anything it refuses a 422 naming
 * `inputs.<name>.dataBase64`), and outputs asked for as base64
 * (`"outputEncoding": "base64"`), which carry the same values as `data`.
 */
import assert from "node:assert/strict";
import type { EvaluationView } from "../src/services/models_evaluate.ts";
import type { TensorBytesView } from "../src/services/models_tensors.ts";
import {
  assertClose,
  describeWithModels,
  issueOf,
  next,
  scaledModel,
  uint8Model,
  upload,
} from "./support/models_http.ts";
import { branin, randomRows, referenceOf } from "./support/onnx_models.ts";

const base64Of = (a: ArrayBufferView) =>
  new Uint8Array(a.buffer, a.byteOffset, a.byteLength).toBase64();
const float32Of = (text: string) => new Float32Array(Uint8Array.fromBase64(text).buffer);

describeWithModels("evaluateModel encodings", async (t, app) => {
  const model = branin();
  const modelId = (await upload(app, "branin", model.bytes)).body.id;
  const evaluate = (id: string, body: unknown) =>
    app.request("POST", `/v1/models/${id}/evaluate`, body);

  await t.step("base64 in, base64 out: the values of `data`, as little-endian bytes", async () => {
    const rows = randomRows(model, 6, next);
    const x = { type: "float32", shape: [6, 2], dataBase64: base64Of(rows) };
    const path = `/v1/models/${modelId}/evaluate`;
    const plain = await app.expect<EvaluationView>(200, "POST", path, { inputs: { x } });
    assertClose(plain.body.outputs.y.data, referenceOf(model, rows));
    const asData = await app.expect<EvaluationView>(200, "POST", path, {
      inputs: { x },
      outputEncoding: "data",
    });
    assert.deepEqual(asData.body.outputs, plain.body.outputs, "`data` is the default");
    const bytes = await app.expect<EvaluationView<TensorBytesView>>(200, "POST", path, {
      inputs: { x },
      outputEncoding: "base64",
    });
    const y = bytes.body.outputs.y;
    assert.deepEqual(Object.keys(y).sort(), ["dataBase64", "shape", "type"]);
    assert.deepEqual([y.type, y.shape], ["float32", [6]]);
    assert.deepEqual(Array.from(float32Of(y.dataBase64)), plain.body.outputs.y.data);
  });

  await t.step("base64 outputs keep NaN, which `data` shows as null", async () => {
    const id = (await upload(app, "scaled", scaledModel())).body.id;
    const inputs = {
      x: { shape: [2, 2], dataBase64: base64Of(Float32Array.of(1, 2, -3, -4)) },
      w: { shape: [2, 2], data: [1, 1, 1, 1] },
      bias: { shape: [1], dataBase64: base64Of(Float32Array.of(0.5)) },
    };
    const plain = await evaluate(id, { inputs });
    assert.equal(plain.status, 200, plain.text);
    assert.deepEqual(plain.body.outputs.y.data, [3.5, -6.5]);
    assert.equal(plain.body.outputs.root.data[1], null);
    const r = await evaluate(id, { inputs, outputEncoding: "base64" });
    assert.equal(r.status, 200, r.text);
    const root = float32Of(r.body.outputs.root.dataBase64);
    assert.equal(root[0], Math.fround(Math.sqrt(3.5)));
    assert.ok(Number.isNaN(root[1]));
    assert.deepEqual(Array.from(float32Of(r.body.outputs.z.dataBase64)), [2, 3, -2, -3]);
    assert.deepEqual(r.body.outputs.z.shape, [2, 2]);
  });

  await t.step("uint8 inputs as base64: one byte per value", async () => {
    const id = (await upload(app, "uint8", uint8Model())).body.id;
    const x = { shape: [3, 1], dataBase64: base64Of(Uint8Array.of(0, 7, 255)) };
    const r = await evaluate(id, { inputs: { x } });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.outputs.y.data, [0, 7, 255]);
  });

  await t.step("what fromBase64 refuses is a 422 naming inputs.<name>.dataBase64", async () => {
    const eight = base64Of(Float32Array.of(1, 2)); // 8 bytes: "AACAPwAAAEA="
    for (const text of ["not base64!", eight.slice(0, -1), "AACAPwAA=AEA", "AACAPwAAAEA-"]) {
      const issue = issueOf(
        await evaluate(modelId, { inputs: { x: { shape: [1, 2], dataBase64: text } } }),
      );
      assert.deepEqual([issue.field, issue.rule], ["inputs.x.dataBase64", "base64"], text);
    }
    const short = issueOf(
      await evaluate(modelId, { inputs: { x: { shape: [1, 2], dataBase64: "AACAPw==" } } }),
    );
    assert.deepEqual([short.field, short.rule], ["inputs.x.dataBase64", "count"]);
    assert.match(short.message, /takes 8 bytes .* got 4/);
  });

  await t.step("an unknown outputEncoding is a 422 naming it", async () => {
    const x = { shape: [1, 2], data: [1, 2] };
    const issue = issueOf(await evaluate(modelId, { inputs: { x }, outputEncoding: "hex" }));
    assert.equal(issue.field, "outputEncoding");
  });
});
