/**
 * GPU check of the ONNX runtime: builds an MLP with minima's writer, runs
 * it on each execution provider (cpu first, as the reference), checks that
 * the outputs agree, and prints rows/s: one large batch, and many one-row
 * evaluations merged by the dynamic batcher. A provider that does not load
 * here is printed with onnxruntime's reason. Run by scripts/gpu_check.sh.
 */
import { encodeModel, OnnxRuntime, type Tensor } from "../src/evaluators/onnx/mod.ts";

const D = 64;
const H = 256;
const ROWS = Number(Deno.env.get("GPU_CHECK_ROWS") ?? 65_536);
const REPEATS = Number(Deno.env.get("GPU_CHECK_REPEATS") ?? 5);
const SINGLES = Number(Deno.env.get("GPU_CHECK_SINGLES") ?? 2048);

const fill = (n: number, seed: number, scale: number) =>
  Float32Array.from({ length: n }, (_, i) => scale * Math.sin(seed * 7.31 + i * 1.618));

const model = encodeModel({
  name: "gpu_check_mlp",
  inputs: [{ name: "x", type: "float32", shape: ["N", D] }],
  outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
  initializers: [
    { name: "W1", type: "float32", dims: [D, H], data: fill(D * H, 1, 1 / Math.sqrt(D)) },
    { name: "b1", type: "float32", dims: [H], data: fill(H, 2, 0.1) },
    { name: "W2", type: "float32", dims: [H, H], data: fill(H * H, 3, 1 / Math.sqrt(H)) },
    { name: "b2", type: "float32", dims: [H], data: fill(H, 4, 0.1) },
    { name: "W3", type: "float32", dims: [H, 1], data: fill(H, 5, 1 / Math.sqrt(H)) },
  ],
  nodes: [
    { op: "Gemm", inputs: ["x", "W1", "b1"], outputs: ["h1"] },
    { op: "Tanh", inputs: ["h1"], outputs: ["a1"] },
    { op: "Gemm", inputs: ["a1", "W2", "b2"], outputs: ["h2"] },
    { op: "Tanh", inputs: ["h2"], outputs: ["a2"] },
    { op: "MatMul", inputs: ["a2", "W3"], outputs: ["y"] },
  ],
});
const key = "gpu-check";
const load = () => Promise.resolve(model);
const x = fill(ROWS * D, 6, 1);
const batch: Record<string, Tensor> = { x: { type: "float32", dims: [ROWS, D], data: x } };

let reference: Float32Array | null = null;
let failed = false;
console.log(`model: MLP ${D}→${H}→${H}→1, ${model.length} bytes; batch ${ROWS} rows × ${REPEATS}`);
for (const provider of ["cpu", "webgpu", "cuda"]) {
  const runtime = new OnnxRuntime({
    providers: [provider],
    cacheBytes: 1 << 30,
    maxBatchRows: 4096,
    maxDelayMs: 2,
  });
  try {
    const first = await runtime.evaluate(key, load, batch); // loads and warms up
    const y = first.outputs.y.data as Float32Array;
    let agree = "reference";
    if (reference) {
      let worst = 0;
      for (let i = 0; i < y.length; i++) {
        worst = Math.max(
          worst,
          Math.abs(y[i] - reference[i]) / Math.max(1, Math.abs(reference[i])),
        );
      }
      const ok = worst <= 1e-3;
      failed ||= !ok;
      agree = `${ok ? "agrees" : "DISAGREES"} with cpu (max rel. diff ${worst.toExponential(2)})`;
    } else reference = y;
    let t0 = performance.now();
    for (let r = 0; r < REPEATS; r++) await runtime.evaluate(key, load, batch);
    const batchRate = (ROWS * REPEATS) / ((performance.now() - t0) / 1000);
    t0 = performance.now();
    await Promise.all(
      Array.from({ length: SINGLES }, (_, i) =>
        runtime.evaluate(key, load, {
          x: { type: "float32", dims: [1, D], data: x.subarray(i * D, (i + 1) * D) },
        })),
    );
    const singleRate = SINGLES / ((performance.now() - t0) / 1000);
    const runs = runtime.status().models[0].sessionRuns - 1 - REPEATS;
    console.log(
      `${provider.padEnd(6)} ${agree}; ${Math.round(batchRate).toLocaleString("en")} rows/s ` +
        `in batches of ${ROWS}; ${Math.round(singleRate).toLocaleString("en")} one-row ` +
        `evaluations/s (${SINGLES} concurrent, ${runs} session runs)`,
    );
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    console.log(`${provider.padEnd(6)} unavailable: ${reason}`);
    if (provider === "cpu") failed = true;
  } finally {
    await runtime.close();
  }
}
Deno.exit(failed ? 1 : 0);
