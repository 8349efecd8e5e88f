/**
 * When to ask again: hints for clients that got nothing (or less than they
 * asked for) because the algorithm is waiting for results, from how long
 * the study's recent work took.
 */
import type { Queryable } from "../db/client.ts";
import { medianComparisonSeconds, medianEvaluationSeconds } from "../db/queries/durations.ts";

/**
 * A median scaled by `factor`, rounded to tenths and kept between `min` and
 * `max`; `fallback` when there is none.
 */
function hint(
  median: number | null,
  hint: { factor: number; min: number; max: number; fallback: number },
): number {
  const seconds = median === null ? NaN : median;
  if (!Number.isFinite(seconds)) return hint.fallback;
  return Math.round(Math.min(hint.max, Math.max(hint.min, seconds * hint.factor)) * 10) / 10;
}

/**
 * After a suggestion that handed out fewer trials than asked (an algorithm
 * waiting for its generation to be reported): the median evaluation time of
 * the study's last 50 completed trials, between 0.2 s and 60 s; 1 s when
 * there is no history.
 */
export async function retryAfterSeconds(q: Queryable, studyId: string): Promise<number> {
  return hint(await medianEvaluationSeconds(q, studyId), {
    factor: 1,
    min: 0.2,
    max: 60,
    fallback: 1,
  });
}

/**
 * For a labeler with nothing to rank: half the median time the study's last
 * 20 comparisons took to close, between 1 s and 30 s (2 s with no history).
 */
export async function labelingRetryAfter(q: Queryable, studyId: string): Promise<number> {
  return hint(await medianComparisonSeconds(q, studyId), {
    factor: 0.5,
    min: 1,
    max: 30,
    fallback: 2,
  });
}
