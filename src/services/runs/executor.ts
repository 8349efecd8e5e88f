/**
 * Executing a run: a worker that claimed a run drives the study's own
 * algorithm through the services HTTP clients use, as one client among
 * others (`run:{id}`), until the budget, the deadline or the target:
 *
 * 1. suggestTrials (through the suggestion queue) for the next batch. A
 *    client that still holds ACTIVE trials gets those back first, so a run
 *    taken over after its worker died finishes the batch it had in flight.
 * 2. The model evaluates the batch (model_objective.ts: async, off the event
 *    loop in onnxruntime's threads).
 * 3. One transaction completes and counts them (./batch.ts): a batch's
 *    trials are either completed and counted once, or still the run's and
 *    handed back to whoever holds the run next.
 *
 * A lease timer renews the claim (on the database's clock), extends the
 * leases of the run's trials in flight, and hears cancellation. A worker
 * that claims a run takes back the trials its last holder had in flight
 * (runs_trials.ts), so the run's trials number exactly its budget however
 * long the takeover took.
 *
 * Errors are sorted (./retry.ts). The model's own (it cannot evaluate these
 * points, or it is gone) end the run FAILED with its reason; the batch's
 * trials are marked FAILED, and everything completed before stays. Those
 * that pass (the database away for a moment, a shared worker busy: a 503)
 * are retried in place, with a growing pause, while the lease holds: a
 * blip costs neither the lease nor a lost worker. Any other problem the
 * services raise (the study was paused) fails the run. A run that ends, for
 * any reason, gives up its trials still in flight (STALE) in the same
 * transaction. A worker that dies leaves the run under its lease: once it
 * lapses, a worker (here or elsewhere) claims it again, and a run whose
 * workers were lost MAX_CLAIMS times is FAILED.
 */
import type { Transaction } from "../../db/client.ts";
import { retryTransient } from "../../db/errors.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import {
  claimRun,
  finishRun,
  releaseRun,
  renewRunLease,
  type RunEnding,
} from "../../db/queries/runs.ts";
import {
  renewClientTrials,
  staleClientTrials,
  takeBackClientTrials,
} from "../../db/queries/runs_trials.ts";
import type { RunRow } from "../../db/schema.ts";
import { Problem } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { evaluatePoints, type PointResult } from "../model_objective.ts";
import { retryAfterSeconds } from "../retry_hints.ts";
import { suggestTrials } from "../suggest.ts";
import { type StudyMeta, studyMeta } from "../study_meta.ts";
import type { TrialView } from "../trial_rows.ts";
import { failTrial } from "../trials.ts";
import { batchOf, progressDue, recordBatch } from "./batch.ts";
import { backoffMs, isModelFault, LeaseLost, passes, sleep } from "./retry.ts";
import { runClientId, stateEvent } from "./view.ts";

/** Claims (workers lost in the middle of it) beyond which a run is FAILED: its workers keep dying. */
export const MAX_CLAIMS = 10;

/**
 * The shortest wait of a run whose algorithm waits for trials others hold:
 * each look takes the study's lock, which the others' reports need too.
 */
const WAIT_FLOOR_SECONDS = 1;
/** The longest. */
const WAIT_CEILING_SECONDS = 5;

/** A run a worker holds, with its study's project. */
export interface ClaimedRun {
  run: RunRow;
  projectId: string;
}

/** How a worker holds runs. */
export interface WorkerLease {
  workerId: string;
  /** How long a claim lasts without a renewal. */
  leaseSeconds: number;
  /** Aborted when the worker stops: the run is released after the batch in flight. */
  stop: AbortSignal;
  /**
   * The least time between two progress events of a run (default 1 s): a
   * run of small batches writes one now and then, not one per batch. The
   * batch that reaches the budget or the target always makes one.
   */
  progressSeconds?: number;
}

/** Claims the oldest claimable run for a worker (with its state event), if any. */
export async function claimNextRun(
  ctx: ServiceContext,
  lease: Omit<WorkerLease, "stop">,
): Promise<ClaimedRun | undefined> {
  const claimed = await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const found = await claimRun(tx, lease.workerId, now, lease.leaseSeconds);
      if (!found) return undefined;
      // Before any suggestion: the held-trials-first road then hands them to this worker.
      await takeBackClientTrials(tx, found.run.studyId, runClientId(found.run.id), now);
      await insertRunEvent(tx, found.run.id, stateEvent(found.run), now);
      return found;
    })
  );
  if (claimed) {
    if (ctx.runCounters) ctx.runCounters.claimed++;
    ctx.runs?.notify(claimed.run.id);
  }
  return claimed;
}

/** Drives a claimed run until it ends, is released, or is lost; never throws. */
export async function executeRun(
  ctx: ServiceContext,
  claimed: ClaimedRun,
  lease: WorkerLease,
): Promise<void> {
  await new RunExecution(ctx, claimed, lease).execute();
}

/** One worker's hold on one run, from its claim to its end. */
class RunExecution {
  readonly #ctx: ServiceContext;
  readonly #projectId: string;
  readonly #lease: WorkerLease;
  readonly #lost = new AbortController();
  #row: RunRow;
  #meta: StudyMeta | undefined;
  /** When this worker last wrote a progress event (performance.now()). */
  #progressAt = -Infinity;
  /** Where the run stood at the claim, for the rate of this worker's evaluations. */
  readonly #claimedAt: number;
  readonly #completedAtClaim: number;

  constructor(ctx: ServiceContext, claimed: ClaimedRun, lease: WorkerLease) {
    this.#ctx = ctx;
    this.#projectId = claimed.projectId;
    this.#lease = lease;
    this.#row = claimed.run;
    this.#claimedAt = ctx.now().getTime();
    this.#completedAtClaim = claimed.run.completed;
  }

  get #runId(): string {
    return this.#row.id;
  }

  get #clientId(): string {
    return runClientId(this.#row.id);
  }

  async execute(): Promise<void> {
    let renewing: Promise<void> = Promise.resolve();
    const renew = setInterval(
      () => (renewing = this.#renew()),
      (this.#lease.leaseSeconds * 1000) / 3,
    );
    try {
      await this.#drive();
    } catch (error) {
      await this.#failed(error);
    } finally {
      clearInterval(renew);
      await renewing;
    }
  }

  async #drive(): Promise<void> {
    if (this.#row.claims > MAX_CLAIMS) {
      return await this.#end({
        state: "FAILED",
        stopReason: null,
        reason: `its workers were lost ${this.#row.claims - 1} times in the middle of it ` +
          "(their processes died; see the services' logs)",
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
    for (;;) {
      if (this.#lost.signal.aborted) return;
      const ending = this.#ending(meta);
      if (ending) return await this.#end(ending);
      if (this.#lease.stop.aborted) return await this.#release();
      const count = Math.min(this.#row.batchSize, this.#row.budget - this.#row.completed);
      const trials = await this.#persist(() => this.#suggest(count));
      if (trials.length === 0) {
        // The algorithm waits for trials others hold (a generation still out).
        // cancelRun wakes the wait; the renewal then reads the request.
        const hint = await this.#persist(() => retryAfterSeconds(this.#ctx.db, meta.id));
        const seconds = Math.min(Math.max(hint, WAIT_FLOOR_SECONDS), WAIT_CEILING_SECONDS);
        await this.#pause(seconds * 1000);
        await this.#renew();
        continue;
      }
      let results: PointResult[];
      try {
        results = await this.#persist(() =>
          evaluatePoints(this.#ctx, meta, trials.map((t) => t.params))
        );
      } catch (error) {
        if (!isModelFault(error)) throw error;
        return await this.#modelFailed(trials, error);
      }
      await this.#persist((attempt) => this.#record(meta, trials, results, attempt > 0));
    }
  }

  /** The study's meta (cached by the services). */
  async #studyMeta(): Promise<StudyMeta> {
    return this.#meta ??= await studyMeta(
      this.#ctx,
      this.#ctx.db,
      this.#projectId,
      this.#row.studyId,
    );
  }

  /**
   * Runs a step of the run, again after a growing pause while it fails for a
   * reason that passes (./retry.ts) and the run is still this worker's, the
   * worker is not stopping and (`heedCancel`) no cancellation was heard;
   * otherwise its error is thrown. The lease timer keeps the claim meanwhile.
   */
  async #persist<T>(step: (attempt: number) => Promise<T>, heedCancel = true): Promise<T> {
    const quit = AbortSignal.any([this.#lost.signal, this.#lease.stop]);
    for (let attempt = 0;; attempt++) {
      try {
        return await step(attempt);
      } catch (error) {
        if (!passes(error) || quit.aborted || (heedCancel && this.#row.cancelRequested)) {
          throw error;
        }
        const ms = backoffMs(attempt);
        this.#ctx.log?.warn("a run's step failed; it is tried again", {
          run: this.#runId,
          attempt: attempt + 1,
          inMs: ms,
          error: messageOf(error),
        });
        await sleep(ms, quit);
      }
    }
  }

  /** Why the run ends now, if it does: budget, target, cancellation, deadline. */
  #ending(meta: StudyMeta): RunEnding | null {
    const row = this.#row;
    if (row.completed >= row.budget) {
      return { state: "SUCCEEDED", stopReason: "budget", reason: null };
    }
    if (row.stopAtValue !== null && row.bestValue !== null) {
      const goal = meta.objective.metrics[0].goal;
      const reached = goal === "minimize"
        ? row.bestValue <= row.stopAtValue
        : row.bestValue >= row.stopAtValue;
      if (reached) return { state: "SUCCEEDED", stopReason: "target", reason: null };
    }
    if (row.cancelRequested) return { state: "CANCELLED", stopReason: "cancelled", reason: null };
    if (row.maxSeconds !== null && row.startedAt !== null) {
      const elapsed = (this.#ctx.now().getTime() - row.startedAt.getTime()) / 1000;
      if (elapsed >= row.maxSeconds) {
        return { state: "SUCCEEDED", stopReason: "deadline", reason: null };
      }
    }
    return null;
  }

  /** The next batch, as the run's client (its trials in flight first). */
  async #suggest(count: number): Promise<TrialView[]> {
    const request = { count, clientId: this.#clientId };
    const { suggestions } = this.#ctx;
    if (suggestions) return await suggestions.suggest(this.#projectId, this.#row.studyId, request);
    return await retryTransient(() =>
      suggestTrials(
        this.#ctx,
        this.#ctx.db,
        this.#projectId,
        this.#row.studyId,
        request,
        new AbortController().signal,
      )
    );
  }

  /** Completes and counts an evaluated batch (./batch.ts). */
  async #record(
    meta: StudyMeta,
    trials: TrialView[],
    results: PointResult[],
    again: boolean,
  ): Promise<void> {
    const ctx = this.#ctx;
    const batch = batchOf(meta, trials, results);
    const sinceLast = performance.now() - this.#progressAt;
    const event = progressDue(this.#row, batch, sinceLast, this.#lease.progressSeconds ?? 1);
    const holder = {
      projectId: this.#projectId,
      workerId: this.#lease.workerId,
      leaseSeconds: this.#lease.leaseSeconds,
      claimedAt: this.#claimedAt,
      completedAtClaim: this.#completedAtClaim,
    };
    const recorded = await recordBatch(ctx, holder, this.#row, meta, batch, { event, again });
    this.#row = recorded.row;
    if (recorded.counted) ctx.runCounters?.evaluated(batch.items.length);
    if (event) {
      this.#progressAt = performance.now();
      ctx.runs?.notify(this.#runId);
    }
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
      for (const t of trials) {
        await failTrial(this.#ctx, tx, this.#projectId, this.#row.studyId, t.id, reason);
      }
    });
  }

  /**
   * Ends the held run (with `also` in the same transaction), with its state
   * event; its trials still in flight become STALE with it.
   */
  async #end(
    ending: RunEnding,
    also?: (tx: Transaction) => Promise<void>,
  ): Promise<void> {
    const ctx = this.#ctx;
    const ended = await this.#persist(async () => {
      const { learns } = await this.#studyMeta();
      return await retryTransient(() =>
        ctx.db.transaction(async (tx) => {
          const now = ctx.now();
          await also?.(tx);
          await staleClientTrials(tx, this.#row.studyId, this.#clientId, learns);
          const row = await finishRun(tx, this.#runId, this.#lease.workerId, ending, now);
          if (!row) throw new LeaseLost();
          await insertRunEvent(tx, row.id, stateEvent(row), now);
          this.#row = row;
          return true;
        })
      );
    }, false).catch((error) => {
      if (!(error instanceof LeaseLost)) throw error;
      return false;
    });
    if (ended) ctx.runCounters?.finished(ending.state);
    ctx.runs?.notify(this.#runId);
  }

  /** Gives the run back to the queue (this worker stops), with its state event. */
  async #release(): Promise<void> {
    const ctx = this.#ctx;
    await ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const row = await releaseRun(tx, this.#runId, this.#lease.workerId, now);
      if (row) await insertRunEvent(tx, row.id, stateEvent(row), now);
    });
    ctx.runs?.notify(this.#runId);
  }

  /** Waits `ms`, less when the run's events are written (a cancellation) or the worker stops. */
  async #pause(ms: number): Promise<void> {
    const { runs } = this.#ctx;
    if (runs) return await runs.waitForEvents(this.#runId, ms, this.#lease.stop);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /**
   * Renews the claim and the leases of the run's trials in flight; hears a
   * cancellation, or that the run was lost. Never throws.
   */
  async #renew(): Promise<void> {
    const { db } = this.#ctx;
    try {
      const row = await renewRunLease(
        db,
        this.#runId,
        this.#lease.workerId,
        this.#lease.leaseSeconds,
      );
      if (!row) return this.#lost.abort();
      if (row.cancelRequested) this.#row = { ...this.#row, cancelRequested: true };
      await renewClientTrials(db, this.#row.studyId, this.#clientId, this.#ctx.now());
    } catch (error) {
      this.#ctx.log?.warn("cannot renew a run's lease", {
        run: this.#runId,
        error: messageOf(error),
      });
    }
  }

  /**
   * An error that stopped the run's steps (#persist gave up on it): a
   * cancellation heard meanwhile ends the run CANCELLED; a problem the
   * services raised that does not pass (the study was paused or deleted)
   * fails it; a worker that stops gives it back. Otherwise (the database is
   * still away) it stays under its lease, to be claimed again.
   */
  async #failed(error: unknown): Promise<void> {
    if (error instanceof LeaseLost || this.#lost.signal.aborted) return;
    try {
      if (this.#row.cancelRequested) {
        return await this.#end({ state: "CANCELLED", stopReason: "cancelled", reason: null });
      }
      if (error instanceof Problem && !passes(error)) {
        return await this.#end({ state: "FAILED", stopReason: null, reason: error.message });
      }
      if (this.#lease.stop.aborted) return await this.#release();
    } catch (again) {
      error = again;
    }
    this.#ctx.log?.error("run interrupted; it is claimed again once its lease lapses", {
      run: this.#runId,
      error: String((error as Error)?.stack ?? error),
    });
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
