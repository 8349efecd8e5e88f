/**
 * When to ask again: hints for clients that got nothing (or less than they
 * asked for) because the algorithm is waiting for results, from how long
 * the study's recent work took.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../db/client.ts";

/**
 * The median of a statement's `seconds` column, scaled by `factor`, rounded to
 * tenths and kept between `min` and `max`; `fallback` when there is none.
 */
async function medianSeconds(
  q: Queryable,
  durations: SQL,
  hint: { factor: number; min: number; max: number; fallback: number },
): Promise<number> {
  const [row] = await query<{ seconds: unknown }>(
    q,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS seconds
        FROM (${durations}) AS recent`,
  );
  const seconds = row?.seconds === null || row?.seconds === undefined ? NaN : Number(row.seconds);
  if (!Number.isFinite(seconds)) return hint.fallback;
  return Math.round(Math.min(hint.max, Math.max(hint.min, seconds * hint.factor)) * 10) / 10;
}

/**
 * After a suggestion that handed out fewer trials than asked (an algorithm
 * waiting for its generation to be reported): the median evaluation time of
 * the study's last 50 completed trials, between 0.2 s and 60 s; 1 s when
 * there is no history.
 */
export function retryAfterSeconds(q: Queryable, studyId: string): Promise<number> {
  return medianSeconds(
    q,
    sql`SELECT extract(epoch FROM completed_at - started_at)::float8 AS seconds
        FROM trials
        WHERE study_id = ${studyId} AND state = 'COMPLETED' AND started_at IS NOT NULL
        ORDER BY number DESC LIMIT 50`,
    { factor: 1, min: 0.2, max: 60, fallback: 1 },
  );
}

/**
 * For a labeler with nothing to rank: half the median time the study's last
 * 20 comparisons took to close, between 1 s and 30 s (2 s with no history).
 */
export function labelingRetryAfter(q: Queryable, studyId: string): Promise<number> {
  return medianSeconds(
    q,
    sql`SELECT extract(epoch FROM closed_at - created_at)::float8 AS seconds
        FROM comparisons WHERE study_id = ${studyId} AND closed_at IS NOT NULL
        ORDER BY number DESC LIMIT 20`,
    { factor: 0.5, min: 1, max: 30, fallback: 2 },
  );
}
