/**
 * Run workers (`MINIMA_RUN_WORKERS` of them in the service, 0 for a process
 * that only serves the API; `deno task worker` for a process that only
 * runs): each is a loop on the event loop that claims a batch of some run
 * (./claim.ts), drives it to its end (./executor.ts), then claims the next,
 * so the workers of every process share the runs batch by batch. They never
 * block the event loop: their work is the services' transactions and the
 * model's asynchronous evaluations, interleaved with requests.
 *
 * An idle worker looks for work every `pollMs`, and at once when a run is
 * queued or a batch given back in this process (the hub's wake). Stopping
 * (at shutdown, after the server has stopped) lets each worker finish the
 * batch it evaluates, gives a batch that waits back for another worker to
 * take at once, and returns once every loop has ended.
 */
import { hostname } from "node:os";
import type { ServiceContext } from "../context.ts";
import { claimBatch } from "./claim.ts";
import { executeBatch } from "./executor.ts";
import { RunHub } from "./hub.ts";

/** How a process runs its workers. */
export interface RunWorkerOptions {
  /** How many batches this process evaluates at once (0: none, only the API). */
  workers: number;
  /**
   * Whether this process can run models on a GPU (it may take the batches
   * of runs that require one); asked at every claim (default: never).
   */
  gpu?: () => boolean;
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
    this.#options = {
      leaseSeconds: 30,
      pollMs: 1000,
      progressSeconds: 1,
      gpu: () => false,
      ...options,
    };
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
    const { leaseSeconds, pollMs, progressSeconds, gpu } = this.#options;
    const stop = this.#stop.signal;
    const progress = { at: -Infinity };
    // Runs whose algorithm waits for trials other batches hold, until when (performance.now()).
    const waiting = new Map<string, number>();
    while (!stop.aborted) {
      const now = performance.now();
      for (const [run, until] of waiting) if (until <= now) waiting.delete(run);
      let claimed;
      try {
        claimed = await claimBatch(ctx, { workerId, leaseSeconds, gpu: gpu() }, [
          ...waiting.keys(),
        ]);
      } catch (error) {
        ctx.log?.warn("run worker cannot claim", { worker: workerId, error: String(error) });
      }
      if (!claimed) {
        const [first] = waiting;
        // Nothing else to do: wait for work, or for a batch of a waiting run, or its time.
        if (first) await this.hub.waitForBatch(first[0], Math.min(pollMs, first[1] - now), stop);
        else await this.hub.waitForWork(pollMs, stop);
        if (first) waiting.delete(first[0]);
        continue;
      }
      ctx.log?.debug("batch claimed", {
        run: claimed.run.id,
        batch: claimed.batch.seq,
        worker: workerId,
      });
      const lease = { workerId, leaseSeconds, stop, progressSeconds, progress };
      const { waitMs } = await executeBatch(ctx, claimed, lease);
      // Its algorithm waits for trials other batches hold: other runs first, this one later.
      if (waitMs) waiting.set(claimed.run.id, performance.now() + waitMs);
    }
  }
}
