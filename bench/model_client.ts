/**
 * What bench/models.ts needs beyond bench/api.ts: uploading a model's bytes,
 * evaluateModel with `dataBase64` both ways (the JSON form for large
 * batches) and with a binary body and answer (the cheapest form),
 * studies whose objective is a model, runs
 * followed to their end through watchRun, the same model in onnxruntime-node
 * in this process (the raw baseline), and alternating timed repetitions.
 */
import * as ort from "onnxruntime-node";
import type { TestModel } from "../tests/support/onnx_models.ts";
import type { Api } from "./api.ts";
import { median } from "./measure.ts";

/** Uploads a model's bytes (uploadModel takes application/octet-stream); returns its id. */
export async function uploadModel(api: Api, name: string, bytes: Uint8Array): Promise<string> {
  const r = await fetch(`${api.base}/v1/models?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${api.key}`,
      "content-type": "application/octet-stream",
    },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  const text = await r.text();
  if (r.status !== 201) throw new Error(`uploadModel ${name}: ${r.status} ${text.slice(0, 500)}`);
  return JSON.parse(text).id;
}

/** A float32 batch as evaluateModel takes it: `[rows, d]`, little-endian bytes in base64. */
export function base64Input(rows: Float32Array, d: number) {
  const bytes = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
  return { shape: [rows.length / d, d], dataBase64: bytes.toBase64() };
}

/** An output as evaluateModel gives it with `outputEncoding: "base64"`. */
export interface Base64Output {
  type: string;
  shape: number[];
  dataBase64: string;
}

/** A float32 output's values. */
export function float32Output(t: Base64Output): Float32Array {
  return new Float32Array(Uint8Array.fromBase64(t.dataBase64).buffer);
}

/** What evaluateModel answers (the parts the bench reads). */
export interface Evaluation {
  outputs: Record<string, Base64Output>;
  provider: string;
  batchRows: number;
  ms: number;
}

/** POST /v1/models/{id}/evaluate of one input, outputs as base64; timed by `api` as "evaluate". */
export function evaluate(
  api: Api,
  modelId: string,
  input: string,
  tensor: ReturnType<typeof base64Input>,
): Promise<Evaluation> {
  return api.call<Evaluation>(
    "POST",
    `/v1/models/${modelId}/evaluate`,
    { inputs: { [input]: tensor }, outputEncoding: "base64" },
    "evaluate",
  );
}

/**
 * A float32 batch as evaluateModel's binary body takes it (the documented
 * cheapest form: src/services/models_binary.ts): the JSON header, then the
 * rows' little-endian bytes; built once, sent as is.
 */
export function binaryInput(input: string, rows: Float32Array, d: number) {
  const header = new TextEncoder().encode(
    JSON.stringify({ inputs: { [input]: { shape: [rows.length / d, d] } } }),
  );
  const body = new Uint8Array(header.length + rows.byteLength);
  body.set(header);
  body.set(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength), header.length);
  return { body, headerLength: header.length };
}

/** What a binary answer gives the bench: the header's fields, each output's values. */
export interface BinaryEvaluation {
  outputs: Record<string, Float32Array>;
  provider: string;
  batchRows: number;
  ms: number;
}

/**
 * POST /v1/models/{id}/evaluate with a binary body (`binaryInput`),
 * answered in bytes (`Accept: application/octet-stream`); float32 outputs.
 */
export async function evaluateBinary(
  api: Api,
  modelId: string,
  request: ReturnType<typeof binaryInput>,
): Promise<BinaryEvaluation> {
  const r = await fetch(`${api.base}/v1/models/${modelId}/evaluate`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${api.key}`,
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(request.headerLength),
      accept: "application/octet-stream",
      connection: "keep-alive",
    },
    body: request.body as Uint8Array<ArrayBuffer>,
  });
  const bytes = new Uint8Array(await r.arrayBuffer());
  if (r.status !== 200) {
    throw new Error(`evaluate: ${r.status} ${new TextDecoder().decode(bytes.subarray(0, 500))}`);
  }
  const length = Number(r.headers.get("inference-header-content-length"));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, length)));
  const outputs: Record<string, Float32Array> = {};
  let at = length;
  for (
    const [name, o] of Object.entries(header.outputs as Record<string, { byteLength: number }>)
  ) {
    outputs[name] = new Float32Array(bytes.slice(at, at + o.byteLength).buffer);
    at += o.byteLength;
  }
  return { outputs, provider: header.provider, batchRows: header.batchRows, ms: header.ms };
}

/** The space of a test model: `x0 … x{d-1}` over its domain. */
export function modelSpace(model: TestModel) {
  return {
    parameters: Array.from({ length: model.d }, (_, i) => ({
      name: `x${i}`,
      type: "float",
      min: model.lower,
      max: model.upper,
    })),
  };
}

/**
 * A study over the model's domain minimising "value": evaluated by the
 * model (`modelId`), or, without it, by whoever reports (an HTTP client).
 */
export async function createModelStudy(
  api: Api,
  name: string,
  model: TestModel,
  algorithm: { name: string; config?: Record<string, unknown>; seed: number },
  modelId?: string,
): Promise<string> {
  const metrics = [{ name: "value", goal: "minimize" }];
  const study = await api.call<{ id: string }>("POST", "/v1/studies", {
    name,
    space: modelSpace(model),
    objective: modelId
      ? {
        metrics,
        evaluator: { model: modelId, input: model.input, outputs: { value: model.output } },
      }
      : { metrics },
    algorithm: { config: {}, ...algorithm },
  }, "setup");
  return study.id;
}

/** A run as getRun shows it (the parts the bench reads). */
export interface RunOut {
  id: string;
  state: string;
  completed: number;
  reason: string | null;
  stopReason: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/**
 * Starts a run and follows it through watchRun (the stream ends at the
 * run's final state); returns the run and the seconds from the POST to the
 * stream's end. Throws unless the run SUCCEEDED.
 */
export async function runToEnd(
  api: Api,
  studyId: string,
  body: { budget: number; batchSize?: number },
  timeoutSeconds = 900,
): Promise<{ run: RunOut; seconds: number }> {
  const path = `/v1/studies/${studyId}/runs`;
  const started = performance.now();
  const queued = await api.call<RunOut>("POST", path, body, "startRun");
  const r = await fetch(`${api.base}${path}/${queued.id}/events`, {
    headers: { authorization: `Bearer ${api.key}` },
    signal: AbortSignal.timeout(timeoutSeconds * 1000),
  });
  if (r.status !== 200) throw new Error(`watchRun: ${r.status} ${await r.text()}`);
  await r.text();
  const seconds = (performance.now() - started) / 1000;
  const run = await api.call<RunOut>("GET", `${path}/${queued.id}`, undefined, "setup");
  if (run.state !== "SUCCEEDED") {
    throw new Error(`run ${run.id} ended ${run.state}: ${run.reason ?? run.stopReason}`);
  }
  return { run, seconds };
}

/**
 * The model in onnxruntime-node in this process: the raw baseline. The
 * computation is set as minima's worker sets it (src/evaluators/onnx/
 * worker.ts: the provider, all graph optimizations); the threads keep
 * onnxruntime's defaults, which go on spinning between runs: minima's
 * worker stops them when a run ends (it shares the cores with an event
 * loop), while a process that runs nothing but back-to-back sessions gains
 * from spinning, so the baseline is the faster of the two. `run` evaluates
 * one float32 batch and returns the first output.
 */
export async function rawSession(model: TestModel, provider: string) {
  const session = await ort.InferenceSession.create(model.bytes, {
    executionProviders: [provider as ort.InferenceSession.ExecutionProviderConfig],
    graphOptimizationLevel: "all",
  });
  return {
    async run(rows: Float32Array): Promise<ort.Tensor> {
      const out = await session.run({
        [model.input]: new ort.Tensor("float32", rows, [rows.length / model.d, model.d]),
      });
      return out[model.output] as ort.Tensor;
    },
    release: () => session.release(),
  };
}

/** One side of a comparison: does its work once and says how much (trials, rows, requests). */
export interface Task {
  label: string;
  /** One repetition; `rep` is -1 for the warm-up. Returns the work done and its seconds. */
  once(rep: number): Promise<{ count: number; seconds: number }>;
}

/** A task's rates over the repetitions (count per second). */
export interface Rates {
  label: string;
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/**
 * A warm-up of each task, then `reps` rounds in which each task runs once,
 * in turn (A B A B …), so that a figure and its baseline share the same
 * stretch of time; each task's rates summarised by their median. With
 * `rotate`, each round begins one task later, so that no task always
 * follows the same one (a raw session's threads spin on for a moment after
 * its turn, on the cores the next turn uses).
 */
export async function alternate(
  reps: number,
  tasks: Task[],
  warmup = true,
  rotate = false,
): Promise<Rates[]> {
  if (warmup) { for (const t of tasks) await t.once(-1); }
  const runs = tasks.map(() => [] as number[]);
  for (let rep = 0; rep < reps; rep++) {
    // Rotated, each task follows each other equally often (A B C, B C A, C A B, …).
    const order = tasks.map((_, k) => rotate ? (k + rep) % tasks.length : k);
    for (const i of order) {
      const { count, seconds } = await tasks[i].once(rep);
      runs[i].push(count / seconds);
    }
  }
  return tasks.map((t, i) => ({
    label: t.label,
    median: median(runs[i]),
    min: Math.min(...runs[i]),
    max: Math.max(...runs[i]),
    runs: runs[i].map((x) => Math.round(x * 10) / 10),
  }));
}

/** A task that repeats `step` (which returns the work it did) for `seconds`. */
export function timeBoxed(
  label: string,
  seconds: number,
  step: () => Promise<number>,
): Task {
  return {
    label,
    async once() {
      let count = 0;
      const start = performance.now();
      const deadline = start + seconds * 1000;
      while (performance.now() < deadline) count += await step();
      return { count, seconds: (performance.now() - start) / 1000 };
    },
  };
}

/** The 1-, 5- and 15-minute load averages. */
export function loadAverage(): string {
  return Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
}
