/**
 * What a designer learns from: reported trials turned into feedback.
 */
import type { Feedback, JsonValue, RankingFeedback, TrialRef } from "../algorithms/types.ts";
import type { Queryable } from "../db/client.ts";
import {
  candidateTrials,
  type ClosedComparison,
  unseenComparisons,
} from "../db/queries/feedback.ts";
import type { Params } from "../space/schema.ts";
import { json } from "../db/records.ts";
import type { StudyMeta } from "./study_meta.ts";
import type { TrialRecord } from "../db/records.ts";

/** Turns a reported trial into the designer's feedback (null while it is open). */
export function feedbackOf(meta: StudyMeta, trial: TrialRecord): Feedback | null {
  const ref = {
    trialId: trial.id,
    number: trial.number,
    point: meta.space.encode(trial.params),
    tag: (trial.tag ?? null) as JsonValue,
  };
  switch (trial.state) {
    case "COMPLETED": {
      const primary = meta.objective.metrics[0];
      const sign = primary.goal === "maximize" ? -1 : 1;
      const noiseVariance = trial.variances?.[primary.name];
      return {
        kind: "value",
        ...ref,
        loss: sign * trial.objective!,
        values: trial.values!,
        ...(noiseVariance === undefined ? {} : { noiseVariance }),
      };
    }
    case "INFEASIBLE":
      return { kind: "infeasible", ...ref, reason: trial.reason ?? undefined };
    case "FAILED":
    case "STALE":
      return { kind: "failed", ...ref, cause: trial.state };
    default:
      return null;
  }
}

/**
 * The closed comparisons the designer has not seen yet, as ranking feedback
 * (oldest first), marked seen. Called under the study's row lock.
 */
export async function pendingRankings(
  tx: Queryable,
  meta: StudyMeta,
  consume = true,
): Promise<RankingFeedback[]> {
  const closed = await unseenComparisons(tx, meta.id, consume);
  return closed.length === 0 ? [] : await rankingFeedback(tx, meta, closed);
}

/** Closed comparisons as ranking feedback, oldest first. */
export async function rankingFeedback(
  tx: Queryable,
  meta: StudyMeta,
  closed: ClosedComparison[],
): Promise<RankingFeedback[]> {
  closed = [...closed];
  closed.sort((a, b) => Number(a.number) - Number(b.number));
  const ids = [...new Set(closed.flatMap((c) => json<string[]>(c.candidates)))];
  const trials = await candidateTrials(tx, ids);
  const refs = new Map<string, TrialRef>(trials.map((t) => [t.id, {
    trialId: t.id,
    number: Number(t.number),
    point: meta.space.encode(json<Params>(t.params)),
    tag: json<JsonValue>(t.tag ?? null),
  }]));
  return closed.map((c) => {
    const candidates = json<string[]>(c.candidates);
    const ranking = json<string[] | null>(c.ranking ?? null) ?? [];
    const rankedSet = new Set(ranking);
    return {
      kind: "ranking",
      comparisonId: c.id,
      ranked: ranking.map((id) => refs.get(id)!).filter((r) => r !== undefined),
      unranked: candidates.filter((id) => !rankedSet.has(id)).map((id) => refs.get(id)!)
        .filter((r) => r !== undefined),
    };
  });
}
