/**
 * Runs' batches in flight (`run_batches`): the queue run workers claim from,
 * at batch granularity, so that several workers (in any number of processes
 * and hosts) share one run. docs/runs.md explains the protocol; the
 * statements are here:
 *
 * - a claim first **takes over** a batch whose lease lapsed (its worker
 *   died, or gave it back), checked again under the run's lock, so two
 *   claimers never take one batch twice;
 * - otherwise it **opens** a batch on the oldest run with room, reserving
 *   `min(batch_size, budget - completed - in_flight)` trials in the run's
 *   row. That row is the one contended point: the reservation waits on its
 *   lock (a few statements long) rather than skipping it, so the workers of
 *   one run line up instead of finding nothing to do;
 * - a worker's writes are conditioned on still holding its batch (its
 *   `worker_id`), so a worker whose batch was taken over writes nothing;
 * - every transaction that writes a run and its batches locks the run's row
 *   first (lockRun), then the batches, then the trials: one order, no
 *   deadlock between claims, records, abandons, ends and cancels;
 * - the transaction that completes a batch's trials deletes its row and
 *   releases its reservation (`closeBatch`, runs.ts's `recordRunBatch`).
 *
 * Leases are on the database's clock (`now()`), the one clock workers on
 * several hosts share. `gpu` is whether the claiming worker can run models
 * on a GPU: runs that require one are skipped by those that cannot.
 */
import { and, asc, eq, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Queryable } from "../client.ts";
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
  // run's row first, then the batch's (run_batches.ts, runs.ts, ending.ts).
  const [pick] = await tx.select({ runId: runBatches.runId, seq: runBatches.seq })
    .from(runBatches).innerJoin(runs, eq(runs.id, runBatches.runId))
    .where(and(lt(runBatches.leaseExpiresAt, sql`now()`), workable(claimer.gpu)))
    .orderBy(asc(runBatches.leaseExpiresAt)).limit(1);
  if (!pick) return undefined;
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
  const hasRoom = sql`${runs.completed} + ${runs.inFlight} < ${runs.budget}`;
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
    .where(and(
      or(eq(runs.state, "QUEUED"), eq(runs.state, "RUNNING")),
      hasRoom,
      workable(claimer.gpu),
      avoid.length ? notInArray(runs.id, [...avoid]) : undefined,
      notBehindItsSchedule,
    ))
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
 * Deletes a batch the worker holds (in the transaction that records it,
 * after lockRun); returns its reserved size, or undefined when the worker
 * no longer holds it (the transaction must then roll back).
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
 * needs. Returns whether the worker still held it.
 */
export async function abandonBatch(
  tx: Queryable,
  runId: string,
  seq: number,
  workerId: string,
): Promise<boolean> {
  await lockRun(tx, runId);
  const size = await closeBatch(tx, runId, seq, workerId);
  if (size === undefined) return false;
  await tx.update(runs).set({ inFlight: sql`${runs.inFlight} - ${size}` })
    .where(eq(runs.id, runId));
  return true;
}

/** Deletes every batch of a run (it ended): their workers' writes then find nothing. */
export async function dropRunBatches(tx: Queryable, runId: string): Promise<void> {
  await tx.delete(runBatches).where(eq(runBatches.runId, runId));
}

/**
 * A RUNNING run past its deadline (`maxSeconds` from `started_at`, compared
 * with the services' clock `now`), locked (unless `lock` is false: a probe
 * outside a transaction), with its study's project; runs others are ending
 * are skipped. Undefined when there is none.
 */
export async function expiredRun(
  q: Queryable,
  now: Date,
  lock = true,
): Promise<{ run: RunRow; projectId: string } | undefined> {
  const select = q.select({ run: runs, projectId: studies.projectId }).from(runs)
    .innerJoin(studies, eq(studies.id, runs.studyId))
    .where(and(
      eq(runs.state, "RUNNING"),
      sql`${runs.startedAt} + ${runs.maxSeconds} * interval '1 second' <= ${now.toISOString()}::timestamptz`,
    )).limit(1);
  const [found] = lock ? await select.for("update", { of: runs, skipLocked: true }) : await select;
  return found;
}

/** A run's batches in flight, by seq. */
export async function runBatchesOf(q: Queryable, runId: string): Promise<RunBatchRow[]> {
  return await q.select().from(runBatches).where(eq(runBatches.runId, runId))
    .orderBy(asc(runBatches.seq));
}
