/**
 * Execution providers: which ones were asked for, how each is configured,
 * and which ones work on this machine.
 *
 * The list is an order of preference (`cuda,cpu` by default). Whether a
 * provider works is known only by loading a model with it: the CUDA
 * provider needs libraries onnxruntime-node's installer fetches only on
 * request, WebGPU needs an adapter. A provider that fails to start (a
 * shared library missing, no adapter or device, not built in) is marked
 * unavailable for the process, logged once with onnxruntime's reason, and
 * not tried again, whether a later provider then loads the model or none
 * does (a GPU-only host). Any other failure says nothing about the provider:
 * it is the model's (a 422) or, out of memory, transient (a 503), and marks
 * nothing.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "../../log.ts";

/** The providers minima knows how to configure. */
export const PROVIDER_NAMES = ["cuda", "webgpu", "cpu"] as const;

/** One of the providers minima knows. */
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** A provider and the `executionProviders` entry that asks onnxruntime for it. */
export interface ProviderSpec {
  name: string;
  ep: string | { name: string; deviceId?: number };
}

/** How the providers are configured. */
export interface ProviderConfig {
  cudaDevice?: number;
}

/** The `executionProviders` entries of a list of provider names. */
export function providerSpecs(names: readonly string[], config: ProviderConfig): ProviderSpec[] {
  return names.map((name) => {
    if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
      throw new RangeError(`unknown execution provider "${name}" (known: ${PROVIDER_NAMES})`);
    }
    // onnxruntime-node passes only deviceId to the CUDA provider (see
    // runtime.ts for the GPU memory limit).
    if (name === "cuda") return { name, ep: { name: "cuda", deviceId: config.cudaDevice ?? 0 } };
    return { name, ep: name };
  });
}

/** The folder of onnxruntime-node's native binding, where provider libraries must lie. */
function bindingDir(): string | null {
  try {
    const index = fileURLToPath(import.meta.resolve("onnxruntime-node"));
    const arch = Deno.build.arch === "x86_64" ? "x64" : "arm64";
    return join(dirname(index), "..", "bin", "napi-v6", Deno.build.os, arch);
  } catch {
    return null;
  }
}

/**
 * onnxruntime's reason, with what it printed only to stderr: for CUDA, the
 * JavaScript error says "Failed to load shared library" without naming it.
 */
export function explainFailure(provider: string, reason: string): string {
  if (provider !== "cuda" || !/shared library/i.test(reason)) return reason;
  const dir = bindingDir();
  if (!dir) return reason;
  const missing = ["libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so"]
    .filter((lib) => !existsSync(join(dir, lib)));
  if (missing.length === 0) {
    return `${reason} (the provider libraries are in ${dir}; CUDA or cuDNN libraries may be missing)`;
  }
  return `${reason}: ${missing.join(", ")}: cannot open shared object file in ${dir} ` +
    "(onnxruntime-node's installer fetches the CUDA provider with ONNXRUNTIME_NODE_INSTALL=cuda12)";
}

/** Reasons onnxruntime gives when a provider cannot start on this host at all. */
const CANNOT_START = new RegExp(
  [
    "shared librar",
    "cannot open shared object",
    "WebGPU adapter",
    "no supported adapters",
    "no CUDA-capable device",
    "CUDA driver version is insufficient",
    "provider .*(?:is )?not (?:registered|available|enabled|supported in this build)",
    "unknown (?:execution )?provider",
    "backend not found",
  ].join("|"),
  "i",
);

/** Reasons of a failure that may pass: memory ran out. */
const TRANSIENT = /out of memory|bad_alloc|cudaErrorMemoryAllocation|CUDNN_STATUS_ALLOC_FAILED/i;

/**
 * Whose fault a provider's failure to load a model is: `host` (the provider
 * cannot start here; it is marked unavailable), `transient` (memory), or
 * `model` (anything else: the model is wrong for this provider).
 */
export function failureKind(provider: string, reason: string): "host" | "transient" | "model" {
  if (TRANSIENT.test(reason)) return "transient";
  if (provider !== "cpu" && CANNOT_START.test(reason)) return "host";
  return "model";
}

/** What is known of one provider. */
export interface ProviderState {
  name: string;
  /** `available` once a model loaded with it; `unavailable` once it failed to start here. */
  state: "untried" | "available" | "unavailable";
  /** onnxruntime's reason, for an unavailable provider. */
  reason?: string;
}

/** The providers asked for, in order, and what loading models taught about each. */
export class ProviderStates {
  readonly #specs: ProviderSpec[];
  readonly #states = new Map<string, ProviderState>();
  readonly #log?: Logger;

  constructor(specs: ProviderSpec[], log?: Logger) {
    this.#specs = specs;
    this.#log = log;
    for (const s of specs) this.#states.set(s.name, { name: s.name, state: "untried" });
  }

  /** The providers to try for a new model, in order: all but those known not to work. */
  candidates(): ProviderSpec[] {
    return this.#specs.filter((s) => this.#states.get(s.name)!.state !== "unavailable");
  }

  /** Records a model loaded by `provider` after `failures` of the providers before it. */
  loaded(provider: string, failures: readonly { provider: string; reason: string }[]): void {
    this.failed(failures, provider);
    const state = this.#states.get(provider)!;
    if (state.state !== "available") {
      this.#states.set(provider, { name: provider, state: "available" });
      this.#log?.info("onnx execution provider loaded", { provider });
    }
  }

  /**
   * Marks the providers that failed because they cannot start here as
   * unavailable, each logged once; other failures mark nothing. `using`:
   * the provider that loaded the model instead, if one did.
   */
  failed(failures: readonly { provider: string; reason: string }[], using?: string): void {
    for (const f of failures) {
      const state = this.#states.get(f.provider)!;
      if (state.state === "unavailable" || failureKind(f.provider, f.reason) !== "host") continue;
      const reason = explainFailure(f.provider, f.reason);
      this.#states.set(f.provider, { name: f.provider, state: "unavailable", reason });
      this.#log?.warn("onnx execution provider unavailable", {
        provider: f.provider,
        reason,
        ...(using ? { using } : {}),
      });
    }
  }

  /** Why the providers marked unavailable are, as "name: reason; …". */
  unavailableReasons(): string {
    return [...this.#states.values()].filter((s) => s.state === "unavailable")
      .map((s) => `${s.name}: ${s.reason}`).join("; ");
  }

  /** Every provider asked for, in order. */
  list(): ProviderState[] {
    return this.#specs.map((s) => ({ ...this.#states.get(s.name)! }));
  }
}
