/**
 * The ONNX worker (src/evaluators/onnx/worker.ts) with faults on cue, for
 * the runtime's failure paths: a run of more than one row fails as
 * onnxruntime would (so a merged batch falls back to running each request
 * alone), and a run whose first value is 666 kills the worker (an uncaught
 * error), as a crash inside onnxruntime would.
 */
/// <reference lib="deno.worker" />
import "../../src/evaluators/onnx/worker.ts";
import type { HostRequest } from "../../src/evaluators/onnx/host.ts";

/** The first input value that makes a run kill the worker. */
export const CRASH_VALUE = 666;

const real = self.onmessage!;
self.onmessage = function (event: MessageEvent<HostRequest>) {
  const request = event.data;
  if (request.op === "run") {
    const [first] = Object.values(request.feeds);
    if (first.dims[0] > 1) {
      self.postMessage({ id: request.id, ok: false, error: "this model runs one row at a time" });
      return;
    }
    if (Number(first.data[0]) === CRASH_VALUE) throw new Error("the worker crashed on cue");
  }
  return real.call(this, event);
};
