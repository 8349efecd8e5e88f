/**
 * The test side of faulty_designer_worker.ts: its seeds, its URL, and a
 * latch on its BroadcastChannel.
 */

/** gp-bo with this seed crashes its worker at every suggest. */
export const SEED_CRASH = 6660;
/** gp-bo with this seed computes at every suggest until it is cancelled. */
export const SEED_SPIN = 6661;
/** gp-bo with this seed waits at every suggest until the test sends "release". */
export const SEED_HOLD = 6662;
/** gp-bo with this seed says "started" at every suggest, then computes as gp-bo does. */
export const SEED_ANNOUNCE = 6663;

/** The channel the faulty worker and the tests talk on. */
export const LATCH_CHANNEL = "minima-test-designers";

/** The module a DesignerPool starts to get the faulty designers. */
export const FAULTY_WORKER_URL = new URL("./faulty_designer_worker.ts", import.meta.url);

/** Listens to the faulty worker: waits for its messages, releases held suggestions. */
export class DesignerLatch {
  readonly #channel = new BroadcastChannel(LATCH_CHANNEL);
  readonly #seen: string[] = [];
  readonly #waiters: { message: string; resolve: () => void }[] = [];
  /** While true, every held suggestion is let go as soon as it starts. */
  autoRelease = false;

  constructor() {
    this.#channel.onmessage = (event: MessageEvent<string>) => {
      if (event.data === "started" && this.autoRelease) return this.release();
      const at = this.#waiters.findIndex((w) => w.message === event.data);
      if (at >= 0) this.#waiters.splice(at, 1)[0].resolve();
      else this.#seen.push(event.data);
    };
  }

  /** Resolves when the worker has sent `message` (once per message sent). */
  next(message: string): Promise<void> {
    const at = this.#seen.indexOf(message);
    if (at >= 0) {
      this.#seen.splice(at, 1);
      return Promise.resolve();
    }
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#waiters.push({ message, resolve });
    return promise;
  }

  /** Messages received and not waited for. */
  get unclaimed(): readonly string[] {
    return this.#seen;
  }

  /** Lets the suggestions held now go on (later ones are held again). */
  release(): void {
    this.#channel.postMessage("release");
  }

  close(): void {
    this.#channel.close();
  }
}
