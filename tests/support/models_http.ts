/**
 * What the model tests share: an app with a real ONNX runtime (CPU) per
 * backend, uploads of raw bytes (the harness sends only text bodies) checked
 * against the documented contract, and small models built in code for the
 * cases the benchmark models do not cover (constants, uint8 inputs, more
 * than one 1 MiB chunk).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { encodeModel, OnnxRuntime } from "../../src/evaluators/onnx/mod.ts";
import { responseMismatch } from "./contract.ts";
import { testBackends } from "./db.ts";
import { type Reply, startTestApp, type TestApp, type TestAppOptions } from "./harness.ts";

/**
 * Runs `body` once per backend as one Deno test, with an app whose services
 * hold an ONNX runtime on the CPU (closed after the test), and `options`.
 */
export function describeWithModels(
  name: string,
  body: (t: Deno.TestContext, app: TestApp, onnx: OnnxRuntime) => Promise<void>,
  options: TestAppOptions = {},
): void {
  for (const backend of testBackends()) {
    Deno.test(`${name} [${backend}]`, async (t) => {
      const onnx = new OnnxRuntime({
        providers: ["cpu"],
        cacheBytes: 64 << 20,
        maxBatchRows: 4096,
        maxDelayMs: 1,
      });
      const app = await startTestApp(backend, { onnx, maxModelBytes: MAX_MODEL_BYTES, ...options });
      try {
        await body(t, app, onnx);
      } finally {
        await app.close();
        await onnx.close();
      }
    });
  }
}

/** The model limit of the test apps. */
export const MAX_MODEL_BYTES = 2 * 1024 * 1024;

/** Sends a model's bytes to uploadModel (the harness sends only text bodies). */
export async function upload(
  app: TestApp,
  name: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  headers: Record<string, string> = { "content-type": "application/octet-stream" },
): Promise<Reply> {
  const path = `/v1/models?name=${encodeURIComponent(name)}`;
  const res = await app.app.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${app.projectKey}`, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await res.text();
  const parsed = /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : text;
  const mismatch = responseMismatch(app.app, {
    method: "POST",
    path,
    status: res.status,
    contentType: res.headers.get("content-type"),
    body: parsed,
    text,
  });
  if (mismatch) throw new Error(mismatch);
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Hex SHA-256. */
export const hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const f32 = (name: string, dims: number[], data: number[]) => ({
  name,
  type: "float32" as const,
  dims,
  data,
});

/**
 * y = sum(x * w, axis 1) + bias and root = sqrt(y) (NaN below 0), with w a
 * per-row constant [N, 2] and bias a fixed one [1]; z = x + w is [N, 2].
 */
export function scaledModel(): Uint8Array {
  return encodeModel({
    inputs: [
      { name: "x", type: "float32", shape: ["N", 2] },
      { name: "w", type: "float32", shape: ["N", 2] },
      { name: "bias", type: "float32", shape: [1] },
    ],
    outputs: [
      { name: "y", type: "float32", shape: ["N"] },
      { name: "root", type: "float32", shape: ["N"] },
      { name: "z", type: "float32", shape: ["N", 2] },
    ],
    initializers: [{ name: "axes", type: "int64", dims: [1], data: [1] }],
    nodes: [
      { op: "Mul", inputs: ["x", "w"], outputs: ["xw"] },
      {
        op: "ReduceSum",
        inputs: ["xw", "axes"],
        outputs: ["s"],
        attributes: { keepdims: { int: 0 } },
      },
      { op: "Add", inputs: ["s", "bias"], outputs: ["y"] },
      { op: "Sqrt", inputs: ["y"], outputs: ["root"] },
      { op: "Add", inputs: ["x", "w"], outputs: ["z"] },
    ],
  });
}

/** x: uint8 [N, 1] → y = float(x) [N]. */
export function uint8Model(): Uint8Array {
  return encodeModel({
    inputs: [{ name: "x", type: "uint8", shape: ["N", 1] }],
    outputs: [{ name: "y", type: "float32", shape: ["N"] }],
    initializers: [{ name: "axes", type: "int64", dims: [1], data: [1] }],
    nodes: [
      { op: "Cast", inputs: ["x"], outputs: ["xf"], attributes: { to: { int: 1 } } },
      { op: "Squeeze", inputs: ["xf", "axes"], outputs: ["y"] },
    ],
  });
}

/** A model of more than one 1 MiB chunk: x [N, 4] · W [4, 80000] summed. */
export function largeModel(): Uint8Array {
  const cols = 80_000;
  const w = Array.from({ length: 4 * cols }, (_, i) => Math.sin(i * 0.37));
  return encodeModel({
    inputs: [{ name: "x", type: "float32", shape: ["N", 4] }],
    outputs: [{ name: "y", type: "float32", shape: ["N"] }],
    initializers: [f32("W", [4, cols], w), { name: "axes", type: "int64", dims: [1], data: [1] }],
    nodes: [
      { op: "MatMul", inputs: ["x", "W"], outputs: ["xw"] },
      {
        op: "ReduceSum",
        inputs: ["xw", "axes"],
        outputs: ["y"],
        attributes: { keepdims: { int: 0 } },
      },
    ],
  });
}

/** Equal within a relative tolerance (float32 models against float64 references). */
export function assertClose(actual: ArrayLike<number | null>, expected: number[], tol = 1e-4) {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as number;
    assert.ok(
      Math.abs(a - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])),
      `${i}: ${a} vs ${expected[i]}`,
    );
  }
}

/** The first issue of a problem answer of `status`. */
export function issueOf(r: Reply, status = 422): { field: string; rule: string; message: string } {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  return r.body.errors?.[0] ?? { field: "", rule: "", message: r.body.detail };
}

let seed = 7;
/** A seeded uniform draw in [0, 1). */
export const next = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
