/**
 * Group commit for suggestions: requests for one study that arrive while a
 * suggestion for it is running wait and are then served together, in
 * arrival order, by one transaction (suggestBatch). Each still gets exactly
 * the answer a transaction of its own would give; the study's row lock, the
 * reads and the commit are paid once per group instead of once per request.
 * Across processes the row lock keeps everything consistent as before.
 *
 * Cancellation: a request whose caller disconnects while it waits in the
 * queue leaves it; a group's computation is cancelled only when every
 * request in the group has been (a computation is never cancelled for a
 * caller that still waits for it); such a group writes nothing, even when
 * its computation was done when the last caller left (suggest.ts).
 */
import { retryTransient } from "../db/errors.ts";
import type { ServiceContext } from "./context.ts";
import { runsRemotely } from "./designer_session.ts";
import {
  cancelled,
  checkSuggestRequest,
  type SuggestAnswer,
  suggestBatch,
  type SuggestRequest,
} from "./suggest.ts";

interface Waiting {
  request: SuggestRequest;
  signal?: AbortSignal;
  resolve: (answer: SuggestAnswer) => void;
  reject: (error: unknown) => void;
}

/** The most requests one transaction serves. */
const MAX_GROUP = 64;
/** The most trials one transaction hands out (beyond the first request). */
const MAX_GROUP_TRIALS = 4096;

/** A signal aborted once every one of `signals` is (never, if one is absent). */
function allAborted(signals: (AbortSignal | undefined)[]): AbortSignal {
  const controller = new AbortController();
  if (signals.some((s) => s === undefined)) return controller.signal;
  const check = () => {
    if (signals.every((s) => s!.aborted)) controller.abort();
  };
  for (const s of signals) s!.addEventListener("abort", check, { once: true });
  check();
  return controller.signal;
}

/** Queues concurrent suggestions per study and serves them in groups. */
export class SuggestionQueue {
  readonly #ctx: ServiceContext;
  readonly #queues = new Map<string, Waiting[]>();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /** Requests waiting for the group in flight for their study (each queue's first is in it). */
  waiting(): number {
    let n = 0;
    for (const queue of this.#queues.values()) n += queue.length;
    return n;
  }

  /**
   * Hands out trials for one request (see suggestTrials); `signal` is the
   * caller's (aborted when it disconnects), or a function that gives it. The
   * function is called only for studies whose designer computes in a worker:
   * the only computations long enough to be worth cancelling. (An HTTP
   * request's signal costs every request that asks for it: Deno makes it and
   * aborts it after the response.)
   */
  async suggest(
    projectId: string,
    studyId: string,
    request: SuggestRequest,
    caller?: AbortSignal | (() => AbortSignal),
  ): Promise<SuggestAnswer> {
    const meta = await checkSuggestRequest(this.#ctx, this.#ctx.db, projectId, studyId, request);
    const signal = typeof caller === "function"
      ? (runsRemotely(this.#ctx, meta) ? caller() : undefined)
      : caller;
    if (signal?.aborted) throw cancelled();
    const key = `${projectId}/${studyId}`;
    const { promise, resolve, reject } = Promise.withResolvers<SuggestAnswer>();
    const waiting: Waiting = { request, signal, resolve, reject };
    const queue = this.#queues.get(key);
    if (queue) {
      queue.push(waiting);
      // Gone before its group started: it leaves the queue.
      const leave = () => {
        const at = queue.indexOf(waiting);
        if (at < 0) return;
        queue.splice(at, 1);
        if (this.#ctx.counters) this.#ctx.counters.abandoned++;
        reject(cancelled());
      };
      signal?.addEventListener("abort", leave, { once: true });
      promise.finally(() => signal?.removeEventListener("abort", leave)).catch(() => {});
    } else {
      this.#queues.set(key, [waiting]);
      this.#drain(key, projectId, studyId);
    }
    return await promise;
  }

  async #drain(key: string, projectId: string, studyId: string): Promise<void> {
    const queue = this.#queues.get(key)!;
    while (queue.length > 0) {
      let trials = queue[0].request.count;
      let size = 1;
      while (
        size < queue.length && size < MAX_GROUP &&
        trials + queue[size].request.count <= MAX_GROUP_TRIALS
      ) trials += queue[size++].request.count;
      const group = queue.splice(0, size);
      const signal = allAborted(group.map((g) => g.signal));
      // Counted when the last caller leaves, not when Deno aborts signals after the answer.
      let answered = false;
      const abandon = () => {
        if (!answered && this.#ctx.counters) this.#ctx.counters.abandoned++;
      };
      signal.addEventListener("abort", abandon, { once: true });
      try {
        const answers = await retryTransient(() =>
          suggestBatch(
            this.#ctx,
            this.#ctx.db,
            projectId,
            studyId,
            group.map((g) => g.request),
            signal,
          )
        );
        // A request a complete study gave nothing is refused alone (the others got trials).
        group.forEach((g, i) => {
          const answer = answers[i];
          if (answer.refused) g.reject(answer.refused);
          else g.resolve(answer);
        });
      } catch (error) {
        for (const g of group) g.reject(error);
      } finally {
        answered = true;
        signal.removeEventListener("abort", abandon);
      }
    }
    this.#queues.delete(key);
  }
}
