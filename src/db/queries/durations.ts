/**
 * How long a study's recent work took: the medians that retry hints
 * (services/retry_hints.ts) are made from.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";

/** The median of a statement's `seconds` column; null when there is none. */
async function medianSeconds(q: Queryable, durations: SQL): Promise<number | null> {
  const [row] = await query<{ seconds: unknown }>(
    q,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS seconds
        FROM (${durations}) AS recent`,
  );
  return row?.seconds === null || row?.seconds === undefined ? null : Number(row.seconds);
}

/** The median evaluation time (started to completed) of the study's last 50 completed trials. */
export function medianEvaluationSeconds(q: Queryable, studyId: string): Promise<number | null> {
  return medianSeconds(
    q,
    sql`SELECT extract(epoch FROM completed_at - started_at)::float8 AS seconds
        FROM trials
        WHERE study_id = ${studyId} AND state = 'COMPLETED' AND started_at IS NOT NULL
        ORDER BY number DESC LIMIT 50`,
  );
}

/** The median time the study's last 20 closed comparisons took to close. */
export function medianComparisonSeconds(q: Queryable, studyId: string): Promise<number | null> {
  return medianSeconds(
    q,
    sql`SELECT extract(epoch FROM closed_at - created_at)::float8 AS seconds
        FROM comparisons WHERE study_id = ${studyId} AND closed_at IS NOT NULL
        ORDER BY number DESC LIMIT 20`,
  );
}
