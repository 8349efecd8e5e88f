/**
 * evaluateModel's binary form (src/services/models_binary.ts): a JSON header
 * whose length `Inference-Header-Content-Length` gives, then the inputs'
 * little-endian bytes in the order of the model's inputs; the answer in the
 * same framing with `Accept: application/octet-stream`. The same values as
 * the JSON form, and every malformed body a 4xx naming what is wrong.
 */
import assert from "node:assert/strict";
import type { EvaluationView } from "../src/services/models_evaluate.ts";
import type { BinaryOutputHeader } from "../src/services/models_binary.ts";
import { responseMismatch } from "./support/contract.ts";
import type { Reply, TestApp } from "./support/harness.ts";
import {
  assertClose,
  describeWithModels,
  issueOf,
  next,
  scaledModel,
  upload,
} from "./support/models_http.ts";
import { branin, randomRows, referenceOf } from "./support/onnx_models.ts";

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A binary body: the header's JSON, then the tensors' bytes. */
function binaryBody(header: unknown, ...tensors: ArrayBufferView[]) {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const parts = [head, ...tensors.map(bytesOf)];
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return { body, headerLength: head.length };
}

/** An answer read as the contract documents it: JSON, problem+json, or a binary frame. */
interface BinaryReply extends Reply {
  bytes: Uint8Array;
}

/** Posts a raw body to evaluateModel, checked against the documented contract. */
async function post(
  app: TestApp,
  modelId: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<BinaryReply> {
  const path = `/v1/models/${modelId}/evaluate`;
  const res = await app.app.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${app.projectKey}`, ...headers },
    body: body as Uint8Array<ArrayBuffer>,
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const contentType = res.headers.get("content-type");
  const parsed = /json/.test(contentType ?? "") ? JSON.parse(text) : text;
  const mismatch = responseMismatch(app.app, {
    method: "POST",
    path,
    status: res.status,
    contentType,
    body: parsed,
    text,
  });
  if (mismatch) throw new Error(mismatch);
  return { status: res.status, headers: res.headers, body: parsed, text, bytes };
}

/** A binary answer's header and each output's bytes, as its header lists them. */
function readAnswer(r: BinaryReply) {
  assert.equal(r.status, 200, r.text);
  assert.equal(r.headers.get("content-type"), "application/octet-stream");
  const length = Number(r.headers.get("inference-header-content-length"));
  const header = JSON.parse(new TextDecoder().decode(r.bytes.subarray(0, length))) as {
    outputs: Record<string, BinaryOutputHeader>;
    provider: string;
    batchRows: number;
    ms: number;
  };
  const outputs: Record<string, Uint8Array> = {};
  let at = length;
  for (const [name, o] of Object.entries(header.outputs)) {
    outputs[name] = r.bytes.slice(at, at + o.byteLength);
    at += o.byteLength;
  }
  assert.equal(at, r.bytes.length, "the body is the header and the outputs' bytes, nothing more");
  return { header, outputs };
}

const f32 = (bytes: Uint8Array) => Array.from(new Float32Array(bytes.slice().buffer));

describeWithModels("evaluateModel with a binary body", async (t, app) => {
  const model = branin();
  const modelId = (await upload(app, "branin", model.bytes)).body.id;
  const binary = (headerLength: number, accept?: string) => ({
    "content-type": "application/octet-stream",
    "inference-header-content-length": String(headerLength),
    ...(accept ? { accept } : {}),
  });

  await t.step("bytes in, bytes out: the values of the JSON form", async () => {
    const rows = randomRows(model, 5, next);
    const { body, headerLength } = binaryBody({ inputs: { x: { shape: [5, 2] } } }, rows);
    const json = await app.expect<EvaluationView>(
      200,
      "POST",
      `/v1/models/${modelId}/evaluate`,
      { inputs: { x: { shape: [5, 2], data: Array.from(rows) } } },
    );
    assertClose(json.body.outputs.y.data, referenceOf(model, rows));
    const asJson = await post(app, modelId, body, binary(headerLength));
    assert.equal(asJson.status, 200, asJson.text);
    assert.deepEqual(asJson.body.outputs, json.body.outputs, "answered in JSON unless asked");
    const { header, outputs } = readAnswer(
      await post(app, modelId, body, binary(headerLength, "application/octet-stream")),
    );
    assert.deepEqual(header.outputs, { y: { type: "float32", shape: [5], byteLength: 20 } });
    assert.equal(header.provider, "cpu");
    assert.deepEqual(f32(outputs.y), json.body.outputs.y.data);
  });

  await t.step("a JSON body answered in bytes when the client accepts them", async () => {
    const rows = randomRows(model, 3, next);
    const r = await post(
      app,
      modelId,
      new TextEncoder().encode(
        JSON.stringify({ inputs: { x: { shape: [3, 2], data: [...rows] } } }),
      ),
      { "content-type": "application/json", accept: "application/octet-stream" },
    );
    const { outputs } = readAnswer(r);
    assertClose(f32(outputs.y), referenceOf(model, rows));
  });

  await t.step("several inputs take their bytes in the order of the model's inputs", async () => {
    const id = (await upload(app, "scaled", scaledModel())).body.id;
    // The header lists them in another order: the model's (x, w, bias) decides.
    const { body, headerLength } = binaryBody(
      { inputs: { bias: { shape: [1] }, w: { shape: [2, 2] }, x: { shape: [2, 2] } } },
      Float32Array.of(1, 2, -3, -4),
      Float32Array.of(1, 1, 1, 1),
      Float32Array.of(0.5),
    );
    const r = await post(app, id, body, binary(headerLength, "application/octet-stream"));
    const { header, outputs } = readAnswer(r);
    assert.deepEqual(Object.keys(header.outputs), ["y", "root", "z"]);
    assert.deepEqual(f32(outputs.y), [3.5, -6.5]);
    assert.deepEqual(f32(outputs.z), [2, 3, -2, -3]);
    assert.ok(Number.isNaN(f32(outputs.root)[1]), "NaN as it is");
  });

  await t.step("bytes that do not match the shapes are a 422 naming the input", async () => {
    const header = { inputs: { x: { shape: [2, 2] } } };
    const short = binaryBody(header, Float32Array.of(1, 2, 3));
    const issue = issueOf(await post(app, modelId, short.body, binary(short.headerLength)));
    assert.deepEqual([issue.field, issue.rule], ["inputs.x", "count"]);
    assert.match(issue.message, /takes 16 bytes .* has 12/);
    const long = binaryBody(header, Float32Array.of(1, 2, 3, 4, 5));
    const extra = issueOf(await post(app, modelId, long.body, binary(long.headerLength)));
    assert.deepEqual([extra.field, extra.rule], ["inputs", "count"]);
    assert.match(extra.message, /take 16 bytes .* has 20/);
    // The shape is checked against the model as in JSON.
    const wide = binaryBody({ inputs: { x: { shape: [1, 3] } } }, Float32Array.of(1, 2, 3));
    const dim = issueOf(await post(app, modelId, wide.body, binary(wide.headerLength)));
    assert.deepEqual([dim.field, dim.rule], ["inputs.x.shape", "dimension"]);
  });

  await t.step("the header is checked as a JSON body is: schema, limits, depth", async () => {
    const values = Float32Array.of(1, 2);
    const withData = binaryBody({ inputs: { x: { shape: [1, 2], data: [1, 2] } } }, values);
    const r = await post(app, modelId, withData.body, binary(withData.headerLength));
    assert.equal(issueOf(r).field, "inputs.x.data", "values belong after the header, not in it");
    const missing = binaryBody({ inputs: {} }, values);
    const m = issueOf(await post(app, modelId, missing.body, binary(missing.headerLength)));
    assert.deepEqual([m.field, m.rule], ["inputs.x", "required"]);
    const many = binaryBody({ inputs: { x: { shape: [70_000, 2] } } });
    const rows = issueOf(await post(app, modelId, many.body, binary(many.headerLength)));
    assert.deepEqual([rows.field, rows.rule], ["inputs.x.shape", "max_rows"], "before the bytes");
    const deep = binaryBody({
      inputs: { x: { shape: [1, 2] } },
      n: JSON.parse("[".repeat(70) + "]".repeat(70)),
    });
    const d = issueOf(await post(app, modelId, deep.body, binary(deep.headerLength)), 400);
    assert.equal(d.rule, "max_depth");
  });

  await t.step("a missing or wrong header length is a 400 naming it", async () => {
    const { body, headerLength } = binaryBody(
      { inputs: { x: { shape: [1, 2] } } },
      Float32Array.of(1, 2),
    );
    for (const length of [undefined, "ten", "-1", String(body.length + 1)]) {
      const headers: Record<string, string> = { "content-type": "application/octet-stream" };
      if (length !== undefined) headers["inference-header-content-length"] = length;
      const issue = issueOf(await post(app, modelId, body, headers), 400);
      assert.deepEqual([issue.field, issue.rule], ["Inference-Header-Content-Length", "header"]);
    }
    // A length that cuts the JSON short: the header is not JSON.
    const cut = issueOf(await post(app, modelId, body, binary(headerLength - 1)), 400);
    assert.deepEqual([cut.field, cut.rule], ["(body)", "json"]);
  });

  await t.step("a malformed or unknown model id is a 404", async () => {
    const { body, headerLength } = binaryBody(
      { inputs: { x: { shape: [1, 2] } } },
      Float32Array.of(1, 2),
    );
    assert.equal((await post(app, "not-a-uuid", body, binary(headerLength))).status, 404);
    const unknown = crypto.randomUUID();
    assert.equal((await post(app, unknown, body, binary(headerLength))).status, 404);
  });
});

describeWithModels("evaluateModel's binary body is bounded like any body", async (t, app) => {
  const model = branin();
  const modelId = (await upload(app, "branin", model.bytes)).body.id;
  await t.step("a body beyond MINIMA_MAX_BODY_BYTES is a 413", async () => {
    const { body, headerLength } = binaryBody(
      { inputs: { x: { shape: [200, 2] } } },
      new Float32Array(400),
    );
    const r = await post(app, modelId, body, {
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(headerLength),
    });
    assert.equal(r.status, 413, r.text);
  });
}, { maxBodyBytes: 1024 });
