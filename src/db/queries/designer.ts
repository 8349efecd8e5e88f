/**
 * A study's designer in the database: the columns it is restored from, and
 * everything it has ever been told, for rebuilding a designer whose saved
 * state cannot be read (services/designer_session.ts).
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { TrialRecord } from "../records.ts";
import { FEEDBACK_COLUMNS } from "./columns.ts";
import type { ClosedComparison } from "./feedback.ts";
import { trialRows } from "./trials.ts";

/** The study columns a designer is restored from, as a driver read them. */
export interface SavedDesigner {
  /** The study's state (ACTIVE, PAUSED, COMPLETED). */
  state: unknown;
  config: unknown;
  seed: unknown;
  algorithmState: unknown;
  /** algorithm_state_version: bumped at every save. */
  version: unknown;
}

/**
 * For the rest of the transaction, no bitmap scans: the feedback queue is
 * then read by a plain index scan, which marks the entries of reports handed
 * over earlier as dead in the index (a bitmap scan would visit every one of
 * them in the table at every suggestion until the next vacuum).
 */
export async function plainIndexScans(tx: Queryable): Promise<void> {
  await query(tx, sql`SET LOCAL enable_bitmapscan = off`);
}

/** The saved designer of a study (no lock; inside a snapshot for a consistent read). */
export async function savedDesigner(
  q: Queryable,
  studyId: string,
): Promise<SavedDesigner | undefined> {
  const [row] = await query<SavedDesigner>(
    q,
    sql`SELECT state, algorithm_config AS "config", seed, algorithm_state AS "algorithmState",
          algorithm_state_version AS "version"
        FROM studies WHERE id = ${studyId}`,
  );
  return row;
}

/**
 * Every trial the designer has been told about (finished: COMPLETED,
 * INFEASIBLE, FAILED, STALE, and no longer queued), by number: what a
 * rebuilt designer is fed, with what is queued. Rare (a rebuild), so a plain
 * scan of the study's trials is fine.
 */
export async function finishedTrials(q: Queryable, studyId: string): Promise<TrialRecord[]> {
  return await trialRows(
    q,
    sql`SELECT ${FEEDBACK_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND state IN ('COMPLETED', 'INFEASIBLE', 'FAILED', 'STALE')
          AND NOT EXISTS (SELECT 1 FROM trial_feedback f WHERE f.trial_id = trials.id)`,
  );
}

/** Every closed comparison the designer has been told about (ranked or skipped), for a rebuild. */
export async function closedComparisons(
  q: Queryable,
  studyId: string,
): Promise<ClosedComparison[]> {
  return await query<ClosedComparison>(
    q,
    sql`SELECT id, number, candidates, ranking FROM comparisons
        WHERE study_id = ${studyId} AND state <> 'OPEN' AND NOT feedback_pending`,
  );
}
