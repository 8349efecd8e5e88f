/**
 * Recording a run's evaluated batch (./executor.ts): the trials completed
 * (the completion service) and counted in the run's row, in one transaction
 * conditioned on still holding the run, so each trial is completed and
 * counted exactly once across crashes and retries, with a progress event
 * when one is due (at most one every `progressSeconds`, so a run of small
 * batches does not write a row per batch; the batch that reaches the budget
 * or the target always makes one).
 */
import { retryTransient } from "../../db/errors.ts";
import { recordRunBatch, studyRun } from "../../db/queries/runs.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import type { RunRow } from "../../db/schema.ts";
import type { ServiceContext } from "../context.ts";
import type { PointResult } from "../model_objective.ts";
import { completeTrials } from "../reports.ts";
import type { StudyMeta } from "../study_meta.ts";
import type { TrialView } from "../trial_rows.ts";
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

/** Whether a batch makes a progress event, the last one written `sinceLastMs` ago. */
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

/** Who records a batch, and where its hold on the run began (for the rate of its evaluations). */
export interface Holder {
  projectId: string;
  workerId: string;
  leaseSeconds: number;
  claimedAt: number;
  completedAtClaim: number;
}

/**
 * Completes and counts a batch of the run `row` (as the holder last saw it),
 * with a progress event if `event`; returns the run's row and whether this
 * call counted it. `again`: an earlier attempt failed, perhaps after its
 * commit (the answer lost on the way back): a batch already counted is not
 * counted twice. Throws LeaseLost when the holder no longer holds the run.
 */
export async function recordBatch(
  ctx: ServiceContext,
  holder: Holder,
  row: RunRow,
  meta: StudyMeta,
  batch: Batch,
  options: { event: boolean; again: boolean },
): Promise<{ row: RunRow; counted: boolean }> {
  let counted = false;
  const recorded = await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      counted = false;
      const now = ctx.now();
      if (options.again) {
        const current = await studyRun(tx, row.studyId, row.id);
        const mine = current?.state === "RUNNING" && current.workerId === holder.workerId;
        if (mine && current.completed !== row.completed) return current;
      }
      await completeTrials(ctx, tx, holder.projectId, meta.id, batch.items, false);
      const next = await recordRunBatch(
        tx,
        row.id,
        holder.workerId,
        {
          completed: batch.items.length,
          best: batch.best,
          goal: batch.goal,
          event: options.event,
        },
        now,
        holder.leaseSeconds,
      );
      if (!next) throw new LeaseLost();
      counted = true;
      if (!options.event) return next;
      const sinceClaim = Math.max(1e-3, (now.getTime() - holder.claimedAt) / 1000);
      const sinceStart = (now.getTime() - (next.startedAt ?? now).getTime()) / 1000;
      const rate = (next.completed - holder.completedAtClaim) / sinceClaim;
      await insertRunEvent(tx, next.id, progressEvent(next, rate, sinceStart), now);
      return next;
    })
  );
  return { row: recorded, counted };
}
