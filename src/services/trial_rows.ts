/**
 * Trials as the API shows them, and the checks on reported values (the rows
 * the queries read are db/records.ts's TrialRecord).
 */
import type { FieldIssue } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { TrialRecord } from "../db/records.ts";
import type { Objective, TrialState } from "./study_schema.ts";

/** A trial as the API shows it. */
export interface TrialView {
  id: string;
  number: number;
  state: TrialState;
  params: Params;
  values: Record<string, number> | null;
  variances: Record<string, number> | null;
  reason: string | null;
  clientId: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  leaseExpiresAt: string | null;
}

/** The state a trial is in at `now`: an ACTIVE trial past its lease is STALE. */
export function effectiveState(trial: TrialRecord, now: Date): TrialState {
  if (
    trial.state === "ACTIVE" && trial.leaseExpiresAt !== null &&
    Date.parse(trial.leaseExpiresAt) < now.getTime()
  ) return "STALE";
  return trial.state;
}

/** The API's view of a trial at `now`. */
export function trialView(trial: TrialRecord, now: Date): TrialView {
  return {
    id: trial.id,
    number: trial.number,
    state: effectiveState(trial, now),
    params: trial.params,
    values: trial.values,
    variances: trial.variances,
    reason: trial.reason,
    clientId: trial.clientId,
    createdAt: trial.createdAt,
    startedAt: trial.startedAt,
    completedAt: trial.completedAt,
    leaseExpiresAt: trial.leaseExpiresAt,
  };
}

/**
 * Checks reported metric values against the objective: the primary metric
 * must be there, no unknown names, every value a finite number.
 */
export function checkValues(
  objective: Objective,
  values: Record<string, unknown>,
  field: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const names = new Set(objective.metrics.map((m) => m.name));
  const primary = objective.metrics[0].name;
  if (!Object.hasOwn(values, primary)) {
    issues.push({
      field: `${field}.${primary}`,
      rule: "missing_metric",
      message: `the primary metric "${primary}" must be reported`,
    });
  }
  for (const [name, value] of Object.entries(values)) {
    if (!names.has(name)) {
      issues.push({
        field: `${field}.${name}`,
        rule: "unknown_metric",
        message: `"${name}" is not a metric of this study (${[...names].join(", ")})`,
      });
    } else if (typeof value !== "number" || !Number.isFinite(value)) {
      issues.push({
        field: `${field}.${name}`,
        rule: "type",
        message: "must be a finite number",
      });
    }
  }
  return issues;
}

/**
 * Checks known noise variances: only for reported metrics, each finite and
 * non-negative.
 */
export function checkVariances(
  values: Record<string, unknown> | undefined,
  variances: Record<string, unknown>,
  field: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, v] of Object.entries(variances)) {
    if (values === undefined || !Object.hasOwn(values, name)) {
      issues.push({
        field: `${field}.${name}`,
        rule: "unknown_metric",
        message: `a variance is given only with a value: "${name}" is not in values`,
      });
    } else if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      issues.push({
        field: `${field}.${name}`,
        rule: "non_negative",
        message: "a noise variance is a finite number ≥ 0",
      });
    }
  }
  return issues;
}

/** Whether two sets of reported values are the same report. */
export function sameValues(
  a: Record<string, number> | null,
  b: Record<string, number> | null,
): boolean {
  if (a === null || b === null) return a === b;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length &&
    ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
