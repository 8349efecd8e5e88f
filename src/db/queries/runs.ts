/**
 * Runs' rows: inserted, found within their study, listed, claimed by a
 * worker under a lease, renewed, advanced by a batch, finished, released and
 * cancelled. Every statement that changes what a watcher should hear bumps
 * `last_event_id` and returns the row, so the caller appends the event
 * (run_events.ts) with that id in the same transaction.
 *
 * Claiming is the one contended statement: `FOR UPDATE SKIP LOCKED` over the
 * partial index runs_claimable_idx, so workers in any number of processes
 * never wait on each other and never take one run twice. Ownership is
 * (worker_id, lease_expires_at): every write of a worker is conditioned on
 * still holding the run, so a worker that lost its lease writes nothing.
 * Leases are on the database's clock (`now()`), the one clock that workers
 * on several hosts share; the other times (started, finished, the deadline)
 * are the services' clock.
 */
import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import type { Queryable } from "../client.ts";
import { type RunRow, runs, studies } from "../schema.ts";

/** The states of a run that no longer change. */
export const FINAL_RUN_STATES = ["SUCCEEDED", "FAILED", "CANCELLED"] as const;

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `seconds` from now, on the database's clock. */
const leaseFor = (seconds: number) => sql`now() + ${seconds}::float8 * interval '1 second'`;

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

/**
 * A run of the study, its row locked until the transaction ends, and
 * whether its lease lapsed (by the database's clock: its worker is gone).
 */
export async function lockStudyRun(
  tx: Queryable,
  studyId: string,
  runId: string,
): Promise<{ run: RunRow; lapsed: boolean } | undefined> {
  const [row] = await tx.select({
    run: runs,
    lapsed: sql<boolean>`coalesce(${runs.leaseExpiresAt} < now(), false)`,
  }).from(runs).where(and(eq(runs.id, runId), eq(runs.studyId, studyId))).for("update");
  return row;
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
 * Claims the oldest run that is QUEUED, or RUNNING under a lease that lapsed
 * (its worker is gone), for `workerId`, `leaseSeconds` from now (both by the
 * database's clock); `now` (the services' clock) dates the start.
 * Returns the claimed run with its study's project, or undefined when there
 * is none to take. Locked runs are skipped, not waited for.
 */
export async function claimRun(
  q: Queryable,
  workerId: string,
  now: Date,
  leaseSeconds: number,
): Promise<{ run: RunRow; projectId: string } | undefined> {
  const [run] = await q.update(runs).set({
    state: "RUNNING",
    workerId,
    leaseExpiresAt: leaseFor(leaseSeconds),
    // SET sees the old row: the first claim counts, and a takeover from another, lost worker
    // (RUNNING under a lapsed lease); a run a worker gave back cleanly (QUEUED again), or
    // one its own worker takes again (its lease lapsed while the database was away), does not.
    claims: sql`${runs.claims} + CASE WHEN ${runs.startedAt} IS NULL
                                        OR (${runs.state} = 'RUNNING'
                                            AND ${runs.workerId} IS DISTINCT FROM ${workerId})
                                      THEN 1 ELSE 0 END`,
    startedAt: sql`COALESCE(${runs.startedAt}, ${at(now)})`,
    lastEventId: sql`${runs.lastEventId} + 1`,
    updatedAt: now,
  }).where(eq(
    runs.id,
    sql`(SELECT id FROM runs
         WHERE state = 'QUEUED' OR (state = 'RUNNING' AND lease_expires_at < now())
         ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)`,
  )).returning();
  if (!run) return undefined;
  const [study] = await q.select({ projectId: studies.projectId }).from(studies)
    .where(eq(studies.id, run.studyId));
  return { run, projectId: study.projectId };
}

/** The condition of every write of a worker: it still holds the run. */
function held(runId: string, workerId: string) {
  return and(eq(runs.id, runId), eq(runs.workerId, workerId), eq(runs.state, "RUNNING"));
}

/**
 * Extends the lease of a run `workerId` holds to `leaseSeconds` from now (by
 * the database's clock); returns the row (with `cancelRequested`), or
 * undefined when the worker no longer holds it.
 */
export async function renewRunLease(
  q: Queryable,
  runId: string,
  workerId: string,
  leaseSeconds: number,
): Promise<RunRow | undefined> {
  const [row] = await q.update(runs).set({ leaseExpiresAt: leaseFor(leaseSeconds) })
    .where(held(runId, workerId)).returning();
  return row;
}

/**
 * Counts a batch of the run's trials as completed, keeps the best of
 * `best` (the batch's best primary metric, by the study's goal) and the run's
 * best, and extends the lease; bumps the event id when the batch makes an
 * event (`batch.event`). Undefined when the worker no longer holds the run
 * (the caller's transaction must then roll back).
 */
export async function recordRunBatch(
  q: Queryable,
  runId: string,
  workerId: string,
  batch: {
    completed: number;
    best: { value: number; trialId: string } | null;
    goal: "minimize" | "maximize";
    event: boolean;
  },
  now: Date,
  leaseSeconds: number,
): Promise<RunRow | undefined> {
  const { best } = batch;
  const better = best === null
    ? sql`false`
    : sql`(${runs.bestValue} IS NULL OR ${best.value}::float8 ${
      sql.raw(batch.goal === "minimize" ? "<" : ">")
    } ${runs.bestValue})`;
  const [row] = await q.update(runs).set({
    completed: sql`${runs.completed} + ${batch.completed}`,
    bestValue: sql`CASE WHEN ${better} THEN ${
      best?.value ?? null
    }::float8 ELSE ${runs.bestValue} END`,
    bestTrialId: sql`CASE WHEN ${better} THEN ${
      best?.trialId ?? null
    }::uuid ELSE ${runs.bestTrialId} END`,
    leaseExpiresAt: leaseFor(leaseSeconds),
    lastEventId: sql`${runs.lastEventId} + ${batch.event ? 1 : 0}`,
    updatedAt: now,
  }).where(held(runId, workerId)).returning();
  return row;
}

/** How a run ends. */
export interface RunEnding {
  state: (typeof FINAL_RUN_STATES)[number];
  stopReason: RunRow["stopReason"];
  reason: string | null;
}

/**
 * Ends a run; bumps the event id. With `workerId`, only while that worker
 * holds it (undefined when it no longer does); without, whoever held it (a
 * QUEUED run, or one whose worker is gone).
 */
export async function finishRun(
  q: Queryable,
  runId: string,
  workerId: string | null,
  ending: RunEnding,
  now: Date,
): Promise<RunRow | undefined> {
  const [row] = await q.update(runs).set({
    ...ending,
    workerId: null,
    leaseExpiresAt: null,
    finishedAt: now,
    lastEventId: sql`${runs.lastEventId} + 1`,
    updatedAt: now,
  }).where(workerId === null ? eq(runs.id, runId) : held(runId, workerId)).returning();
  return row;
}

/**
 * Gives a held run back to the queue (its worker stops): QUEUED again, for
 * any worker to claim at once; bumps the event id. Undefined when the worker
 * no longer holds it.
 */
export async function releaseRun(
  q: Queryable,
  runId: string,
  workerId: string,
  now: Date,
): Promise<RunRow | undefined> {
  const [row] = await q.update(runs).set({
    state: "QUEUED",
    workerId: null,
    leaseExpiresAt: null,
    lastEventId: sql`${runs.lastEventId} + 1`,
    updatedAt: now,
  }).where(held(runId, workerId)).returning();
  return row;
}

/** Asks the worker holding a run to stop after its batch. */
export async function markRunCancelRequested(
  q: Queryable,
  runId: string,
  now: Date,
): Promise<RunRow> {
  const [row] = await q.update(runs).set({ cancelRequested: true, updatedAt: now })
    .where(eq(runs.id, runId)).returning();
  return row;
}
