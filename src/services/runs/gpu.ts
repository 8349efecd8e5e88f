/**
 * Whether this process can evaluate models on a GPU, for the runs that
 * require one (`requires: "gpu"`): known only by loading a model, so the
 * process loads a tiny one at start with its configured providers
 * (MINIMA_ONNX_PROVIDERS) and looks at which provider took it. Until the
 * answer is in, and on a host where no GPU provider loads, the process's
 * workers leave such runs to others.
 */
import { encodeModel } from "../../evaluators/onnx/proto.ts";
import type { OnnxRuntime } from "../../evaluators/onnx/mod.ts";
import type { Logger } from "../../log.ts";

/** The providers that run on a GPU. */
const GPU_PROVIDERS = new Set(["cuda", "webgpu"]);

/** y = x + 1 on float32 [N, 1]: a model every provider can load. */
function probeModel(): Uint8Array {
  return encodeModel({
    name: "minima-gpu-probe",
    inputs: [{ name: "x", type: "float32", shape: ["N", 1] }],
    outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
    initializers: [{ name: "one", type: "float32", dims: [], data: [1] }],
    nodes: [{ op: "Add", inputs: ["x", "one"], outputs: ["y"] }],
  });
}

/**
 * Starts the probe when a GPU provider is configured; returns what is
 * known so far (false until the probe says otherwise).
 */
export function gpuProbe(onnx: OnnxRuntime, log?: Logger): () => boolean {
  const requested = onnx.status().providers.requested;
  if (!requested.some((p) => GPU_PROVIDERS.has(p))) return () => false;
  let gpu = false;
  onnx.inspect(probeModel()).then(
    ({ provider }) => {
      gpu = GPU_PROVIDERS.has(provider);
      log?.info("run workers and GPU runs", { provider, takesGpuRuns: gpu });
    },
    (error) => log?.warn("no provider loads the GPU probe", { error: String(error) }),
  );
  return () => gpu;
}
