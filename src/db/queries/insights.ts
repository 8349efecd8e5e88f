/**
 * The statements behind the dashboard's read-only summaries
 * (services/insights.ts): a study's best value and last activity in one
 * statement, and a bounded, deterministic sample of its completed trials
 * for the importance model.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { iso, json } from "../records.ts";

/** A study's best first-metric value (by `goal`), its trial number, and its latest trial event. */
export async function summaryRow(
  q: Queryable,
  studyId: string,
  goal: "minimize" | "maximize",
): Promise<{ best: number | null; bestNumber: number | null; last: string | null }> {
  const order = goal === "maximize" ? sql`DESC` : sql`ASC`;
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`SELECT
          (SELECT objective FROM trials WHERE study_id = ${studyId} AND state = 'COMPLETED'
             AND objective IS NOT NULL ORDER BY objective ${order}, number LIMIT 1) AS best,
          (SELECT number FROM trials WHERE study_id = ${studyId} AND state = 'COMPLETED'
             AND objective IS NOT NULL ORDER BY objective ${order}, number LIMIT 1) AS "bestNumber",
          (SELECT max(greatest(created_at, started_at, completed_at)) FROM trials
             WHERE study_id = ${studyId}) AS last`,
  );
  return {
    best: row?.best === null || row?.best === undefined ? null : Number(row.best),
    bestNumber: row?.bestNumber === null || row?.bestNumber === undefined
      ? null
      : Number(row.bestNumber),
    last: iso(row?.last),
  };
}

/**
 * At most `limit` completed trials with a first-metric value, a uniform
 * sample that is the same on every call (ordered by a hash of the id), with
 * the number of such trials.
 */
export async function sampleCompleted(
  q: Queryable,
  studyId: string,
  limit: number,
): Promise<{ rows: { params: unknown; objective: number }[]; total: number }> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT params, objective, count(*) OVER () AS total FROM trials
        WHERE study_id = ${studyId} AND state = 'COMPLETED' AND objective IS NOT NULL
        ORDER BY md5(id::text) LIMIT ${limit}`,
  );
  return {
    rows: rows.map((r) => ({
      params: json<unknown>(r.params),
      objective: Number(r.objective),
    })),
    total: rows.length === 0 ? 0 : Number(rows[0].total),
  };
}

/**
 * The candidates and non-skip rankings (trial ids, best first) of a study's
 * comparisons that at least two labelers ranked, with the number of distinct
 * labelers who ranked any of its comparisons.
 */
export async function rankingsByComparison(
  q: Queryable,
  studyId: string,
): Promise<{ comparisons: { candidates: string[]; rankings: string[][] }[]; labelers: number }> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT c.id, c.candidates, r.labeler_id AS labeler, r.ranked
        FROM comparisons c JOIN rankings r ON r.comparison_id = c.id
        WHERE c.study_id = ${studyId} AND NOT r.skipped AND r.ranked IS NOT NULL
        ORDER BY c.number, r.created_at`,
  );
  const byId = new Map<string, { candidates: string[]; rankings: string[][] }>();
  const labelers = new Set<string>();
  for (const row of rows) {
    labelers.add(String(row.labeler));
    const id = String(row.id);
    let entry = byId.get(id);
    if (!entry) byId.set(id, entry = { candidates: json<string[]>(row.candidates), rankings: [] });
    entry.rankings.push(json<string[]>(row.ranked));
  }
  return {
    comparisons: [...byId.values()].filter((c) => c.rankings.length >= 2),
    labelers: labelers.size,
  };
}
