/**
 * The ask/tell loop over one study: get or create it by name, ask for
 * trials, tell results (one, or a batch in one transaction), fail a trial,
 * and run one evaluation under a heartbeat (`withTrial`). Every call is an
 * operation of the typed client, by its path, so a change of the OpenAPI
 * document reaches these helpers through the regenerated schema alone.
 */
import { answer } from "./errors.ts";
import type { MinimaClient } from "./client.ts";
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

/** The longest reason failTrial keeps. */
const MAX_REASON = 2000;
/** completeTrials' largest batch. */
const MAX_BATCH = 1000;

function trialId(trial: Trial | string): string {
  return typeof trial === "string" ? trial : trial.id;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
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
  async heartbeat(trial: Trial | string): Promise<Trial> {
    return await answer(this.client.POST("/v1/studies/{studyId}/trials/{trialId}/heartbeat", {
      params: { path: { studyId: this.id, trialId: trialId(trial) } },
    }));
  }

  /**
   * Asks for one trial (waiting as the service says while it has none),
   * runs `evaluate` on it while heartbeats keep its lease, and reports what
   * it returns. If `evaluate` throws, the trial is failed with the error's
   * message and the error is thrown on. Answers the finished trial.
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
      await sleep((retryAfterSeconds ?? 1) * 1000, options.signal);
    }
    const lease = this.view.settings.leaseSeconds;
    const every = options.heartbeatSeconds ?? Math.max(1, lease / 3);
    let beating: Promise<void> | undefined;
    let alive = true;
    const beat = () => {
      if (beating || !alive) return;
      beating = this.heartbeat(trial).then(
        () => {},
        (error) => {
          // 409: the trial is not ACTIVE anymore; there is nothing left to keep.
          if (error?.status === 409) alive = false;
        },
      ).finally(() => beating = undefined);
    };
    const timer = setInterval(beat, every * 1000);
    let result: StudyResult;
    try {
      result = await evaluate(trial);
    } catch (error) {
      clearInterval(timer);
      await beating;
      const reason = error instanceof Error ? error.message : String(error);
      // The evaluation's error is the one to throw; a trial that cannot be failed now (the
      // service unreachable) goes STALE when its lease lapses, and its point is handed out again.
      await this.fail(trial, reason || "the evaluation threw").catch(() => {});
      throw error;
    }
    clearInterval(timer);
    await beating;
    return await this.tell(trial, result);
  }

  /** The best COMPLETED trial so far (by the first metric's goal), or null. */
  async best(): Promise<Trial | null> {
    const best = await answer(this.client.GET("/v1/studies/{studyId}/trials/best", {
      params: { path: { studyId: this.id }, query: { limit: 1 } },
    }));
    return best.trials[0] ?? null;
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
