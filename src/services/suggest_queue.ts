/**
 * Group commit for suggestions: requests for one study that arrive while a
 * suggestion for it is running wait and are then served together, in
 * arrival order, by one transaction (suggestBatch). Each still gets exactly
 * the answer a transaction of its own would give; the study's row lock, the
 * reads and the commit are paid once per group instead of once per request.
 * Across processes the row lock keeps everything consistent as before.
 */
import { retryTransient } from "../db/errors.ts";
import type { ServiceContext } from "./context.ts";
import { checkSuggestRequest, suggestBatch, type SuggestRequest } from "./suggest.ts";
import type { TrialView } from "./trial_rows.ts";

interface Waiting {
  request: SuggestRequest;
  resolve: (trials: TrialView[]) => void;
  reject: (error: unknown) => void;
}

/** The most requests one transaction serves. */
const MAX_GROUP = 64;
/** The most trials one transaction hands out (beyond the first request). */
const MAX_GROUP_TRIALS = 4096;

/** Queues concurrent suggestions per study and serves them in groups. */
export class SuggestionQueue {
  readonly #ctx: ServiceContext;
  readonly #queues = new Map<string, Waiting[]>();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /** Hands out trials for one request (see suggestTrials). */
  async suggest(projectId: string, studyId: string, request: SuggestRequest): Promise<TrialView[]> {
    await checkSuggestRequest(this.#ctx.db, projectId, studyId, request);
    const key = `${projectId}/${studyId}`;
    const { promise, resolve, reject } = Promise.withResolvers<TrialView[]>();
    const queue = this.#queues.get(key);
    if (queue) {
      queue.push({ request, resolve, reject });
    } else {
      this.#queues.set(key, [{ request, resolve, reject }]);
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
      try {
        const answers = await retryTransient(() =>
          suggestBatch(
            this.#ctx,
            this.#ctx.db,
            projectId,
            studyId,
            group.map((g) => g.request),
            new AbortController().signal,
          )
        );
        group.forEach((g, i) => g.resolve(answers[i]));
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.#queues.delete(key);
  }
}
