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
import type { Database, Queryable, Transaction } from "../db/client.ts";
import {
  candidatesOf,
  closeComparison,
  comparisonById,
  comparisonsAfter,
  countOpenComparisons,
  deleteAnswer,
  holdComparison,
  insertAnswer as insertAnswerRow,
  insertComparison,
  labelingProgress,
  lockNextOpen,
  rankingsOf,
  releaseComparison,
  reopenComparison,
} from "../db/queries/comparisons.ts";
import { lockStudyState } from "../db/queries/studies.ts";
import { paramsOfTrials } from "../db/queries/trials.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import { type ComparisonRow, type ComparisonState } from "../db/records.ts";
import { type ComparisonView, rankingLength, views } from "./comparison_rows.ts";
import type { ServiceContext } from "./context.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./page.ts";
import { bordaAggregate, checkRanking, shuffled } from "./rankings.ts";
import { labelingRetryAfter } from "./retry_hints.ts";
import { json } from "../db/records.ts";
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
async function labelingMeta(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
) {
  const meta = await studyMeta(ctx, q, projectId, studyId);
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
  const state = await lockStudyState(tx, meta.id);
  if (state === undefined) throw notFound("study", meta.id);
  if (active && state !== "ACTIVE") {
    throw conflict(`study is ${state}: only ACTIVE studies hand out comparisons`);
  }
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
  const meta = await labelingMeta(ctx, db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, true);
    const now = ctx.now();
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    let comparisonId = await lockNextOpen(tx, studyId, labelerId, now);
    if (comparisonId !== undefined) {
      await holdComparison(tx, comparisonId, labelerId, holdUntil);
    } else if (await countOpenComparisons(tx, studyId) < labeling.maxOpen) {
      comparisonId = await createComparison(ctx, tx, meta, labelerId, holdUntil, signal);
    }
    const shown = comparisonId === undefined
      ? null
      : await reread(tx, meta, comparisonId, labelerId, now);
    const answer: NextComparison = {
      comparison: shown,
      progress: await labelingProgress(tx, studyId, labelerId),
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
      const { trials } = await suggestTrials(
        ctx,
        sp,
        meta.projectId,
        meta.id,
        { count: labeling.candidates ?? 32 },
        signal,
      );
      if (trials.length < 2) throw new TooFewCandidates();
      const id = newId();
      await insertComparison(sp, {
        id,
        studyId: meta.id,
        candidates: shuffled(trials.map((t) => t.id)),
        labelerId,
        holdUntil,
        now: ctx.now(),
      });
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
  const row = await comparisonById(tx, meta.id, labelerId, comparisonId, true);
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
  const meta = await labelingMeta(ctx, db, target.projectId, target.studyId);
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
  await insertAnswerRow(tx, { id: newId(), comparisonId: row.id, labelerId, ranked }, now);
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
    if (row.ranked + 1 < labeling.rankingsPerComparison) return await releaseComparison(tx, row.id);
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
  const lists = (await rankingsOf(tx, row.id)).map((r) => json<string[]>(r));
  const length = rankingLength(labeling, row.candidates.length);
  await closeComparison(tx, row, "RANKED", bordaAggregate(lists, row.candidates, length), now);
}

async function reread(
  tx: Queryable,
  meta: StudyMeta,
  comparisonId: string,
  labelerId: string,
  now: Date,
): Promise<ComparisonView> {
  const row = await comparisonById(tx, meta.id, labelerId, comparisonId);
  return (await views(tx, meta, row ? [row] : [], labelerId, now))[0];
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
    if (row.skips + 1 < labeling.skipsToClose) return await releaseComparison(tx, row.id);
    // Enough skips: it closes; rankings already given still count (Borda over them).
    if (row.ranked === 0) return await closeComparison(tx, row, "SKIPPED", null, now);
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
    await deleteAnswer(tx, row.id, labelerId);
    // Held by the caller again, unless another labeler holds it now.
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    const takenByOther = row.heldBy !== null && row.heldBy !== labelerId &&
      row.holdExpiresAt !== null && Date.parse(row.holdExpiresAt) >= now.getTime();
    await reopenComparison(
      tx,
      row,
      takenByOther ? row.heldBy : labelerId,
      takenByOther ? row.holdExpiresAt : holdUntil,
    );
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
  const meta = await labelingMeta(ctx, q, projectId, studyId);
  const row = await comparisonById(q, studyId, labelerId, comparisonId);
  if (!row) throw notFound("comparison", comparisonId);
  return (await views(q, meta, [row], labelerId, ctx.now()))[0];
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
  const meta = await labelingMeta(ctx, q, projectId, studyId);
  let after = -1;
  if (page.cursor !== undefined) {
    const c = decodeCursor(page.cursor);
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
      throw badRequest("cursor", "cursor", "not a cursor this listing returned");
    }
    after = c;
  }
  const rows = await comparisonsAfter(q, studyId, labelerId, {
    after,
    limit: page.limit + 1,
    state: page.state,
  });
  const shown = rows.slice(0, page.limit);
  return {
    items: await views(q, meta, shown, labelerId, ctx.now()),
    nextCursor: rows.length > page.limit ? encodeCursor(shown[shown.length - 1].number) : null,
  };
}

/** The params of a comparison's candidate (for its rendering). */
export async function candidateOf(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  comparisonId: string,
  candidateId: string,
): Promise<{ meta: StudyMeta; params: Params }> {
  const meta = await labelingMeta(ctx, q, projectId, studyId);
  const candidates = await candidatesOf(q, studyId, comparisonId);
  if (candidates === undefined) throw notFound("comparison", comparisonId);
  if (!json<string[]>(candidates).includes(candidateId)) {
    throw notFound("candidate", candidateId);
  }
  const params = await paramsOfTrials(q, [candidateId]);
  return { meta, params: params.get(candidateId)! };
}
