/**
 * The statements of a trial's life outside suggestions and reports: a trial
 * created at a client's point, a lease renewed, a trial given up, and the
 * listings of trials (a page by number, the best completed ones).
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { TrialState } from "../records.ts";
import { type TrialRecord, trialRecord } from "../records.ts";
import { TRIAL_COLUMNS } from "./columns.ts";
import { queueingFeedback } from "./feedback.ts";

/** A timestamp parameter. */
function at(time: Date): ReturnType<typeof sql> {
  return sql`${time.toISOString()}::timestamptz`;
}

/** The one row a write returned, as a record (undefined when it matched nothing). */
async function oneRow(q: Queryable, statement: ReturnType<typeof sql>) {
  const [row] = await query<Record<string, unknown>>(q, statement);
  return row === undefined ? undefined : trialRecord(row);
}

/** Extends a live ACTIVE trial's lease to `until`; undefined when it is not live. */
export function renewLease(
  q: Queryable,
  studyId: string,
  trialId: string,
  now: Date,
  until: Date,
): Promise<TrialRecord | undefined> {
  return oneRow(
    q,
    sql`UPDATE trials SET lease_expires_at = ${at(until)}
        WHERE id = ${trialId} AND study_id = ${studyId} AND state = 'ACTIVE'
          AND lease_expires_at >= ${at(now)}
        RETURNING ${TRIAL_COLUMNS}`,
  );
}

/** Marks an unfinished trial FAILED (queued for the designer when it learns). */
export function markFailed(
  q: Queryable,
  studyId: string,
  trialId: string,
  reason: string | null,
  now: Date,
  learns: boolean,
): Promise<TrialRecord | undefined> {
  return oneRow(
    q,
    queueingFeedback(
      sql`UPDATE trials SET state = 'FAILED', reason = ${reason},
            completed_at = ${at(now)}, lease_expires_at = NULL
          WHERE id = ${trialId} AND study_id = ${studyId}
            AND state IN ('REQUESTED', 'ACTIVE', 'STALE')
          RETURNING ${TRIAL_COLUMNS}`,
      learns,
    ),
  );
}

/**
 * Locks the study's row and reads its next trial number, which is then the
 * caller's until its transaction commits.
 */
export async function lockNextNumber(
  tx: Queryable,
  projectId: string,
  studyId: string,
): Promise<number | undefined> {
  const [row] = await query<{ number: number }>(
    tx,
    sql`SELECT next_trial_number AS number FROM studies
        WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
  );
  return row === undefined ? undefined : Number(row.number);
}

/** A trial at a client's point: REQUESTED, or finished at once with its result. */
export type ClientTrial =
  & Pick<
    TrialRecord,
    "id" | "number" | "state" | "values" | "variances" | "objective" | "reason" | "clientId"
  >
  & {
    params: unknown;
    /** Its completion time, for a finished trial. */
    completedAt: Date | null;
  };

/**
 * Inserts a client's trial and takes its number (the next one becomes
 * `number + 1`); a finished trial is queued for the designer like any report.
 */
export async function insertClientTrial(
  tx: Queryable,
  studyId: string,
  trial: ClientTrial,
  now: Date,
  learns: boolean,
): Promise<TrialRecord> {
  const jsonOrNull = (v: unknown) => v === null ? null : JSON.stringify(v);
  const [, row] = await Promise.all([
    query(
      tx,
      sql`UPDATE studies SET next_trial_number = ${trial.number + 1} WHERE id = ${studyId}`,
    ),
    oneRow(
      tx,
      queueingFeedback(
        sql`INSERT INTO trials (id, study_id, number, state, params, "values", variances,
              objective, reason, client_id, created_at, completed_at)
            VALUES (${trial.id}, ${studyId}, ${trial.number}, ${trial.state}, ${
          JSON.stringify(trial.params)
        }::jsonb,
              ${jsonOrNull(trial.values)}::jsonb, ${jsonOrNull(trial.variances)}::jsonb,
              ${trial.objective}, ${trial.reason}, ${trial.clientId}, ${at(now)},
              ${trial.completedAt?.toISOString() ?? null}::timestamptz)
            RETURNING ${TRIAL_COLUMNS}`,
        trial.state !== "REQUESTED" && learns,
      ),
    ),
  ]);
  return row!;
}

/** SQL for "the trial's effective state is `state`" at `now`. */
function stateFilter(state: TrialState | undefined, now: Date) {
  switch (state) {
    case undefined:
      return sql`TRUE`;
    case "ACTIVE":
      return sql`state = 'ACTIVE' AND lease_expires_at >= ${at(now)}`;
    case "STALE":
      return sql`(state = 'STALE' OR (state = 'ACTIVE' AND lease_expires_at < ${at(now)}))`;
    default:
      return sql`state = ${state}`;
  }
}

/** Up to `limit` of a study's trials numbered after `after`, in `state` at `now`, by number. */
export async function trialPage(
  q: Queryable,
  studyId: string,
  after: number,
  limit: number,
  state: TrialState | undefined,
  now: Date,
): Promise<TrialRecord[]> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND number > ${after} AND ${stateFilter(state, now)}
        ORDER BY number LIMIT ${limit}`,
  );
  return rows.map(trialRecord);
}

/** A study's best `limit` COMPLETED trials (ties: the earlier first). */
export async function bestCompleted(
  q: Queryable,
  studyId: string,
  goal: "minimize" | "maximize",
  limit: number,
): Promise<TrialRecord[]> {
  const order = goal === "maximize" ? sql`DESC` : sql`ASC`;
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ${studyId} AND state = 'COMPLETED'
        ORDER BY objective ${order}, number LIMIT ${limit}`,
  );
  return rows.map(trialRecord);
}
