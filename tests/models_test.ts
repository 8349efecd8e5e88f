/**
 * The model registry and evaluateModel through the HTTP app, with a real
 * ONNX runtime (CPU), on both backends: uploads stored once by content,
 * listed, downloaded byte for byte, refused with nothing stored; evaluations
 * checked against the models' TypeScript references (./support/onnx_models.ts)
 * and refused, naming the input, when they do not fit the signature or their
 * answer would be too large; a model deleted under an evaluation is a 404;
 * the host's model files (a failed keep, stale temporary files).
 */
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import {
  blobChunks,
  countModelRows,
  deleteModelRow,
  insertBlobChunk,
  insertOrLockBlob,
} from "../src/db/queries/models.ts";
import { Problem } from "../src/errors.ts";
import { encodeModel } from "../src/evaluators/onnx/mod.ts";
import { createServiceContext } from "../src/services/context.ts";
import type { ModelView } from "../src/services/models.ts";
import { ModelFileCache, STALE_TEMP_MS } from "../src/services/models_cache.ts";
import { ModelLookups, TRUST_MS } from "../src/services/models_lookup.ts";
import {
  type EvaluationView,
  MAX_EVALUATE_VALUES,
  runModel,
} from "../src/services/models_evaluate.ts";
import type { Page } from "./support/harness.ts";
import {
  assertClose,
  describeWithModels,
  hex,
  issueOf,
  largeModel,
  MAX_MODEL_BYTES,
  next,
  upload,
} from "./support/models_http.ts";
import { branin, mlp, randomRows, referenceOf } from "./support/onnx_models.ts";

describeWithModels("models", async (t, app, onnx) => {
  const db = app.database.db;
  const model = branin();
  let modelId = "";
  await t.step("uploadModel stores a model once and shows its signature", async () => {
    const r = await upload(app, "branin", model.bytes);
    assert.equal(r.status, 201, r.text);
    modelId = r.body.id;
    assert.equal(r.body.name, "branin");
    assert.equal(r.body.sha256, hex(model.bytes));
    assert.equal(r.body.sizeBytes, model.bytes.length);
    assert.deepEqual(r.body.inputs, [{ name: "x", type: "float32", shape: ["N", 2] }]);
    assert.deepEqual(r.body.outputs, [{ name: "y", type: "float32", shape: ["N"] }]);
    assert.equal(r.body.opset, 17);
    assert.equal(r.body.provider, "cpu");
    const again = await upload(app, "branin-copy", model.bytes);
    assert.equal(again.status, 201, again.text);
    assert.notEqual(again.body.id, modelId);
    assert.equal(again.body.sha256, r.body.sha256);
    assert.deepEqual(await countModelRows(db), { blobs: 1, chunks: 1, models: 2 });
    const got = await app.expect<ModelView>(200, "GET", `/v1/models/${modelId}`);
    assert.deepEqual(got.body, r.body);
  });

  await t.step(
    "listModels pages newest first; downloadModel gives the bytes back",
    async () => {
      const first = await app.expect<Page<ModelView>>(200, "GET", "/v1/models?limit=1");
      assert.equal(first.body.items[0].name, "branin-copy");
      const second = await app.expect<Page<ModelView>>(
        200,
        "GET",
        `/v1/models?limit=1&cursor=${first.body.nextCursor}`,
      );
      assert.equal(second.body.items[0].id, modelId);
      assert.equal(second.body.nextCursor, null);
      const res = await app.app.request(`/v1/models/${modelId}/content`, {
        headers: { authorization: `Bearer ${app.projectKey}` },
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "application/octet-stream");
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), model.bytes);
      const other = await app.newProject();
      const hidden = await app.request("GET", `/v1/models/${modelId}`, undefined, {
        key: other.key,
      });
      assert.equal(hidden.status, 404);
    },
  );

  await t.step("bytea round-trips every byte value; a large model spans chunks", async () => {
    const all = Uint8Array.from({ length: 512 }, (_, i) => i % 256);
    await db.transaction(async (tx) => {
      assert.equal(
        await insertOrLockBlob(tx, { sha256: "test", sizeBytes: 512, chunks: 1 }),
        true,
      );
      await insertBlobChunk(tx, "test", 0, all);
      const [back] = await blobChunks(tx, "test", 0, 1);
      assert.deepEqual(new Uint8Array(back), all);
      tx.rollback();
    }).catch((e) => assert.match(String(e), /rollback/i));
    const bytes = largeModel();
    const r = await upload(app, "large", bytes);
    assert.equal(r.status, 201, r.text);
    const res = await app.app.request(`/v1/models/${r.body.id}/content`, {
      headers: { authorization: `Bearer ${app.projectKey}` },
    });
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), bytes);
    // A fresh host loads the file from the database; a damaged file is replaced.
    const files = new ModelFileCache(await Deno.makeTempDir());
    const path = await files.path(db, r.body.sha256);
    assert.deepEqual(await Deno.readFile(path), bytes);
    await Deno.writeFile(path, bytes.subarray(0, 100));
    assert.deepEqual(await Deno.readFile(await files.path(db, r.body.sha256)), bytes);
    await Deno.remove(await files.dir(), { recursive: true });
    await app.expect(204, "DELETE", `/v1/models/${r.body.id}`);
    assert.deepEqual(await countModelRows(db), { blobs: 1, chunks: 1, models: 2 });
  });

  await t.step("bad uploads are refused and store nothing", async () => {
    const before = await countModelRows(db);
    const unknownOp = encodeModel({
      inputs: [{ name: "x", type: "float32", shape: ["N", 2] }],
      outputs: [{ name: "y", type: "float32", shape: ["N", 2] }],
      nodes: [{ op: "NoSuchOperator", inputs: ["x"], outputs: ["y"] }],
    });
    for (
      const [what, bytes] of [
        ["not ONNX", new TextEncoder().encode("this is not a model")],
        ["truncated", model.bytes.subarray(0, Math.floor(model.bytes.length / 2))],
        ["unknown operator", unknownOp],
      ] as const
    ) {
      const issue = issueOf(await upload(app, what, bytes));
      assert.equal(issue.field, "(body)", what);
      assert.equal(issue.rule, "onnx_model", what);
      assert.match(issue.message, /onnxruntime cannot load this model: ./, what);
    }
    assert.match(issueOf(await upload(app, "x", unknownOp)).message, /NoSuchOperator/);
    const big = new Uint8Array(MAX_MODEL_BYTES + 10);
    assert.equal((await upload(app, "big", big)).status, 413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent > MAX_MODEL_BYTES * 4) return c.close();
        sent += 65536;
        c.enqueue(new Uint8Array(65536));
      },
    });
    const streamed = await upload(app, "streamed", stream);
    assert.equal(streamed.status, 413, streamed.text);
    assert.ok(sent < MAX_MODEL_BYTES * 2, "reading stops once the limit is passed");
    const text = await upload(app, "json", model.bytes, { "content-type": "application/json" });
    assert.equal(text.status, 415);
    assert.deepEqual(await countModelRows(db), before);
  });

  await t.step("evaluateModel with data and dataBase64 matches the reference", async () => {
    const rows = randomRows(model, 5, next);
    const expected = referenceOf(model, rows);
    const r = await app.expect<EvaluationView>(200, "POST", `/v1/models/${modelId}/evaluate`, {
      inputs: { x: { shape: [5, 2], data: Array.from(rows) } },
    });
    assert.deepEqual(r.body.outputs.y.shape, [5]);
    assert.equal(r.body.outputs.y.type, "float32");
    assertClose(r.body.outputs.y.data, expected);
    assert.equal(r.body.provider, "cpu");
    assert.ok(r.body.batchRows >= 5);
    const b64 = Buffer.from(rows.buffer).toString("base64");
    const r2 = await app.expect<EvaluationView>(200, "POST", `/v1/models/${modelId}/evaluate`, {
      inputs: { x: { type: "float32", shape: [5, 2], dataBase64: b64 } },
    });
    assertClose(r2.body.outputs.y.data, expected);
    const ready = await app.request("GET", "/readyz");
    assert.equal(ready.body.onnx.provider, "cpu");
    const metrics = await app.request("GET", "/metrics");
    assert.match(metrics.text, /minima_onnx_sessions /);
  });

  await t.step("evaluateModel refuses bad shapes and types, naming the input", async () => {
    const evaluate = (inputs: unknown) =>
      app.request("POST", `/v1/models/${modelId}/evaluate`, { inputs });
    const cases: [unknown, string, string][] = [
      [{ x: { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] } }, "inputs.x.shape", "dimension"],
      [{ x: { shape: [2], data: [1, 2] } }, "inputs.x.shape", "rank"],
      [{ x: { shape: [2, 2], data: [1, 2, 3] } }, "inputs.x.data", "count"],
      [{ x: { shape: [1, 2], data: [1, true] } }, "inputs.x.data[1]", "type"],
      [{ x: { type: "int64", shape: [1, 2], data: [1, 2] } }, "inputs.x.type", "type"],
      [{ x: { shape: [1, 2], dataBase64: "AAAA" } }, "inputs.x.dataBase64", "count"],
      [{ x: { shape: [1, 2], dataBase64: "not base64!" } }, "inputs.x.dataBase64", "base64"],
      [{ x: { shape: [1, 2] } }, "inputs.x", "data"],
      [{}, "inputs.x", "required"],
      [
        { x: { shape: [1, 2], data: [1, 2] }, q: { shape: [1], data: [1] } },
        "inputs.q",
        "model_input",
      ],
      [{ x: { shape: [70_000, 2], data: [] } }, "inputs.x.shape", "max_rows"],
    ];
    for (const [inputs, field, rule] of cases) {
      const issue = issueOf(await evaluate(inputs));
      assert.deepEqual([issue.field, issue.rule], [field, rule], JSON.stringify(issue));
    }
    const missing = await app.request("POST", `/v1/models/${crypto.randomUUID()}/evaluate`, {
      inputs: {},
    });
    assert.equal(missing.status, 404);
  });

  await t.step("the tiny MLP evaluates like its reference", async () => {
    const m = mlp();
    const id = (await upload(app, "mlp", m.bytes)).body.id;
    const rows = randomRows(m, 7, next);
    const r = await app.expect<EvaluationView>(200, "POST", `/v1/models/${id}/evaluate`, {
      inputs: { x: { shape: [7, m.d], data: Array.from(rows) } },
    });
    assert.deepEqual(r.body.outputs.y.shape, [7, 1]);
    assertClose(r.body.outputs.y.data, referenceOf(m, rows));
  });

  await t.step(
    "an Idempotency-Key replays the upload; deleteModel keeps shared bytes",
    async () => {
      const headers = {
        "content-type": "application/octet-stream",
        "idempotency-key": "upload-1",
      };
      const first = await upload(app, "keyed", model.bytes, headers);
      assert.equal(first.status, 201, first.text);
      const again = await upload(app, "keyed", model.bytes, headers);
      assert.equal(again.status, 201, again.text);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.equal(again.body.id, first.body.id);
      const other = await upload(app, "keyed", mlp().bytes, headers);
      assert.equal(other.status, 409, other.text);
      const before = await countModelRows(db);
      await app.expect(204, "DELETE", `/v1/models/${first.body.id}`);
      const after = await countModelRows(db);
      assert.deepEqual(after, { ...before, models: before.models - 1 });
      await app.expect(404, "GET", `/v1/models/${first.body.id}`);
    },
  );

  await t.step("a model deleted under an evaluation is a 404, not a 500", async () => {
    const gone = encodeModel({
      name: "gone",
      inputs: [{ name: "x", type: "float32", shape: ["N", 2] }],
      outputs: [{ name: "y", type: "float32", shape: ["N", 2] }],
      nodes: [{ op: "Identity", inputs: ["x"], outputs: ["y"] }],
    });
    const m = (await upload(app, "gone", gone)).body as ModelView;
    await app.expect(204, "DELETE", `/v1/models/${m.id}`);
    await app.expect(404, "POST", `/v1/models/${m.id}/evaluate`, {
      inputs: { x: { shape: [1, 2], data: [1, 2] } },
    });
    // The row was read just before the delete; the host has no file of it yet.
    const dir = await Deno.makeTempDir();
    const ctx = createServiceContext({
      db,
      now: () => new Date(),
      defaultLeaseSeconds: 60,
      onnx,
      modelFiles: new ModelFileCache(dir),
    });
    const x = { type: "float32" as const, dims: [1, 2], data: Float32Array.of(1, 2) };
    const error = await runModel(ctx, { ...m, projectId: app.projectId }, { x }).then(
      () => null,
      (e) => e,
    );
    assert.ok(error instanceof Problem && error.status === 404, String(error));
    await Deno.remove(dir, { recursive: true });
  });

  await t.step("a model's row is trusted for TRUST_MS while deletes are heard", async () => {
    const m = (await upload(app, "trusted", mlp().bytes)).body as ModelView;
    let clock = 0;
    const ctx = createServiceContext({ db, now: () => new Date(), defaultLeaseSeconds: 60 });
    const lookups = new ModelLookups(ctx, () => clock);
    assert.equal((await lookups.check(app.projectId, m.id)).id, m.id);
    assert.equal(lookups.trusted(app.projectId, m.id), undefined, "not while deaf to deletes");
    lookups.listening = true;
    assert.equal(lookups.known(app.projectId, m.id), undefined, "listening forgets every row");
    await lookups.check(app.projectId, m.id.toUpperCase());
    assert.equal(lookups.trusted(app.projectId, m.id)?.id, m.id);
    clock += TRUST_MS;
    assert.equal(lookups.trusted(app.projectId, m.id), undefined, "asked again after TRUST_MS");
    await lookups.check(app.projectId, m.id);
    assert.equal(lookups.trusted(app.projectId, m.id)?.id, m.id);
    // A delete this context did not hear of: the row is trusted until TRUST_MS or a notice.
    await deleteModelRow(db, app.projectId, m.id);
    assert.equal(lookups.trusted(app.projectId, m.id)?.id, m.id);
    lookups.forget(m.id.toUpperCase());
    assert.equal(lookups.trusted(app.projectId, m.id), undefined);
    const gone = await lookups.check(app.projectId, m.id).then(() => null, (e) => e);
    assert.ok(gone instanceof Problem && gone.status === 404, String(gone));
  });

  await t.step("evaluateModel refuses an answer beyond the limit, naming the output", async () => {
    const width = 65_536;
    const rows = Math.floor(MAX_EVALUATE_VALUES / width) + 1;
    const x = { shape: [rows, 1], data: Array.from({ length: rows }, () => 1) };
    // y = x expanded to [N, width]: the width fixed in the model, or given as an input.
    const fixed = encodeModel({
      inputs: [{ name: "x", type: "float32", shape: ["N", 1] }],
      outputs: [{ name: "y", type: "float32", shape: ["N", width] }],
      initializers: [{ name: "s", type: "int64", dims: [2], data: [1, width] }],
      nodes: [{ op: "Expand", inputs: ["x", "s"], outputs: ["y"] }],
    });
    const open = encodeModel({
      inputs: [
        { name: "x", type: "float32", shape: ["N", 1] },
        { name: "s", type: "int64", shape: [2] },
      ],
      outputs: [{ name: "y", type: "float32", shape: ["N", "K"] }],
      nodes: [{ op: "Expand", inputs: ["x", "s"], outputs: ["y"] }],
    });
    const fixedId = (await upload(app, "expand", fixed)).body.id;
    const runs = onnx.status().sessionRuns;
    const evaluate = (id: string, inputs: unknown) =>
      app.request("POST", `/v1/models/${id}/evaluate`, { inputs });
    const before = issueOf(await evaluate(fixedId, { x }));
    assert.deepEqual([before.field, before.rule], ["outputs.y", "max_values"]);
    assert.equal(onnx.status().sessionRuns, runs, "refused before the run");
    const openModel = (await upload(app, "expand-s", open)).body;
    assert.deepEqual(openModel.outputs[0].shape, ["N", "K"], "its size is known after the run");
    const s = { shape: [2], data: [1, width] };
    const after = issueOf(await evaluate(openModel.id, { x, s }));
    assert.deepEqual([after.field, after.rule], ["outputs.y", "max_values"]);
    assert.equal(onnx.status().sessionRuns, runs + 1, "refused after the run");
    const one = await evaluate(openModel.id, { x: { shape: [1, 1], data: [2] }, s });
    assert.equal(one.status, 200, one.text);
    assert.deepEqual(one.body.outputs.y.shape, [1, width]);
  });
});

const cacheDir = await Deno.makeTempDir();
describeWithModels("the host's model files", async (t, app) => {
  await t.step("stale temporary files go on first use; a failed keep is logged", async () => {
    const model = mlp();
    const stale = `${cacheDir}/.tmp-stale`;
    const fresh = `${cacheDir}/.tmp-fresh`;
    await Deno.writeFile(stale, new Uint8Array(8));
    const old = new Date(Date.now() - 2 * STALE_TEMP_MS);
    await Deno.utime(stale, old, old);
    await Deno.writeFile(fresh, new Uint8Array(8));
    // A directory where the model's file would go: keeping the upload's file fails.
    await Deno.mkdir(`${cacheDir}/${hex(model.bytes)}.onnx/blocked`, { recursive: true });
    const r = await upload(app, "mlp", model.bytes);
    assert.equal(r.status, 201, r.text);
    await app.expect(200, "GET", `/v1/models/${r.body.id}`);
    await assert.rejects(Deno.stat(stale), Deno.errors.NotFound);
    await Deno.stat(fresh);
  });
}, { modelCacheDir: cacheDir });
