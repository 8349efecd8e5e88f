/**
 * Trials by state over all studies, for /metrics, without counting trials.
 *
 * Triggers on trials (migration 0012) append what each statement changed, per
 * state, to trial_state_changes in the statement's own transaction; the
 * maintenance loop folds those rows into trial_state_counts now and then. No
 * ask or tell ever updates a shared row, so counting adds no wait between
 * writers (a counter row per study or per state would make every tell wait
 * for the suggestion holding it); a scrape reads the few rows of both tables.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import type { TrialState } from "../records.ts";

/** The advisory lock that lets one fold run at a time (another skips its turn). */
const FOLD_LOCK = 0x6d696e74;

/**
 * Trials by state at `now`: the counts, the changes not folded in yet, and
 * ACTIVE trials whose lease has run out counted as STALE (as
 * effectiveStateSql does), found through the index of ACTIVE trials only.
 * One statement: one snapshot.
 */
export function trialGaugeStatement(now: Date) {
  return sql`SELECT state, sum(n)::float8 AS n FROM (
      SELECT state, n FROM trial_state_counts
      UNION ALL SELECT state, n FROM trial_state_changes
      UNION ALL SELECT s.state, e.n * s.sign FROM
        (SELECT count(*) AS n FROM trials
          WHERE state = 'ACTIVE' AND lease_expires_at < ${now.toISOString()}::timestamptz) AS e,
        (VALUES ('ACTIVE', -1), ('STALE', 1)) AS s(state, sign)
    ) AS c GROUP BY state`;
}

/** How many trials of all studies are in each (effective) state; absent states have none. */
export async function trialGauge(q: Queryable, now: Date): Promise<Map<TrialState, number>> {
  const rows = await query<{ state: TrialState; n: number }>(q, trialGaugeStatement(now));
  return new Map(rows.map((r) => [r.state, Number(r.n)]));
}

/**
 * Moves the appended changes into trial_state_counts, in one statement
 * (skipped while another process folds). Returns the change rows it moved.
 */
export async function foldTrialStateChanges(q: Queryable): Promise<number> {
  const [row] = await query<{ moved: number }>(
    q,
    sql`WITH moved AS (
        DELETE FROM trial_state_changes WHERE (SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}))
        RETURNING state, n),
      summed AS (SELECT state, sum(n) AS n FROM moved GROUP BY state),
      folded AS (
        INSERT INTO trial_state_counts (state, n) SELECT state, n FROM summed
        ON CONFLICT (state) DO UPDATE SET n = trial_state_counts.n + excluded.n)
      SELECT count(*)::int AS moved FROM moved`,
  );
  return Number(row?.moved ?? 0);
}
