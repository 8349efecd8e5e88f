/**
 * The designer's feedback queue (trial_feedback, see schema.ts) and the
 * closed comparisons it has not seen: the statements that fill and empty
 * them. Turning rows into Feedback is services/feedback.ts's.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { FEEDBACK_COLUMNS } from "./columns.ts";

/**
 * The trials queued for the study's designer (trial_feedback), each once, in
 * its current state, by number. With `consume` the queue is emptied by the
 * same statement: call it under the study's row lock.
 */
export function queuedTrials(studyId: string, consume: boolean): SQL {
  // `id = ANY(ARRAY(…))` and no other condition on trials: they are looked up by
  // primary key whatever the planner's statistics say (with `IN`, or with the
  // study as a condition, a study the last ANALYZE did not see could be read
  // whole through a study_id index at every suggestion). The queue holds only
  // this study's trials.
  // (A DELETE in WITH must be at the statement's top level.)
  const queue = consume
    ? sql`WITH q AS (DELETE FROM trial_feedback WHERE study_id = ${studyId} RETURNING trial_id)`
    : sql`WITH q AS (SELECT trial_id FROM trial_feedback WHERE study_id = ${studyId})`;
  return sql`${queue} SELECT ${FEEDBACK_COLUMNS} FROM trials
    WHERE id = ANY(ARRAY(SELECT trial_id FROM q)) ORDER BY number`;
}

/**
 * A statement that writes trials and returns their columns (with `id`,
 * `"studyId"`, `number` and `state`), extended to queue the rows it returns for the designer when
 * the study's algorithm learns; the rows are returned as before. `write` may
 * have a WITH of its own, but no data-modifying one (PostgreSQL allows those
 * only at the top level).
 */
export function queueingFeedback(write: SQL, learns: boolean): SQL {
  if (!learns) return write;
  return sql`WITH w AS (${write}),
    f AS (INSERT INTO trial_feedback (study_id, number, state, trial_id)
          SELECT "studyId", number, state, id FROM w
          ON CONFLICT DO NOTHING)
    SELECT * FROM w`;
}

/** A closed comparison the designer has not seen yet. */
export interface ClosedComparison {
  id: string;
  number: number;
  candidates: unknown;
  ranking: unknown;
}

/**
 * The study's closed comparisons the designer has not seen yet (in no
 * order); with `consume`, marked seen by the same statement. Call it under
 * the study's row lock.
 */
export async function unseenComparisons(
  tx: Queryable,
  studyId: string,
  consume: boolean,
): Promise<ClosedComparison[]> {
  return await query<ClosedComparison>(
    tx,
    consume
      ? sql`UPDATE comparisons SET feedback_pending = FALSE
            WHERE study_id = ${studyId} AND feedback_pending
            RETURNING id, number, candidates, ranking`
      : sql`SELECT id, number, candidates, ranking FROM comparisons
            WHERE study_id = ${studyId} AND feedback_pending`,
  );
}

/** What a ranking's feedback needs of its candidates' trials, by id. */
export async function candidateTrials(
  tx: Queryable,
  ids: string[],
): Promise<{ id: string; number: number; params: unknown; tag: unknown }[]> {
  return await query<{ id: string; number: number; params: unknown; tag: unknown }>(
    tx,
    sql`SELECT id, number, params, tag FROM trials WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
  );
}
