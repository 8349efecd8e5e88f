/**
 * Executing a batch of a run: a worker that claimed a batch (./claim.ts)
 * drives the study's own algorithm through the services HTTP clients use,
 * as one client among others (`run:{run}/{seq}`):
 *
 * 1. suggestTrials (through the suggestion queue) for the batch's reserved
 *    count. A client that still holds ACTIVE trials gets those back first,
 *    so a batch taken over after its worker died is finished, not redone.
 *    An algorithm with nothing to give yet (a generation still out) makes
 *    the worker abandon the batch and wait before it claims again.
 * 2. The model evaluates the batch (model_objective.ts: async, off the event
 *    loop in onnxruntime's threads).
 * 3. One transaction completes and counts them and closes the batch
 *    (./batch.ts): a batch's trials are either completed and counted once,
 *    or still the batch's, for whoever takes it over.
 *
 * A lease timer renews the batch (on the database's clock) with the leases
 * of its trials, and hears that the batch was lost: taken over, or its run
 * ended (cancelled, or another worker's batch reached the target).
 *
 * Errors are sorted (./retry.ts). The model's own (it cannot evaluate these
 * points, or it is gone) end the run FAILED with its reason; the batch's
 * trials are marked FAILED, and everything completed before stays. The
 * database away (a dropped connection, a deadlock) is retried in place
 * while the batch is held, with a growing pause: a blip costs neither the
 * lease nor a lost worker. A busy shared worker (a 503) is retried a few
 * times, then the batch is given back for another worker. Anything else
 * (the study was paused; a defect) fails the run with its message. A study
 * that reached a stop condition (settings.maxTrials, settings.deadline)
 * stops the run: the worker that finds it closes its own (empty) batch, no
 * batch opens any more, the batches other workers hold are still evaluated
 * and recorded, and the last to close ends the run SUCCEEDED with
 * `stopReason: "study_complete"`. A worker
 * that dies leaves its batch under its lease: once that lapses, a worker
 * (here or elsewhere) takes it over, and a batch taken over more than
 * MAX_CLAIMS times fails its run.
 */
import { retryTransient } from "../../db/errors.ts";
import { closeBatch, lockRun } from "../../db/queries/run_batches.ts";
import { closeStoppingBatch, type RunEnding } from "../../db/queries/runs.ts";
import type { Transaction } from "../../db/client.ts";
import type { RunRow } from "../../db/schema.ts";
import { Problem } from "../../errors.ts";
import type { RunStep } from "../../metrics.ts";
import type { ServiceContext } from "../context.ts";
import { evaluatePoints, type PointResult } from "../model_objective.ts";
import { retryAfterSeconds } from "../retry_hints.ts";
import { suggestTrials } from "../suggest.ts";
import { type StudyMeta, studyMeta } from "../study_meta.ts";
import type { TrialView } from "../trial_rows.ts";
import { failTrial } from "../trials.ts";
import {
  batchOf,
  deadlinePassed,
  progressDue,
  recordBatch,
  stopPending,
  targetReached,
} from "./batch.ts";
import type { ClaimedBatch } from "./claim.ts";
import { endRun } from "./ending.ts";
import { backoffMs, BRIEF_ATTEMPTS, isModelFault, LeaseLost, retryable, sleep } from "./retry.ts";
import { BatchHold, messageOf } from "./hold.ts";
import { batchClientId } from "./view.ts";

/** Workers lost in the middle of one batch beyond which its run is FAILED: its workers keep dying. */
export const MAX_CLAIMS = 10;

/**
 * The shortest wait of a batch whose algorithm waits for trials others hold:
 * each look takes the study's lock, which the others' reports need too.
 */
const WAIT_FLOOR_SECONDS = 1;
/** The longest. */
const WAIT_CEILING_SECONDS = 5;

/** How a worker holds batches. */
export interface WorkerLease {
  workerId: string;
  /** How long a claim lasts without a renewal. */
  leaseSeconds: number;
  /** Aborted when the worker stops: the batch is given back unless it is being evaluated. */
  stop: AbortSignal;
  /**
   * The least time between two progress events of this worker (default 1
   * s): a run of small batches writes one now and then, not one per batch.
   * The batch that reaches the budget or the target always makes one.
   */
  progressSeconds?: number;
  /** When this worker last wrote a progress event (performance.now()); the worker keeps it. */
  progress: { at: number };
}

/** How a batch's execution ended: `waitMs` when its algorithm had no trials to give yet. */
export interface BatchOutcome {
  waitMs?: number;
}

/**
 * Drives a claimed batch until it is recorded, given back, or lost; never
 * throws. A batch whose algorithm has no trials to give yet (they wait for
 * trials other batches hold, perhaps a lost worker's) is abandoned, and the
 * outcome says how long to wait before claiming again: a worker that waits
 * holds nothing, so it can take over the very batch it waits for.
 */
export async function executeBatch(
  ctx: ServiceContext,
  claimed: ClaimedBatch,
  lease: WorkerLease,
): Promise<BatchOutcome> {
  return await new BatchExecution(ctx, claimed, lease).execute();
}

/** One worker's hold on one batch, from its claim to its end. */
class BatchExecution {
  readonly #ctx: ServiceContext;
  readonly #claimed: ClaimedBatch;
  readonly #lease: WorkerLease;
  readonly #hold: BatchHold;
  readonly #clientId: string;
  #row: RunRow;
  #meta: StudyMeta | undefined;

  constructor(ctx: ServiceContext, claimed: ClaimedBatch, lease: WorkerLease) {
    this.#ctx = ctx;
    this.#claimed = claimed;
    this.#lease = lease;
    this.#row = claimed.run;
    this.#clientId = batchClientId(claimed.run.id, claimed.batch.seq);
    this.#hold = new BatchHold(ctx, claimed, lease, this.#clientId);
  }

  get #runId(): string {
    return this.#row.id;
  }

  async execute(): Promise<BatchOutcome> {
    let renewing: Promise<void> = Promise.resolve();
    const renew = setInterval(
      () => (renewing = this.#hold.renew()),
      (this.#lease.leaseSeconds * 1000) / 3,
    );
    try {
      return (await this.#drive()) ?? {};
    } catch (error) {
      await this.#failed(error);
      return {};
    } finally {
      clearInterval(renew);
      await renewing;
    }
  }

  async #drive(): Promise<BatchOutcome | void> {
    const { batch } = this.#claimed;
    if (batch.takeovers > MAX_CLAIMS) {
      return await this.#end({
        state: "FAILED",
        stopReason: null,
        reason: `its workers were lost ${batch.takeovers} times in the middle of batch ` +
          `${batch.seq} (their processes died; see the services' logs)`,
      });
    }
    const meta = await this.#persist(() => this.#studyMeta());
    if (!meta.evaluator) {
      return await this.#end({
        state: "FAILED",
        stopReason: null,
        reason: "the study's objective names no model (objective.evaluator)",
      });
    }
    const ending = this.#ending(meta);
    if (ending) return await this.#end(ending);
    if (this.#lease.stop.aborted) return await this.#hold.release();
    const trials = await this.#timed(
      "suggest",
      () => this.#persist(() => this.#suggest(batch.size)),
    ).catch((error) => {
      // The study reached a stop condition (study_stops.ts): the run is done, not failed.
      if (!(error instanceof Problem) || error.kind !== "study-complete") throw error;
      return error;
    });
    if (trials instanceof Problem) {
      return await this.#studyComplete(trials.errors?.[0]?.message ?? trials.message);
    }
    if (trials.length === 0) {
      // The algorithm waits for trials others hold (a generation still out).
      const hint = await this.#persist(() => retryAfterSeconds(this.#ctx.db, meta.id));
      const after = await this.#persist(() => this.#hold.abandon());
      // The last batch out of a stopping run: this worker ends it.
      const pending = after && stopPending(after);
      if (pending) return await this.#end(pending);
      const seconds = Math.min(Math.max(hint, WAIT_FLOOR_SECONDS), WAIT_CEILING_SECONDS);
      return { waitMs: seconds * 1000 };
    }
    if (!(await this.#timed("hold", () => this.#hold.stillHeld(meta.learns)))) return;
    let results: PointResult[];
    try {
      results = await this.#timed(
        "evaluate",
        () => this.#persist(() => evaluatePoints(this.#ctx, meta, trials.map((t) => t.params))),
      );
    } catch (error) {
      if (!isModelFault(error)) throw error;
      return await this.#modelFailed(trials, error);
    }
    await this.#timed("record", () => this.#persist(() => this.#record(meta, trials, results)));
  }

  /** Runs a step of the batch, counting its time (/metrics: minima_run_step_seconds). */
  async #timed<T>(step: RunStep, run: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await run();
    } finally {
      this.#ctx.runCounters?.spent(step, performance.now() - t);
    }
  }

  /** The study's meta (cached by the services). */
  async #studyMeta(): Promise<StudyMeta> {
    return this.#meta ??= await studyMeta(
      this.#ctx,
      this.#ctx.db,
      this.#claimed.projectId,
      this.#row.studyId,
    );
  }

  /**
   * Runs a step, again after a growing pause while it fails for a reason
   * that passes (./retry.ts), the batch is still this worker's and the
   * worker is not stopping; otherwise its error is thrown. The lease timer
   * keeps the batch meanwhile.
   */
  async #persist<T>(step: () => Promise<T>): Promise<T> {
    const quit = AbortSignal.any([this.#hold.lost, this.#lease.stop]);
    for (let attempt = 0;; attempt++) {
      try {
        return await step();
      } catch (error) {
        const retry = retryable(error);
        const exhausted = retry === "briefly" && attempt + 1 >= BRIEF_ATTEMPTS;
        if (retry === "never" || exhausted || quit.aborted) throw error;
        const ms = backoffMs(attempt);
        this.#ctx.log?.warn("a run's step failed; it is tried again", {
          run: this.#runId,
          batch: this.#claimed.batch.seq,
          attempt: attempt + 1,
          inMs: ms,
          error: messageOf(error),
        });
        await sleep(ms, quit);
      }
    }
  }

  /** Why the run ends now, if it does: its target (reached before this claim) or its deadline. */
  #ending(meta: StudyMeta): RunEnding | null {
    const row = this.#row;
    if (targetReached(row, meta.objective.metrics[0].goal)) {
      return { state: "SUCCEEDED", stopReason: "target", reason: null };
    }
    if (deadlinePassed(row, this.#ctx.now())) {
      return { state: "SUCCEEDED", stopReason: "deadline", reason: null };
    }
    return null;
  }

  /** The batch's trials, as its client (those it holds first). */
  async #suggest(count: number): Promise<TrialView[]> {
    const request = { count, clientId: this.#clientId };
    const { suggestions } = this.#ctx;
    const { projectId } = this.#claimed;
    if (suggestions) {
      return (await suggestions.suggest(projectId, this.#row.studyId, request)).trials;
    }
    const { trials } = await retryTransient(() =>
      suggestTrials(
        this.#ctx,
        this.#ctx.db,
        projectId,
        this.#row.studyId,
        request,
        new AbortController().signal,
      )
    );
    return trials;
  }

  /** Completes and counts the evaluated batch (./batch.ts); a batch lost meanwhile writes nothing. */
  async #record(meta: StudyMeta, trials: TrialView[], results: PointResult[]): Promise<void> {
    const ctx = this.#ctx;
    const batch = batchOf(meta, trials, results);
    const { progress, progressSeconds = 1 } = this.#lease;
    const event = progressDue(this.#row, batch, performance.now() - progress.at, progressSeconds);
    const holder = {
      projectId: this.#claimed.projectId,
      workerId: this.#lease.workerId,
      seq: this.#claimed.batch.seq,
    };
    try {
      this.#row = await recordBatch(ctx, holder, this.#row, meta, batch, event);
    } catch (error) {
      if (!(error instanceof LeaseLost)) throw error;
      this.#hold.lose();
      return await this.#hold.giveUpTrials(meta.learns);
    }
    ctx.runCounters?.evaluated(batch.items.length);
    ctx.runs?.recorded(this.#runId);
    if (this.#row.finishedAt) ctx.runCounters?.finished(this.#row.state);
    if (event) progress.at = performance.now();
    if (event || this.#row.finishedAt) ctx.runs?.notify(this.#runId);
  }

  /** The model threw: the batch's trials FAILED, and the run with the model's reason. */
  async #modelFailed(trials: TrialView[], error: unknown): Promise<void> {
    // A problem naming one field (evaluateModel's 422) reads best by its message alone.
    const detail = error instanceof Problem && error.errors?.length === 1
      ? error.errors[0].message
      : messageOf(error);
    const reason = `the model failed: ${detail}`;
    this.#ctx.log?.warn("run failed: its model threw", { run: this.#runId, reason });
    await this.#end({ state: "FAILED", stopReason: null, reason }, async (tx) => {
      // Only while the batch is still this worker's: another may hold (and have completed) it.
      const { projectId, batch } = this.#claimed;
      if (await closeBatch(tx, this.#runId, batch.seq, this.#lease.workerId) === undefined) {
        throw new LeaseLost();
      }
      for (const t of trials) {
        await failTrial(this.#ctx, tx, projectId, this.#row.studyId, t.id, reason);
      }
    });
  }

  /**
   * The study reached a stop condition (study_stops.ts): this worker's
   * batch, which got no trials, is closed and the run stops: no batch
   * opens on it any more, and those other workers still evaluate are
   * recorded (their trials took the study's last slots). The run ends
   * SUCCEEDED (`study_complete`) here when none is in flight, else when the
   * last of them closes (./batch.ts: stopPending).
   */
  async #studyComplete(reason: string): Promise<void> {
    const ending = { state: "SUCCEEDED" as const, stopReason: "study_complete" as const, reason };
    const holder = {
      runId: this.#runId,
      seq: this.#claimed.batch.seq,
      workerId: this.#lease.workerId,
    };
    await this.#end(ending, async (tx) => {
      const row = await closeStoppingBatch(tx, holder, ending);
      if (!row) throw new LeaseLost();
      this.#row = row;
      return row.inFlight === 0;
    });
  }

  /**
   * Ends the run (./ending.ts), with `also` in the same transaction first;
   * `also` returning false leaves the run as it is.
   */
  async #end(
    ending: RunEnding,
    also?: (tx: Transaction) => Promise<boolean | void>,
  ): Promise<void> {
    const ctx = this.#ctx;
    const { learns } = await this.#persist(() => this.#studyMeta());
    const ended = await this.#persist(() =>
      retryTransient(() =>
        ctx.db.transaction(async (tx) => {
          await lockRun(tx, this.#runId);
          if ((await also?.(tx)) === false) return undefined;
          return await endRun(tx, this.#row, ending, learns, ctx.now());
        })
      )
    ).catch((error) => {
      if (error instanceof LeaseLost) return this.#hold.lose();
      throw error;
    });
    if (ended) {
      this.#row = ended;
      ctx.runCounters?.finished(ending.state);
    }
    ctx.runs?.notify(this.#runId);
  }

  /**
   * An error that stopped the batch's steps (#persist gave up on it). A
   * worker that stops gives the batch back; so does one whose shared
   * workers stayed busy (`unavailable` past its attempts: another worker
   * may fare better). The database still away (the worker stopping or
   * losing the batch meanwhile) leaves the batch under its lease, to be
   * taken over. Anything else fails the run with its message: a problem the
   * services raised (the study was paused or deleted), or a defect.
   */
  async #failed(error: unknown): Promise<void> {
    if (error instanceof LeaseLost || this.#hold.lost.aborted) return;
    const retry = retryable(error);
    try {
      if (this.#lease.stop.aborted || retry === "briefly") return await this.#hold.release();
      if (retry === "never") {
        const reason = error instanceof Problem
          ? error.message
          : `internal error in the run's worker: ${messageOf(error)}`;
        if (!(error instanceof Problem)) {
          this.#ctx.log?.error("run failed: an unexpected error", {
            run: this.#runId,
            error: String((error as Error)?.stack ?? error),
          });
        }
        return await this.#end({ state: "FAILED", stopReason: null, reason });
      }
    } catch (again) {
      error = again;
    }
    this.#ctx.log?.error("batch interrupted; it is taken over once its lease lapses", {
      run: this.#runId,
      batch: this.#claimed.batch.seq,
      error: String((error as Error)?.stack ?? error),
    });
  }
}
