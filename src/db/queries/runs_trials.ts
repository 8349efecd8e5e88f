/**
 * The trials a run's batch holds as its client (`run:{run}/{seq}`), beside
 * the batch's row: their leases follow the batch's, not the study's. The
 * worker's heartbeat extends them (a batch evaluated longer than the study's
 * lease stays the run's); a worker that takes the batch over takes them
 * back, even those a suggestion turned STALE meanwhile, as long as no one
 * else was handed their point (`retried_by`) and the study's maxTrials
 * leaves room for them, so the run's trials number exactly its budget; and a run that ends gives up those of all its batches
 * still ACTIVE (STALE, as an expired lease would make them), in the
 * transaction that ends it.
 *
 * Trial leases are on the services' clock (suggest compares them with it),
 * unlike the run's own lease (runs.ts), which is on the database's.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { staleActiveTrials } from "./suggest.ts";

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** `now` plus the study's trial lease. */
const studyLeaseFrom = (studyId: string, now: Date) =>
  sql`${at(now)} + (SELECT lease_seconds FROM studies WHERE id = ${studyId}) * interval '1 second'`;

/** Extends the leases of the client's ACTIVE trials by the study's lease from `now`. */
export async function renewClientTrials(
  q: Queryable,
  studyId: string,
  clientId: string,
  now: Date,
): Promise<void> {
  await query(
    q,
    sql`UPDATE trials SET lease_expires_at = ${studyLeaseFrom(studyId, now)}
        WHERE study_id = ${studyId} AND client_id = ${clientId} AND state = 'ACTIVE'`,
  );
}

/**
 * The client's trials in flight ACTIVE again under a fresh lease: the
 * ACTIVE ones, and the STALE ones whose point was not handed out again, at
 * most `room` of those (by number; null: all), the rest staying STALE (a
 * queued STALE report of those taken is dropped: the designer hears how
 * they end). A STALE trial does not count toward the study's maxTrials and
 * an ACTIVE one does, so the caller holds the study's row lock and passes
 * what maxTrials leaves (claim.ts). Returns how many.
 */
export async function takeBackClientTrials(
  tx: Queryable,
  studyId: string,
  clientId: string,
  now: Date,
  room: number | null,
): Promise<number> {
  const limit = room === null ? sql`ALL` : sql`${Math.max(0, room)}::int`;
  const [row] = await query<{ taken: unknown }>(
    tx,
    sql`WITH back AS (
          SELECT id FROM trials WHERE study_id = ${studyId} AND client_id = ${clientId}
            AND state = 'ACTIVE'
          UNION ALL
          (SELECT id FROM trials WHERE study_id = ${studyId} AND client_id = ${clientId}
             AND state = 'STALE' AND retried_by IS NULL ORDER BY number LIMIT ${limit})),
        t AS (
          UPDATE trials SET state = 'ACTIVE', lease_expires_at = ${studyLeaseFrom(studyId, now)}
          WHERE id IN (SELECT id FROM back)
          RETURNING id),
        d AS (DELETE FROM trial_feedback AS f USING t
              WHERE f.study_id = ${studyId} AND f.trial_id = t.id AND f.state = 'STALE')
        SELECT count(*)::int AS taken FROM t`,
  );
  return Number(row?.taken ?? 0);
}

/**
 * The ACTIVE trials of clients whose id starts with `prefix` (a run's
 * batches) become STALE (queued for the designer when it learns).
 */
export async function staleClientTrials(
  tx: Queryable,
  studyId: string,
  prefix: string,
  learns: boolean,
): Promise<void> {
  const pattern = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + "%";
  await staleActiveTrials(tx, studyId, sql`client_id LIKE ${pattern}`, learns);
}

/** One client's (a batch's) ACTIVE trials become STALE (queued for the designer when it learns). */
export async function staleBatchTrials(
  tx: Queryable,
  studyId: string,
  clientId: string,
  learns: boolean,
): Promise<void> {
  await staleActiveTrials(tx, studyId, sql`client_id = ${clientId}`, learns);
}
