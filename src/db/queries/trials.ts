/**
 * Reading trials: the statements that select a study's trials (and count
 * them) for the use cases in services/. Hand-written SQL, tuned so that the
 * plans do not depend on the planner's statistics; the notes beside each
 * statement say why it has its shape. Reports (writes) are in reports.ts.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { Params } from "../../space/schema.ts";
import { json } from "../records.ts";
import type { TrialState } from "../records.ts";
import { type TrialRecord, trialRecord } from "../records.ts";
import { TRIAL_COLUMNS } from "./columns.ts";

/** The trial rows a statement returns (TRIAL_COLUMNS), by number. */
export async function trialRows(
  q: Queryable,
  statement: ReturnType<typeof sql>,
): Promise<TrialRecord[]> {
  const records = (await query<Record<string, unknown>>(q, statement)).map(trialRecord);
  return records.sort((a, b) => a.number - b.number);
}

/**
 * The params of a study's ACTIVE trials (and `condition`), by number. Sorted
 * here, not by an ORDER BY: with one, a planner that underestimates the study
 * walks all its trials in number order to find the few ACTIVE ones.
 */
export async function activeParams(
  q: Queryable,
  studyId: string,
  condition: SQL = sql``,
): Promise<{ number: number; params: Params }[]> {
  const rows = await query<{ number: number; params: unknown }>(
    q,
    sql`SELECT number, params FROM trials
        WHERE study_id = ${studyId} AND state = 'ACTIVE' ${condition}`,
  );
  return rows.map((r) => ({ number: Number(r.number), params: json<Params>(r.params) }))
    .sort((a, b) => a.number - b.number);
}

/**
 * The SQL of a study's waiting points, oldest first: REQUESTED trials and
 * STALE ones not yet handed out again (the partial index trials_waiting_idx
 * has exactly this condition, so the ordered scan reads only them).
 */
export function waitingTrials(studyId: string, limit: number): SQL {
  return sql`SELECT ${TRIAL_COLUMNS} FROM trials
    WHERE study_id = ${studyId}
      AND (state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL))
    ORDER BY number LIMIT ${limit}`;
}

/** Up to `limit` of a study's trials numbered after `after`, by number (for streaming). */
export async function trialsAfter(
  q: Queryable,
  studyId: string,
  after: number,
  limit: number,
): Promise<TrialRecord[]> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ${studyId} AND number > ${after}
            ORDER BY number LIMIT ${limit}`,
  );
  return rows.map(trialRecord);
}

/** The params of trials by id (any study's: callers know whose ids they pass). */
export async function paramsOfTrials(q: Queryable, ids: string[]): Promise<Map<string, Params>> {
  if (ids.length === 0) return new Map();
  const rows = await query<{ id: string; params: unknown }>(
    q,
    sql`SELECT id, params FROM trials WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, json<Params>(r.params)]));
}

/**
 * The state a trial is in now: an ACTIVE trial whose lease has run out is
 * STALE even before a suggestion writes that down.
 */
export function effectiveStateSql(now: Date) {
  return sql<
    TrialState
  >`CASE WHEN state = 'ACTIVE' AND lease_expires_at < ${now.toISOString()}::timestamptz THEN 'STALE' ELSE state END`;
}

/** Counts by (effective) state of the rows of a `SELECT state, n` statement. */
async function countsOf(q: Queryable, statement: SQL): Promise<Map<TrialState, number>> {
  const rows = await query<{ state: TrialState; n: number }>(q, statement);
  return new Map(rows.map((row) => [row.state, Number(row.n)]));
}

/** How many of a study's trials are in each (effective) state; absent states have none. */
export function countStudyTrials(
  q: Queryable,
  studyId: string,
  now: Date,
): Promise<Map<TrialState, number>> {
  return countsOf(
    q,
    sql`SELECT ${effectiveStateSql(now)} AS state, count(*)::int AS n
        FROM trials WHERE study_id = ${studyId} GROUP BY 1`,
  );
}

/** A study's trials of the given ids, by id (ids of other studies are not found). */
export async function selectTrials(
  q: Queryable,
  studyId: string,
  ids: string[],
): Promise<Map<string, TrialRecord>> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND id IN (SELECT jsonb_array_elements_text(${
      JSON.stringify(ids)
    }::jsonb)::uuid)`,
  );
  return new Map(rows.map((r) => [r.id as string, trialRecord(r)]));
}
