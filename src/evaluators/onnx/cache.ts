/**
 * The sessions kept loaded, least recently used first out, by memory.
 *
 * A session holds its model's weights (on the GPU for a GPU provider), so
 * the budget is counted in model bytes, the best measure known before the
 * session exists. Sessions on a GPU provider also count against the GPU
 * budget when one is set. A session with evaluations queued or running is
 * never evicted; a model larger than the whole budget is still loaded (it
 * is evicted first next time).
 */

/** What the cache needs to know of a session. */
export interface Cached {
  bytes: number;
  /** Held by a GPU provider. */
  gpu: boolean;
  /** Evaluations are queued or running on it. */
  busy(): boolean;
}

/** Sessions by model key, in order of use. */
export class SessionCache<E extends Cached> {
  readonly #entries = new Map<string, E>();
  readonly limitBytes: number;
  readonly gpuLimitBytes?: number;
  bytes = 0;
  gpuBytes = 0;
  evictions = 0;

  constructor(limitBytes: number, gpuLimitBytes?: number) {
    this.limitBytes = limitBytes;
    this.gpuLimitBytes = gpuLimitBytes;
  }

  /** The session of a model, marked as just used. */
  get(key: string): E | undefined {
    const e = this.#entries.get(key);
    if (e) {
      this.#entries.delete(key);
      this.#entries.set(key, e);
    }
    return e;
  }

  /** Adds a session (call `makeRoom` first). */
  add(key: string, entry: E): void {
    this.delete(key);
    this.#entries.set(key, entry);
    this.bytes += entry.bytes;
    if (entry.gpu) this.gpuBytes += entry.bytes;
  }

  /** Forgets a session; true if it was there. */
  delete(key: string): boolean {
    const e = this.#entries.get(key);
    if (!e) return false;
    this.#entries.delete(key);
    this.bytes -= e.bytes;
    if (e.gpu) this.gpuBytes -= e.bytes;
    return true;
  }

  /**
   * Takes out idle sessions, least recently used first, until `bytes` more
   * (on the GPU when `gpu`) fit; returns them, to be released.
   */
  makeRoom(bytes: number, gpu: boolean): [string, E][] {
    const out: [string, E][] = [];
    const over = () =>
      this.bytes + bytes > this.limitBytes ||
      (gpu && this.gpuLimitBytes !== undefined && this.gpuBytes + bytes > this.gpuLimitBytes);
    for (const [key, e] of [...this.#entries]) {
      if (!over()) break;
      if (e.busy()) continue;
      // Under the GPU budget alone, only GPU sessions make room.
      if (this.bytes + bytes <= this.limitBytes && !e.gpu) continue;
      this.delete(key);
      this.evictions++;
      out.push([key, e]);
    }
    return out;
  }

  /** Takes out every session. */
  clear(): [string, E][] {
    const out = [...this.#entries];
    this.#entries.clear();
    this.bytes = 0;
    this.gpuBytes = 0;
    return out;
  }

  /** Sessions held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Every session, least recently used first. */
  entries(): [string, E][] {
    return [...this.#entries];
  }
}
