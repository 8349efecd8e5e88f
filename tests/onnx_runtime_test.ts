/**
 * The ONNX runtime: batching proved by counting session runs (only models
 * whose inputs and outputs share dim 0, only within a scope), providers
 * that fail falling back to the next (logged once), inputs checked against
 * the signature, invalid models whatever the providers, models inspected
 * from files, the session cache, metrics.
 */
import assert from "node:assert/strict";
import { Problem } from "../src/errors.ts";
import type { Logger } from "../src/log.ts";
import { ModelInvalid, type OnnxOptions, OnnxRuntime } from "../src/evaluators/onnx/runtime.ts";
import type { Tensor } from "../src/evaluators/onnx/tensor.ts";
import { encodeModel, readModelHeader, readModelHeaderFile } from "../src/evaluators/onnx/proto.ts";
import { Rng } from "../src/math/rng.ts";
import {
  branin,
  imageDecoder,
  mlp,
  randomRows,
  referenceOf,
  type TestModel,
} from "./support/onnx_models.ts";

function runtime(overrides: Partial<OnnxOptions> = {}): OnnxRuntime {
  return new OnnxRuntime({
    providers: ["cpu"],
    cacheBytes: 1 << 26,
    maxBatchRows: 4096,
    maxDelayMs: 0,
    ...overrides,
  });
}

const bytesOf = (m: TestModel) => () => Promise.resolve(m.bytes);
const rowsOf = (m: TestModel, x: Float32Array): Record<string, Tensor> => ({
  [m.input]: { type: "float32", dims: [x.length / m.d, m.d], data: x },
});

function assertClose(got: ArrayLike<number>, want: number[], what: string): void {
  assert.equal(got.length, want.length, what);
  for (let i = 0; i < want.length; i++) {
    const tol = 2e-5 * Math.max(1, Math.abs(want[i])) + 1e-5;
    assert.ok(Math.abs(got[i] - want[i]) <= tol, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
}

Deno.test("32 concurrent one-row evaluations run in far fewer session runs, each with its own rows", async () => {
  // No batching delay: the first runs at once, the others gather while it is in flight.
  const rt = runtime();
  try {
    const model = mlp();
    const rng = Rng.fromSeed(3);
    const xs = Array.from({ length: 32 }, () => randomRows(model, 1, () => rng.next()));
    const answers = await Promise.all(
      xs.map((x) => rt.evaluate("mlp", bytesOf(model), rowsOf(model, x))),
    );
    const status = rt.status();
    assert.equal(status.evaluations, 32);
    assert.ok(status.sessionRuns <= 4, `${status.sessionRuns} session runs for 32 evaluations`);
    answers.forEach((a, i) => {
      assert.deepEqual(a.outputs.y.dims, [1, 1]);
      assertClose(a.outputs.y.data as Float32Array, referenceOf(model, xs[i]), `caller ${i}`);
      assert.equal(a.provider, "cpu");
    });
    const merged = answers.filter((a) => a.batchRows > 1).length;
    assert.ok(merged >= 31, `${merged} of 32 ran in a merged batch (all but the first)`);
    const [counts] = status.models;
    assert.equal(counts.model, "mlp");
    assert.equal(counts.rows, 32);
    assert.ok(counts.meanBatchRows >= 8);
  } finally {
    await rt.close();
  }
});

Deno.test("requests of several rows are stacked and cut back exactly; maxBatchRows bounds a run", async () => {
  const rt = runtime({ maxBatchRows: 8 });
  try {
    const model = branin();
    const rng = Rng.fromSeed(5);
    const sizes = [3, 5, 1, 4, 2, 7, 6];
    const xs = sizes.map((n) => randomRows(model, n, () => rng.next()));
    const answers = await Promise.all(
      xs.map((x) => rt.evaluate("branin", bytesOf(model), rowsOf(model, x))),
    );
    answers.forEach((a, i) => {
      assert.deepEqual(a.outputs.y.dims, [sizes[i]]);
      assertClose(a.outputs.y.data as Float32Array, referenceOf(model, xs[i]), `caller ${i}`);
      assert.ok(a.batchRows <= 8);
    });
    const runs = rt.status().sessionRuns;
    assert.ok(runs >= 4 && runs < sizes.length, `${runs} runs for 28 rows in batches of ≤ 8`);
    // One request above maxBatchRows runs alone.
    const big = randomRows(model, 20, () => rng.next());
    const a = await rt.evaluate("branin", bytesOf(model), rowsOf(model, big));
    assert.equal(a.batchRows, 20);
    assertClose(a.outputs.y.data as Float32Array, referenceOf(model, big), "big");
  } finally {
    await rt.close();
  }
});

Deno.test("a model with a fixed first dim is never batched", async () => {
  const rt = runtime();
  try {
    const model = imageDecoder();
    const rng = Rng.fromSeed(7);
    const zs = Array.from({ length: 4 }, () => randomRows(model, 1, () => rng.next()));
    const answers = await Promise.all(
      zs.map((z) => rt.evaluate("dec", bytesOf(model), rowsOf(model, z))),
    );
    assert.equal(rt.status().sessionRuns, 4);
    answers.forEach((a, i) => {
      assert.deepEqual(a.outputs.image.dims, [1, 3, 8, 8]);
      assert.equal(a.batchRows, 1);
      assertClose(a.outputs.image.data as Float32Array, referenceOf(model, zs[i]), `image ${i}`);
    });
  } finally {
    await rt.close();
  }
});

Deno.test("providers that fail are logged once with onnxruntime's reason, and the next one runs", async () => {
  const warnings: Record<string, unknown>[] = [];
  const log: Logger = {
    debug() {},
    info() {},
    warn: (msg, fields) => warnings.push({ msg, ...fields }),
    error() {},
  };
  const rt = runtime({ providers: ["cuda", "webgpu", "cpu"], log });
  try {
    for (const [key, model] of [["a", branin()], ["b", mlp()], ["a", branin()]] as const) {
      const x = randomRows(model, 2, Math.random);
      const r = await rt.evaluate(key, bytesOf(model), rowsOf(model, x));
      const states = rt.status().providers.states;
      assert.equal(states.find((s) => s.name === r.provider)?.state, "available");
      if (r.provider === "cpu") {
        // This machine: no CUDA libraries, no GPU adapter.
        for (const name of ["cuda", "webgpu"]) {
          const s = states.find((p) => p.name === name)!;
          assert.equal(s.state, "unavailable");
          assert.ok(s.reason && s.reason.length > 0);
        }
        const cuda = states.find((p) => p.name === "cuda")!;
        assert.match(cuda.reason!, /libonnxruntime_providers_shared\.so|CUDA/);
      }
    }
    const unavailable = rt.status().providers.states.filter((s) => s.state === "unavailable");
    assert.equal(warnings.length, unavailable.length, "one warning per failed provider");
    assert.deepEqual(rt.status().providers.requested, ["cuda", "webgpu", "cpu"]);
    assert.match(rt.renderMetrics(), /minima_onnx_provider_available\{provider="cpu"\} 1/);
  } finally {
    await rt.close();
  }
});

Deno.test("inputs are checked against the signature: 422 problems naming inputs.<name>", async () => {
  const rt = runtime();
  const model = branin();
  const call = (inputs: Record<string, Tensor>) => rt.evaluate("branin", bytesOf(model), inputs);
  const rejects = async (inputs: Record<string, Tensor>, field: string, rule: string) => {
    const error = await call(inputs).then(() => null, (e) => e);
    assert.ok(error instanceof Problem, String(error));
    assert.equal(error.status, 422);
    assert.ok(
      error.errors?.some((i) => i.field === field && i.rule === rule),
      JSON.stringify(error.errors),
    );
  };
  try {
    const f32 = (dims: number[]) => new Float32Array(dims.reduce((a, b) => a * b, 1));
    await rejects(
      { x: { type: "float64", dims: [1, 2], data: new Float64Array(2) } },
      "inputs.x",
      "type",
    );
    await rejects({ x: { type: "float32", dims: [1, 3], data: f32([1, 3]) } }, "inputs.x", "shape");
    await rejects({ x: { type: "float32", dims: [2], data: f32([2]) } }, "inputs.x", "rank");
    await rejects({ x: { type: "float32", dims: [2, 2], data: f32([1, 2]) } }, "inputs.x", "size");
    await rejects({}, "inputs.x", "missing_input");
    await rejects(
      {
        x: { type: "float32", dims: [1, 2], data: f32([1, 2]) },
        w: { type: "float32", dims: [1], data: f32([1]) },
      },
      "inputs.w",
      "unknown_input",
    );
    assert.equal(rt.status().sessionRuns, 0, "nothing wrong reached a session");
  } finally {
    await rt.close();
  }
});

Deno.test("bytes that are not a model are ModelInvalid, with onnxruntime's reason", async () => {
  const rt = runtime({ providers: ["cuda", "cpu"] });
  try {
    const junk = new TextEncoder().encode("definitely not protobuf");
    const e1 = await rt.inspect(junk).then(() => null, (e) => e);
    assert.ok(e1 instanceof ModelInvalid, String(e1));
    assert.ok(e1.message.length > 0);
    const e2 = await rt.evaluate("junk", () => Promise.resolve(junk), {}).then(
      () => null,
      (e) => e,
    );
    assert.ok(e2 instanceof ModelInvalid, String(e2));
    // A model no provider loads marks no provider unavailable.
    assert.ok(rt.status().providers.states.every((s) => s.state === "untried"));
  } finally {
    await rt.close();
  }
});

Deno.test("sessions are cached by model bytes, least recently used out, and reloaded on demand", async () => {
  const a = branin();
  const b = mlp();
  const rt = runtime({ cacheBytes: Math.max(a.bytes.length, b.bytes.length) + 16 });
  let loads = 0;
  const counted = (m: TestModel) => () => {
    loads++;
    return Promise.resolve(m.bytes);
  };
  try {
    const dir = await Deno.makeTempDir();
    const path = `${dir}/branin.onnx`;
    await Deno.writeFile(path, a.bytes);
    const byPath = () => {
      loads++;
      return Promise.resolve(path);
    };
    await rt.evaluate("a", byPath, rowsOf(a, randomRows(a, 1, Math.random)));
    await rt.evaluate("a", byPath, rowsOf(a, randomRows(a, 1, Math.random)));
    assert.equal(loads, 1, "a cached session is not loaded again");
    await rt.evaluate("b", counted(b), rowsOf(b, randomRows(b, 1, Math.random)));
    let s = rt.status().cache;
    assert.equal(s.sessions, 1);
    assert.equal(s.evictions, 1);
    assert.deepEqual(s.loaded.map((l) => l.model), ["b"]);
    const x = randomRows(a, 3, Math.random);
    const r = await rt.evaluate("a", counted(a), rowsOf(a, x));
    assertClose(r.outputs.y.data as Float32Array, referenceOf(a, x), "reloaded");
    assert.equal(loads, 3);
    s = rt.status().cache;
    assert.equal(s.evictions, 2);
    assert.ok(s.bytes <= s.limitBytes);
    await Deno.remove(dir, { recursive: true });
  } finally {
    await rt.close();
  }
});

Deno.test("metrics: evaluations, rows, session runs, batch sizes and latency by model and provider", async () => {
  const rt = runtime();
  try {
    const model = mlp();
    await Promise.all(
      [1, 2, 3].map(() =>
        rt.evaluate("m1", bytesOf(model), rowsOf(model, randomRows(model, 2, Math.random)))
      ),
    );
    const text = rt.renderMetrics();
    assert.match(text, /minima_onnx_evaluations_total\{model="m1",provider="cpu"\} 3/);
    assert.match(text, /minima_onnx_rows_total\{model="m1",provider="cpu"\} 6/);
    // The first runs at once (2 rows), the two that queued during it together (4 rows).
    assert.match(text, /minima_onnx_session_runs_total\{model="m1",provider="cpu"\} 2/);
    assert.match(text, /minima_onnx_batch_rows_bucket\{model="m1",provider="cpu",le="2"\} 1/);
    assert.match(text, /minima_onnx_batch_rows_bucket\{model="m1",provider="cpu",le="4"\} 2/);
    assert.match(
      text,
      /minima_onnx_evaluation_duration_seconds_count\{model="m1",provider="cpu"\} 3/,
    );
    assert.match(text, /minima_onnx_sessions 1/);
  } finally {
    await rt.close();
  }
  await assert.rejects(
    rt.evaluate("m1", bytesOf(mlp()), {}),
    (e: unknown) => e instanceof Problem && e.status === 503,
  );
});

Deno.test("only GPU providers asked for, none loading here: a 503 logged once; bytes that are not ONNX are ModelInvalid", async () => {
  const warnings: unknown[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
  const rt = runtime({ providers: ["cuda"], log });
  try {
    const model = branin();
    const junk = new TextEncoder().encode("definitely not protobuf");
    const truncated = model.bytes.subarray(0, Math.floor(model.bytes.length / 2));
    for (const bytes of [junk, truncated]) {
      const error = await rt.inspect(bytes).then(() => null, (e) => e);
      assert.ok(error instanceof ModelInvalid, String(error));
    }
    for (let i = 0; i < 2; i++) {
      const result = await rt.inspect(model.bytes).then((s) => s, (e) => e);
      if (!(result instanceof Error)) {
        assert.equal(result.provider, "cuda"); // a host with CUDA
        continue;
      }
      assert.ok(result instanceof Problem && result.status === 503, String(result));
      assert.match(result.message, /cuda: /);
      assert.equal(rt.status().providers.states[0].state, "unavailable");
      assert.equal(warnings.length, 1, "logged once");
    }
    const error = await rt.evaluate("junk", () => Promise.resolve(junk), {}).then(
      () => null,
      (e) => e,
    );
    assert.ok(error instanceof ModelInvalid, String(error));
  } finally {
    await rt.close();
  }
});

Deno.test("only models whose inputs and outputs share dim 0's symbol are batched, never across scopes", async () => {
  // Batches go when four rows are queued (the delay never ends one).
  const rt = runtime({ maxBatchRows: 4, maxDelayMs: 60_000 });
  try {
    const other = encodeModel({
      inputs: [{ name: "x", type: "float32", shape: ["N", 2] }],
      outputs: [{ name: "y", type: "float32", shape: ["M", 2] }],
      nodes: [{ op: "Identity", inputs: ["x"], outputs: ["y"] }],
    });
    const x = { x: { type: "float32" as const, dims: [1, 2], data: Float32Array.of(1, 2) } };
    const alone = await Promise.all(
      [1, 2, 3, 4].map(() => rt.evaluate("other", () => Promise.resolve(other), x)),
    );
    assert.equal(rt.status().sessionRuns, 4, "an output's dim 0 named M is not N: never merged");
    assert.ok(alone.every((a) => a.batchRows === 1));
    const model = branin();
    const scoped = await Promise.all(
      ["p1", "p2", "p1", "p2"].map((scope) =>
        rt.evaluate("branin", bytesOf(model), rowsOf(model, Float32Array.of(1, 2)), scope)
      ),
    );
    assert.equal(rt.status().sessionRuns, 6, "one run per scope");
    assert.ok(scoped.every((a) => a.batchRows === 2));
  } finally {
    await rt.close();
  }
});

Deno.test("a model is inspected from a file path as from its bytes", async () => {
  const rt = runtime();
  const dir = await Deno.makeTempDir();
  try {
    const model = mlp();
    const path = `${dir}/mlp.onnx`;
    await Deno.writeFile(path, model.bytes);
    assert.deepEqual(await rt.inspect(path), await rt.inspect(model.bytes));
    assert.deepEqual(await readModelHeaderFile(path), readModelHeader(model.bytes));
    await Deno.writeFile(path, model.bytes.subarray(0, model.bytes.length - 7));
    await assert.rejects(rt.inspect(path), ModelInvalid);
  } finally {
    await rt.close();
    await Deno.remove(dir, { recursive: true });
  }
});
