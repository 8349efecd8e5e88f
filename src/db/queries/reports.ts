/**
 * Reports: the statements that complete trials (values, or an infeasible
 * point). Completing a trial touches only that trial's row (found by primary
 * key), so tells never wait for a suggestion holding the study's row lock;
 * the reported rows are queued for the designer in the same statement
 * (queueingFeedback). Deciding what to write is services/reports.ts's.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { type TrialRecord, trialRecord } from "../records.ts";
import { TRIAL_COLUMNS, trialColumns } from "./columns.ts";
import { queueingFeedback } from "./feedback.ts";

/**
 * States a result may still arrive in. A late result is kept: for a STALE
 * trial, and for a FAILED one (the client gave up, then the value came in).
 */
const OPEN_STATES = sql.raw(`('REQUESTED', 'ACTIVE', 'STALE', 'FAILED')`);

/** What a report writes into a trial's row. */
export interface ReportedFields {
  state: "COMPLETED" | "INFEASIBLE";
  values: Record<string, number> | null;
  variances: Record<string, number> | null;
  objective: number | null;
  reason: string | null;
}

/** Where reports go: the study, whether its designer learns, the time of the report. */
export interface ReportTarget {
  studyId: string;
  /** Queue the reported trials for the designer (trial_feedback). */
  learns: boolean;
  now: Date;
}

/**
 * Reports one trial of the study if it is still open: a plain UPDATE by
 * primary key (the common, hot path). Returns the trial as it is now, or
 * undefined when it is not an open trial of the study.
 */
export async function reportOpenTrial(
  q: Queryable,
  target: ReportTarget,
  trialId: string,
  f: ReportedFields,
): Promise<TrialRecord | undefined> {
  const { studyId, learns, now } = target;
  const [row] = await query<Record<string, unknown>>(
    q,
    queueingFeedback(
      sql`UPDATE trials SET state = ${f.state}, "values" = ${
        f.values === null ? null : JSON.stringify(f.values)
      }::jsonb, variances = ${
        f.variances === null ? null : JSON.stringify(f.variances)
      }::jsonb, objective = ${f.objective}::float8, reason = ${f.reason}::text,
          completed_at = ${now.toISOString()}::timestamptz, lease_expires_at = NULL
        WHERE id = ${trialId}::uuid AND study_id = ${studyId}::uuid AND state IN ${OPEN_STATES}
        RETURNING ${TRIAL_COLUMNS}`,
      learns,
    ),
  );
  return row ? trialRecord(row) : undefined;
}

/**
 * Applies reports to the trials of the study that are still open, in one
 * statement. Returns the ids of the trials reported and, with `returnRows`,
 * those trials as they are now, by id (else none: only the ids are read back).
 */
export async function reportOpenTrials(
  q: Queryable,
  target: ReportTarget,
  rows: ({ id: string } & ReportedFields)[],
  returnRows: boolean,
): Promise<{ reported: string[]; trials: Map<string, TrialRecord> }> {
  const { studyId, learns, now } = target;
  // Rows are locked in id order, so overlapping batches cannot deadlock. They are
  // found by primary key alone (with a condition on the study or the state in
  // the same scan, the planner could walk the study's index instead); only this
  // study's open trials are locked, and the lock returns their current state,
  // checked again after it.
  const updated = await query<Record<string, unknown>>(
    q,
    queueingFeedback(
      sql`WITH u AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS u(id uuid, state text, "values" jsonb, variances jsonb, objective float8,
              reason text)),
        found AS MATERIALIZED (
          SELECT id, study_id, state FROM trials
          WHERE id = ANY(${`{${rows.map((r) => r.id).join(",")}}`}::uuid[])),
        locked AS (
          SELECT t.id, t.state FROM trials AS t
          WHERE t.id IN (SELECT id FROM found WHERE study_id = ${studyId}
                           AND state IN ${OPEN_STATES})
          ORDER BY t.id FOR NO KEY UPDATE),
        reportable AS MATERIALIZED (
          SELECT u.* FROM u JOIN locked AS l ON l.id = u.id WHERE l.state IN ${OPEN_STATES})
        UPDATE trials AS t SET state = o.state, "values" = o."values", variances = o.variances,
          objective = o.objective,
          reason = o.reason, completed_at = ${now.toISOString()}::timestamptz,
          lease_expires_at = NULL
        FROM reportable AS o
        WHERE t.id = o.id
        RETURNING ${
        returnRows ? trialColumns("t") : sql`t.id, t.study_id AS "studyId", t.number, t.state`
      }`,
      learns,
    ),
  );
  return {
    reported: updated.map((r) => r.id as string),
    trials: new Map(returnRows ? updated.map((r) => [r.id as string, trialRecord(r)]) : []),
  };
}
