/**
 * The parts of a study's answer that its stop conditions add
 * (services/study_stops.ts): the completion, the progress and the best
 * trial. Kept apart from ./schemas.ts so the study's schema names them only.
 */
import { z } from "@hono/zod-openapi";

/** Why and when a study completed. */
export const CompletionSchema = z.object({
  reason: z.enum(["maxTrials", "deadline", "manual"]).openapi({
    description: "`maxTrials` or `deadline` (a stop condition), or `manual` (updateStudy)",
  }),
  completedAt: z.string().datetime().nullable().openapi({
    description: "When it stopped handing out trials (a deadline's moment for `deadline`); " +
      "null for a study completed before this was recorded",
  }),
}).nullable().openapi({ description: "Only for a COMPLETED study" });

/** A study's progress toward its stop conditions. */
export const ProgressSchema = z.object({
  trials: z.number().int().openapi({
    description: "Trials that count toward maxTrials: ACTIVE, COMPLETED, INFEASIBLE, RANKED",
  }),
  maxTrials: z.number().int().nullable(),
  fraction: z.number().nullable().openapi({ description: "trials / maxTrials (at most 1)" }),
  deadline: z.string().datetime().nullable(),
  remainingSeconds: z.number().nullable().openapi({
    description: "Seconds until the deadline (0 once passed)",
  }),
});

/** The best completed trial by the study's first metric. */
export const BestSchema = z.object({
  trialId: z.string().uuid(),
  number: z.number().int(),
  value: z.number().openapi({ description: "Its first metric's value" }),
}).nullable().openapi({ description: "Null until a trial completes (and for sso studies)" });

/** The study's settings as shown. */
export const StudySettingsViewSchema = z.object({
  leaseSeconds: z.number().int(),
  maxTrials: z.number().int().nullable(),
  deadline: z.string().datetime().nullable(),
});
