/**
 * Comparisons and their answers (rankings): the statements behind the
 * labeling use cases in services/comparisons.ts. Every caller holds the
 * study's row lock (see studies.ts's lockStudyState), then locks the
 * comparison it answers: comparisons and suggestions are serialised per
 * study. Rows come back as services/comparison_rows.ts's ComparisonRow.
 */
import { type SQL, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { type ComparisonRow, comparisonRow } from "../records.ts";
import { comparisonColumns } from "./columns.ts";

/** The study's comparisons matching `where` (and `tail`), as `labelerId` sees them. */
async function selectComparisons(
  q: Queryable,
  studyId: string,
  labelerId: string,
  where: SQL,
  tail: SQL = sql``,
): Promise<ComparisonRow[]> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${comparisonColumns(labelerId)} FROM comparisons c
        WHERE c.study_id = ${studyId} AND ${where} ${tail}`,
  );
  return rows.map(comparisonRow);
}

/** One comparison of the study (with `lock`: locked for an answer), as `labelerId` sees it. */
export async function comparisonById(
  q: Queryable,
  studyId: string,
  labelerId: string,
  comparisonId: string,
  lock = false,
): Promise<ComparisonRow | undefined> {
  const [row] = await selectComparisons(
    q,
    studyId,
    labelerId,
    sql`c.id = ${comparisonId}::uuid`,
    lock ? sql`FOR UPDATE OF c` : sql``,
  );
  return row;
}

/** Up to `limit` of the study's comparisons numbered after `after` (of one state, if given). */
export async function comparisonsAfter(
  q: Queryable,
  studyId: string,
  labelerId: string,
  page: { after: number; limit: number; state?: string },
): Promise<ComparisonRow[]> {
  return await selectComparisons(
    q,
    studyId,
    labelerId,
    sql`c.number > ${page.after} AND (${page.state ?? null}::text IS NULL OR c.state = ${
      page.state ?? null
    }::text)`,
    sql`ORDER BY c.number LIMIT ${page.limit}`,
  );
}

/** How many comparisons the labeler answered, and how many are closed and open. */
export async function labelingProgress(q: Queryable, studyId: string, labelerId: string) {
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`SELECT
          (SELECT count(*) FROM rankings r JOIN comparisons c ON c.id = r.comparison_id
            WHERE c.study_id = ${studyId} AND r.labeler_id = ${labelerId}::uuid)::int AS answered,
          (SELECT count(*) FROM comparisons WHERE study_id = ${studyId} AND state <> 'OPEN')::int
            AS closed,
          (SELECT count(*) FROM comparisons WHERE study_id = ${studyId} AND state = 'OPEN')::int
            AS open`,
  );
  return {
    answeredByYou: Number(row.answered),
    closed: Number(row.closed),
    open: Number(row.open),
  };
}

/**
 * Locks the OPEN comparison to offer the labeler at `now`: one they have not
 * answered that nobody else holds; their own hold before anything else, then
 * the oldest. Returns its id.
 */
export async function lockNextOpen(
  tx: Queryable,
  studyId: string,
  labelerId: string,
  now: Date,
): Promise<string | undefined> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  // Oldest first; the caller's own hold before anything else.
  const [open] = await query<Record<string, unknown>>(
    tx,
    sql`SELECT c.id FROM comparisons c
          WHERE c.study_id = ${studyId} AND c.state = 'OPEN'
            AND (c.held_by IS NULL OR c.held_by = ${labelerId}::uuid
                 OR c.hold_expires_at < ${nowSql})
            AND NOT EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
                            AND r.labeler_id = ${labelerId}::uuid)
          ORDER BY (c.held_by IS NOT NULL AND c.held_by = ${labelerId}::uuid) DESC, c.number
          LIMIT 1 FOR UPDATE`,
  );
  return open?.id as string | undefined;
}

/** Gives the labeler the hold of a comparison until `holdUntil` (ISO). */
export async function holdComparison(
  tx: Queryable,
  comparisonId: string,
  labelerId: string,
  holdUntil: string,
): Promise<void> {
  await query(
    tx,
    sql`UPDATE comparisons SET held_by = ${labelerId}::uuid,
              hold_expires_at = ${holdUntil}::timestamptz
            WHERE id = ${comparisonId}`,
  );
}

/** Releases the hold of a comparison. */
export async function releaseComparison(tx: Queryable, comparisonId: string): Promise<void> {
  await query(
    tx,
    sql`UPDATE comparisons SET held_by = NULL, hold_expires_at = NULL WHERE id = ${comparisonId}`,
  );
}

/** How many of the study's comparisons are OPEN. */
export async function countOpenComparisons(tx: Queryable, studyId: string): Promise<number> {
  const [{ n }] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM comparisons WHERE study_id = ${studyId} AND state = 'OPEN'`,
  );
  return Number(n);
}

/**
 * Inserts an OPEN comparison of the candidates (trial ids, in the order
 * labelers see them), numbered after the study's last, held by the labeler;
 * the candidates' trials lose their lease and client (held without a lease,
 * they never go STALE).
 */
export async function insertComparison(
  tx: Queryable,
  comparison: {
    id: string;
    studyId: string;
    candidates: string[];
    labelerId: string;
    holdUntil: string;
    now: Date;
  },
): Promise<void> {
  const { id, studyId, candidates, labelerId, holdUntil, now } = comparison;
  await query(
    tx,
    sql`UPDATE trials SET lease_expires_at = NULL, client_id = NULL
            WHERE id = ANY(${`{${candidates.join(",")}}`}::uuid[])`,
  );
  await query(
    tx,
    sql`INSERT INTO comparisons (id, study_id, number, state, candidates, held_by,
              hold_expires_at, created_at)
            SELECT ${id}, ${studyId},
              coalesce((SELECT max(number) + 1 FROM comparisons WHERE study_id = ${studyId}), 0),
              'OPEN', ${JSON.stringify(candidates)}::jsonb, ${labelerId}::uuid,
              ${holdUntil}::timestamptz, ${now.toISOString()}::timestamptz`,
  );
}

/**
 * Closes a comparison for the designer's next update, and makes its ACTIVE
 * candidates RANKED (with a reason when it was skipped).
 */
export async function closeComparison(
  tx: Queryable,
  row: { id: string; candidates: string[] },
  state: "RANKED" | "SKIPPED",
  ranking: string[] | null,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await query(
    tx,
    sql`UPDATE comparisons SET state = ${state}, ranking = ${
      ranking === null ? null : JSON.stringify(ranking)
    }::jsonb, feedback_pending = TRUE, closed_at = ${at}::timestamptz, held_by = NULL,
          hold_expires_at = NULL
        WHERE id = ${row.id}`,
  );
  await query(
    tx,
    sql`UPDATE trials SET state = 'RANKED', completed_at = ${at}::timestamptz,
          lease_expires_at = NULL,
          reason = ${state === "SKIPPED" ? "the comparison was skipped" : null}::text
        WHERE id = ANY(${`{${row.candidates.join(",")}}`}::uuid[]) AND state = 'ACTIVE'`,
  );
}

/**
 * Opens a comparison again (RANKED or SKIPPED ones: their RANKED candidates
 * become ACTIVE again), held by `holder` until `holdUntil`.
 */
export async function reopenComparison(
  tx: Queryable,
  row: { id: string; candidates: string[]; state: string },
  holder: string | null,
  holdUntil: string | null,
): Promise<void> {
  await query(
    tx,
    sql`UPDATE comparisons SET state = 'OPEN', ranking = NULL, feedback_pending = FALSE,
            closed_at = NULL,
            held_by = ${holder}::uuid,
            hold_expires_at = ${holdUntil}::timestamptz
          WHERE id = ${row.id}`,
  );
  if (row.state !== "OPEN") {
    await query(
      tx,
      sql`UPDATE trials SET state = 'ACTIVE', completed_at = NULL, reason = NULL
            WHERE id = ANY(${`{${row.candidates.join(",")}}`}::uuid[]) AND state = 'RANKED'`,
    );
  }
}

/** Stores one labeler's answer: a ranking (ids, best first), or a skip (null). */
export async function insertAnswer(
  tx: Queryable,
  answer: { id: string; comparisonId: string; labelerId: string; ranked: string[] | null },
  now: Date,
): Promise<void> {
  const { id, comparisonId, labelerId, ranked } = answer;
  await query(
    tx,
    sql`INSERT INTO rankings (id, comparison_id, labeler_id, ranked, skipped, created_at)
        VALUES (${id}, ${comparisonId}, ${labelerId}::uuid,
          ${ranked === null ? null : JSON.stringify(ranked)}::jsonb, ${ranked === null},
          ${now.toISOString()}::timestamptz)`,
  );
}

/** Deletes one labeler's answer to a comparison. */
export async function deleteAnswer(
  tx: Queryable,
  comparisonId: string,
  labelerId: string,
): Promise<void> {
  await query(
    tx,
    sql`DELETE FROM rankings WHERE comparison_id = ${comparisonId} AND labeler_id = ${labelerId}::uuid`,
  );
}

/** The rankings (not skips) of a comparison, in the order they came. */
export async function rankingsOf(tx: Queryable, comparisonId: string): Promise<unknown[]> {
  const all = await query<{ ranked: unknown }>(
    tx,
    sql`SELECT ranked FROM rankings WHERE comparison_id = ${comparisonId} AND NOT skipped
        ORDER BY created_at, id`,
  );
  return all.map((r) => r.ranked);
}

/** The candidates of a comparison of the study (undefined when it is not there). */
export async function candidatesOf(
  q: Queryable,
  studyId: string,
  comparisonId: string,
): Promise<unknown> {
  const [row] = await query<{ candidates: unknown }>(
    q,
    sql`SELECT candidates FROM comparisons WHERE id = ${comparisonId}::uuid AND study_id = ${studyId}`,
  );
  return row?.candidates;
}

/** One labeler's answer to a comparison, with the view submitRanking answered (if stored). */
export async function answerOf(
  tx: Queryable,
  comparisonId: string,
  labelerId: string,
): Promise<{ ranked: unknown; skipped: boolean; answer: unknown } | undefined> {
  const [row] = await query<{ ranked: unknown; skipped: boolean; answer: unknown }>(
    tx,
    sql`SELECT ranked, skipped, answer FROM rankings
        WHERE comparison_id = ${comparisonId} AND labeler_id = ${labelerId}::uuid`,
  );
  return row;
}

/** Keeps the view submitRanking answered with the labeler's ranking (replayed on a retry). */
export async function storeAnswerView(
  tx: Queryable,
  comparisonId: string,
  labelerId: string,
  view: unknown,
): Promise<void> {
  await query(
    tx,
    sql`UPDATE rankings SET answer = ${JSON.stringify(view)}::jsonb
        WHERE comparison_id = ${comparisonId} AND labeler_id = ${labelerId}::uuid`,
  );
}

/**
 * Why the study's OPEN comparisons are not the labeler's to take at `now`:
 * how many others hold (unexpired), and how many the labeler has answered.
 */
export async function openOutOfReach(
  tx: Queryable,
  studyId: string,
  labelerId: string,
  now: Date,
): Promise<{ heldByOthers: number; answeredByYou: number }> {
  const [row] = await query<Record<string, unknown>>(
    tx,
    sql`SELECT
          count(*) FILTER (WHERE NOT mine AND held_by IS NOT NULL
            AND held_by <> ${labelerId}::uuid
            AND hold_expires_at >= ${now.toISOString()}::timestamptz)::int AS held,
          count(*) FILTER (WHERE mine)::int AS answered
        FROM (SELECT c.held_by, c.hold_expires_at,
                EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
                        AND r.labeler_id = ${labelerId}::uuid) AS mine
              FROM comparisons c WHERE c.study_id = ${studyId} AND c.state = 'OPEN') open`,
  );
  return { heldByOthers: Number(row.held), answeredByYou: Number(row.answered) };
}
