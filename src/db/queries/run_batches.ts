/**
 * Runs' batches in flight (`run_batches`): the queue run workers claim from,
 * at batch granularity, so that several workers (in any number of processes
 * and hosts) share one run. docs/runs.md explains the protocol; the
 * statements are here:
 *
 * - a claim is one statement (claimRunningBatch) that **opens** a batch on
 *   the oldest run with room, reserving `min(batch_size, budget - completed
 *   - in_flight)` trials in the run's row, unless a batch's lease lapsed
 *   or that run has not started: then it says so, and the claim's
 *   transaction (takeOverBatch, openBatch) does it. The run's row is the
 *   one contended point: the reservation waits on its lock rather than
 *   skipping it, so the workers of one run line up instead of finding
 *   nothing to do, and every writer holds it for one statement where it
 *   can (the claim, the close, the abandon), a few where it cannot;
 * - a claim **takes over** a batch whose lease lapsed (its worker died, or
 *   gave it back), checked again under the run's lock, so two claimers
 *   never take one batch twice;
 * - a worker's writes are conditioned on still holding its batch (its
 *   `worker_id`), so a worker whose batch was taken over writes nothing;
 * - every transaction that writes a run and its batches locks the run's row
 *   first (lockRun), then the batches, then the trials: one order, no
 *   deadlock between claims, records, abandons, ends and cancels. The one
 *   that also needs the study's row (a takeover, which takes trials back
 *   under it as suggestions count them) takes it before the run's, as a
 *   suggestion (study, then trials) and a study's deletion (study, then its
 *   runs) do;
 * - the transaction that completes a batch's trials deletes its row and
 *   releases its reservation in one statement (`closingBatch`, runs.ts's
 *   `recordRunBatch`).
 *
 * Leases are on the database's clock (`now()`), the one clock workers on
 * several hosts share. `gpu` is whether the claiming worker can run models
 * on a GPU: runs that require one are skipped by those that cannot.
 */
import { and, asc, eq, isNull, lt, notInArray, or, type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { tableRow } from "../records.ts";
import { lockStudyState } from "./studies.ts";
import { runBatches, type RunBatchRow, type RunRow, runs, studies } from "../schema.ts";

/** `seconds` from now, on the database's clock. */
const leaseFor = (seconds: number) => sql`now() + ${seconds}::float8 * interval '1 second'`;

/** Who claims: the worker, its lease, and whether it can take runs that require a GPU. */
export interface Claimer {
  workerId: string;
  leaseSeconds: number;
  gpu: boolean;
}

/** Runs a claimer may work on: any, or (without a GPU) those that do not require one. */
const workable = (gpu: boolean) => gpu ? undefined : isNull(runs.requires);

/** What claimRunningBatch found, and the batch it opened. */
export interface RunningClaim {
  /** A batch's lease lapsed (on a run the claimer may work on): the claim's transaction takes it over. */
  lapsed: boolean;
  /** A RUNNING run is past its deadline: the claimer ends it (it opened no batch on it). */
  expired: boolean;
  /** The oldest run with room has not started: the claim's transaction starts it (openBatch). */
  queued: boolean;
  opened?: { run: RunRow; batch: RunBatchRow; projectId: string };
}

/**
 * The common claim, in one statement (a round trip, the run's row held for
 * that statement alone): opens a batch, as openBatch does, on the oldest
 * QUEUED or RUNNING run with room if that run is RUNNING and no batch's
 * lease lapsed. Otherwise it opens nothing and says why (RunningClaim), for
 * the claim's transaction, which also writes a started run's event. Runs
 * past their deadline (on the services' clock `now`) are left to the
 * claimer to end.
 */
export async function claimRunningBatch(
  q: Queryable,
  claimer: Claimer,
  now: Date,
  avoid: readonly string[] = [],
): Promise<RunningClaim> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const lapsed = q.select({ one: sql`1` }).from(runBatches)
    .innerJoin(runs, eq(runs.id, runBatches.runId))
    .where(and(lt(runBatches.leaseExpiresAt, sql`now()`), workable(claimer.gpu))).limit(1);
  const pastDeadline =
    sql`COALESCE(${runs.startedAt} + ${runs.maxSeconds} * interval '1 second' <= ${at}, false)`;
  const expired = q.select({ one: sql`1` }).from(runs)
    .where(and(eq(runs.state, "RUNNING"), pastDeadline)).limit(1);
  const pick = q.select({
    id: runs.id,
    size: sql<
      number
    >`LEAST(${runs.batchSize}, ${runs.budget} - ${runs.completed} - ${runs.inFlight})`
      .as("size"),
    state: runs.state,
    projectId: studies.projectId,
  }).from(runs).innerJoin(studies, eq(studies.id, runs.studyId))
    .where(and(
      claimable(claimer, avoid),
      sql`NOT ${pastDeadline}`,
      sql`NOT EXISTS (${lapsed})`,
    ))
    .orderBy(asc(runs.createdAt)).limit(1).for("no key update", { of: runs });
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`WITH pick AS (${pick}),
      opened AS (
        UPDATE runs SET in_flight = runs.in_flight + pick.size, batches = runs.batches + 1,
          claims = GREATEST(runs.claims, 1), updated_at = ${at}
        FROM pick WHERE runs.id = pick.id AND pick.state = 'RUNNING'
        RETURNING runs.*, pick.size AS reserved, pick.project_id AS "projectId"),
      batch AS (
        INSERT INTO run_batches (run_id, seq, size, worker_id, lease_expires_at)
        SELECT id, batches - 1, reserved, ${claimer.workerId}, ${leaseFor(claimer.leaseSeconds)}
        FROM opened RETURNING *)
      SELECT EXISTS (${lapsed}) AS lapsed, EXISTS (${expired}) AS expired,
        COALESCE((SELECT state = 'QUEUED' FROM pick), false) AS queued,
        (SELECT to_jsonb(opened) FROM opened) AS run,
        (SELECT "projectId" FROM opened) AS "projectId",
        (SELECT to_jsonb(batch) FROM batch) AS batch`,
  );
  const claim: RunningClaim = {
    lapsed: Boolean(row.lapsed),
    expired: Boolean(row.expired),
    queued: Boolean(row.queued),
  };
  if (row.run !== null && row.run !== undefined) {
    claim.opened = {
      run: tableRow(runs, row.run),
      batch: tableRow(runBatches, row.batch),
      projectId: row.projectId as string,
    };
  }
  return claim;
}

/**
 * Takes over the batch whose lease lapsed first, among runs the claimer may
 * work on; counts a lost worker on the batch and the run unless the batch
 * was given back or was the claimer's own. Returns the batch, or undefined
 * when none lapsed.
 */
export async function takeOverBatch(
  tx: Queryable,
  claimer: Claimer,
): Promise<RunBatchRow | undefined> {
  // Found without a lock, then taken in the order every writer uses: the
  // study's row (its trials are taken back under it, as a suggestion counts
  // them: runs_trials.ts), then the run's, then the batch's (run_batches.ts,
  // runs.ts, ending.ts).
  const [pick] = await tx.select({
    runId: runBatches.runId,
    seq: runBatches.seq,
    studyId: runs.studyId,
  })
    .from(runBatches).innerJoin(runs, eq(runs.id, runBatches.runId))
    .where(and(lt(runBatches.leaseExpiresAt, sql`now()`), workable(claimer.gpu)))
    .orderBy(asc(runBatches.leaseExpiresAt)).limit(1);
  if (!pick) return undefined;
  await lockStudyState(tx, pick.studyId);
  await lockRun(tx, pick.runId);
  // Still lapsed once the run is ours (another claimer may have taken it meanwhile).
  const [before] = await tx.select({ released: runBatches.released, workerId: runBatches.workerId })
    .from(runBatches).where(and(
      eq(runBatches.runId, pick.runId),
      eq(runBatches.seq, pick.seq),
      lt(runBatches.leaseExpiresAt, sql`now()`),
    )).for("update");
  if (!before) return undefined;
  // A batch given back, or the claimer's own (its lease lapsed while the database was away), lost no worker.
  const lost = before.released || before.workerId === claimer.workerId ? 0 : 1;
  const [batch] = await tx.update(runBatches).set({
    workerId: claimer.workerId,
    leaseExpiresAt: leaseFor(claimer.leaseSeconds),
    takeovers: sql`${runBatches.takeovers} + ${lost}`,
    released: false,
  }).where(and(eq(runBatches.runId, pick.runId), eq(runBatches.seq, pick.seq))).returning();
  if (lost) {
    await tx.update(runs).set({ claims: sql`${runs.claims} + 1` }).where(eq(runs.id, pick.runId));
  }
  return batch;
}

/**
 * Locks a run's row until the transaction ends: every transaction that
 * writes a run and its batches takes the run first, so none waits on
 * another in the opposite order (a deadlock).
 */
export async function lockRun(tx: Queryable, runId: string): Promise<void> {
  await tx.select({ id: runs.id }).from(runs).where(eq(runs.id, runId)).for("no key update");
}

/**
 * Opens a batch for the claimer on the oldest QUEUED or RUNNING run with
 * room in its budget, but those in `avoid` (runs whose algorithm the worker
 * found waiting): reserves its trials, starts a QUEUED run (RUNNING,
 * `started_at`, an event id for its state event). Returns the run after the
 * reservation, the batch, and whether this started the run; undefined when
 * no run has room.
 */
export async function openBatch(
  tx: Queryable,
  claimer: Claimer,
  now: Date,
  avoid: readonly string[] = [],
): Promise<{ run: RunRow; batch: RunBatchRow; started: boolean; projectId: string } | undefined> {
  // FOR UPDATE, not SKIP LOCKED: the run's row is where its workers line up.
  // After the wait the row is read again, and dropped if it has no room left.
  const [pick] = await tx.select({
    id: runs.id,
    size: sql<
      number
    >`LEAST(${runs.batchSize}, ${runs.budget} - ${runs.completed} - ${runs.inFlight})`,
    queued: sql<boolean>`${runs.state} = 'QUEUED'`,
    projectId: studies.projectId,
  }).from(runs).innerJoin(studies, eq(studies.id, runs.studyId))
    .where(claimable(claimer, avoid))
    .orderBy(asc(runs.createdAt)).limit(1).for("update", { of: runs });
  if (!pick) return undefined;
  const [run] = await tx.update(runs).set({
    state: "RUNNING",
    inFlight: sql`${runs.inFlight} + ${pick.size}`,
    batches: sql`${runs.batches} + 1`,
    claims: sql`GREATEST(${runs.claims}, 1)`,
    startedAt: sql`COALESCE(${runs.startedAt}, ${now.toISOString()}::timestamptz)`,
    lastEventId: sql`${runs.lastEventId} + ${pick.queued ? 1 : 0}`,
    updatedAt: now,
  }).where(eq(runs.id, pick.id)).returning();
  const [batch] = await tx.insert(runBatches).values({
    runId: run.id,
    seq: run.batches - 1,
    size: pick.size,
    workerId: claimer.workerId,
    leaseExpiresAt: leaseFor(claimer.leaseSeconds),
  }).returning();
  return { run, batch, started: pick.queued, projectId: pick.projectId };
}

/**
 * Runs a claimer may open a batch on: QUEUED or RUNNING and not stopping,
 * with room in the budget, workable, not in `avoid` and not behind its schedule.
 */
const claimable = (claimer: Claimer, avoid: readonly string[]) =>
  and(
    or(eq(runs.state, "QUEUED"), eq(runs.state, "RUNNING")),
    // A run stopping (its study completed: runs.ts's closeStoppingBatch) opens no more batches.
    isNull(runs.stopReason),
    sql`${runs.completed} + ${runs.inFlight} < ${runs.budget}`,
    workable(claimer.gpu),
    avoid.length ? notInArray(runs.id, [...avoid]) : undefined,
    notBehindItsSchedule,
  );

/**
 * A run a schedule queued behind its previous run (`overlap: "queue"`)
 * starts only once every earlier run of the schedule has ended.
 */
const notBehindItsSchedule = sql`NOT (${runs.state} = 'QUEUED' AND ${runs.scheduleId} IS NOT NULL
  AND EXISTS (SELECT 1 FROM runs AS earlier
              WHERE earlier.schedule_id = ${runs.scheduleId}
                AND earlier.created_at < ${runs.createdAt}
                AND earlier.state IN ('QUEUED', 'RUNNING')))`;

/** The condition of every write of a worker on its batch: it still holds it. */
const holds = (runId: string, seq: number, workerId: string) =>
  and(eq(runBatches.runId, runId), eq(runBatches.seq, seq), eq(runBatches.workerId, workerId));

/**
 * Extends the lease of a batch the worker holds; returns its run's state,
 * or undefined when the worker no longer holds the batch (taken over, or
 * the run ended).
 */
export async function renewBatchLease(
  q: Queryable,
  runId: string,
  seq: number,
  workerId: string,
  leaseSeconds: number,
): Promise<RunBatchRow | undefined> {
  const [row] = await q.update(runBatches).set({ leaseExpiresAt: leaseFor(leaseSeconds) })
    .where(holds(runId, seq, workerId)).returning();
  return row;
}

/**
 * The CTEs (`locked`, `closed`) of a statement that closes a batch the
 * worker holds: the run's row locked first, then the batch's row deleted,
 * in that order (the delete needs the locked row), as every writer takes
 * them; `closed` holds its reserved `size`, or nothing when the worker no
 * longer holds it. The statement (WITH …) releases the reservation in the
 * run's row: runs.ts's recordRunBatch, abandonBatch.
 */
export function closingBatch(runId: string, seq: number, workerId: string): SQL {
  return sql`locked AS (SELECT id FROM runs WHERE id = ${runId} FOR NO KEY UPDATE),
    closed AS (DELETE FROM run_batches AS b USING locked
               WHERE b.run_id = locked.id AND b.seq = ${seq} AND b.worker_id = ${workerId}
               RETURNING b.size)`;
}

/**
 * Deletes a batch the worker holds (after lockRun, in a transaction that
 * then ends the run); returns its reserved size, or undefined when the
 * worker no longer holds it (the transaction must then roll back).
 */
export async function closeBatch(
  tx: Queryable,
  runId: string,
  seq: number,
  workerId: string,
): Promise<number | undefined> {
  const [row] = await tx.delete(runBatches).where(holds(runId, seq, workerId))
    .returning({ size: runBatches.size });
  return row?.size;
}

/**
 * Gives a held batch back (its worker stops): lapsed at once and marked
 * released, for the next claimer to take over with its trials, counting no
 * lost worker.
 */
export async function releaseBatch(
  q: Queryable,
  runId: string,
  seq: number,
  workerId: string,
): Promise<void> {
  await q.update(runBatches).set({
    leaseExpiresAt: sql`now() - interval '1 second'`,
    released: true,
  }).where(holds(runId, seq, workerId));
}

/**
 * Deletes a batch the worker holds that holds no trials (its algorithm had
 * none to give yet: they wait for trials other batches hold) and releases
 * its reservation, so that a worker that waits holds nothing another
 * needs, in one statement. Returns the run's row after, or undefined when
 * the worker no longer held the batch.
 */
export async function abandonBatch(
  q: Queryable,
  runId: string,
  seq: number,
  workerId: string,
): Promise<RunRow | undefined> {
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`WITH ${closingBatch(runId, seq, workerId)}
        UPDATE runs SET in_flight = runs.in_flight - closed.size FROM closed
        WHERE runs.id = ${runId} RETURNING runs.*`,
  );
  return row ? tableRow(runs, row) : undefined;
}

/** Deletes every batch of a run (it ended): their workers' writes then find nothing. */
export async function dropRunBatches(tx: Queryable, runId: string): Promise<void> {
  await tx.delete(runBatches).where(eq(runBatches.runId, runId));
}

/**
 * A RUNNING run past its deadline (`maxSeconds` from `started_at`, compared
 * with the services' clock `now`), locked, with its study's project; runs
 * others are ending are skipped. Undefined when there is none.
 */
export async function expiredRun(
  q: Queryable,
  now: Date,
): Promise<{ run: RunRow; projectId: string } | undefined> {
  const [found] = await q.select({ run: runs, projectId: studies.projectId }).from(runs)
    .innerJoin(studies, eq(studies.id, runs.studyId))
    .where(and(
      eq(runs.state, "RUNNING"),
      sql`${runs.startedAt} + ${runs.maxSeconds} * interval '1 second' <= ${now.toISOString()}::timestamptz`,
    )).limit(1).for("update", { of: runs, skipLocked: true });
  return found;
}

/** Whether the worker still holds the batch (a read: no lease renewed, nothing written). */
export async function holdsBatch(
  q: Queryable,
  runId: string,
  seq: number,
  workerId: string,
): Promise<boolean> {
  const rows = await q.select({ seq: runBatches.seq }).from(runBatches)
    .where(holds(runId, seq, workerId));
  return rows.length > 0;
}

/** A run's batches in flight, by seq. */
export async function runBatchesOf(q: Queryable, runId: string): Promise<RunBatchRow[]> {
  return await q.select().from(runBatches).where(eq(runBatches.runId, runId))
    .orderBy(asc(runBatches.seq));
}
