/**
 * The ONNX runtime's configuration: defaults, and bad values that stop the
 * start naming the variable.
 */
import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../src/config.ts";

Deno.test("ONNX configuration: defaults and values", () => {
  const c = loadConfig({});
  assert.deepEqual(c.onnxProviders, ["cuda", "cpu"]);
  assert.equal(c.cudaDevice, 0);
  assert.equal(c.gpuMemoryLimitBytes, undefined);
  assert.equal(c.onnxCacheBytes, 1024 ** 3);
  assert.equal(c.onnxThreads, undefined);
  assert.equal(c.onnxMaxBatchRows, 4096);
  assert.equal(c.onnxMaxDelayMs, 0);
  const d = loadConfig({
    MINIMA_ONNX_PROVIDERS: "webgpu, cpu",
    MINIMA_CUDA_DEVICE: "1",
    MINIMA_GPU_MEMORY_LIMIT_BYTES: "8589934592",
    MINIMA_ONNX_CACHE_BYTES: "1048576",
    MINIMA_ONNX_THREADS: "4",
    MINIMA_ONNX_MAX_BATCH_ROWS: "512",
    MINIMA_ONNX_MAX_DELAY_MS: "5",
  });
  assert.deepEqual(d.onnxProviders, ["webgpu", "cpu"]);
  assert.equal(d.cudaDevice, 1);
  assert.equal(d.gpuMemoryLimitBytes, 8589934592);
  assert.equal(d.onnxCacheBytes, 1048576);
  assert.equal(d.onnxThreads, 4);
  assert.equal(d.onnxMaxBatchRows, 512);
  assert.equal(d.onnxMaxDelayMs, 5);
  assert.equal(
    loadConfig({ MINIMA_MAX_MODEL_BYTES: String(2 ** 31 - 1) }).maxModelBytes,
    2 ** 31 - 1,
  );
});

Deno.test("a bad ONNX setting stops the start, naming the variable", () => {
  for (
    const [name, value] of [
      ["MINIMA_ONNX_PROVIDERS", "tpu,cpu"],
      ["MINIMA_ONNX_PROVIDERS", "cpu,cpu"],
      ["MINIMA_CUDA_DEVICE", "-1"],
      ["MINIMA_GPU_MEMORY_LIMIT_BYTES", "lots"],
      ["MINIMA_ONNX_CACHE_BYTES", "0"],
      ["MINIMA_ONNX_THREADS", "0"],
      ["MINIMA_ONNX_MAX_BATCH_ROWS", "0"],
      ["MINIMA_ONNX_MAX_DELAY_MS", "1.5"],
      // onnxruntime loads a model of under 2 GiB.
      ["MINIMA_MAX_MODEL_BYTES", String(2 ** 31)],
    ]
  ) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (e: unknown) => e instanceof ConfigError && e.message.includes(name),
      `${name}=${value}`,
    );
  }
});
