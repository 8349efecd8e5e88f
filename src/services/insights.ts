/**
 * Read-only views for the dashboard (/ui) that the resource endpoints do not
 * give: a study's summary (best value, last activity), its parameter
 * importance (algorithms/gp_bo/importance.ts on a bounded sample of its
 * completed trials), and how well its labelers agree (rankings.ts).
 */
import type { Queryable } from "../db/client.ts";
import { rankingsByComparison, sampleCompleted, summaryRow } from "../db/queries/insights.ts";
import {
  type ImportanceResult,
  MIN_TRIALS,
  permutationImportance,
} from "../algorithms/gp_bo/importance.ts";
import type { Params } from "../space/mod.ts";
import type { ServiceContext } from "./context.ts";
import { pairwiseAgreement } from "./rankings.ts";
import { studyMeta } from "./study_meta.ts";

/** The most completed trials the importance model is fitted on (bounds its cost). */
export const IMPORTANCE_MAX_TRIALS = 150;

/** A study's summary. */
export interface StudySummary {
  studyId: string;
  /** The first metric (null for a study driven by rounds). */
  metric: string | null;
  goal: "minimize" | "maximize" | null;
  /** The best completed value of the first metric and its trial's number, or null. */
  best: { value: number; trialNumber: number } | null;
  /** The latest time a trial was created, started or finished; null without trials. */
  lastActivityAt: string | null;
}

/** A study's best value and last activity. */
export async function studySummary(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudySummary> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  const metric = meta.objective?.metrics?.[0];
  const row = await summaryRow(q, studyId, metric?.goal ?? "minimize");
  return {
    studyId,
    metric: metric?.name ?? null,
    goal: metric?.goal ?? null,
    best: metric && row.best !== null && row.bestNumber !== null
      ? { value: row.best, trialNumber: row.bestNumber }
      : null,
    lastActivityAt: row.last,
  };
}

/** A study's parameter importance, as the API shows it. */
export interface StudyImportance extends Omit<ImportanceResult, "r2"> {
  studyId: string;
  metric: string | null;
  /** Completed trials with a value, of which `trials` were used. */
  completed: number;
  /** R² of the model on the trials used; null when there were too few. */
  r2: number | null;
}

/**
 * The last importance computed per study, by context, with the completed
 * count it was computed at: the fit takes up to about a second of the event
 * loop, so viewers that ask again before another trial completes get it
 * again instead of a refit. At most IMPORTANCE_CACHE studies each.
 */
const importanceCache = new WeakMap<ServiceContext, Map<string, StudyImportance>>();
const IMPORTANCE_CACHE = 100;

/**
 * Permutation importance of the study's parameters for its first metric;
 * with fewer than MIN_TRIALS completed trials, no parameters.
 */
export async function studyImportance(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyImportance> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  const metric = meta.objective?.metrics?.[0]?.name ?? null;
  const { rows, total } = await sampleCompleted(q, studyId, IMPORTANCE_MAX_TRIALS);
  let cache = importanceCache.get(ctx);
  if (!cache) importanceCache.set(ctx, cache = new Map());
  const known = cache.get(studyId);
  if (known && known.completed === total) return known;
  const empty = {
    studyId,
    metric,
    method: "gp-permutation" as const,
    completed: total,
    trials: 0,
    r2: null,
    parameters: [],
  };
  if (rows.length < MIN_TRIALS || meta.space.parameters.length === 0) return empty;
  const result = permutationImportance(
    meta.space,
    rows.map((r) => ({ params: r.params as Params, value: r.objective })),
    { maxTrials: IMPORTANCE_MAX_TRIALS },
  );
  const answer = { ...result, studyId, metric, completed: total };
  cache.delete(studyId);
  if (cache.size >= IMPORTANCE_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(studyId, answer);
  return answer;
}

/** How well a study's labelers agree. */
export interface LabelerAgreement {
  studyId: string;
  /** Distinct labelers (keys) that ranked any of its comparisons. */
  labelers: number;
  /** Comparisons ranked by at least two labelers. */
  comparisons: number;
  /** Candidate pairs compared between two labelers' rankings, over those comparisons. */
  compared: number;
  /** The share of those pairs both put the same way round; null when none were compared. */
  agreement: number | null;
}

/** Pairwise agreement between the labelers of a study's comparisons. */
export async function labelerAgreement(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<LabelerAgreement> {
  await studyMeta(ctx, q, projectId, studyId);
  const { comparisons, labelers } = await rankingsByComparison(q, studyId);
  const { agreed, compared } = pairwiseAgreement(comparisons);
  return {
    studyId,
    labelers,
    comparisons: comparisons.length,
    compared,
    agreement: compared === 0 ? null : agreed / compared,
  };
}
