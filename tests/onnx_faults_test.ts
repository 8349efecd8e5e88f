/**
 * The ONNX runtime when things fail: a batch run that throws, the worker
 * dying in the middle of requests run one by one, and provider failures
 * told apart (a provider that cannot start here, a model a provider
 * refuses, memory running out).
 */
import assert from "node:assert/strict";
import { Problem } from "../src/errors.ts";
import { Batcher, type BatchItem } from "../src/evaluators/onnx/batcher.ts";
import { failureKind, providerSpecs, ProviderStates } from "../src/evaluators/onnx/providers.ts";
import { OnnxRuntime } from "../src/evaluators/onnx/runtime.ts";
import { CRASH_VALUE } from "./support/faulty_onnx_worker.ts";
import { branin } from "./support/onnx_models.ts";

Deno.test("a batch run that throws rejects every request it had not settled", async () => {
  type Item = BatchItem & { state: string; resolve(): void };
  const item = (): Item => {
    const i: Item = {
      rows: 1,
      shapeKey: "k",
      state: "waiting",
      resolve: () => i.state === "waiting" && (i.state = "resolved"),
      reject: (e) => i.state === "waiting" && (i.state = `rejected: ${(e as Error).message}`),
    };
    return i;
  };
  const batcher = new Batcher<Item>({
    maxRows: 2,
    maxDelayMs: 60_000,
    run: (items) => {
      items[0].resolve();
      return Promise.reject(new Error("boom"));
    },
  });
  const [a, b] = [item(), item()];
  batcher.push(a);
  batcher.push(b); // two rows: the batch goes
  await batcher.drain(() => assert.fail("nothing was left queued"));
  assert.equal(a.state, "resolved");
  assert.equal(b.state, "rejected: boom");
  assert.ok(batcher.idle);
});

Deno.test("the worker dying while requests run one by one fails them all with a 503", async () => {
  const rt = new OnnxRuntime({
    providers: ["cpu"],
    cacheBytes: 1 << 26,
    maxBatchRows: 3,
    maxDelayMs: 60_000,
    workerUrl: new URL("./support/faulty_onnx_worker.ts", import.meta.url),
  });
  try {
    const model = branin();
    const row = (x: number) => ({
      x: { type: "float32" as const, dims: [1, 2], data: Float32Array.of(x, 1) },
    });
    // Three rows: one merged run, refused; then alone, the first kills the worker.
    const results = await Promise.allSettled(
      [CRASH_VALUE, 0.5, 0.25].map((x) =>
        rt.evaluate("branin", () => Promise.resolve(model.bytes), row(x))
      ),
    );
    for (const r of results) {
      assert.equal(r.status, "rejected");
      const error = (r as PromiseRejectedResult).reason;
      assert.ok(error instanceof Problem && error.status === 503, String(error));
      assert.match(error.message, /crashed on cue/);
    }
    assert.equal(rt.status().workerCrashes, 1);
  } finally {
    await rt.close();
  }
});

Deno.test("only a provider that cannot start here is marked unavailable", () => {
  const cudaLib = "OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library";
  const noAdapter = "Failed to get a WebGPU adapter: No supported adapters";
  const nodeError = "Non-zero status code returned while running Conv node. Name:'conv0'";
  assert.equal(failureKind("cuda", cudaLib), "host");
  assert.equal(failureKind("webgpu", noAdapter), "host");
  assert.equal(failureKind("cuda", nodeError), "model");
  assert.equal(failureKind("cpu", "Failed to load shared library"), "model");
  assert.equal(failureKind("cuda", "CUDA failure 2: out of memory"), "transient");
  const warnings: unknown[] = [];
  const log = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
  const states = new ProviderStates(providerSpecs(["cuda", "webgpu", "cpu"], {}), log);
  states.loaded("cuda", []);
  // A model the CUDA provider refuses after it worked says nothing of the provider.
  states.loaded("cpu", [{ provider: "cuda", reason: nodeError }]);
  states.failed([{ provider: "cuda", reason: "CUDA failure 2: out of memory" }]);
  assert.equal(states.list()[0].state, "available");
  assert.deepEqual(states.candidates().map((s) => s.name), ["cuda", "webgpu", "cpu"]);
  // WebGPU without an adapter: unavailable from now on, logged once (no provider loaded).
  states.failed([{ provider: "webgpu", reason: noAdapter }]);
  states.failed([{ provider: "webgpu", reason: noAdapter }]);
  assert.equal(states.list()[1].state, "unavailable");
  assert.equal(warnings.length, 1);
  assert.deepEqual(states.candidates().map((s) => s.name), ["cuda", "cpu"]);
});
