/**
 * The test models written with minima's ONNX writer compute what their
 * TypeScript references compute, run by onnxruntime-node (CPU).
 */
import assert from "node:assert/strict";
import { OnnxRuntime } from "../src/evaluators/onnx/runtime.ts";
import { readModelHeader } from "../src/evaluators/onnx/proto.ts";
import { Rng } from "../src/math/rng.ts";
import { allTestModels, randomRows, referenceOf } from "./support/onnx_models.ts";

const options = { providers: ["cpu"], cacheBytes: 1 << 26, maxBatchRows: 4096, maxDelayMs: 1 };

Deno.test("each test model matches its reference on random points (float32 tolerance)", async () => {
  const runtime = new OnnxRuntime(options);
  try {
    const rng = Rng.fromSeed(11);
    for (const model of allTestModels()) {
      const n = model.name === "decoder" ? 1 : 64;
      for (let rep = 0; rep < (model.name === "decoder" ? 5 : 1); rep++) {
        const x = randomRows(model, n, () => rng.next());
        const { outputs, provider } = await runtime.evaluate(
          model.name,
          () => Promise.resolve(model.bytes),
          { [model.input]: { type: "float32", dims: [n, model.d], data: x } },
        );
        assert.deepEqual(provider, "cpu");
        const y = outputs[model.output];
        assert.deepEqual(y.type, "float32");
        assert.deepEqual(y.dims, model.outputShape(n), model.name);
        const want = referenceOf(model, x);
        assert.deepEqual(y.data.length, want.length);
        for (let i = 0; i < want.length; i++) {
          const got = Number(y.data[i]);
          const tol = 2e-5 * Math.max(1, Math.abs(want[i])) + 1e-5;
          assert(Math.abs(got - want[i]) <= tol, `${model.name}[${i}]: ${got} vs ${want[i]}`);
        }
        if (model.name === "decoder") {
          assert(Array.from(y.data as Float32Array).every((v) => v >= 0 && v <= 1));
        }
      }
    }
  } finally {
    await runtime.close();
  }
});

Deno.test("the writer's header reads back, and inspect reports the signature", async () => {
  const runtime = new OnnxRuntime(options);
  try {
    for (const model of allTestModels()) {
      const header = readModelHeader(model.bytes);
      assert.deepEqual(header.irVersion, 8);
      assert.deepEqual(header.producerName, "minima");
      assert.deepEqual(header.opsets, [{ domain: "", version: 17 }]);
      const sig = await runtime.inspect(model.bytes);
      assert.deepEqual(sig.opset, 17);
      assert.deepEqual(sig.producer, "minima");
      assert.deepEqual(sig.provider, "cpu");
      assert.deepEqual(sig.inputs.map((i) => i.name), [model.input]);
      assert.deepEqual(sig.outputs.map((o) => o.name), [model.output]);
    }
    const sig = await runtime.inspect(allTestModels()[0].bytes);
    assert.deepEqual(sig.inputs, [{ name: "x", type: "float32", shape: ["N", 2] }]);
    assert.deepEqual(sig.outputs, [{ name: "y", type: "float32", shape: ["N"] }]);
    assert.deepEqual(runtime.status().cache.sessions, 0, "inspect keeps no session");
  } finally {
    await runtime.close();
  }
});
