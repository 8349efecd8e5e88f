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
 * 3. One transaction completes the trials (the completion service), counts
 *    them in the run's row, and appends a progress event. Counting in the
 *    same transaction, conditioned on still holding the run, is what makes
 *    every trial completed and counted exactly once across crashes: the
 *    trials of a batch are either completed and counted, or still ACTIVE
 *    and handed back to whoever holds the run next.
 *
 * A lease timer renews the claim and hears cancellation. A model that
 * throws ends the run FAILED with its reason; the batch's trials are marked
 * FAILED, and everything completed before stays. Any other error leaves the
 * run under its lease: once it lapses, a worker (here or elsewhere) claims
 * it again, and a run whose workers were lost MAX_CLAIMS times is FAILED.
 */
import type { Transaction } from "../../db/client.ts";
import { retryTransient } from "../../db/errors.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import {
  claimRun,
  finishHeldRun,
  recordRunBatch,
  releaseRun,
  renewRunLease,
  type RunEnding,
} from "../../db/queries/runs.ts";
import type { RunRow } from "../../db/schema.ts";
import { Problem } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { evaluatePoints, type PointResult } from "../model_objective.ts";
import { completeTrials } from "../reports.ts";
import { retryAfterSeconds } from "../retry_hints.ts";
import { suggestTrials } from "../suggest.ts";
import { type StudyMeta, studyMeta } from "../study_meta.ts";
import type { TrialView } from "../trial_rows.ts";
import { failTrial } from "../trials.ts";
import { progressEvent, stateEvent } from "./view.ts";

/** Claims (workers lost in the middle of it) beyond which a run is FAILED: its workers keep dying. */
export const MAX_CLAIMS = 10;

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
}

/** Thrown inside a transaction when the worker no longer holds its run (rolls it back). */
class LeaseLost extends Error {
  override name = "LeaseLost";
}

const leaseEnd = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

/** Claims the oldest claimable run for a worker (with its state event), if any. */
export async function claimNextRun(
  ctx: ServiceContext,
  lease: Omit<WorkerLease, "stop">,
): Promise<ClaimedRun | undefined> {
  const claimed = await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const found = await claimRun(tx, lease.workerId, now, leaseEnd(now, lease.leaseSeconds));
      if (found) await insertRunEvent(tx, found.run.id, stateEvent(found.run), now);
      return found;
    })
  );
  if (claimed) ctx.runs?.notify(claimed.run.id);
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
    const meta = await studyMeta(this.#ctx, this.#ctx.db, this.#projectId, this.#row.studyId);
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
      const trials = await this.#suggest(count);
      if (trials.length === 0) {
        // The algorithm waits for trials others hold (a generation still out).
        // cancelRun wakes the wait; the renewal then reads the request.
        const seconds = Math.min(await retryAfterSeconds(this.#ctx.db, meta.id), 5);
        await this.#pause(seconds * 1000);
        await this.#renew();
        continue;
      }
      let results: PointResult[];
      try {
        results = await evaluatePoints(this.#ctx, meta, trials.map((t) => t.params));
      } catch (error) {
        return await this.#modelFailed(trials, error);
      }
      await this.#record(meta, trials, results);
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
    const request = { count, clientId: `run:${this.#runId}` };
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

  /** Completes a batch and counts it, with a progress event, in one transaction. */
  async #record(meta: StudyMeta, trials: TrialView[], results: PointResult[]): Promise<void> {
    const { name, goal } = meta.objective.metrics[0];
    let best: { value: number; trialId: string } | null = null;
    const items = trials.map((t, i) => {
      const r = results[i];
      if ("infeasible" in r) return { trialId: t.id, infeasible: true as const, reason: r.reason };
      const value = r.values[name];
      if (best === null || (goal === "minimize" ? value < best.value : value > best.value)) {
        best = { value, trialId: t.id };
      }
      return { trialId: t.id, values: r.values };
    });
    const ctx = this.#ctx;
    this.#row = await retryTransient(() =>
      ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        await completeTrials(ctx, tx, this.#projectId, meta.id, items, false);
        const row = await recordRunBatch(
          tx,
          this.#runId,
          this.#lease.workerId,
          { completed: items.length, best, goal },
          now,
          leaseEnd(now, this.#lease.leaseSeconds),
        );
        if (!row) throw new LeaseLost();
        const sinceClaim = Math.max(1e-3, (now.getTime() - this.#claimedAt) / 1000);
        const sinceStart = (now.getTime() - (row.startedAt ?? now).getTime()) / 1000;
        const rate = (row.completed - this.#completedAtClaim) / sinceClaim;
        await insertRunEvent(tx, row.id, progressEvent(row, rate, sinceStart), now);
        return row;
      })
    );
    ctx.runs?.notify(this.#runId);
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

  /** Ends the held run (with `also` in the same transaction), with its state event. */
  async #end(
    ending: RunEnding,
    also?: (tx: Transaction) => Promise<void>,
  ): Promise<void> {
    const ctx = this.#ctx;
    await retryTransient(() =>
      ctx.db.transaction(async (tx) => {
        const now = ctx.now();
        await also?.(tx);
        const row = await finishHeldRun(tx, this.#runId, this.#lease.workerId, ending, now);
        if (!row) throw new LeaseLost();
        await insertRunEvent(tx, row.id, stateEvent(row), now);
        this.#row = row;
      })
    ).catch((error) => {
      if (!(error instanceof LeaseLost)) throw error;
    });
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

  /** Renews the claim; hears a cancellation, or that the run was lost. Never throws. */
  async #renew(): Promise<void> {
    const now = this.#ctx.now();
    try {
      const row = await renewRunLease(
        this.#ctx.db,
        this.#runId,
        this.#lease.workerId,
        leaseEnd(now, this.#lease.leaseSeconds),
      );
      if (!row) this.#lost.abort();
      else if (row.cancelRequested) this.#row = { ...this.#row, cancelRequested: true };
    } catch (error) {
      this.#ctx.log?.warn("cannot renew a run's lease", {
        run: this.#runId,
        error: messageOf(error),
      });
    }
  }

  /**
   * An error that is not the model's: a problem the services raised (the
   * study was paused or deleted) fails the run; anything else (the database
   * went away) leaves it under its lease, to be claimed again.
   */
  async #failed(error: unknown): Promise<void> {
    if (error instanceof LeaseLost) return;
    if (error instanceof Problem) {
      try {
        return await this.#end({ state: "FAILED", stopReason: null, reason: error.message });
      } catch (again) {
        error = again;
      }
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
