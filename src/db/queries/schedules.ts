/**
 * Schedules' rows and their ticks: inserted, found within their study,
 * listed, updated, deleted; the due ones found by schedulers; a tick claimed.
 *
 * Claiming a tick is the statement that makes "one run per tick" hold across
 * processes: `INSERT … ON CONFLICT DO NOTHING` on schedule_ticks' primary key
 * (schedule, tick). The process whose insert returns a row acts on the tick,
 * in the same transaction; any other finds the row there (or waits for the
 * winner's transaction, then finds it) and does nothing. No leader, no lock
 * held between ticks.
 */
import { and, desc, eq, inArray, lt, lte, not, or, sql } from "drizzle-orm";
import type { Queryable } from "../client.ts";
import {
  type RunRow,
  runs,
  type ScheduleRow,
  schedules,
  type ScheduleTickRow,
  scheduleTicks,
  studies,
} from "../schema.ts";

/** Inserts a schedule; returns its row. */
export async function insertSchedule(
  q: Queryable,
  values: typeof schedules.$inferInsert,
): Promise<ScheduleRow> {
  const [row] = await q.insert(schedules).values(values).returning();
  return row;
}

/** A schedule of the study (undefined also for another study's schedule). */
export async function studySchedule(
  q: Queryable,
  studyId: string,
  scheduleId: string,
): Promise<ScheduleRow | undefined> {
  const [row] = await q.select().from(schedules)
    .where(and(eq(schedules.id, scheduleId), eq(schedules.studyId, studyId)));
  return row;
}

/** Up to `limit` of a study's schedules, newest first, after the (createdAt, id) position. */
export async function studySchedules(
  q: Queryable,
  studyId: string,
  page: { limit: number; after?: [Date, string] },
): Promise<ScheduleRow[]> {
  const { after } = page;
  return await q.select().from(schedules).where(and(
    eq(schedules.studyId, studyId),
    after
      ? or(
        lt(schedules.createdAt, after[0]),
        and(eq(schedules.createdAt, after[0]), lt(schedules.id, after[1])),
      )
      : undefined,
  )).orderBy(desc(schedules.createdAt), desc(schedules.id)).limit(page.limit);
}

/** Updates a schedule of the study; returns its row (undefined when it is not there). */
export async function updateScheduleRow(
  q: Queryable,
  studyId: string,
  scheduleId: string,
  values: Partial<typeof schedules.$inferInsert>,
): Promise<ScheduleRow | undefined> {
  const [row] = await q.update(schedules).set(values)
    .where(and(eq(schedules.id, scheduleId), eq(schedules.studyId, studyId))).returning();
  return row;
}

/** Deletes a schedule of the study (its ticks go with it); whether it was there. */
export async function deleteScheduleRow(
  q: Queryable,
  studyId: string,
  scheduleId: string,
): Promise<boolean> {
  const rows = await q.delete(schedules)
    .where(and(eq(schedules.id, scheduleId), eq(schedules.studyId, studyId)))
    .returning({ id: schedules.id });
  return rows.length > 0;
}

/** Unpaused schedules whose next tick has come by `now`, with their study's project. */
export async function dueSchedules(
  q: Queryable,
  now: Date,
  limit: number,
): Promise<{ schedule: ScheduleRow; projectId: string }[]> {
  return await q.select({ schedule: schedules, projectId: studies.projectId })
    .from(schedules).innerJoin(studies, eq(studies.id, schedules.studyId))
    .where(and(not(schedules.paused), lte(schedules.nextTickAt, now)))
    .orderBy(schedules.nextTickAt).limit(limit);
}

/**
 * Claims the tick for this process: true when this call inserted its row
 * (the caller then acts on the tick in the same transaction), false when
 * another process already had.
 */
export async function claimTick(
  tx: Queryable,
  scheduleId: string,
  tick: Date,
  now: Date,
): Promise<boolean> {
  const rows = await tx.insert(scheduleTicks)
    .values({ scheduleId, tick, outcome: "started", createdAt: now })
    .onConflictDoNothing().returning({ tick: scheduleTicks.tick });
  return rows.length > 0;
}

/** Records what a claimed tick did. */
export async function setTickOutcome(
  tx: Queryable,
  scheduleId: string,
  tick: Date,
  outcome: { outcome: ScheduleTickRow["outcome"]; runId?: string | null; reason?: string | null },
): Promise<void> {
  await tx.update(scheduleTicks)
    .set({ outcome: outcome.outcome, runId: outcome.runId ?? null, reason: outcome.reason ?? null })
    .where(and(eq(scheduleTicks.scheduleId, scheduleId), eq(scheduleTicks.tick, tick)));
}

/**
 * Moves a schedule's next tick on to `next`, never back (another process may
 * have moved it further already).
 */
export async function advanceNextTick(tx: Queryable, scheduleId: string, next: Date | null) {
  await tx.update(schedules).set({
    nextTickAt: next === null
      ? null
      : sql`GREATEST(${schedules.nextTickAt}, ${next.toISOString()}::timestamptz)`,
  }).where(eq(schedules.id, scheduleId));
}

/** The schedule's runs still going (QUEUED or RUNNING), oldest first. */
export async function unfinishedScheduleRuns(q: Queryable, scheduleId: string): Promise<RunRow[]> {
  return await q.select().from(runs)
    .where(and(eq(runs.scheduleId, scheduleId), inArray(runs.state, ["QUEUED", "RUNNING"])))
    .orderBy(runs.createdAt);
}

/** The schedule's last `limit` runs, newest first. */
export async function lastScheduleRuns(
  q: Queryable,
  scheduleId: string,
  limit: number,
): Promise<RunRow[]> {
  return await q.select().from(runs).where(eq(runs.scheduleId, scheduleId))
    .orderBy(desc(runs.tick), desc(runs.createdAt)).limit(limit);
}

/** The schedule's last `limit` ticks, newest first. */
export async function lastScheduleTicks(
  q: Queryable,
  scheduleId: string,
  limit: number,
): Promise<ScheduleTickRow[]> {
  return await q.select().from(scheduleTicks).where(eq(scheduleTicks.scheduleId, scheduleId))
    .orderBy(desc(scheduleTicks.tick)).limit(limit);
}
