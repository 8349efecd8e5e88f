/**
 * The statements of suggestTrials' transaction (services/suggest.ts) and of
 * the snapshot its prepared points are computed from (suggest_prepared.ts).
 * Hand-tuned: each is sent as soon as it is called (postgres.js pipelines
 * them on the transaction's connection), and the notes beside each say why
 * it has its shape.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { JsonValue } from "../../algorithms/types.ts";
import type { Params } from "../../space/schema.ts";
import type { TrialRecord } from "../records.ts";
import { TRIAL_COLUMNS, trialColumns } from "./columns.ts";
import type { SavedDesigner } from "./designer.ts";
import { queueingFeedback } from "./feedback.ts";
import { activeParams, trialRows, waitingTrials } from "./trials.ts";

/**
 * The study row a suggestion locks: its state, next number, saved designer
 * and stop conditions (moments as epoch milliseconds: drivers differ on
 * dates in raw rows).
 */
export interface LockedStudy extends SavedDesigner {
  nextTrialNumber: unknown;
  maxTrials: unknown;
  deadlineMs: unknown;
  completedAtMs: unknown;
  completionReason: unknown;
}

/** A timestamp parameter. */
function at(time: Date | string): SQL {
  return sql`${typeof time === "string" ? time : time.toISOString()}::timestamptz`;
}

/**
 * Locks the study's row (FOR NO KEY UPDATE: inserts and completions of its
 * trials, which only need the key, never wait for it) and reads it.
 */
export async function lockStudyForSuggest(
  tx: Queryable,
  projectId: string,
  studyId: string,
): Promise<LockedStudy | undefined> {
  const [row] = await query<LockedStudy>(
    tx,
    sql`SELECT state, next_trial_number AS "nextTrialNumber", algorithm_config AS "config",
          seed, algorithm_state AS "algorithmState", algorithm_state_version AS "version",
          max_trials AS "maxTrials", extract(epoch FROM deadline) * 1000 AS "deadlineMs",
          extract(epoch FROM completed_at) * 1000 AS "completedAtMs",
          completion_reason AS "completionReason"
        FROM studies WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
  );
  return row;
}

/** ACTIVE trials past their lease become STALE (queued for the designer when it learns). */
export async function expireLeases(
  tx: Queryable,
  studyId: string,
  now: Date,
  learns: boolean,
): Promise<void> {
  await staleActiveTrials(tx, studyId, sql`lease_expires_at < ${at(now)}`, learns);
}

/**
 * The study's ACTIVE trials that `which` (a condition on a trials row)
 * accepts become STALE, their lease cleared (queued for the designer when it
 * learns): expired leases here, a run's trials when the run ends
 * (runs_trials.ts).
 */
export async function staleActiveTrials(
  tx: Queryable,
  studyId: string,
  which: SQL,
  learns: boolean,
): Promise<void> {
  await query(
    tx,
    queueingFeedback(
      sql`UPDATE trials SET state = 'STALE', lease_expires_at = NULL
          WHERE id IN (SELECT id FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                       AND ${which} ORDER BY id FOR NO KEY UPDATE)
            AND state = 'ACTIVE' AND ${which}
          RETURNING id, study_id AS "studyId", number, state`,
      learns,
    ),
  );
}

/** The ACTIVE trials the clients hold, locked, by number (trialRows sorts: see activeParams). */
export async function lockHeldTrials(
  tx: Queryable,
  studyId: string,
  clients: string[],
): Promise<TrialRecord[]> {
  if (clients.length === 0) return [];
  return await trialRows(
    tx,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND state = 'ACTIVE'
          AND client_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(clients)}::jsonb))
        FOR NO KEY UPDATE`,
  );
}

/**
 * Up to `limit` waiting points, oldest first (REQUESTED points, and STALE
 * points not yet handed out again), locked; those another transaction holds
 * are skipped.
 */
export async function lockWaitingTrials(
  tx: Queryable,
  studyId: string,
  limit: number,
): Promise<TrialRecord[]> {
  return await trialRows(tx, sql`${waitingTrials(studyId, limit)} FOR NO KEY UPDATE SKIP LOCKED`);
}

/**
 * Takes off the feedback queue what prepared points were computed from: only
 * the trials still in the state they were fed in (a trial that changed
 * since, a late result for a STALE one, stays queued).
 */
export async function forgetFed(
  tx: Queryable,
  studyId: string,
  fed: { id: string; state: string }[],
): Promise<void> {
  if (fed.length === 0) return;
  await query(
    tx,
    sql`DELETE FROM trial_feedback AS q
        USING trials AS t, jsonb_to_recordset(${JSON.stringify(fed)}::jsonb)
          AS f(id uuid, state text)
        WHERE q.study_id = ${studyId} AND q.trial_id = f.id AND t.id = f.id
          AND t.state = f.state`,
  );
}

/** A new trial as handed out. */
export interface NewTrialRow {
  id: string;
  number: number;
  params: Params;
  tag: JsonValue;
  clientId: string | null;
}

/** Inserts handed-out trials, ACTIVE until `lease` (not read back: their rows are known). */
export async function insertActiveTrials(
  tx: Queryable,
  studyId: string,
  rows: NewTrialRow[],
  now: Date,
  lease: string,
): Promise<void> {
  if (rows.length === 0) return;
  await query(
    tx,
    sql`INSERT INTO trials (id, study_id, number, state, params, tag, client_id, created_at,
          started_at, lease_expires_at)
        SELECT r.id, ${studyId}, r.number, 'ACTIVE', r.params, r.tag, r."clientId", ${at(now)},
          ${at(now)}, ${at(lease)}
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(id uuid, number int, params jsonb, tag jsonb, "clientId" text)`,
  );
}

/**
 * Existing trials handed out again: a held trial's lease renewed
 * (`renew`), or a REQUESTED trial started (`start`). Returns their rows.
 */
export async function activateTrials(
  tx: Queryable,
  studyId: string,
  rows: { id: string; kind: "renew" | "start"; clientId: string | null }[],
  now: Date,
  lease: string,
): Promise<TrialRecord[]> {
  if (rows.length === 0) return [];
  return await trialRows(
    tx,
    sql`UPDATE trials AS t SET lease_expires_at = ${at(lease)}, state = 'ACTIVE',
          client_id = r."clientId",
          started_at = CASE WHEN r.kind = 'start' THEN ${at(now)} ELSE t.started_at END
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS r(id uuid, kind text, "clientId" text)
        WHERE t.id = r.id AND t.study_id = ${studyId}
        RETURNING ${trialColumns("t")}`,
  );
}

/** Marks STALE trials as handed out again, by the new trials that took their points. */
export async function markRetried(
  tx: Queryable,
  studyId: string,
  retries: { id: string; retryOf: string | null }[],
): Promise<void> {
  if (retries.length === 0) return;
  await query(
    tx,
    sql`UPDATE trials AS t SET retried_by = r.id
        FROM jsonb_to_recordset(${JSON.stringify(retries)}::jsonb)
          AS r(id uuid, "retryOf" uuid)
        WHERE t.id = r."retryOf" AND t.study_id = ${studyId}`,
  );
}

/**
 * Saves what a suggestion changed on the study: its next trial number and,
 * when the designer was asked, its state (the version counts the saves).
 */
export async function saveSuggestion(
  tx: Queryable,
  studyId: string,
  next: number,
  state: JsonValue | undefined,
  now: Date,
): Promise<void> {
  await query(
    tx,
    sql`UPDATE studies SET next_trial_number = ${next},
          updated_at = ${at(now)},
          algorithm_state = coalesce(${state === undefined ? null : JSON.stringify(state)}::jsonb,
            algorithm_state),
          algorithm_state_version = algorithm_state_version + ${state === undefined ? 0 : 1}
        WHERE id = ${studyId}`,
  );
}

/** How many live ACTIVE trials the clients hold. */
export async function countHeld(
  q: Queryable,
  studyId: string,
  clients: string[],
  now: Date,
): Promise<number> {
  const [row] = await query<{ held: unknown }>(
    q,
    sql`SELECT count(*)::int AS held FROM trials
        WHERE study_id = ${studyId} AND state = 'ACTIVE' AND lease_expires_at >= ${at(now)}
          AND client_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(clients)}::jsonb))`,
  );
  return Number(row?.held ?? 0);
}

/** The params of ACTIVE trials whose lease has not run out at `now`, by number. */
export function liveActiveParams(q: Queryable, studyId: string, now: Date) {
  return activeParams(
    q,
    studyId,
    sql`AND (lease_expires_at IS NULL OR lease_expires_at >= ${at(now)})`,
  );
}

/** The params of ACTIVE trials past their lease at `now` (STALE at the next suggestion). */
export function expiredActiveParams(q: Queryable, studyId: string, now: Date) {
  return activeParams(q, studyId, sql`AND lease_expires_at < ${at(now)}`);
}
