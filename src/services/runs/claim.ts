/**
 * A run worker's claim: one batch of some run (the statements are in
 * db/queries/run_batches.ts). A batch whose worker was lost comes first,
 * with its trials taken back, so a run's trials number exactly its budget
 * however its workers die (those a suggestion made STALE meanwhile only as
 * far as the study's maxTrials leaves room, counted under the study's row
 * lock as a suggestion counts); otherwise a new batch is opened on the oldest run
 * with room, and the run's first batch starts it (its RUNNING event).
 * Several workers thus share one run, each evaluating its own batches.
 *
 * The common case, a batch of a running run, is one statement: the run's
 * row, where the run's workers line up, is held for that statement alone.
 * It also says whether a batch lapsed, the oldest run has to be started or
 * a run is past its deadline; only then does the claim take a transaction
 * of several statements.
 */
import { retryTransient } from "../../db/errors.ts";
import {
  type Claimer,
  claimRunningBatch,
  expiredRun,
  openBatch,
  takeOverBatch,
} from "../../db/queries/run_batches.ts";
import { studyProject, studyRunById } from "../../db/queries/runs.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import { takeBackClientTrials } from "../../db/queries/runs_trials.ts";
import { countBudgetTrials } from "../../db/queries/study_stops.ts";
import { lockStudyForSuggest } from "../../db/queries/suggest.ts";
import type { Transaction } from "../../db/client.ts";
import type { RunBatchRow, RunRow } from "../../db/schema.ts";
import type { ServiceContext } from "../context.ts";
import { studyMeta } from "../study_meta.ts";
import { endRun } from "./ending.ts";
import { batchClientId, stateEvent } from "./view.ts";

export type { Claimer };

/** A batch a worker holds, with its run (as of the claim) and the run's project. */
export interface ClaimedBatch {
  run: RunRow;
  batch: RunBatchRow;
  projectId: string;
}

/**
 * Claims a batch for the worker, if there is one to take or room to open
 * one, on any run but those in `avoid` (whose algorithm it found waiting).
 * A run past its deadline is ended first, whichever worker's claim finds
 * it: a run no worker claims still ends on time.
 */
export async function claimBatch(
  ctx: ServiceContext,
  claimer: Claimer,
  avoid: readonly string[] = [],
): Promise<ClaimedBatch | undefined> {
  const t = performance.now();
  // The common claim is one statement; a lapsed batch or a run to start takes a transaction.
  const found = await retryTransient(() => claimRunningBatch(ctx.db, claimer, ctx.now(), avoid));
  if (found.expired) await endExpiredRun(ctx);
  const claimed = found.opened ??
    (found.lapsed || found.queued ? await claimInTransaction(ctx, claimer, avoid) : undefined);
  if (claimed) {
    ctx.runCounters?.spent("claim", performance.now() - t);
    if (ctx.runCounters) ctx.runCounters.claimed++;
    // Watchers hear the run's start; a claim of a running run writes no event.
    if (claimed.run.batches === 1 && claimed.batch.takeovers === 0) {
      ctx.runs?.notify(claimed.run.id);
    }
  }
  return claimed;
}

/**
 * The claim's transaction: takes over a lapsed batch, or else opens a batch
 * on the oldest run with room, starting it (its RUNNING event) if it was
 * QUEUED.
 */
async function claimInTransaction(
  ctx: ServiceContext,
  claimer: Claimer,
  avoid: readonly string[],
): Promise<ClaimedBatch | undefined> {
  return await retryTransient(() =>
    ctx.db.transaction(async (tx): Promise<ClaimedBatch | undefined> => {
      const now = ctx.now();
      const lapsed = await takeOverBatch(tx, claimer);
      if (lapsed) {
        const run = (await studyRunById(tx, lapsed.runId))!;
        const projectId = await studyProject(tx, run.studyId);
        // Before any suggestion: the held-trials-first road hands them to this worker.
        const room = await takeBackRoom(tx, projectId, run.studyId);
        await takeBackClientTrials(tx, run.studyId, batchClientId(run.id, lapsed.seq), now, room);
        return { run, batch: lapsed, projectId };
      }
      const opened = await openBatch(tx, claimer, now, avoid);
      if (!opened) return undefined;
      const { run, batch, projectId } = opened;
      if (opened.started) await insertRunEvent(tx, run.id, stateEvent(run), now);
      return { run, batch, projectId };
    })
  );
}

/**
 * How many of a lapsed batch's STALE trials a takeover may make ACTIVE
 * again: what the study's maxTrials leaves (an ACTIVE trial counts toward
 * it, a STALE one does not: study_stops.ts), counted as a suggestion counts,
 * under the study's row lock (takeOverBatch took it, before the run's);
 * null: the study sets no maxTrials.
 */
async function takeBackRoom(
  tx: Transaction,
  projectId: string,
  studyId: string,
): Promise<number | null> {
  const [locked, counted] = await Promise.all([
    lockStudyForSuggest(tx, projectId, studyId),
    countBudgetTrials(tx, studyId),
  ]);
  if (!locked || counted === null) return null;
  return Math.max(0, Number(locked.maxTrials) - counted);
}

/** Ends a run past its deadline, if there is one (./ending.ts). */
async function endExpiredRun(ctx: ServiceContext): Promise<void> {
  const ended = await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.now();
      const found = await expiredRun(tx, now);
      if (!found) return undefined;
      const { learns } = await studyMeta(ctx, tx, found.projectId, found.run.studyId);
      const ending = { state: "SUCCEEDED" as const, stopReason: "deadline" as const, reason: null };
      return await endRun(tx, found.run, ending, learns, now);
    })
  );
  if (!ended) return;
  ctx.runCounters?.finished(ended.state);
  ctx.runs?.notify(ended.id);
}
