/**
 * The ONNX runtime of minima: models it evaluates itself, by content key,
 * on the best execution provider that works here.
 *
 * - Sessions live in a Worker (`worker.ts`): onnxruntime-node runs and
 *   loads synchronously on the calling thread, and the event loop must not
 *   wait on a model. Inputs made for a run (a merged batch's, or a
 *   caller's that says so: `transfer`) move there instead of being copied.
 * - Providers are tried in the configured order (`providers.ts`); the one
 *   that loaded a model is reported with every evaluation.
 * - Sessions are cached by model key, least recently used out by model
 *   bytes (`cache.ts`), and released when evicted.
 * - Concurrent evaluations of a model are merged into one session run
 *   along dim 0 (`batcher.ts`, `batch_run.ts`) when its inputs and outputs all share one
 *   symbolic first dim, and only those of one scope (a project: sessions
 *   are shared by content, batches never across projects); each caller
 *   gets back exactly its rows. The end of a run waits a little for the
 *   callers it answered (the batcher's gathering window).
 * - A model's header is read before onnxruntime sees it (`proto.ts`), so
 *   bytes that are not ONNX are ModelInvalid whichever providers are set.
 * - Inputs are checked against the model's signature before they run
 *   (`tensor.ts`), as 422 problems naming `inputs.<name>`.
 *
 * The GPU memory limit: onnxruntime-node 1.30 hands the CUDA provider only
 * its device id (not `gpu_mem_limit`), so the limit is kept here, as a
 * budget of model bytes for the sessions held by a GPU provider.
 */
import { Problem } from "../../errors.ts";
import type { Logger } from "../../log.ts";
import { Batcher } from "./batcher.ts";
import { type Request, runBatch } from "./batch_run.ts";
import { type Cached, SessionCache } from "./cache.ts";
import { type LoadedModel, LoadFailed, SessionHost } from "./host.ts";
import { OnnxMetrics, type OnnxStatus, renderOnnxMetrics } from "./metrics.ts";
import { explainFailure, failureKind, providerSpecs, ProviderStates } from "./providers.ts";
import {
  defaultOpset,
  type ModelHeader,
  ProtoFormatError,
  readModelHeader,
  readModelHeaderFile,
} from "./proto.ts";
import {
  batchAxis,
  checkInputs,
  type ModelSignature,
  type Tensor,
  type TensorInfo,
  unsupportedTensors,
} from "./tensor.ts";

export type { ModelSignature, Tensor, TensorInfo, TensorType } from "./tensor.ts";
export { EvaluationFailed } from "./batch_run.ts";
export type { OnnxStatus } from "./metrics.ts";

/** The model cannot be loaded or is not one minima evaluates; the message is onnxruntime's reason. */
export class ModelInvalid extends Error {
  override name = "ModelInvalid";
}

/** How the runtime is set up (see src/config.ts for the variables). */
export interface OnnxOptions {
  /** Execution providers in order of preference: "cuda", "webgpu", "cpu". */
  providers: string[];
  cudaDevice?: number;
  /** Budget of model bytes held by GPU providers. */
  gpuMemoryLimitBytes?: number;
  /** Budget of model bytes held in sessions. */
  cacheBytes: number;
  /** onnxruntime's intra-op threads per session (its default: one per core). */
  intraOpThreads?: number;
  /** Most rows in one merged session run. */
  maxBatchRows: number;
  /** Longest wait of an idle model's first request for others to batch with (0: none). */
  maxDelayMs: number;
  log?: Logger;
  /** The worker module (tests substitute one that fails on cue). */
  workerUrl?: string | URL;
}

/** One evaluation's answer. */
export interface Evaluation {
  /** The caller's own rows of every output. */
  outputs: Record<string, Tensor>;
  /** The execution provider that ran it. */
  provider: string;
  /** Rows of the session run it was part of (its own rows when it ran alone). */
  batchRows: number;
  /** From call to answer, load and queueing included. */
  ms: number;
}

/** How an evaluation's inputs are handed over. */
export interface EvaluateOptions {
  /**
   * The inputs' buffers are the runtime's to give away: a request that runs
   * alone moves them to the worker instead of copying them there, and the
   * caller must not read them again (they are detached).
   */
  transfer?: boolean;
}

interface Entry extends Cached {
  key: string;
  provider: string;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** The symbolic first dim of every input and output, or null when the model is never batched. */
  axis: string | null;
  batcher: Batcher<Request>;
  /** Evaluations holding this session (from acquiring it to their answer). */
  active: number;
}

/** Sessions, batching and providers for the models minima evaluates. */
export class OnnxRuntime {
  readonly #options: OnnxOptions;
  readonly #providers: ProviderStates;
  readonly #host: SessionHost;
  readonly #cache: SessionCache<Entry>;
  readonly #loading = new Map<string, Promise<void>>();
  readonly #metrics = new OnnxMetrics();
  #inspections = 0;
  #closed = false;

  constructor(options: OnnxOptions) {
    if (!(options.maxBatchRows >= 1) || !(options.maxDelayMs >= 0) || !(options.cacheBytes > 0)) {
      throw new RangeError("maxBatchRows ≥ 1, maxDelayMs ≥ 0 and cacheBytes > 0 are required");
    }
    if (options.providers.length === 0) throw new RangeError("no execution provider given");
    this.#options = options;
    this.#providers = new ProviderStates(
      providerSpecs(options.providers, { cudaDevice: options.cudaDevice }),
      options.log,
    );
    this.#cache = new SessionCache(options.cacheBytes, options.gpuMemoryLimitBytes);
    this.#host = new SessionHost((error) => this.#lost(error), options.workerUrl);
  }

  /**
   * Loads a model once (any provider that works), reads its signature, and
   * lets it go. A path is loaded by the worker from the file; its header is
   * read from the file's top-level fields, not the whole file.
   *
   * @throws {ModelInvalid} with onnxruntime's reason, for a 422.
   * @throws {Problem} a 503 when only GPU providers were asked for and none loads here.
   */
  async inspect(source: Uint8Array | string): Promise<ModelSignature & { provider: string }> {
    this.#open();
    const key = `inspect:${++this.#inspections}`;
    const { header, ...loaded } = await this.#loadSession(key, source);
    await this.#host.release(key);
    const why = unsupportedTensors(loaded.inputs, loaded.outputs);
    if (why) throw new ModelInvalid(why);
    return {
      inputs: loaded.inputs,
      outputs: loaded.outputs,
      opset: defaultOpset(header),
      producer: [header.producerName, header.producerVersion].filter(Boolean).join(" "),
      provider: loaded.provider,
    };
  }

  /**
   * Evaluates the model known by `key` (its sha256); `load` gives its bytes
   * or a file path when it has no session yet. Concurrent calls for one
   * model and one `scope` (the caller's project) are batched; calls of
   * different scopes share the session but never a run.
   *
   * @throws {ModelInvalid} the model does not load.
   * @throws {Problem} a 503 when only GPU providers were asked for and none loads here.
   * @throws {Problem} a 422 naming the inputs that do not match the signature.
   * @throws {EvaluationFailed} onnxruntime failed on these inputs.
   */
  async evaluate(
    key: string,
    load: () => Promise<Uint8Array | string>,
    inputs: Record<string, Tensor>,
    scope = "",
    options: EvaluateOptions = {},
  ): Promise<Evaluation> {
    const start = performance.now();
    this.#open();
    const entry = await this.#acquire(key, load);
    try {
      checkInputs(entry.inputs, inputs);
      const first = entry.inputs[0] ? inputs[entry.inputs[0].name] : undefined;
      const rows = first?.dims[0] ?? 1;
      const shapeKey = entry.axis
        ? JSON.stringify([scope, entry.inputs.map((i) => inputs[i.name].dims.slice(1))])
        : null;
      const transfer = options.transfer
        ? [...new Set(Object.values(inputs).map((t) => t.data.buffer as ArrayBuffer))]
        : [];
      const answer = await new Promise<{ outputs: Record<string, Tensor>; batchRows: number }>(
        (resolve, reject) =>
          entry.batcher.push({ rows, shapeKey, inputs, transfer, resolve, reject }),
      );
      const ms = performance.now() - start;
      this.#metrics.evaluation(key, entry.provider, rows, ms / 1000);
      return { ...answer, provider: entry.provider, ms };
    } finally {
      entry.active--;
    }
  }

  #open(): void {
    if (this.#closed) throw new Problem("unavailable", "the ONNX runtime is closed");
  }

  /** The model's session, held (`active`) until the caller lets it go. */
  async #acquire(key: string, load: () => Promise<Uint8Array | string>): Promise<Entry> {
    for (;;) {
      const hit = this.#cache.get(key);
      if (hit) {
        hit.active++;
        return hit;
      }
      let loading = this.#loading.get(key);
      if (!loading) {
        loading = this.#load(key, load).finally(() => this.#loading.delete(key));
        this.#loading.set(key, loading);
      }
      // Loaded but evicted again before this caller held it: load again.
      await loading;
      this.#open();
    }
  }

  /**
   * Reads the model's header (ModelInvalid when it is not ONNX), then loads
   * a session with the first provider that works.
   */
  async #loadSession(
    key: string,
    source: Uint8Array | string,
  ): Promise<LoadedModel & { header: ModelHeader }> {
    let header: ModelHeader;
    try {
      header = typeof source === "string"
        ? await readModelHeaderFile(source)
        : readModelHeader(source);
    } catch (error) {
      if (!(error instanceof ProtoFormatError)) throw error;
      throw new ModelInvalid(`not an ONNX model: ${error.message}`);
    }
    const candidates = this.#providers.candidates();
    if (candidates.length === 0) {
      throw new Problem(
        "unavailable",
        `no execution provider works here (${this.#providers.unavailableReasons()})`,
      );
    }
    let loaded: LoadedModel;
    try {
      loaded = await this.#host.load(key, source, candidates, this.#options.intraOpThreads);
    } catch (error) {
      if (!(error instanceof LoadFailed)) throw error;
      const { failures } = error;
      this.#providers.failed(failures);
      // A provider that cannot start here is this host's fault; memory running out is
      // transient; any other refusal (the CPU's above all) is the model's.
      const model = failures.find((f) => failureKind(f.provider, f.reason) === "model");
      if (model || failures.length === 0) throw new ModelInvalid(model?.reason ?? error.message);
      const reasons = failures.map((f) => `${f.provider}: ${explainFailure(f.provider, f.reason)}`);
      throw new Problem(
        "unavailable",
        `no execution provider loaded the model (${reasons.join("; ")})`,
      );
    }
    this.#providers.loaded(loaded.provider, loaded.failures);
    return { ...loaded, header };
  }

  async #load(key: string, load: () => Promise<Uint8Array | string>): Promise<void> {
    const source = await load();
    const bytes = typeof source === "string" ? (await Deno.stat(source)).size : source.byteLength;
    this.#evict(this.#cache.makeRoom(bytes, false));
    const loaded = await this.#loadSession(key, source);
    const why = unsupportedTensors(loaded.inputs, loaded.outputs);
    if (why) {
      await this.#host.release(key);
      throw new ModelInvalid(why);
    }
    const gpu = loaded.provider !== "cpu";
    this.#evict(this.#cache.makeRoom(bytes, gpu));
    const entry: Entry = {
      key,
      provider: loaded.provider,
      inputs: loaded.inputs,
      outputs: loaded.outputs,
      axis: batchAxis(loaded.inputs, loaded.outputs),
      bytes,
      gpu,
      active: 0,
      busy: () => entry.active > 0,
      batcher: new Batcher<Request>({
        maxRows: this.#options.maxBatchRows,
        maxDelayMs: this.#options.maxDelayMs,
        run: (items) =>
          runBatch(
            (inputs, rows, transfer) => this.#run(entry, inputs, rows, transfer),
            entry.inputs.map((i) => i.name),
            items,
          ),
      }),
    };
    this.#cache.add(key, entry);
    this.#options.log?.debug("onnx session loaded", {
      model: key,
      provider: loaded.provider,
      bytes,
    });
  }

  #evict(victims: [string, Entry][]): void {
    for (const [key, e] of victims) {
      this.#options.log?.debug("onnx session evicted", { model: key, provider: e.provider });
      this.#host.release(key).catch(() => {});
    }
  }

  /** One session run; counted. */
  async #run(entry: Entry, inputs: Record<string, Tensor>, rows: number, transfer: ArrayBuffer[]) {
    const outputs = await this.#host.run(entry.key, inputs, transfer);
    this.#metrics.run(entry.key, entry.provider, rows);
    return outputs;
  }

  /** The worker died: its sessions are gone, and what waited for them fails. */
  #lost(error: Problem): void {
    this.#options.log?.error("onnx worker failed", { error: error.message });
    for (const [, e] of this.#cache.clear()) void e.batcher.drain((item) => item.reject(error));
  }

  /** Providers, cache and counts, for /readyz. */
  status(): OnnxStatus {
    return {
      providers: { requested: [...this.#options.providers], states: this.#providers.list() },
      cache: {
        sessions: this.#cache.size,
        bytes: this.#cache.bytes,
        limitBytes: this.#cache.limitBytes,
        gpuBytes: this.#cache.gpuBytes,
        ...(this.#cache.gpuLimitBytes !== undefined
          ? { gpuLimitBytes: this.#cache.gpuLimitBytes }
          : {}),
        evictions: this.#cache.evictions,
        loaded: this.#cache.entries().map(([model, e]) => ({
          model,
          provider: e.provider,
          bytes: e.bytes,
        })),
      },
      evaluations: this.#metrics.evaluations,
      rows: this.#metrics.rows,
      sessionRuns: this.#metrics.sessionRuns,
      workerCrashes: this.#host.crashes,
      models: this.#metrics.models(),
    };
  }

  /** The runtime's metrics in Prometheus text format (0.0.4). */
  renderMetrics(): string {
    return renderOnnxMetrics(this.status(), this.#metrics);
  }

  /** Rejects what is queued, waits for runs in flight, releases every session and stops the worker. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closed = new Problem("unavailable", "the ONNX runtime is closed");
    await Promise.allSettled([...this.#loading.values()]);
    const entries = this.#cache.clear();
    await Promise.all(entries.map(([, e]) => e.batcher.drain((item) => item.reject(closed))));
    await Promise.allSettled(entries.map(([key]) => this.#host.release(key)));
    this.#host.close();
  }
}
