/**
 * The ask/tell loop over one study: get or create it by name, ask for
 * trials, tell results (one, or a batch in one transaction), fail a trial,
 * and run one evaluation under a heartbeat (`withTrial`). Every call is an
 * operation of the typed client, by its path, so a change of the OpenAPI
 * document reaches these helpers through the regenerated schema alone.
 */
import { answer, MinimaError } from "./errors.ts";
import type { MinimaClient } from "./client.ts";
import { pause } from "./retry.ts";
import type { StudyDefinition, StudyView, Suggestion, Trial, TrialReport } from "./types.ts";

/**
 * What an evaluation gives: the study's first metric as a number, metric
 * name → value, or a whole completeTrial body (variances, infeasible).
 */
export type StudyResult = number | Record<string, number> | TrialReport;

/** How `withTrial` runs. */
export interface WithTrialOptions {
  /**
   * Seconds between heartbeats while the callback runs (default: a third of
   * the study's lease, at least 1).
   */
  heartbeatSeconds?: number;
  /** Stops waiting for a trial (when the algorithm has none to hand out yet). */
  signal?: AbortSignal;
}

/** The longest reason failTrial keeps (the service's limit). */
const MAX_REASON = 2000;
/** completeTrials' largest batch, and suggest's largest count. */
const MAX_BATCH = 1000;
/** Heartbeat answers after which the trial cannot be kept: the key is refused, or the trial gone or finished. */
const HEARTBEAT_ENDS = new Set([401, 403, 404, 409]);

function trialId(trial: Trial | string): string {
  return typeof trial === "string" ? trial : trial.id;
}

/**
 * The reason a trial fails with when its evaluation throws: "Name: message"
 * (the Python client's "Kind: message"), at most 2000 characters.
 */
export function failureReason(error: unknown): string {
  const text = error instanceof Error
    ? (error.message ? `${error.name}: ${error.message}` : error.name)
    : String(error);
  return (text || "the evaluation threw").slice(0, MAX_REASON);
}

/**
 * Whether a refused result is final (fail the trial) rather than possibly
 * recorded or worth a later retry (no answer, 429, 5xx: leave the trial).
 */
function refusedForGood(error: unknown): boolean {
  if (!(error instanceof MinimaError)) return true; // refused here, before any request
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

/** One study of a project, through one client (and its clientId). */
export class Study {
  private constructor(readonly client: MinimaClient, private view: StudyView) {}

  /**
   * The study of `definition.name`, created if there is none
   * (`"ifExists": "return"`): the same study on every run of a script. A study
   * of that name with another definition is a 409 MinimaError naming each
   * difference in `errors`.
   */
  static async getOrCreate(client: MinimaClient, definition: StudyDefinition): Promise<Study> {
    const view = await answer(
      client.POST("/v1/studies", { body: { ...definition, ifExists: "return" } }),
    );
    return new Study(client, view);
  }

  /** The study of an id. */
  static async get(client: MinimaClient, studyId: string): Promise<Study> {
    const view = await answer(
      client.GET("/v1/studies/{studyId}", { params: { path: { studyId } } }),
    );
    return new Study(client, view);
  }

  get id(): string {
    return this.view.id;
  }

  get name(): string {
    return this.view.name;
  }

  /** The study as last read (its state and trial counts as of then). */
  get info(): StudyView {
    return this.view;
  }

  /** Reads the study again (state, trial counts). */
  async refresh(): Promise<StudyView> {
    this.view = await answer(
      this.client.GET("/v1/studies/{studyId}", { params: { path: { studyId: this.id } } }),
    );
    return this.view;
  }

  /** suggestTrials as it answers: up to `count` trials, and when to ask again if fewer. */
  async suggest(count = 1): Promise<Suggestion> {
    if (!Number.isInteger(count) || count < 1 || count > MAX_BATCH) {
      throw new RangeError(`count must be an integer from 1 to ${MAX_BATCH}`);
    }
    return await answer(this.client.POST("/v1/studies/{studyId}/trials/suggest", {
      params: { path: { studyId: this.id } },
      body: { count, clientId: this.client.clientId },
    }));
  }

  /**
   * Up to `count` trials (1 to 1000) to evaluate, for this client's
   * clientId; fewer (even none) when the algorithm waits for results.
   */
  async ask(count = 1): Promise<Trial[]> {
    return (await this.suggest(count)).trials;
  }

  /** The completeTrial body of a result. */
  report(result: StudyResult): TrialReport {
    if (typeof result === "number") {
      const metric = this.view.objective?.metrics[0]?.name;
      if (metric === undefined) throw new TypeError(`study ${this.name} has no metric to report`);
      return { values: { [metric]: result } };
    }
    const r = result as Record<string, unknown>;
    // A completeTrial body has an object of values or `infeasible: true`; a map of metrics has numbers.
    if ((typeof r.values === "object" && r.values !== null) || r.infeasible === true) {
      return result as TrialReport;
    }
    return { values: result as Record<string, number> };
  }

  /** Reports a trial's result; answers the COMPLETED (or INFEASIBLE) trial. */
  async tell(trial: Trial | string, result: StudyResult): Promise<Trial> {
    return await answer(this.client.POST("/v1/studies/{studyId}/trials/{trialId}/complete", {
      params: { path: { studyId: this.id, trialId: trialId(trial) } },
      body: this.report(result),
    }));
  }

  /**
   * Reports many results, each batch of up to 1000 in one transaction (all
   * or none); without echoing the trials back (`Prefer: return=minimal`).
   */
  async tellMany(results: { trial: Trial | string; result: StudyResult }[]): Promise<void> {
    for (let start = 0; start < results.length; start += MAX_BATCH) {
      const items = results.slice(start, start + MAX_BATCH).map(({ trial, result }) => ({
        trialId: trialId(trial),
        ...this.report(result),
      }));
      await answer(this.client.POST("/v1/studies/{studyId}/trials/complete", {
        params: { path: { studyId: this.id }, header: { prefer: "return=minimal" } },
        body: { items },
      }));
    }
  }

  /** Gives a trial up (FAILED); its point may be handed out again. */
  async fail(trial: Trial | string, reason?: string): Promise<Trial> {
    return await answer(this.client.POST("/v1/studies/{studyId}/trials/{trialId}/fail", {
      params: { path: { studyId: this.id, trialId: trialId(trial) } },
      body: reason === undefined ? {} : { reason: reason.slice(0, MAX_REASON) },
    }));
  }

  /** Extends an ACTIVE trial's lease; answers the trial with its new lease. */
  async heartbeat(trial: Trial | string, signal?: AbortSignal): Promise<Trial> {
    return await answer(this.client.POST("/v1/studies/{studyId}/trials/{trialId}/heartbeat", {
      params: { path: { studyId: this.id, trialId: trialId(trial) } },
      signal,
    }));
  }

  /**
   * Asks for one trial (waiting as the service says while it has none),
   * runs `evaluate` on it while heartbeats keep its lease, and reports what
   * it returns. If `evaluate` throws, the trial is failed with
   * `failureReason(error)` and the error is thrown on; if the service
   * refuses the result for good (a 4xx, e.g. 422 for NaN), the trial is
   * failed too and the refusal thrown. Answers the finished trial.
   */
  async withTrial(
    evaluate: (trial: Trial) => Promise<StudyResult> | StudyResult,
    options: WithTrialOptions = {},
  ): Promise<Trial> {
    if (options.heartbeatSeconds !== undefined && !(options.heartbeatSeconds > 0)) {
      throw new RangeError("withTrial: heartbeatSeconds must be above 0");
    }
    let trial: Trial | undefined;
    for (;;) {
      const { trials, retryAfterSeconds } = await this.suggest(1);
      trial = trials[0];
      if (trial) break;
      await pause((retryAfterSeconds ?? 1) * 1000, options.signal);
    }
    const stopBeating = this.keepLeased(trial, options.heartbeatSeconds);
    let result: StudyResult;
    try {
      result = await evaluate(trial);
    } catch (error) {
      stopBeating();
      // The evaluation's error is the one to throw; a trial that cannot be failed now (the
      // service unreachable) goes STALE when its lease lapses, and its point is handed out again.
      await this.fail(trial, failureReason(error)).catch(() => {});
      throw error;
    }
    stopBeating();
    try {
      return await this.tell(trial, result);
    } catch (error) {
      // A result refused for good would leave the trial ACTIVE for its whole lease.
      if (refusedForGood(error)) {
        await this.fail(trial, failureReason(error)).catch(() => {});
      }
      throw error;
    }
  }

  /**
   * Heartbeats `trial` every `seconds` (default a third of the lease, at
   * least 1 s, as the Python client) until the returned function is called.
   * A beat is one try (the next beat is its retry), so stopping never waits
   * on a retry: the beat in flight is aborted. Beats stop for good on 401,
   * 403, 404 and 409 (the key refused, the trial gone or no longer ACTIVE).
   */
  private keepLeased(trial: Trial, seconds?: number): () => void {
    const every = seconds ?? Math.max(1, this.view.settings.leaseSeconds / 3);
    const stop = new AbortController();
    let beating = false;
    const timer = setInterval(() => {
      if (beating || stop.signal.aborted) return;
      beating = true;
      answer(this.client.POST("/v1/studies/{studyId}/trials/{trialId}/heartbeat", {
        params: { path: { studyId: this.id, trialId: trial.id } },
        fetch: this.client.sendOnce,
        signal: stop.signal,
      })).then(
        () => {},
        (error) => {
          if (error instanceof MinimaError && HEARTBEAT_ENDS.has(error.status)) {
            clearInterval(timer);
          }
        },
      ).finally(() => beating = false);
    }, every * 1000);
    return () => {
      clearInterval(timer);
      stop.abort();
    };
  }

  /** The best COMPLETED trial so far (by the first metric's goal), or null. */
  async best(): Promise<Trial | null> {
    return (await this.bestTrials(1))[0] ?? null;
  }

  /** The COMPLETED trials with the best first metric, best first (`limit` 1 to 100). */
  async bestTrials(limit = 1): Promise<Trial[]> {
    const best = await answer(this.client.GET("/v1/studies/{studyId}/trials/best", {
      params: { path: { studyId: this.id }, query: { limit } },
    }));
    return best.trials;
  }

  /** Every trial (in one `state` if given), by number, read 1000 a page. */
  async trials(state?: Trial["state"]): Promise<Trial[]> {
    const all: Trial[] = [];
    let cursor: string | undefined;
    do {
      const page = await answer(this.client.GET("/v1/studies/{studyId}/trials", {
        params: { path: { studyId: this.id }, query: { limit: MAX_BATCH, state, cursor } },
      }));
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  /** A trial as it is now. */
  async getTrial(trial: Trial | string): Promise<Trial> {
    return await answer(this.client.GET("/v1/studies/{studyId}/trials/{trialId}", {
      params: { path: { studyId: this.id, trialId: trialId(trial) } },
    }));
  }

  /** Marks the study COMPLETED (suggestions stop; results may still arrive). */
  async finish(): Promise<StudyView> {
    this.view = await answer(this.client.PATCH("/v1/studies/{studyId}", {
      params: { path: { studyId: this.id } },
      body: { state: "COMPLETED" },
    }));
    return this.view;
  }
}
