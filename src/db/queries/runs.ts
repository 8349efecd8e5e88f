/**
 * Runs' rows: inserted, found within their study, listed, advanced by a
 * batch and finished. Every statement that changes what a watcher should
 * hear bumps `last_event_id` and returns the row, so the caller appends the
 * event (run_events.ts) with that id in the same transaction.
 *
 * Workers do not hold runs but batches of them (run_batches.ts, which also
 * opens batches on a run's row): a run's row counts what its batches
 * completed and reserve. Times (started, finished, the deadline) are the
 * services' clock; batches' leases the database's.
 */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { tableRow } from "../records.ts";
import { type RunRow, runs, studies } from "../schema.ts";
import { closingBatch } from "./run_batches.ts";

/** The states of a run that no longer change. */
export const FINAL_RUN_STATES = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;

/** Inserts a run (its QUEUED event is event 1); returns its row. */
export async function insertRun(
  q: Queryable,
  values: Omit<typeof runs.$inferInsert, "state" | "lastEventId">,
): Promise<RunRow> {
  const [row] = await q.insert(runs).values({ ...values, state: "QUEUED", lastEventId: 1 })
    .returning();
  return row;
}

/** A run of the study (undefined also for another study's run). */
export async function studyRun(
  q: Queryable,
  studyId: string,
  runId: string,
): Promise<RunRow | undefined> {
  const [row] = await q.select().from(runs)
    .where(and(eq(runs.id, runId), eq(runs.studyId, studyId)));
  return row;
}

/** A run, by its id alone (a worker's batch names it). */
export async function studyRunById(q: Queryable, runId: string): Promise<RunRow | undefined> {
  const [row] = await q.select().from(runs).where(eq(runs.id, runId));
  return row;
}

/** The project of a run's study. */
export async function studyProject(q: Queryable, studyId: string): Promise<string> {
  const [study] = await q.select({ projectId: studies.projectId }).from(studies)
    .where(eq(studies.id, studyId));
  return study.projectId;
}

/**
 * Up to `limit` of a study's runs (of one state, if given), newest first,
 * after the (createdAt, id) position `after`.
 */
export async function studyRuns(
  q: Queryable,
  studyId: string,
  page: { limit: number; state?: RunRow["state"]; after?: [Date, string] },
): Promise<RunRow[]> {
  const { after } = page;
  return await q.select().from(runs).where(and(
    eq(runs.studyId, studyId),
    page.state ? eq(runs.state, page.state) : undefined,
    after
      ? or(lt(runs.createdAt, after[0]), and(eq(runs.createdAt, after[0]), lt(runs.id, after[1])))
      : undefined,
  )).orderBy(desc(runs.createdAt), desc(runs.id)).limit(page.limit);
}

/**
 * Closes the holder's batch (run_batches.ts's closingBatch: the run's row
 * locked, the batch's deleted) and, in the same statement, counts its
 * trials as completed and releases its reservation; keeps the best of
 * `best` (the batch's best primary metric, by the study's goal) and the
 * run's best; bumps the event id when the batch makes an event
 * (`batch.event`). Undefined when the holder no longer holds the batch (it
 * was taken over, or the run ended): nothing is written, and the caller's
 * transaction must roll back what else it wrote.
 */
export async function recordRunBatch(
  q: Queryable,
  holder: { runId: string; seq: number; workerId: string },
  batch: {
    completed: number;
    best: { value: number; trialId: string } | null;
    goal: "minimize" | "maximize";
    event: boolean;
  },
  now: Date,
): Promise<RunRow | undefined> {
  const { best } = batch;
  const better = best === null
    ? sql`false`
    : sql`(runs.best_value IS NULL OR ${best.value}::float8 ${
      sql.raw(batch.goal === "minimize" ? "<" : ">")
    } runs.best_value)`;
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`WITH ${closingBatch(holder.runId, holder.seq, holder.workerId)}
        UPDATE runs SET completed = runs.completed + ${batch.completed}::int,
          in_flight = runs.in_flight - closed.size,
          best_value = CASE WHEN ${better} THEN ${best?.value ?? null}::float8
                            ELSE runs.best_value END,
          best_trial_id = CASE WHEN ${better} THEN ${best?.trialId ?? null}::uuid
                               ELSE runs.best_trial_id END,
          last_event_id = runs.last_event_id + ${batch.event ? 1 : 0}::int,
          updated_at = ${now.toISOString()}::timestamptz
        FROM closed WHERE runs.id = ${holder.runId} AND runs.state = 'RUNNING'
        RETURNING runs.*`,
  );
  return row ? tableRow(runs, row) : undefined;
}

/**
 * Closes a batch the worker holds that holds no trials because its study
 * completed (a stop condition: services/study_stops.ts), releasing its
 * reservation, and marks its RUNNING run as stopping: `stop_reason` (and
 * `reason`) set while it still runs, so that no batch opens on it any more
 * (run_batches.ts: claimable) while the batches already in flight finish;
 * the last of them to close ends it (services/runs/batch.ts: stopPending).
 * One statement; returns the run's row after, or undefined when the worker
 * no longer held the batch.
 */
export async function closeStoppingBatch(
  q: Queryable,
  holder: { runId: string; seq: number; workerId: string },
  stop: { stopReason: NonNullable<RunRow["stopReason"]>; reason: string | null },
): Promise<RunRow | undefined> {
  const { runId, seq, workerId } = holder;
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`WITH ${closingBatch(runId, seq, workerId)}
        UPDATE runs SET in_flight = runs.in_flight - closed.size,
          stop_reason = COALESCE(runs.stop_reason, ${stop.stopReason}),
          reason = CASE WHEN runs.stop_reason IS NULL THEN ${stop.reason} ELSE runs.reason END
        FROM closed WHERE runs.id = ${runId} AND runs.state = 'RUNNING' RETURNING runs.*`,
  );
  return row ? tableRow(runs, row) : undefined;
}

/** How a run ends. */
export interface RunEnding {
  state: (typeof FINAL_RUN_STATES)[number];
  stopReason: RunRow["stopReason"];
  reason: string | null;
}

/**
 * Ends a run that has not ended (QUEUED or RUNNING), its reservations
 * gone with its batches (the caller drops them: run_batches.ts); bumps the
 * event id. Undefined when it had already ended.
 */
export async function finishRun(
  q: Queryable,
  runId: string,
  ending: RunEnding,
  now: Date,
): Promise<RunRow | undefined> {
  const [row] = await q.update(runs).set({
    ...ending,
    inFlight: 0,
    finishedAt: now,
    lastEventId: sql`${runs.lastEventId} + 1`,
    updatedAt: now,
  }).where(and(eq(runs.id, runId), or(eq(runs.state, "QUEUED"), eq(runs.state, "RUNNING"))))
    .returning();
  return row;
}
