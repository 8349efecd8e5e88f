/**
 * Trials: create, read, list, heartbeat, fail, best. Reports (completions)
 * are in reports.ts.
 */
import { sql } from "drizzle-orm";
import type { Feedback, JsonValue, Recommendation } from "../algorithms/types.ts";
import { query, type Queryable } from "../db/client.ts";
import { badRequest, conflict, invalidFields, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { openDesigner, type SavedDesigner } from "./designers.ts";
import { feedbackOf, pendingRankings, queuedTrials, queueingFeedback } from "./feedback.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./projects.ts";
import { json } from "./rows.ts";
import { findStudy } from "./studies.ts";
import { studyMeta } from "./study_meta.ts";
import type { TrialState } from "./study_schema.ts";
import { checkReport, finalFields, type Report, selectTrials } from "./reports.ts";
import {
  effectiveState,
  TRIAL_COLUMNS,
  type TrialRecord,
  trialRecord,
  type TrialView,
  trialView,
} from "./trial_rows.ts";

/** One trial of a study, or a 404. */
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
    queueingFeedback(
      sql`UPDATE trials SET state = 'FAILED', reason = ${reason ?? null},
            completed_at = ${now.toISOString()}::timestamptz, lease_expires_at = NULL
          WHERE id = ${trialId} AND study_id = ${studyId}
            AND state IN ('REQUESTED', 'ACTIVE', 'STALE')
          RETURNING ${TRIAL_COLUMNS}`,
      meta.learns,
    ),
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
    // The lock makes the study's next trial number ours until the commit.
    const [locked] = await query<{ number: number }>(
      tx,
      sql`SELECT next_trial_number AS number FROM studies
          WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
    );
    if (!locked) throw notFound("study", studyId);
    const meta = await studyMeta(tx, projectId, studyId);
    const issues = meta.space.check(input.params, "params");
    const hasResult = input.values !== undefined || input.infeasible === true ||
      input.variances !== undefined;
    if (hasResult) issues.push(...checkReport(meta, input, ""));
    if (issues.length) throw invalidFields(issues);
    const now = ctx.now();
    const fields = hasResult ? finalFields(meta, input) : {
      state: "REQUESTED" as const,
      values: null,
      variances: null,
      objective: null,
      reason: null,
    };
    const number = Number(locked.number);
    const [, [row]] = await Promise.all([
      query(
        tx,
        sql`UPDATE studies SET next_trial_number = ${number + 1} WHERE id = ${studyId}`,
      ),
      // A warm start's result reaches the designer like any report.
      query<Record<string, unknown>>(
        tx,
        queueingFeedback(
          sql`INSERT INTO trials (id, study_id, number, state, params, "values", variances,
                objective, reason, client_id, created_at, completed_at)
              VALUES (${newId()}, ${studyId}, ${number}, ${fields.state}, ${
            JSON.stringify(input.params)
          }::jsonb,
                ${fields.values === null ? null : JSON.stringify(fields.values)}::jsonb, ${
            fields.variances === null ? null : JSON.stringify(fields.variances)
          }::jsonb, ${fields.objective},
                ${fields.reason}, ${input.clientId ?? null}, ${now.toISOString()}::timestamptz,
                ${hasResult ? now.toISOString() : null}::timestamptz)
              RETURNING ${TRIAL_COLUMNS}`,
          hasResult && meta.learns,
        ),
      ),
    ]);
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
): Promise<{ trials: TrialView[]; recommendation: RecommendationView | null }> {
  const meta = await studyMeta(q, projectId, studyId);
  const order = meta.objective.metrics[0].goal === "maximize" ? sql`DESC` : sql`ASC`;
  // One snapshot: the designer's state and what was reported since it was saved.
  const [[study], best, reported, rankings] = await q.transaction(
    (tx) =>
      Promise.all([
        query<Record<string, unknown>>(
          tx,
          sql`SELECT algorithm_config AS "config", seed, algorithm_state AS "algorithmState"
              FROM studies WHERE id = ${studyId} AND project_id = ${projectId}`,
        ),
        query<Record<string, unknown>>(
          tx,
          sql`SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ${studyId}
                AND state = 'COMPLETED'
              ORDER BY objective ${order}, number LIMIT ${limit}`,
        ),
        meta.learns
          ? query<Record<string, unknown>>(
            tx,
            queuedTrials(studyId, false),
          )
          : Promise.resolve([]),
        meta.learns && meta.labeling ? pendingRankings(tx, meta, false) : Promise.resolve([]),
      ]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!study) throw notFound("study", studyId);
  const now = ctx.now();
  const trials = best.map((r) => trialView(trialRecord(r), now));
  if (json<JsonValue>(study.algorithmState ?? null) === null) {
    return { trials, recommendation: null };
  }
  // The designer as it would be at its next update, not as it was saved.
  const feedback: Feedback[] = [
    ...reported.map((r) => feedbackOf(meta, trialRecord(r))).filter((f) => f !== null),
    ...rankings,
  ];
  const designer = openDesigner(ctx, meta, study as unknown as SavedDesigner);
  let r: Recommendation | null;
  if ("recommendation" in designer) {
    // CPU-heavy (a GP): computed in a worker, off the event loop.
    try {
      if (feedback.length) designer.update(feedback);
      r = await designer.recommendation();
    } finally {
      designer.close();
    }
  } else {
    if (feedback.length) designer.update(feedback);
    r = designer.recommend?.() ?? null;
  }
  if (!r) return { trials, recommendation: null };
  const points = r.points === undefined ? undefined : Object.fromEntries(
    Object.entries(r.points).map(([name, point]) => [name, meta.space.decode(point)]),
  );
  return {
    trials,
    recommendation: {
      params: meta.space.decode(r.point),
      ...(r.details === undefined ? {} : { details: r.details }),
      ...(points === undefined ? {} : { points }),
    },
  };
}

/** An algorithm's recommendation as the API shows it. */
export interface RecommendationView {
  params: Params;
  details?: unknown;
  /** Other points the algorithm names (e.g. the best ever), as params. */
  points?: Record<string, Params>;
}
