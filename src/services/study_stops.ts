/**
 * A study's stop conditions, `settings.maxTrials` and `settings.deadline`:
 * a study that reaches either completes by itself, so that a budget set once
 * holds however many clients, agents and runs ask at once.
 *
 * - **What counts toward maxTrials**: trials ACTIVE (handed out, in flight),
 *   COMPLETED, INFEASIBLE (an evaluation that found the point impossible)
 *   and RANKED. FAILED and STALE trials do not count: they gave no result
 *   (as Optuna's MaxTrialsCallback counts only finished trials), and a
 *   STALE point handed out again counts once, as its new trial. Counting
 *   the ACTIVE ones is what keeps concurrent askers from overshooting: the
 *   count and the hand-out happen under the study's row lock
 *   (suggest.ts), so no more than maxTrials trials ever count at a hand-out.
 *   Results added with createTrial count too (they are results); so does a
 *   late result of a STALE trial, so the count may pass maxTrials by those.
 * - **A batch that asks for more than is left** gets what is left, and its
 *   answer says so (`stop`); the suggestion that hands out the last slot
 *   completes the study (completedAt: then).
 * - **deadline**: no trial goes out from that moment on. It needs no write:
 *   an ACTIVE study past its deadline is shown COMPLETED (completedAt: the
 *   deadline) and the next suggestion records it.
 * - **Complete**: state COMPLETED with `completion: {reason, completedAt}`
 *   (reason `maxTrials`, `deadline`, or `manual` for updateStudy). A
 *   suggestion is a 409 of its own type (`study-complete`, rule
 *   `study_complete`) naming the condition and the best value, except that a
 *   client still holding ACTIVE trials gets those back (they cost nothing).
 *   Results of trials already out are accepted as always. A trial that
 *   fails after completion does not re-open the study: updateStudy raising
 *   maxTrials (or moving the deadline) does.
 */
import type { Queryable } from "../db/client.ts";
import type { LockedStudy } from "../db/queries/suggest.ts";
import { bestCompleted } from "../db/queries/trial_lifecycle.ts";
import type { StudyRow } from "../db/schema.ts";
import { conflict, invalid, Problem } from "../errors.ts";
import { COUNTED_STATES } from "../db/queries/study_stops.ts";
import type { StudyState, TrialState } from "./study_schema.ts";

/** Why a study completed. */
export type CompletionReason = NonNullable<StudyRow["completionReason"]>;

/** That a study completed, why and when (null: a study completed before this was recorded). */
export interface Completion {
  reason: CompletionReason;
  completedAt: Date | null;
}

/** What the stop conditions are read from: a study row, or the row a suggestion locked. */
export interface StopFacts {
  state: StudyState;
  maxTrials: number | null;
  deadline: Date | null;
  completedAt: Date | null;
  completionReason: CompletionReason | null;
}

/** The stop facts of a study row. */
export function stopFactsOfRow(row: StudyRow): StopFacts {
  return {
    state: row.state,
    maxTrials: row.maxTrials,
    deadline: row.deadline,
    completedAt: row.completedAt,
    completionReason: row.completionReason,
  };
}

/** The stop facts of the row a suggestion locked. */
export function stopFactsOfLocked(locked: LockedStudy): StopFacts {
  const moment = (ms: unknown) => ms === null || ms === undefined ? null : new Date(Number(ms));
  return {
    state: locked.state as StudyState,
    maxTrials: locked.maxTrials === null ? null : Number(locked.maxTrials),
    deadline: moment(locked.deadlineMs),
    completedAt: moment(locked.completedAtMs),
    completionReason: (locked.completionReason ?? null) as CompletionReason | null,
  };
}

/**
 * The study's completion at `now`: recorded (state COMPLETED), or its
 * deadline passed while ACTIVE (not yet recorded); null while it is open.
 */
export function completionOf(facts: StopFacts, now: Date): Completion | null {
  if (facts.state === "COMPLETED") {
    return { reason: facts.completionReason ?? "manual", completedAt: facts.completedAt };
  }
  if (facts.state === "ACTIVE" && facts.deadline !== null && facts.deadline <= now) {
    return { reason: "deadline", completedAt: facts.deadline };
  }
  return null;
}

/** The state the API shows: COMPLETED for an ACTIVE study past its deadline. */
export function shownState(facts: StopFacts, now: Date): StudyState {
  return completionOf(facts, now) ? "COMPLETED" : facts.state;
}

/** The trials that count toward maxTrials, from a study's counts by state. */
export function countedTrials(counts: Record<TrialState, number>): number {
  return COUNTED_STATES.reduce((n, s) => n + counts[s], 0);
}

/**
 * What a suggestion may hand out, under the study's lock: `completion` when
 * the study is (or, with its budget spent, becomes) complete, and
 * `remaining`, the new trials it may hand out (Infinity without maxTrials).
 * `counted` is countBudgetTrials' answer.
 */
export function budgetAt(
  facts: StopFacts,
  counted: number | null,
  now: Date,
): { completion: Completion | null; remaining: number } {
  const completion = completionOf(facts, now);
  if (completion) return { completion, remaining: 0 };
  if (facts.maxTrials === null || counted === null) {
    return { completion: null, remaining: Infinity };
  }
  const remaining = Math.max(0, facts.maxTrials - counted);
  return {
    completion: remaining === 0 ? { reason: "maxTrials", completedAt: now } : null,
    remaining,
  };
}

/** What a suggestion's answer says when a stop condition cut it short. */
export interface StopNote {
  condition: CompletionReason;
  /** Trials that may still go out (0 once the study is complete). */
  remaining: number;
  /** True when the study is complete (no more suggestions). */
  complete: boolean;
  detail: string;
}

/** The note for an answer of `given` trials where `asked` were asked for. */
export function stopNote(
  facts: StopFacts,
  condition: CompletionReason,
  asked: number,
  given: number,
): StopNote {
  const limit = condition === "maxTrials"
    ? `settings.maxTrials (${facts.maxTrials}) allowed ${given}`
    : condition === "deadline"
    ? `the study's deadline (${facts.deadline?.toISOString()}) has passed: only trials this client still held went out (${given})`
    : `the study was completed (updateStudy): only trials this client still held went out (${given})`;
  return {
    condition,
    remaining: 0,
    complete: true,
    detail: `${asked} trials asked for, ${limit}; the study is complete`,
  };
}

/** The best completed trial, as a study and a study-complete problem show it. */
export interface BestView {
  trialId: string;
  number: number;
  /** The first metric's value. */
  value: number;
}

/** The study's best completed trial by its first metric (bestCompleted), or null. */
export async function bestOf(
  q: Queryable,
  studyId: string,
  goal: "minimize" | "maximize",
): Promise<BestView | null> {
  const [best] = await bestCompleted(q, studyId, goal, 1);
  if (!best || best.objective === null) return null;
  return { trialId: best.id, number: best.number, value: best.objective };
}

/** The field a completion names. */
function fieldOf(reason: CompletionReason): string {
  return reason === "manual" ? "state" : `settings.${reason}`;
}

/**
 * The 409 of a suggestion (or startRun) on a complete study: its own type
 * (`urn:minima:problem:study-complete`), the condition as a field with rule
 * `study_complete`, and the members `completion` and `best`.
 */
export async function studyCompleteProblem(
  q: Queryable,
  study: { id: string; goal: "minimize" | "maximize" },
  facts: StopFacts,
  completion: Completion,
): Promise<Problem> {
  const best = await bestOf(q, study.id, study.goal);
  const why = completion.reason === "maxTrials"
    ? `its trials reached settings.maxTrials (${facts.maxTrials}); raise it (updateStudy) to go on`
    : completion.reason === "deadline"
    ? `its deadline (${facts.deadline?.toISOString()}) has passed; move it (updateStudy) to go on`
    : "it was completed (updateStudy); set its state to ACTIVE to go on";
  const bestText = best
    ? `the best value is ${best.value} (trial ${best.number})`
    : "no trial has completed";
  const message = `study ${study.id} is complete: ${why}`;
  return new Problem(
    "study-complete",
    `${message}. It hands out no more trials; results of trials already out are still ` +
      `accepted; ${bestText}.`,
    [{ field: fieldOf(completion.reason), rule: "study_complete", message }],
    undefined,
    {
      completion: {
        reason: completion.reason,
        completedAt: completion.completedAt?.toISOString() ?? null,
      },
      best,
    },
  );
}

/** A study's progress toward its stop conditions, as getStudy shows it. */
export interface ProgressView {
  /** Trials that count toward maxTrials (see the module comment). */
  trials: number;
  maxTrials: number | null;
  /** trials / maxTrials, at most 1; null without maxTrials. */
  fraction: number | null;
  deadline: string | null;
  /** Seconds until the deadline (0 once passed); null without one. */
  remainingSeconds: number | null;
}

/** The progress of a study with these counts at `now`. */
export function progressOf(
  facts: StopFacts,
  counts: Record<TrialState, number>,
  now: Date,
): ProgressView {
  const trials = countedTrials(counts);
  const { maxTrials, deadline } = facts;
  return {
    trials,
    maxTrials,
    fraction: maxTrials === null ? null : Math.min(1, trials / maxTrials),
    deadline: deadline?.toISOString() ?? null,
    remainingSeconds: deadline === null
      ? null
      : Math.max(0, (deadline.getTime() - now.getTime()) / 1000),
  };
}

/**
 * The stop conditions a createStudy request sets, checked: a deadline must
 * be in the future (a 422 naming `settings.deadline`).
 */
export function newStopSettings(
  settings: { maxTrials?: number; deadline?: string } | undefined,
  now: Date,
): { maxTrials: number | null; deadline: Date | null } {
  const deadline = settings?.deadline === undefined ? null : new Date(settings.deadline);
  if (deadline !== null && deadline <= now) {
    throw invalid(
      "settings.deadline",
      "future",
      `the deadline (${deadline.toISOString()}) must be in the future (it is now ` +
        `${now.toISOString()})`,
    );
  }
  return { maxTrials: settings?.maxTrials ?? null, deadline };
}

/** What updateStudy asks of the stop conditions and the state. */
export interface StopsUpdate {
  state?: StudyState;
  maxTrials?: number | null;
  deadline?: string | null;
}

/**
 * The state and stop conditions after updateStudy, under the study's lock
 * (`counted`: its trials that count now). New conditions that no longer stop
 * a study they completed open it again (ACTIVE); conditions that stop it
 * complete it now. `state: "COMPLETED"` completes it by hand (`manual`);
 * `state: "ACTIVE"` on a study its conditions still stop is a 409 naming the
 * condition to change; a new deadline must be in the future (422).
 */
export function updatedStops(
  current: StopFacts,
  update: StopsUpdate,
  counted: number,
  now: Date,
): StopFacts {
  const maxTrials = update.maxTrials === undefined ? current.maxTrials : update.maxTrials;
  const deadline = update.deadline === undefined
    ? current.deadline
    : newStopSettings({ deadline: update.deadline ?? undefined }, now).deadline;
  const open = { maxTrials, deadline, completedAt: null, completionReason: null };
  if (update.state === "COMPLETED") {
    if (current.state === "COMPLETED") return { ...current, maxTrials, deadline };
    return { ...open, state: "COMPLETED", completedAt: now, completionReason: "manual" };
  }
  if (update.state === "PAUSED") return { ...open, state: "PAUSED" };
  // ACTIVE asked for, or kept; or a study its conditions completed, which they may re-open.
  const byCondition = current.state === "COMPLETED" && current.completionReason !== "manual" &&
    current.completionReason !== null;
  if (update.state === undefined && current.state !== "ACTIVE" && !byCondition) {
    return { ...current, maxTrials, deadline };
  }
  const stop = stopConditionMet({ maxTrials, deadline }, counted, now);
  if (stop === null) return { ...open, state: "ACTIVE" };
  if (update.state === "ACTIVE") {
    throw conflict(
      `the study's ${stop.reason} still stops it (${
        stop.reason === "maxTrials" ? `${counted} trials count, of ${maxTrials}` : "it has passed"
      }): change settings.${stop.reason} to open it again`,
      [{
        field: `settings.${stop.reason}`,
        rule: "study_complete",
        message: "still met: the study would complete again",
      }],
    );
  }
  // Still (or now) stopped by a condition: completed then, or kept as it was.
  if (byCondition && current.completionReason === stop.reason) {
    return { ...current, maxTrials, deadline };
  }
  return { ...open, state: "COMPLETED", completedAt: stop.at, completionReason: stop.reason };
}

/** The condition that stops a study with these settings now, if one does. */
function stopConditionMet(
  settings: { maxTrials: number | null; deadline: Date | null },
  counted: number,
  now: Date,
): { reason: "maxTrials" | "deadline"; at: Date } | null {
  if (settings.deadline !== null && settings.deadline <= now) {
    return { reason: "deadline", at: settings.deadline };
  }
  if (settings.maxTrials !== null && counted >= settings.maxTrials) {
    return { reason: "maxTrials", at: now };
  }
  return null;
}
