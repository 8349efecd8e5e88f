/**
 * In-process signals between the parts of runs: a run's events were written
 * (watchers wake at once instead of at their next poll), a batch of a run
 * was recorded (workers that wait for its trials claim again), a run was
 * queued (idle workers claim at once), and the process is closing (every stream
 * ends, so server.shutdown() does not wait for watchers of long runs).
 *
 * The database stays the truth: a signal only shortens a wait. Writers in
 * other processes are heard at the next poll.
 */

/** Signals between run workers, the services that start runs, and watchers. */
export class RunHub {
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #closing = new AbortController();

  /** Aborted once the process closes: watchers' streams end. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** A run's events were written. */
  notify(runId: string): void {
    this.#fire(`run:${runId}`);
  }

  /** A batch of a run was recorded: workers waiting on the run's trials claim again. */
  recorded(runId: string): void {
    this.#fire(`batch:${runId}`);
  }

  /** Waits up to `ms` for a batch of the run to be recorded, or its events (or `signal`). */
  async waitForBatch(runId: string, ms: number, signal?: AbortSignal): Promise<void> {
    const done = new AbortController();
    const any = signal ? AbortSignal.any([signal, done.signal]) : done.signal;
    await Promise.race([
      this.#wait(`batch:${runId}`, ms, any),
      this.#wait(`run:${runId}`, ms, any),
    ]);
    done.abort();
  }

  /** A run was queued: idle workers look for it. */
  wake(): void {
    this.#fire("work");
  }

  /** Waits up to `ms` for a run's events (or until `signal` aborts). */
  waitForEvents(runId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return this.#wait(`run:${runId}`, ms, signal);
  }

  /** Waits up to `ms` for a run to be queued (or until `signal` aborts). */
  waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
    return this.#wait("work", ms, signal);
  }

  /** Ends every watcher's stream, now and later. */
  close(): void {
    this.#closing.abort();
  }

  #fire(key: string): void {
    const waiters = this.#waiters.get(key);
    if (!waiters) return;
    this.#waiters.delete(key);
    for (const wake of waiters) wake();
  }

  #wait(key: string, ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const set = this.#waiters.get(key) ?? new Set();
      this.#waiters.set(key, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.#waiters.get(key) === set) this.#waiters.delete(key);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}
