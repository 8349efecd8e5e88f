/**
 * The Worker that holds onnxruntime's sessions and runs them.
 *
 * onnxruntime-node 1.30 loads a model and runs a session synchronously on
 * the calling thread (its `run` only defers the call with setImmediate), so
 * on the event loop every run would stop every other request for its
 * duration, and loading a large model for seconds. Here those calls block
 * only this thread. The messages are defined in `host.ts`, the other side.
 */
/// <reference lib="deno.worker" />
import * as ort from "onnxruntime-node";
import type { HostRequest, LoadedModel, ProviderFailure, WireTensor, WorkerReply } from "./host.ts";

const sessions = new Map<string, ort.InferenceSession>();

/**
 * onnxruntime's intra-op threads wait for work by spinning, and by default
 * they go on spinning for a while after a run ends: a core each, taken from
 * the event loop that must answer this run's request and read the next one
 * (and from the database and the clients on a small host). A process that
 * does nothing but run sessions back to back gains from it; this one loses
 * more. So spinning stops when a run ends (onnxruntime's
 * `session.force_spinning_stop`): within a run the threads still hand work
 * to each other as fast as they can, between runs they sleep. On the bench's
 * 2-core host, evaluateModel of 4,096 rows of a surrogate-size MLP (a 13 ms
 * run) spent about 3.5 ms less CPU a request than with spinning between
 * runs and answered 0.1–0.7 ms sooner (more under load); with no spinning
 * at all (`intra_op.allow_spinning` 0, a wake-up for each parallel step of
 * a run) it answered 1–1.5 ms later.
 */
const SPINNING = { extra: { session: { force_spinning_stop: "1" } } };

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}

function describe(meta: readonly ort.InferenceSession.ValueMetadata[]) {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, type: m.type as string, shape: [...m.shape] }
      : { name: m.name, type: "non-tensor", shape: [] }
  );
}

async function load(request: Extract<HostRequest, { op: "load" }>): Promise<LoadedModel> {
  const failures: ProviderFailure[] = [];
  for (const provider of request.providers) {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider.ep as ort.InferenceSession.ExecutionProviderConfig],
      graphOptimizationLevel: "all",
      ...(request.threads ? { intraOpNumThreads: request.threads } : {}),
      ...SPINNING,
    };
    try {
      const session = typeof request.source === "string"
        ? await ort.InferenceSession.create(request.source, options)
        : await ort.InferenceSession.create(request.source, options);
      await sessions.get(request.key)?.release();
      sessions.set(request.key, session);
      return {
        provider: provider.name,
        failures,
        inputs: describe(session.inputMetadata),
        outputs: describe(session.outputMetadata),
      };
    } catch (error) {
      failures.push({ provider: provider.name, reason: reason(error) });
    }
  }
  throw Object.assign(new Error(failures.at(-1)?.reason ?? "no execution provider to try"), {
    failures,
  });
}

async function run(request: Extract<HostRequest, { op: "run" }>) {
  const session = sessions.get(request.key);
  if (!session) throw new Error(`no session for model ${request.key}`);
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(request.feeds)) {
    feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
  }
  const results = await session.run(feeds);
  const outputs: Record<string, WireTensor> = {};
  const transfer = new Set<ArrayBuffer>();
  for (const [name, value] of Object.entries(results)) {
    const t = value as ort.Tensor;
    outputs[name] = {
      type: t.type as WireTensor["type"],
      dims: [...t.dims],
      data: t.data as WireTensor["data"],
    };
    transfer.add(outputs[name].data.buffer as ArrayBuffer);
  }
  return { outputs, transfer: [...transfer] };
}

self.onmessage = async (event: MessageEvent<HostRequest>) => {
  const request = event.data;
  const reply = (message: WorkerReply, transfer: Transferable[] = []) =>
    self.postMessage(message, transfer);
  try {
    if (request.op === "load") {
      reply({ id: request.id, ok: true, loaded: await load(request) });
    } else if (request.op === "run") {
      const { outputs, transfer } = await run(request);
      reply({ id: request.id, ok: true, outputs }, transfer);
    } else {
      const session = sessions.get(request.key);
      sessions.delete(request.key);
      await session?.release();
      reply({ id: request.id, ok: true });
    }
  } catch (error) {
    const failures = (error as { failures?: ProviderFailure[] }).failures;
    reply({ id: request.id, ok: false, error: reason(error), failures });
  }
};
