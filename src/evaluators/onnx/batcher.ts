/**
 * Dynamic batching of one model's evaluations, continuous: requests that
 * arrive while the model is busy run together as its next session run.
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
 */

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
  /**
   * Runs one batch and settles each item itself. Should it throw all the
   * same, every item of the batch is rejected with its error, so that no
   * caller waits forever.
   */
  run: (items: T[]) => Promise<void>;
}

/** The queue of one model. */
export class Batcher<T extends BatchItem> {
  readonly #options: BatcherOptions<T>;
  #queue: T[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  #inFlight: Promise<void> | null = null;

  constructor(options: BatcherOptions<T>) {
    this.#options = options;
  }

  /** True while nothing is queued or running (the model's session may be released). */
  get idle(): boolean {
    return this.#queue.length === 0 && this.#inFlight === null;
  }

  /** Queues a request. */
  push(item: T): void {
    this.#queue.push(item);
    if (this.#inFlight) return; // goes with the next run, when the one in flight ends
    if (this.#options.maxDelayMs <= 0 || item.shapeKey === null) return this.#dispatch();
    const queuedRows = this.#queue.reduce((n, i) => n + i.rows, 0);
    if (queuedRows >= this.#options.maxRows) {
      this.#dispatch();
    } else {
      this.#timer ??= setTimeout(() => this.#dispatch(), this.#options.maxDelayMs);
    }
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
      // Whoever queued during the run has waited long enough.
      if (this.#queue.length > 0) this.#dispatch();
    });
  }

  /** Drops what is queued (each dropped item is handed to `reject`) and waits for the run in flight. */
  async drain(reject: (item: T) => void): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const dropped = this.#queue;
    this.#queue = [];
    for (const item of dropped) reject(item);
    await this.#inFlight;
  }
}
