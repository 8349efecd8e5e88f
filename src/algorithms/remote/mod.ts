/**
 * Designers that run in Workers, so that CPU-heavy suggestions (GP fits)
 * never stall the service's event loop: other studies' requests go on while
 * one study's suggestion is being computed.
 *
 * A `RemoteDesigner` is a DesignerHandle whose calls run in a worker of the
 * pool; its `update` and `suggest` bring back the designer's state (and the
 * points), which `dump` then returns.
 *
 * Failure and cancellation:
 * - a worker that crashes (an uncaught error, a message it cannot read)
 *   rejects every call waiting on it with DesignerWorkerFailed, and is
 *   replaced: the next designer opened gets a new worker;
 * - a call whose signal is aborted is rejected at once with
 *   DesignerCancelled, and the worker is told through shared memory, so a
 *   designer that checks its signal stops computing.
 *
 * Sharing: a designer is opened on an idle worker when there is one, else on
 * a new one while the pool is below its size, else on the worker with the
 * fewest designers, where calls compute in turns (turns.ts). Turns cannot
 * split one long step (a fit of the hyperparameters on a thousand results
 * holds its turn for seconds), so when every worker is computing the pool
 * starts `spare` more workers (default one) before it makes a designer wait
 * behind such a step.
 */
import type { SpaceSpec } from "../../space/schema.ts";
import { DesignMemoryExceeded, type MemoryRefusal } from "../design_memory.ts";
import {
  DesignerCancelled,
  type DesignerHandle,
  DesignerWorkerFailed,
  UnreadableState,
} from "../handle.ts";
import type { Feedback, JsonValue, Recommendation, SuggestContext, Suggestion } from "../types.ts";
import type { DesignerReply, DesignerRequest } from "./protocol.ts";
import type { Owner } from "./turns.ts";

interface Waiter {
  resolve: (reply: DesignerReply) => void;
  reject: (error: Error) => void;
}

interface PooledWorker {
  worker: Worker;
  sessions: number;
  /** Calls sent to this worker and not yet answered, by call number. */
  calls: Map<number, Waiter>;
  /** Set when the worker crashed or the pool closed: nothing more is sent. */
  failed: Error | null;
}

/** How a pool is made. */
export interface DesignerPoolOptions {
  /** The worker module (default: ./worker.ts, every registered algorithm). */
  workerUrl?: string | URL;
  /** Told of each worker that crashed, after its calls were rejected. */
  onWorkerFailed?: (error: DesignerWorkerFailed) => void;
  /** Workers beyond `size` started when every worker is computing (default 1). */
  spare?: number;
}

/** What a remote designer is made from. */
export interface RemoteOptions {
  algorithm: string;
  space: SpaceSpec;
  config: unknown;
  seed: number;
  state: JsonValue | undefined;
  /** Whose designer (the worker shares its turns round robin by project, then study). */
  owner?: Owner;
}

/** A fixed number of designer workers, started on first use and replaced when they crash. */
export class DesignerPool {
  readonly #size: number;
  readonly #spare: number;
  readonly #url: string;
  readonly #onWorkerFailed?: (error: DesignerWorkerFailed) => void;
  readonly #workers: PooledWorker[] = [];
  #nextSession = 1;
  #nextCall = 1;
  #closed = false;
  #failures = 0;
  readonly #watchers = new Set<(op: string, seconds: number) => void>();

  /** A pool of `size` workers (at least one). */
  constructor(size: number, options: DesignerPoolOptions = {}) {
    this.#size = Math.max(1, Math.floor(size));
    this.#spare = Math.max(0, Math.floor(options.spare ?? 1));
    this.#url = String(options.workerUrl ?? new URL("./worker.ts", import.meta.url).href);
    this.#onWorkerFailed = options.onWorkerFailed;
  }

  /** Workers that crashed since the pool started. */
  get failures(): number {
    return this.#failures;
  }

  /** Calls sent to the workers and not answered yet (queued behind others, or computing). */
  get pendingCalls(): number {
    let n = 0;
    for (const w of this.#workers) n += w.calls.size;
    return n;
  }

  /** Calls `watcher` with each answered call's operation and time from sending to answer. */
  watchCalls(watcher: (op: string, seconds: number) => void): void {
    this.#watchers.add(watcher);
  }

  /** Workers running now (crashed ones are gone). */
  get workers(): number {
    return this.#workers.length;
  }

  #start(): PooledWorker {
    const worker = new Worker(this.#url, { type: "module" });
    const pooled: PooledWorker = { worker, sessions: 0, calls: new Map(), failed: null };
    worker.onmessage = (event: MessageEvent<DesignerReply>) => {
      const waiter = pooled.calls.get(event.data.call);
      pooled.calls.delete(event.data.call);
      waiter?.resolve(event.data);
    };
    const crash = (what: string) => {
      if (pooled.failed) return;
      const error = new DesignerWorkerFailed(`a designer worker failed: ${what}`);
      this.#failures++;
      this.#fail(pooled, error);
      this.#onWorkerFailed?.(error);
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here: unhandled, a worker's error would end the whole process.
      event.preventDefault();
      crash(event.message || String(event.error));
    };
    worker.onmessageerror = () => crash("a message could not be read");
    this.#workers.push(pooled);
    return pooled;
  }

  /** Stops a worker and rejects every call waiting on it. */
  #fail(pooled: PooledWorker, error: Error): void {
    if (pooled.failed) return;
    pooled.failed = error;
    pooled.worker.terminate();
    const at = this.#workers.indexOf(pooled);
    if (at >= 0) this.#workers.splice(at, 1);
    const waiting = [...pooled.calls.values()];
    pooled.calls.clear();
    for (const w of waiting) w.reject(error);
  }

  #pick(): PooledWorker {
    if (this.#closed) throw new DesignerWorkerFailed("the designer pool is closed");
    const idle = this.#workers.find((w) => w.sessions === 0 && w.calls.size === 0);
    if (idle) return idle;
    if (this.#workers.length < this.#size) return this.#start();
    if (
      this.#workers.length < this.#size + this.#spare &&
      this.#workers.every((w) => w.calls.size > 0)
    ) return this.#start();
    return this.#workers.reduce((a, b) => (b.sessions < a.sessions ? b : a));
  }

  /**
   * A designer living in one of the pool's workers, restored from `state`.
   *
   * @throws {UnreadableState} when the algorithm refuses the saved state.
   */
  async open(options: RemoteOptions): Promise<RemoteDesigner> {
    const pooled = this.#pick();
    pooled.sessions++;
    const session = this.#nextSession++;
    let open = true;
    const send = (message: DesignerRequest) => {
      if (!pooled.failed) pooled.worker.postMessage(message);
    };
    // A request that expects a reply, matched by its call number.
    const ask = (message: (call: number) => DesignerRequest, signal?: AbortSignal) => {
      if (pooled.failed) return Promise.reject(pooled.failed);
      if (signal?.aborted) return Promise.reject(new DesignerCancelled("cancelled"));
      const call = this.#nextCall++;
      const { promise, resolve, reject } = Promise.withResolvers<DesignerReply>();
      pooled.calls.set(call, { resolve, reject });
      const request = message(call);
      const onAbort = () => {
        if (!pooled.calls.delete(call)) return;
        if (request.op === "suggest") Atomics.store(request.cancel, 0, 1);
        reject(new DesignerCancelled("the suggestion was cancelled: its caller gave up"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const sent = performance.now();
      send(request);
      return promise.finally(() => {
        signal?.removeEventListener("abort", onAbort);
        const seconds = (performance.now() - sent) / 1000;
        for (const watch of this.#watchers) watch(request.op, seconds);
      });
    };
    const close = () => {
      if (!open) return;
      open = false;
      send({ op: "close", session });
      pooled.sessions--;
    };
    try {
      const reply = await ask((call) => ({ op: "create", session, call, ...options }));
      if ("error" in reply) {
        throw reply.unreadableState ? new UnreadableState(reply.error) : new Error(reply.error);
      }
    } catch (error) {
      close();
      throw error;
    }
    return new RemoteDesigner({
      update: (feedback) => ask((call) => ({ op: "update", session, call, feedback })),
      suggest: (count, pending, signal) =>
        ask((call) => ({
          op: "suggest",
          session,
          call,
          count,
          pending,
          cancel: new Int32Array(new SharedArrayBuffer(4)),
        }), signal),
      recommend: () => ask((call) => ({ op: "recommend", session, call })),
      close,
      initialState: options.state,
    });
  }

  /** Stops the workers; calls still waiting are rejected. */
  close(): void {
    this.#closed = true;
    for (const w of [...this.#workers]) {
      this.#fail(w, new DesignerWorkerFailed("the designer pool was closed"));
    }
  }
}

/** A worker's error answer as the error the designer threw (budget refusals keep their kind). */
function failure(reply: { error: string; memory?: MemoryRefusal }): Error {
  return reply.memory ? new DesignMemoryExceeded(reply.memory) : new Error(reply.error);
}

interface RemoteLink {
  update: (feedback: Feedback[]) => Promise<DesignerReply>;
  suggest: (count: number, pending: number[][], signal: AbortSignal) => Promise<DesignerReply>;
  recommend: () => Promise<DesignerReply>;
  close: () => void;
  initialState: JsonValue | undefined;
}

/** A designer whose work happens in a worker. Call `close` when done with it. */
export class RemoteDesigner implements DesignerHandle {
  readonly #link: RemoteLink;
  #state: JsonValue | undefined;
  /** False after an update, until a suggest brings the state back. */
  #fresh: boolean;

  constructor(link: RemoteLink) {
    this.#link = link;
    this.#state = link.initialState;
    this.#fresh = true;
  }

  async suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]> {
    const reply = await this.#link.suggest(count, ctx.pending, ctx.signal);
    if ("error" in reply) throw failure(reply);
    if (!("suggestions" in reply)) throw new Error("a designer worker answered out of turn");
    this.#state = reply.state;
    this.#fresh = true;
    return reply.suggestions;
  }

  async update(feedback: Feedback[]): Promise<void> {
    this.#fresh = false;
    const reply = await this.#link.update(feedback);
    if ("error" in reply) throw new Error(reply.error);
    if (!("updated" in reply)) throw new Error("a designer worker answered out of turn");
    this.#state = reply.state;
    this.#fresh = true;
  }

  dump(): JsonValue {
    if (!this.#fresh || this.#state === undefined) {
      throw new Error("a remote designer's state is known only after an update or a suggest");
    }
    return this.#state;
  }

  async recommend(): Promise<Recommendation | null> {
    const reply = await this.#link.recommend();
    if ("error" in reply) throw failure(reply);
    if (!("recommendation" in reply)) throw new Error("a designer worker answered out of turn");
    return reply.recommendation;
  }

  close(): void {
    this.#link.close();
  }
}
