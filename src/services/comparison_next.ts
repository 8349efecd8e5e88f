/**
 * nextComparison: what a labeler ranks next (see comparisons.ts for the
 * comparisons' life), and when there is nothing, why: a person waiting in
 * front of an empty page should know whether others are busy with every
 * open comparison (the study's `maxOpen` holds the rest back), whether they
 * answered all of them already, or whether the algorithm has nothing new.
 *
 * The answer also carries the study's title and prompt as labelers see them
 * (`labeling.title`, `labeling.prompt`), so the page shows those instead of
 * the study's id.
 *
 * A study with stop conditions (settings.maxTrials, settings.deadline)
 * completes for comparisons when its room left is smaller than a comparison
 * needs (two candidates): the completion is recorded under the study's lock
 * in this transaction (not in the savepoint of a comparison that could not
 * be made), and `next` answers `study_complete`, on that call and every
 * later one. Open comparisons are still handed out and ranked (their trials
 * are out; their rankings are results).
 */
import type { Database, Transaction } from "../db/client.ts";
import { lockStudyForSuggest } from "../db/queries/suggest.ts";
import { countBudgetTrials, markStudyCompleted } from "../db/queries/study_stops.ts";
import { conflict, notFound } from "../errors.ts";
import {
  countOpenComparisons,
  holdComparison,
  insertComparison,
  labelingProgress,
  lockNextOpen,
  openOutOfReach,
} from "../db/queries/comparisons.ts";
import type { ComparisonView } from "./comparison_rows.ts";
import { labelingMeta, reread } from "./comparisons.ts";
import type { ServiceContext } from "./context.ts";
import { newId } from "./ids.ts";
import { shuffled } from "./rankings.ts";
import { labelingRetryAfter } from "./retry_hints.ts";
import type { StudyMeta } from "./study_meta.ts";
import { budgetAt, type Completion, type StopFacts, stopFactsOfLocked } from "./study_stops.ts";
import { suggestTrials } from "./suggest.ts";

/**
 * Why no comparison was handed out: every open one is held by another
 * labeler (or answered by you) and `maxOpen` allows no more
 * (`held_by_others`); you answered every open one and they wait for other
 * labelers (`answered_by_you`); or the algorithm offered fewer than two new
 * candidates (`no_candidates`: it waits for results, or has none left); or
 * the study is complete (`study_complete`: a stop condition, or by hand).
 */
export type NothingReason =
  | "held_by_others"
  | "answered_by_you"
  | "no_candidates"
  | "study_complete";

/** The fewest candidates a comparison has. */
export const MIN_CANDIDATES = 2;

/** What nextComparison answers. */
export interface NextComparison {
  comparison: ComparisonView | null;
  /** When nothing is available: why, in a code and in a sentence for people. */
  reason?: NothingReason;
  detail?: string;
  /** When nothing is available: when to ask again. */
  retryAfterSeconds?: number;
  progress: { answeredByYou: number; closed: number; open: number };
  /** The study as labelers see it. */
  study: { title: string | null; prompt: string | null };
}

/** The next comparison for a labeler; see comparisons.ts's comment. */
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
    const locked = await lockStudyForSuggest(tx, meta.projectId, studyId);
    if (!locked) throw notFound("study", studyId);
    if (locked.state !== "ACTIVE" && locked.state !== "COMPLETED") {
      throw conflict(`study is ${locked.state}: only ACTIVE studies hand out comparisons`);
    }
    const now = ctx.now();
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    let comparisonId = await lockNextOpen(tx, studyId, labelerId, now);
    const open = comparisonId === undefined ? await countOpenComparisons(tx, studyId) : 0;
    const facts = stopFactsOfLocked(locked);
    let completion: Completion | null = null;
    if (comparisonId !== undefined) {
      await holdComparison(tx, comparisonId, labelerId, holdUntil);
    } else if (open < labeling.maxOpen) {
      completion = await completeForComparisons(tx, studyId, facts, now);
      if (completion === null) {
        comparisonId = await createComparison(ctx, tx, meta, labelerId, holdUntil, signal);
      }
    }
    const shown = comparisonId === undefined
      ? null
      : await reread(tx, meta, comparisonId, labelerId, now);
    const answer: NextComparison = {
      comparison: shown,
      progress: await labelingProgress(tx, studyId, labelerId),
      study: { title: labeling.title ?? null, prompt: labeling.prompt ?? null },
    };
    if (shown === null && completion !== null) {
      answer.reason = "study_complete";
      answer.detail = completeDetail(facts, completion);
    } else if (shown === null) {
      const why = open >= labeling.maxOpen
        ? waitingFor(open, await openOutOfReach(tx, studyId, labelerId, now))
        : {
          reason: "no_candidates" as const,
          detail: "Nothing left to label for now: the algorithm has no new candidates to " +
            "compare (it may be waiting for results)",
        };
      answer.reason = why.reason;
      answer.detail = why.detail;
      answer.retryAfterSeconds = await labelingRetryAfter(tx, studyId);
    }
    return answer;
  });
}

/**
 * The study's completion for comparisons at `now`, under its lock: complete
 * already, past its deadline, or with room for fewer than MIN_CANDIDATES
 * new trials under settings.maxTrials. A completion found now is recorded
 * here (in the study's transaction). Null while a comparison may be made.
 */
async function completeForComparisons(
  tx: Transaction,
  studyId: string,
  facts: StopFacts,
  now: Date,
): Promise<Completion | null> {
  const counted = facts.maxTrials === null ? null : await countBudgetTrials(tx, studyId);
  const budget = budgetAt(facts, counted, now);
  const completion = budget.completion ??
    (budget.remaining < MIN_CANDIDATES ? { reason: "maxTrials" as const, completedAt: now } : null);
  if (completion && facts.state !== "COMPLETED") {
    await markStudyCompleted(tx, studyId, completion.reason, completion.completedAt ?? now, now);
  }
  return completion;
}

/** The sentence a labeler reads when the study is complete. */
function completeDetail(facts: StopFacts, completion: Completion): string {
  const why = completion.reason === "maxTrials"
    ? `its trials reached settings.maxTrials (${facts.maxTrials}), with no room for ` +
      "another comparison"
    : completion.reason === "deadline"
    ? "its deadline has passed"
    : "its owner completed it";
  return `This study is complete: ${why}. There is nothing more to label; thank you`;
}

/** Why none of the `open` comparisons (all there may be) is the labeler's. */
function waitingFor(
  open: number,
  reach: { heldByOthers: number; answeredByYou: number },
): { reason: NothingReason; detail: string } {
  const all = open === 1 ? "The one open comparison is" : `All ${open} open comparisons are`;
  if (reach.heldByOthers === 0) {
    return {
      reason: "answered_by_you",
      detail: open === 1
        ? "You have answered the one open comparison; it waits for other labelers"
        : `You have answered all ${open} open comparisons; they wait for other labelers`,
    };
  }
  return {
    reason: "held_by_others",
    detail: reach.answeredByYou === 0
      ? `${all} being labeled by others`
      : `${all} being labeled by others or answered by you`,
  };
}

/** Rolls back the savepoint of a comparison that would have too few candidates. */
class TooFewCandidates extends Error {}

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
