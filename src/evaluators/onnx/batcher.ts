/**
 * Dynamic batching of one model's evaluations: requests that arrive while
 * the model is busy run together as its next session run.
 *
 * A session run has a fixed cost (crossing to the worker, onnxruntime's
 * dispatch, reading the weights, on a GPU the kernel launches and copies)
 * that one row or a thousand pay alike, so merging callers multiplies
 * throughput. Waiting for company is not what merges them, though: a
 * request for an idle model runs at once, and while a run is in flight
 * requests gather and go together as soon as it ends, so the busier the
 * model, the larger its runs, and an idle one adds no latency. `maxDelayMs`
 * (default 0) is an optional wait of an idle model's first request for
 * company, for callers that trade latency for fewer runs; it ends early once
 * `maxRows` rows are queued. A batch takes requests in arrival order whose
 * inputs have the same dims after dim 0 and the same scope (`shapeKey`), up
 * to `maxRows` rows; a request alone larger than that runs alone. One run
 * per model is in flight at a time.
 *
 * With `gather` (the default), a run's end also waits a little for its
 * callers. Callers that wait for their answer before they ask again (a
 * client per row, the usual load) come back after a run one by one, not at
 * once: the first of them would find the model idle and run alone, the
 * others would gather behind that lone run, and the model would settle into
 * alternating runs of one row and of all the others, paying a whole run for
 * one row each time (with 32 clients of a model whose one-row run costs
 * milliseconds, most of what batching gives). So the end of a run opens a
 * gathering window: what is queued then, and what arrives, goes once as
 * many rows are queued as the system held when the run ended (its own rows
 * and those queued behind it; `maxRows` at most), or when none has arrived
 * for a gap (`GATHER_GAP_SHARE` of the run's time, at most
 * `GATHER_GAP_MAX_MS`), or when the window closes (`GATHER_SHARE` of the
 * run's time, at most `GATHER_MAX_MS`). A lone caller is never held (one row
 * queued matches a run of one), a model whose runs take microseconds waits
 * as little, and outside a window an idle model runs at once.
 */

/** The longest gathering window after a run, as a share of that run's time. */
export const GATHER_SHARE = 1;
/** The longest gathering window, in ms. */
export const GATHER_MAX_MS = 50;
/** The longest wait for the next arrival in a gathering window, as a share of the run's time. */
export const GATHER_GAP_SHARE = 0.25;
/** The longest wait for the next arrival in a gathering window, in ms. */
export const GATHER_GAP_MAX_MS = 5;

/** What the batcher needs to know of a request. */
export interface BatchItem {
  /** Rows along dim 0. */
  rows: number;
  /**
   * Requests with equal keys can be stacked: their dims after dim 0 match and
   * they come from one scope (a project); null: never.
   */
  shapeKey: string | null;
  /** Fails the request; must do nothing once it is settled (as a promise's reject). */
  reject(error: unknown): void;
}

/** How a model's requests are batched. */
export interface BatcherOptions<T> {
  maxRows: number;
  /** How long an idle model's first request waits for company; 0: it runs at once. */
  maxDelayMs: number;
  /** Opens a gathering window at the end of each run (see above; the default); off: continuous only. */
  gather?: boolean;
  /**
   * Runs one batch and settles each item itself. Should it throw all the
   * same, every item of the batch is rejected with its error, so that no
   * caller waits forever.
   */
  run: (items: T[]) => Promise<void>;
  /** The clock of the windows, in ms (performance.now; tests give their own). */
  now?: () => number;
}

/** The queue of one model. */
export class Batcher<T extends BatchItem> {
  readonly #options: BatcherOptions<T>;
  #queue: T[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;
  /** The gathering window after the last run: the rows it waits for, its end, the longest gap. */
  #gather: { rows: number; until: number; gapMs: number } | null = null;

  readonly #now: () => number;

  constructor(options: BatcherOptions<T>) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
  }

  /** True while nothing is queued or running (the model's session may be released). */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#inFlight === null;
  }

  /** Queues a request. */
  push(item: T): void {
    this.#queue.push(item);
    if (this.#inFlight) return; // goes with the next run, when the one in flight ends
    this.#settle();
  }

  /** With nothing running: runs what is queued now, or waits for company (a window, maxDelayMs). */
  #settle(): void {
    const { maxRows, maxDelayMs } = this.#options;
    const queuedRows = this.#queue.reduce((n, i) => n + i.rows, 0);
    const head = this.#queue[0];
    if (!head || head.shapeKey === null || queuedRows >= maxRows) return this.#dispatch();
    const now = this.#now();
    const gather = this.#gather;
    if (gather && now < gather.until) {
      if (queuedRows >= gather.rows) return this.#dispatch();
      // Each arrival gives the next one another gap, within the window.
      if (this.#timer !== null) clearTimeout(this.#timer);
      const wait = Math.min(gather.gapMs, gather.until - now);
      this.#timer = setTimeout(() => this.#dispatch(), wait);
      return;
    }
    if (maxDelayMs <= 0) return this.#dispatch();
    this.#timer ??= setTimeout(() => this.#dispatch(), maxDelayMs);
  }

  /** The next batch: the head of the queue and the requests that stack with it. */
  #take(): T[] {
    const head = this.#queue[0];
    const batch = [head];
    let rows = head.rows;
    if (head.shapeKey !== null) {
      for (const item of this.#queue.slice(1)) {
        if (item.shapeKey !== head.shapeKey || rows + item.rows > this.#options.maxRows) continue;
        batch.push(item);
        rows += item.rows;
        if (rows >= this.#options.maxRows) break;
      }
    }
    const taken = new Set(batch);
    this.#queue = this.#queue.filter((i) => !taken.has(i));
    return batch;
  }

  #dispatch(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#inFlight || this.#queue.length === 0) return;
    const batch = this.#take();
    const rows = batch.reduce((n, i) => n + i.rows, 0);
    const started = this.#now();
    let run: Promise<void>;
    try {
      run = this.#options.run(batch);
    } catch (error) {
      run = Promise.reject(error);
    }
    this.#inFlight = run.catch((error) => {
      for (const item of batch) item.reject(error);
    }).finally(() => {
      this.#inFlight = null;
      if (this.#options.gather === false) {
        // Whoever queued during the run has waited long enough.
        if (this.#queue.length > 0) this.#dispatch();
        return;
      }
      const ended = this.#now();
      const ms = ended - started;
      const queued = this.#queue.reduce((n, i) => n + i.rows, 0);
      this.#gather = {
        rows: Math.min(rows + queued, this.#options.maxRows),
        until: ended + Math.min(ms * GATHER_SHARE, GATHER_MAX_MS),
        gapMs: Math.min(ms * GATHER_GAP_SHARE, GATHER_GAP_MAX_MS),
      };
      if (this.#queue.length > 0) this.#settle();
    });
  }

  /** Drops what is queued (each dropped item is handed to `reject`) and waits for the run in flight. */
  async drain(reject: (item: T) => void): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#gather = null;
    const dropped = this.#queue;
    this.#queue = [];
    for (const item of dropped) reject(item);
    await this.#inFlight;
  }
}
