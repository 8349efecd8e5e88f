/**
 * Trials: create, read, list, complete (one or many), heartbeat, fail, best.
 *
 * Completing a trial touches only that trial's row: tells never wait for a
 * suggestion, which holds the study's row lock.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../db/client.ts";
import {
  badRequest,
  conflict,
  type FieldIssue,
  invalidFields,
  notFound,
  Problem,
} from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./projects.ts";
import { findStudy } from "./studies.ts";
import { metaOf, type StudyMeta, studyMeta } from "./study_meta.ts";
import type { TrialState } from "./study_schema.ts";
import {
  checkValues,
  effectiveState,
  sameValues,
  TRIAL_COLUMNS,
  trialColumns,
  type TrialRecord,
  trialRecord,
  type TrialView,
  trialView,
} from "./trial_rows.ts";

/** What a client reports for a trial: values, or that its point is infeasible. */
export interface Report {
  values?: Record<string, number>;
  infeasible?: boolean;
  reason?: string;
}

/**
 * States a result may still arrive in. A late result is kept: for a STALE
 * trial, and for a FAILED one (the client gave up, then the value came in).
 */
const OPEN_STATES = sql.raw(`('REQUESTED', 'ACTIVE', 'STALE', 'FAILED')`);

/** The largest batch completeTrials takes. */
export const MAX_BATCH = 1000;

/** Checks a report against the study's objective; field names get `prefix`. */
function checkReport(meta: StudyMeta, report: Report, prefix: string): FieldIssue[] {
  const at = (f: string) => (prefix ? `${prefix}.${f}` : f);
  if (report.infeasible) {
    if (report.values !== undefined) {
      return [{
        field: at("values"),
        rule: "exclusive",
        message: "an infeasible trial has no values: send values or infeasible, not both",
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
  return checkValues(meta.objective, report.values, at("values"));
}

/** A row's final state and stored report for a report. */
function finalFields(meta: StudyMeta, report: Report) {
  if (report.infeasible) {
    return {
      state: "INFEASIBLE" as const,
      values: null,
      objective: null,
      reason: report.reason ?? null,
    };
  }
  const primary = meta.objective.metrics[0].name;
  // JSON has no -0 once stored; keep 0 so a retry compares equal.
  const values = Object.fromEntries(
    Object.entries(report.values!).map(([k, v]) => [k, v === 0 ? 0 : v]),
  );
  return { state: "COMPLETED" as const, values, objective: values[primary], reason: null };
}

async function selectTrials(
  q: Queryable,
  studyId: string,
  ids: string[],
): Promise<Map<string, TrialRecord>> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND id IN (SELECT jsonb_array_elements_text(${
      JSON.stringify(ids)
    }::jsonb)::uuid)`,
  );
  return new Map(rows.map((r) => [r.id as string, trialRecord(r)]));
}

/**
 * Applies reports to trials that are still open (REQUESTED, ACTIVE, STALE),
 * in one statement. A trial already finished with the same report is left as
 * it is (a retry); one finished otherwise is a 409.
 */
async function applyReports(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  items: { trialId: string; report: Report }[],
  fieldOf: (index: number) => string,
): Promise<TrialRecord[]> {
  const now = ctx.now();
  const rows = items.map(({ trialId, report }) => ({ id: trialId, ...finalFields(meta, report) }));
  // Rows are locked in id order, so overlapping batches cannot deadlock.
  const updated = await query<Record<string, unknown>>(
    q,
    sql`WITH u AS (
          SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            AS u(id uuid, state text, "values" jsonb, objective float8, reason text)),
        locked AS (
          SELECT t.id FROM trials AS t
          WHERE t.id = ANY(${`{${items.map((i) => i.trialId).join(",")}}`}::uuid[])
            AND t.study_id = ${meta.id} AND t.state IN ${OPEN_STATES}
          ORDER BY t.id FOR NO KEY UPDATE)
        UPDATE trials AS t SET state = u.state, "values" = u."values", objective = u.objective,
          reason = u.reason, completed_at = ${now.toISOString()}::timestamptz,
          lease_expires_at = NULL, feedback_pending = ${meta.learns}
        FROM u
        WHERE t.id = u.id AND t.id IN (SELECT id FROM locked) AND t.state IN ${OPEN_STATES}
        RETURNING ${trialColumns("t")}`,
  );
  const done = new Map(updated.map((r) => [r.id as string, trialRecord(r)]));
  if (done.size === items.length) return items.map((i) => done.get(i.trialId)!);
  const missing = items.filter((i) => !done.has(i.trialId)).map((i) => i.trialId);
  const existing = await selectTrials(q, meta.id, missing);
  items.forEach(({ trialId, report }, index) => {
    if (done.has(trialId)) return;
    const trial = existing.get(trialId);
    if (!trial) {
      throw new Problem("not-found", `trial ${trialId} does not exist in study ${meta.id}`, [
        { field: fieldOf(index), rule: "exists", message: `no trial ${trialId} in this study` },
      ]);
    }
    const wanted = finalFields(meta, report);
    const same = trial.state === wanted.state &&
      (wanted.state === "INFEASIBLE" || sameValues(trial.values, wanted.values));
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
  return items.map((i) => done.get(i.trialId)!);
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
  const meta = await studyMeta(q, projectId, studyId);
  const issues = checkReport(meta, report, "");
  if (issues.length) throw invalidFields(issues);
  // One row: a plain UPDATE by primary key (the common, hot path).
  const now = ctx.now();
  const f = finalFields(meta, report);
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`UPDATE trials SET state = ${f.state}, "values" = ${
      f.values === null ? null : JSON.stringify(f.values)
    }::jsonb, objective = ${f.objective}::float8, reason = ${f.reason}::text,
          completed_at = ${now.toISOString()}::timestamptz, lease_expires_at = NULL,
          feedback_pending = ${meta.learns}
        WHERE id = ${trialId}::uuid AND study_id = ${studyId}::uuid AND state IN ${OPEN_STATES}
        RETURNING ${TRIAL_COLUMNS}`,
  );
  if (row) return trialView(trialRecord(row), now);
  const [trial] = await applyReports(ctx, q, meta, [{ trialId, report }], () => "trialId");
  return trialView(trial, now);
}

/** Completes up to MAX_BATCH trials in one transaction: all or none. */
export async function completeTrials(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  items: ({ trialId: string } & Report)[],
): Promise<TrialView[]> {
  const meta = await studyMeta(q, projectId, studyId);
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
  const trials = await q.transaction((tx) =>
    applyReports(
      ctx,
      tx,
      meta,
      items.map((item) => ({ trialId: item.trialId, report: item })),
      (i) => `items[${i}].trialId`,
    )
  );
  const now = ctx.now();
  return trials.map((t) => trialView(t, now));
}

async function oneTrial(q: Queryable, studyId: string, trialId: string): Promise<TrialRecord> {
  const found = await selectTrials(q, studyId, [trialId]);
  const trial = found.get(trialId);
  if (!trial) throw notFound("trial", trialId);
  return trial;
}

/** One trial of a study. */
export async function getTrial(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  trialId: string,
): Promise<TrialView> {
  await findStudy(q, projectId, studyId);
  return trialView(await oneTrial(q, studyId, trialId), ctx.now());
}

/** Extends an ACTIVE trial's lease by the study's lease length. */
export async function heartbeatTrial(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  trialId: string,
): Promise<TrialView> {
  const meta = await studyMeta(q, projectId, studyId);
  const now = ctx.now();
  const until = new Date(now.getTime() + meta.leaseSeconds * 1000);
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`UPDATE trials SET lease_expires_at = ${until.toISOString()}::timestamptz
        WHERE id = ${trialId} AND study_id = ${studyId} AND state = 'ACTIVE'
          AND lease_expires_at >= ${now.toISOString()}::timestamptz
        RETURNING ${TRIAL_COLUMNS}`,
  );
  if (row) return trialView(trialRecord(row), now);
  const trial = await oneTrial(q, studyId, trialId);
  throw conflict(
    `trial ${trial.number} is ${effectiveState(trial, now)}: only ACTIVE trials take heartbeats` +
      " (a result for it is still accepted)",
  );
}

/** Marks a trial FAILED: the client could not evaluate it. */
export async function failTrial(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  trialId: string,
  reason: string | undefined,
): Promise<TrialView> {
  const meta = await studyMeta(q, projectId, studyId);
  const now = ctx.now();
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`UPDATE trials SET state = 'FAILED', reason = ${reason ?? null},
          completed_at = ${now.toISOString()}::timestamptz, lease_expires_at = NULL,
          feedback_pending = ${meta.learns}
        WHERE id = ${trialId} AND study_id = ${studyId}
          AND state IN ('REQUESTED', 'ACTIVE', 'STALE')
        RETURNING ${TRIAL_COLUMNS}`,
  );
  if (row) return trialView(trialRecord(row), now);
  const trial = await oneTrial(q, studyId, trialId);
  if (trial.state === "FAILED") return trialView(trial, now);
  throw conflict(`trial ${trial.number} is already ${trial.state}; it cannot fail now`);
}

/** What createTrial takes: a point of the client's choosing, maybe with its result. */
export interface NewTrial extends Report {
  params: Record<string, unknown>;
  clientId?: string;
}

/**
 * Adds a trial at a point the client chose. Without a result it is REQUESTED
 * and handed out by the next suggestion; with one it is finished at once
 * (warm starts, manual tries).
 */
export async function createTrial(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: NewTrial,
): Promise<TrialView> {
  return await q.transaction(async (tx) => {
    const [locked] = await query<{ id: string }>(
      tx,
      sql`SELECT id FROM studies WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
    );
    if (!locked) throw notFound("study", studyId);
    const meta = await studyMeta(tx, projectId, studyId);
    const issues = meta.space.check(input.params, "params");
    const hasResult = input.values !== undefined || input.infeasible === true;
    if (hasResult) issues.push(...checkReport(meta, input, ""));
    if (issues.length) throw invalidFields(issues);
    const now = ctx.now();
    const fields = hasResult
      ? finalFields(meta, input)
      : { state: "REQUESTED" as const, values: null, objective: null, reason: null };
    const [row] = await query<Record<string, unknown>>(
      tx,
      sql`WITH n AS (
            UPDATE studies SET next_trial_number = next_trial_number + 1
            WHERE id = ${studyId} RETURNING next_trial_number - 1 AS number)
          INSERT INTO trials (id, study_id, number, state, params, "values", objective, reason,
            client_id, created_at, completed_at, feedback_pending)
          SELECT ${newId()}, ${studyId}, n.number, ${fields.state}, ${
        JSON.stringify(input.params)
      }::jsonb,
            ${
        fields.values === null ? null : JSON.stringify(fields.values)
      }::jsonb, ${fields.objective},
            ${fields.reason}, ${input.clientId ?? null}, ${now.toISOString()}::timestamptz,
            ${hasResult ? now.toISOString() : null}::timestamptz, ${hasResult && meta.learns}
          FROM n
          RETURNING ${TRIAL_COLUMNS}`,
    );
    return trialView(trialRecord(row), now);
  });
}

/** SQL for "the trial's effective state is `state`" at `now`. */
function stateFilter(state: TrialState | undefined, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  switch (state) {
    case undefined:
      return sql`TRUE`;
    case "ACTIVE":
      return sql`state = 'ACTIVE' AND lease_expires_at >= ${at}`;
    case "STALE":
      return sql`(state = 'STALE' OR (state = 'ACTIVE' AND lease_expires_at < ${at}))`;
    default:
      return sql`state = ${state}`;
  }
}

/** A study's trials by number, optionally in one state. */
export async function listTrials(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  page: { limit: number; cursor?: string; state?: TrialState },
): Promise<Page<TrialView>> {
  await findStudy(q, projectId, studyId);
  let after = -1;
  if (page.cursor !== undefined) {
    const c = decodeCursor(page.cursor);
    if (typeof c !== "number" || !Number.isInteger(c) || c < -1 || c > 2 ** 31 - 1) {
      throw badRequest("cursor", "cursor", "not a cursor this listing returned");
    }
    after = c;
  }
  const now = ctx.now();
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials
        WHERE study_id = ${studyId} AND number > ${after} AND ${stateFilter(page.state, now)}
        ORDER BY number LIMIT ${page.limit + 1}`,
  );
  const items = rows.slice(0, page.limit).map((r) => trialView(trialRecord(r), now));
  return {
    items,
    nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].number) : null,
  };
}

/** The best completed trials, and the algorithm's recommendation if it makes one. */
export async function getBestTrials(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  limit: number,
): Promise<{ trials: TrialView[]; recommendation: { params: Params; details?: unknown } | null }> {
  const row = await findStudy(q, projectId, studyId);
  const meta = metaOf(row);
  const order = meta.objective.metrics[0].goal === "maximize" ? sql`DESC` : sql`ASC`;
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ${studyId} AND state = 'COMPLETED'
        ORDER BY objective ${order}, number LIMIT ${limit}`,
  );
  const now = ctx.now();
  let recommendation = null;
  if (row.algorithmState !== null) {
    const designer = meta.algorithm.create({
      space: meta.space,
      config: row.algorithmConfig,
      seed: row.seed,
      state: row.algorithmState as never,
    });
    const r = designer.recommend?.() ?? null;
    if (r) recommendation = { params: meta.space.decode(r.point), details: r.details };
  }
  return { trials: rows.map((r) => trialView(trialRecord(r), now)), recommendation };
}
