/**
 * The event loop's side of the ONNX worker (`worker.ts`): the messages, and
 * one call per message answered by id.
 *
 * The worker is started on first use. If it dies (an uncaught error, a
 * message it cannot read), every call waiting on it is rejected with a 503
 * problem, the sessions it held are gone (`onCrash` tells the runtime to
 * forget them), and the next call starts a new worker.
 */
import { Problem } from "../../errors.ts";
import type { ProviderSpec } from "./providers.ts";
import type { Tensor, TensorInfo } from "./tensor.ts";

/** A tensor as it crosses to and from the worker. */
export type WireTensor = Tensor;

/** A provider that could not load a model, with onnxruntime's reason. */
export interface ProviderFailure {
  provider: string;
  reason: string;
}

/** What loading a model gives: the provider that took it, the ones that failed first, its tensors. */
export interface LoadedModel {
  provider: string;
  failures: ProviderFailure[];
  inputs: TensorInfo[];
  outputs: TensorInfo[];
}

/** The messages the worker takes. */
export type HostRequest =
  | {
    op: "load";
    id: number;
    key: string;
    source: Uint8Array | string;
    providers: ProviderSpec[];
    threads?: number;
  }
  | { op: "run"; id: number; key: string; feeds: Record<string, WireTensor> }
  | { op: "release"; id: number; key: string };

/** The worker's answers. */
export type WorkerReply =
  | { id: number; ok: true; loaded?: LoadedModel; outputs?: Record<string, WireTensor> }
  | { id: number; ok: false; error: string; failures?: ProviderFailure[] };

/** Every provider tried failed to load the model; `failures` says why, in order. */
export class LoadFailed extends Error {
  override name = "LoadFailed";
  readonly failures: ProviderFailure[];
  constructor(message: string, failures: ProviderFailure[]) {
    super(message);
    this.failures = failures;
  }
}

/** A session's run failed inside onnxruntime. */
export class RunFailed extends Error {
  override name = "RunFailed";
}

type Waiter = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/** One worker holding sessions, and the calls waiting on it. */
export class SessionHost {
  readonly #url: string;
  readonly #onCrash: (error: Problem) => void;
  #worker: Worker | null = null;
  #calls = new Map<number, Waiter>();
  #next = 1;
  #closed = false;
  /** Workers that died since the host started. */
  crashes = 0;

  constructor(onCrash: (error: Problem) => void, url?: string | URL) {
    this.#onCrash = onCrash;
    this.#url = String(url ?? new URL("./worker.ts", import.meta.url));
  }

  #start(): Worker {
    const worker = new Worker(this.#url, { type: "module" });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const waiter = this.#calls.get(event.data.id);
      this.#calls.delete(event.data.id);
      waiter?.resolve(event.data);
    };
    const crash = (what: string) => {
      if (this.#worker !== worker) return;
      this.crashes++;
      this.#stop(new Problem("unavailable", `the ONNX worker failed: ${what}`));
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here: unhandled, a worker's error would end the whole process.
      event.preventDefault();
      crash(event.message || String(event.error));
    };
    worker.onmessageerror = () => crash("a message could not be read");
    return worker;
  }

  #stop(error: Problem): void {
    this.#worker?.terminate();
    this.#worker = null;
    const waiting = [...this.#calls.values()];
    this.#calls.clear();
    for (const w of waiting) w.reject(error);
    this.#onCrash(error);
  }

  #call(request: HostRequest, transfer: Transferable[] = []): Promise<WorkerReply> {
    if (this.#closed) {
      return Promise.reject(new Problem("unavailable", "the ONNX runtime is closed"));
    }
    this.#worker ??= this.#start();
    const worker = this.#worker;
    return new Promise((resolve, reject) => {
      this.#calls.set(request.id, { resolve, reject });
      worker.postMessage(request, transfer);
    });
  }

  /**
   * Loads a model with the first provider that takes it.
   *
   * @throws {LoadFailed} when none does.
   */
  async load(
    key: string,
    source: Uint8Array | string,
    providers: ProviderSpec[],
    threads?: number,
  ): Promise<LoadedModel> {
    const reply = await this.#call({
      op: "load",
      id: this.#next++,
      key,
      source,
      providers,
      threads,
    });
    if (!reply.ok) throw new LoadFailed(reply.error, reply.failures ?? []);
    return reply.loaded!;
  }

  /**
   * Runs a loaded model. Buffers in `transfer` (made for this run) move to
   * the worker; the others are copied.
   *
   * @throws {RunFailed} with onnxruntime's reason.
   */
  async run(
    key: string,
    feeds: Record<string, WireTensor>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Record<string, Tensor>> {
    const reply = await this.#call({ op: "run", id: this.#next++, key, feeds }, transfer);
    if (!reply.ok) throw new RunFailed(reply.error);
    return reply.outputs!;
  }

  /** Releases a model's session (session.release() in the worker). */
  async release(key: string): Promise<void> {
    if (!this.#worker) return;
    await this.#call({ op: "release", id: this.#next++, key });
  }

  /** Stops the worker; calls still waiting are rejected. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#worker) return;
    this.#worker.terminate();
    this.#worker = null;
    const waiting = [...this.#calls.values()];
    this.#calls.clear();
    const error = new Problem("unavailable", "the ONNX runtime is closed");
    for (const w of waiting) w.reject(error);
  }
}
