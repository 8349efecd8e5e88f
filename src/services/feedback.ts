/**
 * What a designer learns from: reported trials turned into feedback.
 */
import type { Feedback, JsonValue } from "../algorithms/types.ts";
import type { StudyMeta } from "./study_meta.ts";
import type { TrialRecord } from "./trial_rows.ts";

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
