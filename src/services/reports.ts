/**
 * Reports: completing trials with values, or marking their points
 * infeasible, one at a time or up to MAX_BATCH in one transaction.
 *
 * Completing a trial touches only that trial's row: tells never wait for a
 * suggestion, which holds the study's row lock.
 */
import type { Queryable } from "../db/client.ts";
import { reportOpenTrial, reportOpenTrials } from "../db/queries/reports.ts";
import { selectTrials } from "../db/queries/trials.ts";
import { conflict, type FieldIssue, invalidFields, Problem } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { requireTrials, type StudyMeta, trialStudyMeta } from "./study_meta.ts";
import { type TrialRecord } from "../db/records.ts";
import {
  checkValues,
  checkVariances,
  sameValues,
  type TrialView,
  trialView,
} from "./trial_rows.ts";

/** What a client reports for a trial: values, or that its point is infeasible. */
export interface Report {
  values?: Record<string, number>;
  /** Known observation noise variance per reported metric. */
  variances?: Record<string, number>;
  infeasible?: boolean;
  reason?: string;
}

/** The largest batch completeTrials takes. */
export const MAX_BATCH = 1000;

/** Checks a report against the study's objective; field names get `prefix`. */
export function checkReport(meta: StudyMeta, report: Report, prefix: string): FieldIssue[] {
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (report.infeasible) {
    if (report.values !== undefined || report.variances !== undefined) {
      const field = report.values !== undefined ? "values" : "variances";
      return [{
        field: at(field),
        rule: "exclusive",
        message: `an infeasible trial has no ${field}: send values or infeasible, not both`,
      }];
    }
    return [];
  }
  if (report.values === undefined) {
    return [{
      field: at("values"),
      rule: "required",
      message: 'send "values" (or "infeasible": true)',
    }];
  }
  return [
    ...checkValues(meta.objective, report.values, at("values")),
    ...(report.variances === undefined
      ? []
      : checkVariances(report.values, report.variances, at("variances"))),
  ];
}

/** A row's final state and stored report for a report. */
export function finalFields(meta: StudyMeta, report: Report) {
  if (report.infeasible) {
    return {
      state: "INFEASIBLE" as const,
      values: null,
      variances: null,
      objective: null,
      reason: report.reason ?? null,
    };
  }
  const primary = meta.objective.metrics[0].name;
  // JSON has no -0 once stored; keep 0 so a retry compares equal.
  const values = Object.fromEntries(
    Object.entries(report.values!).map(([k, v]) => [k, v === 0 ? 0 : v]),
  );
  const variances = report.variances === undefined || Object.keys(report.variances).length === 0
    ? null
    : Object.fromEntries(Object.entries(report.variances).map(([k, v]) => [k, v === 0 ? 0 : v]));
  return {
    state: "COMPLETED" as const,
    values,
    variances,
    objective: values[primary],
    reason: null,
  };
}

/**
 * Applies reports to trials that are still open (REQUESTED, ACTIVE, STALE),
 * in one statement. A trial already finished with the same report is left as
 * it is (a retry); one finished otherwise is a 409. Returns the trials as
 * they are now; with `returnRows` false, nothing (the rows are not read back).
 */
async function applyReports(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  items: { trialId: string; report: Report }[],
  fieldOf: (index: number) => string,
  returnRows = true,
): Promise<TrialRecord[]> {
  const now = ctx.now();
  const rows = items.map(({ trialId, report }) => ({ id: trialId, ...finalFields(meta, report) }));
  const { reported, trials: done } = await reportOpenTrials(
    q,
    { studyId: meta.id, learns: meta.learns, now },
    rows,
    returnRows,
  );
  if (!returnRows && reported.length === items.length) return [];
  if (done.size === items.length) return items.map((i) => done.get(i.trialId)!);
  const reportedIds = new Set(reported);
  const missing = items.filter((i) => !reportedIds.has(i.trialId)).map((i) => i.trialId);
  const existing = await selectTrials(q, meta.id, missing);
  items.forEach(({ trialId, report }, index) => {
    if (reportedIds.has(trialId)) return;
    const trial = existing.get(trialId);
    if (!trial) {
      throw new Problem("not-found", `trial ${trialId} does not exist in study ${meta.id}`, [
        { field: fieldOf(index), rule: "exists", message: `no trial ${trialId} in this study` },
      ]);
    }
    const wanted = finalFields(meta, report);
    const same = trial.state === wanted.state &&
      (wanted.state === "INFEASIBLE" ||
        (sameValues(trial.values, wanted.values) &&
          sameValues(trial.variances, wanted.variances)));
    if (!same) {
      throw conflict(
        `trial ${trial.number} is already ${trial.state}${
          trial.values ? ` with values ${JSON.stringify(trial.values)}` : ""
        }; a finished trial cannot be reported differently`,
        [{ field: fieldOf(index), rule: "already_finished", message: `trial is ${trial.state}` }],
      );
    }
    done.set(trialId, trial);
  });
  return returnRows ? items.map((i) => done.get(i.trialId)!) : [];
}

/** Completes one trial with values, or marks its point infeasible. */
export async function completeTrial(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  trialId: string,
  report: Report,
): Promise<TrialView> {
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  const issues = checkReport(meta, report, "");
  if (issues.length) throw invalidFields(issues);
  // One row: a plain UPDATE by primary key (the common, hot path).
  const now = ctx.now();
  const target = { studyId, learns: meta.learns, now };
  const reported = await reportOpenTrial(q, target, trialId, finalFields(meta, report));
  if (reported) return trialView(reported, now);
  const [trial] = await applyReports(ctx, q, meta, [{ trialId, report }], () => "trialId");
  return trialView(trial, now);
}

/** Throws a 422 naming the fields when a batch of reports repeats a trial or a report is invalid. */
function checkItems(meta: StudyMeta, items: ({ trialId: string } & Report)[]): void {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.trialId);
    if (first !== undefined) {
      issues.push({
        field: `items[${i}].trialId`,
        rule: "unique",
        message: `trial ${item.trialId} is also items[${first}]`,
      });
    }
    seen.set(item.trialId, i);
    issues.push(...checkReport(meta, item, `items[${i}]`));
  });
  if (issues.length) throw invalidFields(issues);
}

/** Applies a checked batch of reports; see applyReports. */
function applyItems(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  items: ({ trialId: string } & Report)[],
  returnRows: boolean,
): Promise<TrialRecord[]> {
  return applyReports(
    ctx,
    q,
    meta,
    items.map((item) => ({ trialId: item.trialId, report: item })),
    (i) => `items[${i}].trialId`,
    returnRows,
  );
}

/**
 * Completes up to MAX_BATCH trials in one transaction: all or none. Returns
 * the trials, in the items' order; with `returnRows` false, an empty list
 * (they are not read back: `Prefer: return=minimal`).
 */
export async function completeTrials(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  items: ({ trialId: string } & Report)[],
  returnRows = true,
): Promise<TrialView[]> {
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  checkItems(meta, items);
  const trials = await q.transaction((tx) => applyItems(ctx, tx, meta, items, returnRows));
  const now = ctx.now();
  return trials.map((t) => trialView(t, now));
}

/**
 * completeTrials inside the caller's transaction, which rolls back on any
 * error (a run's record: services/runs/batch.ts), for the study `meta`
 * (checked as completeTrials checks it): no savepoint of its own, nothing
 * read back, and its statement is sent at once, so that the caller may send
 * it together with others (one round trip).
 */
export async function recordTrials(
  ctx: ServiceContext,
  tx: Queryable,
  meta: StudyMeta,
  items: ({ trialId: string } & Report)[],
): Promise<void> {
  requireTrials(meta);
  checkItems(meta, items);
  await applyItems(ctx, tx, meta, items, false);
}
