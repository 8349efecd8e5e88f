/**
 * Recording a run's evaluated batch (./executor.ts): the trials completed
 * (the completion service) and counted in the run's row, in one transaction
 * conditioned on still holding the batch (its close and count one
 * statement, sent with the trials' in one round trip), so each trial is completed and
 * counted exactly once across crashes and retries, with a progress event
 * when one is due (at most one every `progressSeconds`, so a run of small
 * batches does not write a row per batch; the batch that reaches the budget
 * or the target always makes one).
 */
import { retryTransient } from "../../db/errors.ts";
import { recordRunBatch, type RunEnding } from "../../db/queries/runs.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import type { RunRow } from "../../db/schema.ts";
import type { ServiceContext } from "../context.ts";
import type { PointResult } from "../model_objective.ts";
import { recordTrials } from "../reports.ts";
import type { StudyMeta } from "../study_meta.ts";
import type { TrialView } from "../trial_rows.ts";
import { endRun } from "./ending.ts";
import { LeaseLost } from "./retry.ts";
import { progressEvent } from "./view.ts";

/** A batch as the run records it: its reports, and its best primary metric. */
export interface Batch {
  items: ({ trialId: string; values: Record<string, number> } | {
    trialId: string;
    infeasible: true;
    reason: string;
  })[];
  best: { value: number; trialId: string } | null;
  goal: "minimize" | "maximize";
}

/** A batch's trials with the model's results. */
export function batchOf(meta: StudyMeta, trials: TrialView[], results: PointResult[]): Batch {
  const { name, goal } = meta.objective.metrics[0];
  let best: Batch["best"] = null;
  const items = trials.map((t, i) => {
    const r = results[i];
    if ("infeasible" in r) return { trialId: t.id, infeasible: true as const, reason: r.reason };
    const value = r.values[name];
    if (best === null || (goal === "minimize" ? value < best.value : value > best.value)) {
      best = { value, trialId: t.id };
    }
    return { trialId: t.id, values: r.values };
  });
  return { items, best, goal };
}

/**
 * Whether a batch makes a progress event, the last one written `sinceLastMs`
 * ago. `row` is the run as this worker last saw it: with other workers
 * recording meanwhile, the batch that reaches the budget may not know it
 * and write none (the run's final state event carries the count anyway).
 */
export function progressDue(
  row: RunRow,
  batch: Batch,
  sinceLastMs: number,
  progressSeconds: number,
): boolean {
  if (row.completed + batch.items.length >= row.budget) return true;
  const target = row.stopAtValue;
  const { best, goal } = batch;
  if (target !== null && best !== null) {
    if (goal === "minimize" ? best.value <= target : best.value >= target) return true;
  }
  return sinceLastMs >= progressSeconds * 1000;
}

/** Whether the run's best reached its target (`stopAtValue`), by the study's goal. */
export function targetReached(row: RunRow, goal: "minimize" | "maximize"): boolean {
  if (row.stopAtValue === null || row.bestValue === null) return false;
  return goal === "minimize" ? row.bestValue <= row.stopAtValue : row.bestValue >= row.stopAtValue;
}

/** Whether the run's deadline (`maxSeconds` from its start) has passed at `now`. */
export function deadlinePassed(row: RunRow, now: Date): boolean {
  if (row.maxSeconds === null || row.startedAt === null) return false;
  return (now.getTime() - row.startedAt.getTime()) / 1000 >= row.maxSeconds;
}

/**
 * How a stopping run ends (its study completed while other batches were in
 * flight: db/queries/runs.ts's closeStoppingBatch), once no batch of it is in
 * flight any more: whoever closes the last one (its record, an abandon, the
 * worker that found the study complete) ends it with the reason it kept.
 * Null while batches are still out, or when the run is not stopping.
 */
export function stopPending(row: RunRow): RunEnding | null {
  if (row.stopReason === null || row.inFlight > 0 || row.finishedAt !== null) return null;
  return { state: "SUCCEEDED", stopReason: row.stopReason, reason: row.reason };
}

/** Who records a batch: the worker holding it, and the run's project. */
export interface Holder {
  projectId: string;
  workerId: string;
  /** The batch's seq in its run. */
  seq: number;
}

/**
 * Completes and counts a batch of the run `row` (as the holder last saw it),
 * releasing its reservation, with a progress event if `event`; a batch that
 * reaches the budget or the target, or is recorded past the deadline, or
 * is the last in flight of a stopping run (stopPending), ends the run
 * (./ending.ts) in the same transaction. Returns the run's row. Throws LeaseLost when the holder no
 * longer holds the batch (taken over, or the run ended): nothing is written.
 * An attempt that failed after its commit (the answer lost on the way back)
 * finds its batch gone when tried again, so a batch is never counted twice.
 */
export async function recordBatch(
  ctx: ServiceContext,
  holder: Holder,
  row: RunRow,
  meta: StudyMeta,
  batch: Batch,
  event: boolean,
): Promise<RunRow> {
  return await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      // Sent together, in the order every writer locks: the run's row and the
      // batch (one statement), then the trials. The run's row is held from
      // this round trip to the commit.
      const [closed, reported] = await Promise.allSettled([
        recordRunBatch(
          tx,
          { runId: row.id, seq: holder.seq, workerId: holder.workerId },
          { completed: batch.items.length, best: batch.best, goal: batch.goal, event },
          now,
        ),
        recordTrials(ctx, tx, meta, batch.items),
      ]);
      if (closed.status === "rejected") throw closed.reason;
      // Not held (taken over, or the run ended): the trials' writes roll back with it.
      const next = closed.value;
      if (!next) throw new LeaseLost();
      if (reported.status === "rejected") throw reported.reason;
      if (event) {
        const sinceStart = Math.max(
          1e-3,
          (now.getTime() - (next.startedAt ?? now).getTime()) / 1000,
        );
        await insertRunEvent(
          tx,
          next.id,
          progressEvent(next, next.completed / sinceStart, sinceStart),
          now,
        );
      }
      const reached = next.completed >= next.budget
        ? "budget" as const
        : targetReached(next, batch.goal)
        ? "target" as const
        : deadlinePassed(next, now)
        ? "deadline" as const
        : null;
      const ending = reached
        ? { state: "SUCCEEDED" as const, stopReason: reached, reason: null }
        : stopPending(next);
      if (!ending) return next;
      return (await endRun(tx, next, ending, meta.learns, now)) ?? next;
    })
  );
}
