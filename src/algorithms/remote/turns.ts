/**
 * Fair turns of computing inside one designer worker (issue 14).
 *
 * A worker runs one JavaScript thread: a designer computing synchronously
 * holds it, and every other session in the worker waits. Before, a large
 * gp-bo batch held its worker for minutes while a 6-trial study of another
 * project waited for one point. Now every call a worker serves (create,
 * update, suggest, recommend) computes only during its turn, and a long
 * suggestion gives its turn back between steps (`SuggestContext.pause`):
 * whoever waits then goes first, round robin between projects, and within a
 * project between studies, so a small study's request is served between
 * two steps of a big one, and a project with many studies gets no more
 * turns than a project with one.
 *
 * A step gives its turn back only after it has computed for
 * {@linkcode SLICE_MS}; the worker's event loop is let run then (a
 * macrotask), so that messages from the service that arrived meanwhile
 * are read and their calls queue for a turn. Turns change when results are
 * computed, never what they are.
 *
 * @module
 */

/** Whose computation a turn is for. */
export interface Owner {
  project: string;
  study: string;
}

/** How long a step computes before it gives its turn back. */
export const SLICE_MS = 20;

/** Round-robin turns between projects, then between a project's studies. */
export class Turns {
  #busy = false;
  /** Projects with waiting calls, next first; per project its studies, next first. */
  readonly #projects: string[] = [];
  readonly #studies = new Map<string, string[]>();
  readonly #waiting = new Map<string, (() => void)[]>();

  /** Calls waiting for a turn. */
  get waiting(): number {
    let n = 0;
    for (const list of this.#waiting.values()) n += list.length;
    return n;
  }

  /** Resolves when `owner` may compute; call {@linkcode release} when done. */
  take(owner: Owner): Promise<void> {
    if (!this.#busy && this.#projects.length === 0) {
      this.#busy = true;
      return Promise.resolve();
    }
    const { promise, resolve } = Promise.withResolvers<void>();
    const key = JSON.stringify([owner.project, owner.study]);
    const list = this.#waiting.get(key);
    if (list) {
      list.push(resolve);
      return promise;
    }
    this.#waiting.set(key, [resolve]);
    const studies = this.#studies.get(owner.project);
    if (studies) studies.push(key);
    else {
      this.#studies.set(owner.project, [key]);
      this.#projects.push(owner.project);
    }
    return promise;
  }

  /** Ends the current turn: the next waiting call (round robin) computes. */
  release(): void {
    const project = this.#projects.shift();
    if (project === undefined) {
      this.#busy = false;
      return;
    }
    const studies = this.#studies.get(project)!;
    const key = studies.shift()!;
    const list = this.#waiting.get(key)!;
    const next = list.shift()!;
    // Served: the study goes behind its project's others, the project behind the others.
    if (list.length > 0) studies.push(key);
    else this.#waiting.delete(key);
    if (studies.length > 0) this.#projects.push(project);
    else this.#studies.delete(project);
    next();
  }
}

/** Lets the event loop run (a macrotask: messages that arrived are read) and resolves. */
export function yieldToEventLoop(): Promise<void> {
  const { promise, resolve } = Promise.withResolvers<void>();
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    resolve();
  };
  channel.port2.postMessage(null);
  return promise;
}

/**
 * A `pause` for one computation of `owner`: after SLICE_MS of computing it
 * gives the turn back, lets the event loop run, and waits for its next turn.
 */
export function pauser(turns: Turns, owner: Owner): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    turns.release();
    await yieldToEventLoop();
    await turns.take(owner);
    since = performance.now();
  };
}
