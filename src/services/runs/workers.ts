/**
 * Run workers inside the service (`MINIMA_RUN_WORKERS`, 0 for a process that
 * only serves the API): each is a loop on the event loop that claims a run
 * (./executor.ts) and drives it to its end, then claims the next. They never
 * block the event loop: their work is the services' transactions and the
 * model's asynchronous evaluations, interleaved with requests.
 *
 * An idle worker looks for work every `pollMs`, and at once when a run is
 * queued in this process (the hub's wake). Stopping (at shutdown, after the
 * server has stopped) lets each worker finish the batch it evaluates, gives
 * its run back to the queue for another process to take at once, and
 * returns once every loop has ended.
 */
import { hostname } from "node:os";
import type { ServiceContext } from "../context.ts";
import { claimNextRun, executeRun } from "./executor.ts";
import { RunHub } from "./hub.ts";

/** How a process runs its workers. */
export interface RunWorkerOptions {
  /** How many runs this process drives at once (0: none, only the API). */
  workers: number;
  /** How long a claim lasts without renewal (default 30 s). */
  leaseSeconds?: number;
  /** How often an idle worker looks for a run queued by another process (default 1 s). */
  pollMs?: number;
  /** The least time between two progress events of a run (default 1 s; see WorkerLease). */
  progressSeconds?: number;
}

/** This process's run workers, and the hub that signals between runs' parts. */
export class RunWorkers {
  /** Signals for the app's services (ServiceContext.runs). */
  readonly hub = new RunHub();
  readonly #options: Required<RunWorkerOptions>;
  readonly #stop = new AbortController();
  readonly #loops: Promise<void>[] = [];
  /** Names this process's workers: host, process, and a random part for several apps in one. */
  readonly #name = `${hostname()}:${Deno.pid}:${crypto.randomUUID().slice(0, 8)}`;

  constructor(options: RunWorkerOptions) {
    this.#options = { leaseSeconds: 30, pollMs: 1000, progressSeconds: 1, ...options };
  }

  /** Starts the workers with the app's services (once). */
  start(ctx: ServiceContext): void {
    if (this.#loops.length > 0 || this.#stop.signal.aborted) return;
    for (let i = 0; i < this.#options.workers; i++) {
      this.#loops.push(this.#loop(ctx, `${this.#name}/${i}`));
    }
  }

  /** Ends every watcher's stream (before server.shutdown(), which waits for responses). */
  closeStreams(): void {
    this.hub.close();
  }

  /** Stops the workers: each releases its run after its batch; resolves when all have. */
  async stop(): Promise<void> {
    this.#stop.abort();
    this.hub.close();
    await Promise.all(this.#loops);
  }

  async #loop(ctx: ServiceContext, workerId: string): Promise<void> {
    const { leaseSeconds, pollMs, progressSeconds } = this.#options;
    const stop = this.#stop.signal;
    while (!stop.aborted) {
      let claimed;
      try {
        claimed = await claimNextRun(ctx, { workerId, leaseSeconds });
      } catch (error) {
        ctx.log?.warn("run worker cannot claim", { worker: workerId, error: String(error) });
      }
      if (!claimed) {
        await this.hub.waitForWork(pollMs, stop);
        continue;
      }
      ctx.log?.info("run claimed", { run: claimed.run.id, worker: workerId });
      await executeRun(ctx, claimed, { workerId, leaseSeconds, stop, progressSeconds });
    }
  }
}
