/**
 * Comparisons: groups of a study's trials shown together to people, who rank
 * them (best first) or skip them. The ranking, aggregated over the study's
 * `rankingsPerComparison` labelers by Borda count, is what the designer
 * learns from (a RankingFeedback, given at its next update; see suggest.ts).
 *
 * - nextComparison: the oldest OPEN comparison this labeler has not answered
 *   and nobody else holds; else, while fewer than `maxOpen` are open, a new one
 *   made of the designer's next candidates (trials handed out through the
 *   normal suggestion path, then held without a lease: they never go STALE).
 *   The labeler holds it for `holdSeconds`; an abandoned one returns to the pool.
 * - submitRanking / skipComparison: one answer per labeler and comparison.
 *   Enough rankings close it as RANKED, enough skips as SKIPPED (the designer
 *   then learns nothing from it); its trials become RANKED.
 * - undoRanking: takes the labeler's answer back while the designer has not
 *   yet seen the comparison's result; the comparison opens again, held by them.
 *
 * Every use case runs in one transaction holding the study's row lock, so
 * comparisons and suggestions are serialised per study.
 */
import { sql } from "drizzle-orm";
import { type Database, query, type Queryable, type Transaction } from "../db/client.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import {
  candidateParams,
  type ComparisonRow,
  type ComparisonState,
  type ComparisonView,
  rankingLength,
  selectComparisons,
  views,
} from "./comparison_rows.ts";
import type { ServiceContext } from "./context.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./projects.ts";
import { bordaAggregate, checkRanking, shuffled } from "./rankings.ts";
import { labelingRetryAfter } from "./retry_hints.ts";
import { json } from "./rows.ts";
import type { Labeling } from "./study_schema.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";
import { suggestTrials } from "./suggest.ts";

/** What nextComparison answers. */
export interface NextComparison {
  comparison: ComparisonView | null;
  /** When nothing is available: when to ask again. */
  retryAfterSeconds?: number;
  progress: { answeredByYou: number; closed: number; open: number };
}

/** The study's facts, with a 409 for studies without comparisons. */
async function labelingMeta(q: Queryable, projectId: string, studyId: string) {
  const meta = await studyMeta(q, projectId, studyId);
  if (!meta.labeling) {
    throw conflict(
      `study ${studyId} has no comparisons: its algorithm "${meta.algorithm.name}" does not ` +
        "learn from rankings",
    );
  }
  return meta;
}

/** Locks the study row; 404 when missing, 409 unless ACTIVE (when `active`). */
async function lockStudy(tx: Queryable, meta: StudyMeta, active: boolean): Promise<void> {
  const [row] = await query<{ state: string }>(
    tx,
    sql`SELECT state FROM studies WHERE id = ${meta.id} FOR NO KEY UPDATE`,
  );
  if (!row) throw notFound("study", meta.id);
  if (active && row.state !== "ACTIVE") {
    throw conflict(`study is ${row.state}: only ACTIVE studies hand out comparisons`);
  }
}

async function progress(q: Queryable, studyId: string, labelerId: string) {
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

/** Rolls back the savepoint of a comparison that would have too few candidates. */
class TooFewCandidates extends Error {}

/** The next comparison for a labeler; see the module's comment. */
export async function nextComparison(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  labelerId: string,
  signal: AbortSignal,
): Promise<NextComparison> {
  const meta = await labelingMeta(db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, true);
    const now = ctx.now();
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
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
    let comparisonId = open?.id as string | undefined;
    if (comparisonId !== undefined) {
      await query(
        tx,
        sql`UPDATE comparisons SET held_by = ${labelerId}::uuid,
              hold_expires_at = ${holdUntil}::timestamptz
            WHERE id = ${comparisonId}`,
      );
    } else {
      const [{ n }] = await query<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM comparisons WHERE study_id = ${studyId} AND state = 'OPEN'`,
      );
      if (Number(n) < labeling.maxOpen) {
        comparisonId = await createComparison(ctx, tx, meta, labelerId, holdUntil, signal);
      }
    }
    const shown = comparisonId === undefined ? null : (await views(
      tx,
      meta,
      await selectComparisons(tx, studyId, labelerId, sql`c.id = ${comparisonId}`),
      labelerId,
      now,
    ))[0];
    const answer: NextComparison = {
      comparison: shown,
      progress: await progress(tx, studyId, labelerId),
    };
    if (shown === null) answer.retryAfterSeconds = await labelingRetryAfter(tx, studyId);
    return answer;
  });
}

/** Asks the designer for candidates and groups them; undefined when it has fewer than two. */
async function createComparison(
  ctx: ServiceContext,
  tx: Transaction,
  meta: StudyMeta,
  labelerId: string,
  holdUntil: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const labeling = meta.labeling!;
  try {
    return await tx.transaction(async (sp) => {
      const trials = await suggestTrials(
        ctx,
        sp,
        meta.projectId,
        meta.id,
        { count: labeling.candidates ?? 32 },
        signal,
      );
      if (trials.length < 2) throw new TooFewCandidates();
      const ids = trials.map((t) => t.id);
      const id = newId();
      await query(
        sp,
        sql`UPDATE trials SET lease_expires_at = NULL, client_id = NULL
            WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
      );
      await query(
        sp,
        sql`INSERT INTO comparisons (id, study_id, number, state, candidates, held_by,
              hold_expires_at, created_at)
            SELECT ${id}, ${meta.id},
              coalesce((SELECT max(number) + 1 FROM comparisons WHERE study_id = ${meta.id}), 0),
              'OPEN', ${JSON.stringify(shuffled(ids))}::jsonb, ${labelerId}::uuid,
              ${holdUntil}::timestamptz, ${ctx.now().toISOString()}::timestamptz`,
      );
      return id;
    });
  } catch (error) {
    if (error instanceof TooFewCandidates) return undefined;
    throw error;
  }
}

/** Locks one comparison of the study for an answer; 404 when it is not there. */
async function lockComparison(
  tx: Queryable,
  meta: StudyMeta,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonRow> {
  const [row] = await selectComparisons(
    tx,
    meta.id,
    labelerId,
    sql`c.id = ${comparisonId}::uuid`,
    sql`FOR UPDATE OF c`,
  );
  if (!row) throw notFound("comparison", comparisonId);
  return row;
}

/** Checks that the caller may answer an OPEN comparison now. */
function checkAnswerable(row: ComparisonRow, labelerId: string, now: Date): void {
  if (row.state !== "OPEN") {
    throw conflict(`comparison ${row.number} is already ${row.state}`);
  }
  if (row.answeredByMe) {
    throw conflict(
      `you have already answered comparison ${row.number} (undoRanking takes it back)`,
    );
  }
  if (row.heldBy !== labelerId) {
    throw conflict(
      `comparison ${row.number} is not held by you: fetch it with nextComparison first`,
    );
  }
  if (row.holdExpiresAt !== null && Date.parse(row.holdExpiresAt) < now.getTime()) {
    throw conflict(
      `your hold on comparison ${row.number} expired at ${row.holdExpiresAt}: ` +
        "fetch a comparison again with nextComparison",
    );
  }
}

/** Closes a comparison: the designer sees it at its next update; its trials become RANKED. */
async function close(
  tx: Queryable,
  row: ComparisonRow,
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
 * Runs `answer` on one comparison of the study, locked (after the study, as
 * every use case here locks them) in one transaction, and returns it re-read.
 */
async function onComparison(
  ctx: ServiceContext,
  db: Database,
  target: { projectId: string; studyId: string; comparisonId: string; labelerId: string },
  answer: (tx: Queryable, row: ComparisonRow, labeling: Labeling, now: Date) => Promise<void>,
): Promise<ComparisonView> {
  const meta = await labelingMeta(db, target.projectId, target.studyId);
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, false);
    const now = ctx.now();
    const row = await lockComparison(tx, meta, target.comparisonId, target.labelerId);
    await answer(tx, row, meta.labeling!, now);
    return await reread(tx, meta, row.id, target.labelerId, now);
  });
}

/** Stores one labeler's answer: a ranking (ids, best first), or a skip (null). */
async function insertAnswer(
  tx: Queryable,
  row: ComparisonRow,
  labelerId: string,
  ranked: string[] | null,
  now: Date,
): Promise<void> {
  await query(
    tx,
    sql`INSERT INTO rankings (id, comparison_id, labeler_id, ranked, skipped, created_at)
        VALUES (${newId()}, ${row.id}, ${labelerId}::uuid,
          ${ranked === null ? null : JSON.stringify(ranked)}::jsonb, ${ranked === null},
          ${now.toISOString()}::timestamptz)`,
  );
}

/** Records the caller's ranking (candidate ids, best first). */
export async function submitRanking(
  ctx: ServiceContext,
  db: Database,
  target: { projectId: string; studyId: string; comparisonId: string; labelerId: string },
  ranked: string[],
): Promise<ComparisonView> {
  return await onComparison(ctx, db, target, async (tx, row, labeling, now) => {
    const length = rankingLength(labeling, row.candidates.length);
    checkRanking(ranked, row.candidates, length);
    checkAnswerable(row, target.labelerId, now);
    await insertAnswer(tx, row, target.labelerId, ranked, now);
    if (row.ranked + 1 < labeling.rankingsPerComparison) return await release(tx, row.id);
    await closeRanked(tx, row, labeling, now);
  });
}

/** Closes a comparison as RANKED with the Borda aggregate of its rankings. */
async function closeRanked(
  tx: Queryable,
  row: ComparisonRow,
  labeling: Labeling,
  now: Date,
): Promise<void> {
  const all = await query<{ ranked: unknown }>(
    tx,
    sql`SELECT ranked FROM rankings WHERE comparison_id = ${row.id} AND NOT skipped
        ORDER BY created_at, id`,
  );
  const lists = all.map((r) => json<string[]>(r.ranked));
  const length = rankingLength(labeling, row.candidates.length);
  await close(tx, row, "RANKED", bordaAggregate(lists, row.candidates, length), now);
}

async function release(tx: Queryable, comparisonId: string): Promise<void> {
  await query(
    tx,
    sql`UPDATE comparisons SET held_by = NULL, hold_expires_at = NULL WHERE id = ${comparisonId}`,
  );
}

async function reread(
  tx: Queryable,
  meta: StudyMeta,
  comparisonId: string,
  labelerId: string,
  now: Date,
): Promise<ComparisonView> {
  const rows = await selectComparisons(tx, meta.id, labelerId, sql`c.id = ${comparisonId}::uuid`);
  return (await views(tx, meta, rows, labelerId, now))[0];
}

/** The caller cannot decide: the comparison goes to someone else, or closes unranked. */
export async function skipComparison(
  ctx: ServiceContext,
  db: Database,
  target: { projectId: string; studyId: string; comparisonId: string; labelerId: string },
): Promise<ComparisonView> {
  return await onComparison(ctx, db, target, async (tx, row, labeling, now) => {
    checkAnswerable(row, target.labelerId, now);
    await insertAnswer(tx, row, target.labelerId, null, now);
    if (row.skips + 1 < labeling.skipsToClose) return await release(tx, row.id);
    // Enough skips: it closes; rankings already given still count (Borda over them).
    if (row.ranked === 0) return await close(tx, row, "SKIPPED", null, now);
    await closeRanked(tx, row, labeling, now);
  });
}

/** Takes back the caller's answer to a comparison while the designer has not used it. */
export async function undoRanking(
  ctx: ServiceContext,
  db: Database,
  target: { projectId: string; studyId: string; comparisonId: string; labelerId: string },
): Promise<ComparisonView> {
  const { labelerId } = target;
  return await onComparison(ctx, db, target, async (tx, row, labeling, now) => {
    if (!row.answeredByMe) {
      throw conflict(`you have not answered comparison ${row.number}: nothing to undo`);
    }
    if (row.state !== "OPEN" && !row.feedbackPending) {
      throw conflict(
        `comparison ${row.number} is ${row.state} and the algorithm has already moved past it`,
      );
    }
    await query(
      tx,
      sql`DELETE FROM rankings WHERE comparison_id = ${row.id} AND labeler_id = ${labelerId}::uuid`,
    );
    // Held by the caller again, unless another labeler holds it now.
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    const takenByOther = row.heldBy !== null && row.heldBy !== labelerId &&
      row.holdExpiresAt !== null && Date.parse(row.holdExpiresAt) >= now.getTime();
    await query(
      tx,
      sql`UPDATE comparisons SET state = 'OPEN', ranking = NULL, feedback_pending = FALSE,
            closed_at = NULL,
            held_by = ${takenByOther ? row.heldBy : labelerId}::uuid,
            hold_expires_at = ${takenByOther ? row.holdExpiresAt : holdUntil}::timestamptz
          WHERE id = ${row.id}`,
    );
    if (row.state !== "OPEN") {
      await query(
        tx,
        sql`UPDATE trials SET state = 'ACTIVE', completed_at = NULL, reason = NULL
            WHERE id = ANY(${`{${row.candidates.join(",")}}`}::uuid[]) AND state = 'RANKED'`,
      );
    }
  });
}

/** One comparison. */
export async function getComparison(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonView> {
  const meta = await labelingMeta(q, projectId, studyId);
  const rows = await selectComparisons(q, studyId, labelerId, sql`c.id = ${comparisonId}::uuid`);
  if (!rows.length) throw notFound("comparison", comparisonId);
  return (await views(q, meta, rows, labelerId, ctx.now()))[0];
}

/** The study's comparisons by number, optionally of one state. */
export async function listComparisons(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  labelerId: string,
  page: { limit: number; cursor?: string; state?: ComparisonState },
): Promise<Page<ComparisonView>> {
  const meta = await labelingMeta(q, projectId, studyId);
  let after = -1;
  if (page.cursor !== undefined) {
    const c = decodeCursor(page.cursor);
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
      throw badRequest("cursor", "cursor", "not a cursor this listing returned");
    }
    after = c;
  }
  const rows = await selectComparisons(
    q,
    studyId,
    labelerId,
    sql`c.number > ${after} AND (${page.state ?? null}::text IS NULL OR c.state = ${
      page.state ?? null
    }::text)`,
    sql`ORDER BY c.number LIMIT ${page.limit + 1}`,
  );
  const shown = rows.slice(0, page.limit);
  return {
    items: await views(q, meta, shown, labelerId, ctx.now()),
    nextCursor: rows.length > page.limit ? encodeCursor(shown[shown.length - 1].number) : null,
  };
}

/** The params of a comparison's candidate (for its rendering). */
export async function candidateOf(
  q: Queryable,
  projectId: string,
  studyId: string,
  comparisonId: string,
  candidateId: string,
): Promise<{ meta: StudyMeta; params: Params }> {
  const meta = await labelingMeta(q, projectId, studyId);
  const [row] = await query<{ candidates: unknown }>(
    q,
    sql`SELECT candidates FROM comparisons WHERE id = ${comparisonId}::uuid AND study_id = ${studyId}`,
  );
  if (!row) throw notFound("comparison", comparisonId);
  if (!json<string[]>(row.candidates).includes(candidateId)) {
    throw notFound("candidate", candidateId);
  }
  const params = await candidateParams(q, [candidateId]);
  return { meta, params: params.get(candidateId)! };
}
