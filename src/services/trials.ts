/**
 * Trials: create, read, list, heartbeat, fail, best. Reports (completions)
 * are in reports.ts.
 */
import type { Queryable } from "../db/client.ts";
import {
  bestCompleted,
  insertClientTrial,
  lockNextNumber,
  markFailed,
  renewLease,
  trialPage,
} from "../db/queries/trial_lifecycle.ts";
import { savedDesigner } from "../db/queries/designer.ts";
import { selectTrials } from "../db/queries/trials.ts";
import { badRequest, conflict, invalidFields, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { readUnseen, recommend } from "./designer_session.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./page.ts";
import { findStudy } from "./studies.ts";
import { studyMeta, trialStudyMeta } from "./study_meta.ts";
import type { TrialState } from "./study_schema.ts";
import { checkReport, finalFields, type Report } from "./reports.ts";
import { type TrialRecord } from "../db/records.ts";
import { effectiveState, type TrialView, trialView } from "./trial_rows.ts";

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
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  const now = ctx.now();
  const until = new Date(now.getTime() + meta.leaseSeconds * 1000);
  const renewed = await renewLease(q, studyId, trialId, now, until);
  if (renewed) return trialView(renewed, now);
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
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  const now = ctx.now();
  const failed = await markFailed(q, studyId, trialId, reason ?? null, now, meta.learns);
  if (failed) return trialView(failed, now);
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
  // The study's fixed facts, read before its lock: a study that learns from rounds is refused
  // before anything is locked or written (requireTrials).
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  return await q.transaction(async (tx) => {
    // The lock makes the study's next trial number ours until the commit.
    const number = await lockNextNumber(tx, projectId, studyId);
    if (number === undefined) throw notFound("study", studyId);
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
    // A warm start's result reaches the designer like any report.
    const row = await insertClientTrial(
      tx,
      studyId,
      {
        id: newId(),
        number,
        params: input.params,
        ...fields,
        clientId: input.clientId ?? null,
        completedAt: hasResult ? now : null,
      },
      now,
      meta.learns,
    );
    return trialView(row, now);
  });
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
  const rows = await trialPage(q, studyId, after, page.limit + 1, page.state, now);
  const items = rows.slice(0, page.limit).map((r) => trialView(r, now));
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
  const meta = await studyMeta(ctx, q, projectId, studyId);
  // A study that learns from rounds (sso) has no trials and no point to recommend: its trained
  // model is getStudyModel. Answered without reading its designer.
  if (meta.algorithm.protocol === "rounds") return { trials: [], recommendation: null };
  // One snapshot: the designer's state and what was reported since it was saved.
  const [saved, best, unseen] = await q.transaction(
    (tx) =>
      Promise.all([
        savedDesigner(tx, studyId),
        bestCompleted(tx, studyId, meta.objective.metrics[0].goal, limit),
        readUnseen(tx, meta, false),
      ]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!saved) throw notFound("study", studyId);
  const now = ctx.now();
  const trials = best.map((r) => trialView(r, now));
  // No state yet: nothing to recommend (a state that cannot be read is rebuilt by the session).
  if (saved.algorithmState === null || saved.algorithmState === undefined) {
    return { trials, recommendation: null };
  }
  // The designer as it would be at its next update, not as it was saved.
  const r = await recommend(ctx, q, meta, saved, unseen);
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
