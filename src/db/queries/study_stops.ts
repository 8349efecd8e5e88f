/**
 * The statements of a study's stop conditions (services/study_stops.ts):
 * counting the trials that count toward `maxTrials`, and recording that a
 * study completed. Both run under the study's row lock (suggestions,
 * updateStudy), so that the count and the trials handed out after it cannot
 * be overtaken by another asker.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { StudyRow } from "../schema.ts";

/** The trial states that count toward `maxTrials` (FAILED and STALE do not). */
export const COUNTED_STATES = ["ACTIVE", "COMPLETED", "INFEASIBLE", "RANKED"] as const;

const counted = sql.raw(COUNTED_STATES.map((s) => `'${s}'`).join(", "));

/**
 * The study's trials that count toward its `maxTrials`, or null when it has
 * none (then nothing is counted). One statement, so that a suggestion can
 * pipeline it after expiring leases without knowing the setting first; it
 * reads the trials_study_state_idx index.
 */
export async function countBudgetTrials(q: Queryable, studyId: string): Promise<number | null> {
  const [row] = await query<{ counted: unknown }>(
    q,
    sql`SELECT CASE WHEN s.max_trials IS NULL THEN NULL ELSE
          (SELECT count(*) FROM trials t WHERE t.study_id = s.id AND t.state IN (${counted}))
        END AS counted
        FROM studies s WHERE s.id = ${studyId}`,
  );
  return row === undefined || row.counted === null ? null : Number(row.counted);
}

/** Records that an ACTIVE study completed, and why (nothing when it is no longer ACTIVE). */
export async function markStudyCompleted(
  q: Queryable,
  studyId: string,
  reason: NonNullable<StudyRow["completionReason"]>,
  at: Date,
  now: Date,
): Promise<void> {
  await query(
    q,
    sql`UPDATE studies SET state = 'COMPLETED', completed_at = ${at.toISOString()}::timestamptz,
          completion_reason = ${reason}, updated_at = ${now.toISOString()}::timestamptz
        WHERE id = ${studyId} AND state = 'ACTIVE'`,
  );
}
