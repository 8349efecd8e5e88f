/**
 * Comparisons: groups of a study's trials shown together to people, who rank
 * them (best first) or skip them. The ranking, aggregated over the study's
 * `rankingsPerComparison` labelers by Borda count, is what the designer
 * learns from (a RankingFeedback, given at its next update; see suggest.ts).
 *
 * - nextComparison (comparison_next.ts): the oldest OPEN comparison this
 *   labeler has not answered and nobody else holds; else, while fewer than
 *   `maxOpen` are open, a new one made of the designer's next candidates
 *   (trials handed out through the normal suggestion path, then held without
 *   a lease: they never go STALE). The labeler holds it for `holdSeconds`; an
 *   abandoned one returns to the pool. With none, it says why.
 * - submitRanking / skipComparison: one answer per labeler and comparison
 *   (the same ranking again replays the first answer: a retry is no error).
 *   Enough rankings close it as RANKED, enough skips as SKIPPED (the designer
 *   then learns nothing from it); its trials become RANKED.
 * - undoRanking: takes the labeler's answer back while the designer has not
 *   yet seen the comparison's result; the comparison opens again, held by them.
 *
 * Every use case runs in one transaction holding the study's row lock, so
 * comparisons and suggestions are serialised per study.
 */
import type { Database, Queryable } from "../db/client.ts";
import {
  answerOf,
  candidatesOf,
  closeComparison,
  comparisonById,
  comparisonsAfter,
  deleteAnswer,
  insertAnswer as insertAnswerRow,
  rankingsOf,
  releaseComparison,
  reopenComparison,
  storeAnswerView,
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
import { bordaAggregate, checkRanking } from "./rankings.ts";
import { json } from "../db/records.ts";
import type { Labeling } from "./study_schema.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";

/** The study's facts, with a 409 for studies without comparisons. */
export async function labelingMeta(
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

/**
 * Locks the study row for an answer (any state: comparisons already out are
 * answered on a paused or complete study); 404 when missing.
 */
async function lockStudy(tx: Queryable, meta: StudyMeta): Promise<void> {
  if (await lockStudyState(tx, meta.id) === undefined) throw notFound("study", meta.id);
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
    await lockStudy(tx, meta);
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

/** What submitRanking answers: the comparison, and whether it is a retry's replay. */
export interface RankingAnswer {
  view: ComparisonView;
  /** The same ranking again: the first answer, replayed. */
  replayed: boolean;
}

/**
 * Records the caller's ranking (candidate ids, best first). The same ranking
 * sent again by the same labeler (a retry after a lost answer) answers what
 * the first one answered; another ranking of a comparison they have answered
 * is a 409 (undoRanking takes the first back).
 */
export async function submitRanking(
  ctx: ServiceContext,
  db: Database,
  target: { projectId: string; studyId: string; comparisonId: string; labelerId: string },
  ranked: string[],
): Promise<RankingAnswer> {
  const { labelerId } = target;
  const meta = await labelingMeta(ctx, db, target.projectId, target.studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta);
    const now = ctx.now();
    const row = await lockComparison(tx, meta, target.comparisonId, labelerId);
    checkRanking(ranked, row.candidates, rankingLength(labeling, row.candidates.length));
    if (row.answeredByMe) {
      return { view: await firstAnswer(tx, meta, row, labelerId, ranked, now), replayed: true };
    }
    checkAnswerable(row, labelerId, now);
    await insertAnswer(tx, row, labelerId, ranked, now);
    if (row.ranked + 1 < labeling.rankingsPerComparison) await releaseComparison(tx, row.id);
    else await closeRanked(tx, row, labeling, now);
    const view = await reread(tx, meta, row.id, labelerId, now);
    await storeAnswerView(tx, row.id, labelerId, view);
    return { view, replayed: false };
  });
}

/**
 * The answer to a ranking the labeler already gave: the first answer when
 * it is the same ranking (the comparison as it was then; a ranking stored
 * before answers were kept: as it is now), else a 409 naming the comparison.
 */
async function firstAnswer(
  tx: Queryable,
  meta: StudyMeta,
  row: ComparisonRow,
  labelerId: string,
  ranked: string[],
  now: Date,
): Promise<ComparisonView> {
  const mine = await answerOf(tx, row.id, labelerId);
  const before = mine?.ranked == null ? null : json<string[]>(mine.ranked);
  if (before === null || before.join() !== ranked.join()) {
    throw conflict(
      `you have already ${before === null ? "skipped" : "ranked"} comparison ${row.number} ` +
        `(${row.id})${before === null ? "" : " differently"}: undoRanking takes it back`,
      [{
        field: "ranking",
        rule: "already_answered",
        message: before === null
          ? `comparison ${row.number} was skipped`
          : `comparison ${row.number} was ranked ${before.join(", ")}`,
      }],
    );
  }
  if (mine!.answer != null) return json<ComparisonView>(mine!.answer);
  return await reread(tx, meta, row.id, labelerId, now);
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

/** A comparison re-read in the transaction, as `labelerId` sees it at `now`. */
export async function reread(
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
