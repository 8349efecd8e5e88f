/**
 * Studies: read, list, update, delete (created in ./study_create.ts).
 */
import { findAlgorithm } from "../algorithms/mod.ts";
import type { Queryable } from "../db/client.ts";
import { violatedConstraint } from "../db/errors.ts";
import {
  deleteStudyRows,
  lockStudyState,
  projectStudies,
  projectStudy,
  projectStudyNamed,
  updateStudyRow,
} from "../db/queries/studies.ts";
import { countStudyTrials } from "../db/queries/trials.ts";
import type { StudyRow } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import type { SpaceSpec } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { encodeCursor } from "./ids.ts";
import { type Actor, recordAudit } from "./audit.ts";
import { createdCursor, type Page } from "./page.ts";
import type { Objective, StudyState, TrialState, UpdateStudyInput } from "./study_schema.ts";
import {
  bestOf,
  type BestView,
  completionOf,
  type CompletionReason,
  countedTrials,
  progressOf,
  type ProgressView,
  shownState,
  stopFactsOfRow,
  updatedStops,
} from "./study_stops.ts";
import { type Labeling, TrialStateSchema } from "./study_schema.ts";
import { forgetStudyMeta } from "./study_meta.ts";
import { nameTaken, STUDY_NAME_KEY } from "./study_names.ts";

/** A study as the API shows it. */
export interface StudyView {
  id: string;
  projectId: string;
  name: string;
  metadata: Record<string, unknown>;
  state: StudyState;
  /** Null for a study driven by rounds (sso). */
  space: SpaceSpec | null;
  /** Null for a study driven by rounds (sso). */
  objective: Objective | null;
  algorithm: {
    name: string;
    config: Record<string, unknown>;
    seed: number;
    /** Why minima chose it, in createStudy's answer when the request named none. */
    reason?: string;
  };
  settings: { leaseSeconds: number; maxTrials: number | null; deadline: string | null };
  labeling: Labeling | null;
  trialCounts: Record<TrialState, number>;
  /** Why and when the study completed; null while it is not COMPLETED. */
  completion: { reason: CompletionReason; completedAt: string | null } | null;
  /** Progress toward the stop conditions (study_stops.ts). */
  progress: ProgressView;
  /** The best completed trial by the first metric; null when none (or a study driven by rounds). */
  best: BestView | null;
  createdAt: string;
  updatedAt: string;
}

/** Counts a study's trials by (effective) state. */
export async function countTrials(
  q: Queryable,
  studyId: string,
  now: Date,
): Promise<Record<TrialState, number>> {
  const found = await countStudyTrials(q, studyId, now);
  return Object.fromEntries(TrialStateSchema.options.map((s) => [s, found.get(s) ?? 0])) as Record<
    TrialState,
    number
  >;
}

/** A study row, its counts and its best trial as the API shows them at `now`. */
function studyView(
  row: StudyRow,
  trialCounts: Record<TrialState, number>,
  best: BestView | null,
  now: Date,
): StudyView {
  const rounds = findAlgorithm(row.algorithmName)?.protocol === "rounds";
  const facts = stopFactsOfRow(row);
  const completion = completionOf(facts, now);
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    metadata: row.metadata as Record<string, unknown>,
    state: shownState(facts, now),
    space: rounds ? null : row.space as SpaceSpec,
    objective: rounds ? null : row.objective as Objective,
    algorithm: {
      name: row.algorithmName,
      config: row.algorithmConfig as Record<string, unknown>,
      seed: row.seed,
    },
    settings: {
      leaseSeconds: row.leaseSeconds,
      maxTrials: row.maxTrials,
      deadline: row.deadline?.toISOString() ?? null,
    },
    labeling: (row.labeling ?? null) as Labeling | null,
    trialCounts,
    completion: completion && {
      reason: completion.reason,
      completedAt: completion.completedAt?.toISOString() ?? null,
    },
    progress: progressOf(facts, trialCounts, now),
    best,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A study row as the API shows it at `now` (default: the context's clock):
 * with its trial counts and best trial. A list passes the one `now` it
 * filtered with, so a study shown ACTIVE by `?state=ACTIVE` is shown ACTIVE.
 */
export async function getStudyView(
  ctx: ServiceContext,
  q: Queryable,
  row: StudyRow,
  now: Date = ctx.now(),
): Promise<StudyView> {
  const rounds = findAlgorithm(row.algorithmName)?.protocol === "rounds";
  const goal = (row.objective as Objective).metrics[0].goal;
  const [counts, best] = await Promise.all([
    countTrials(q, row.id, now),
    rounds ? null : bestOf(q, row.id, goal),
  ]);
  return studyView(row, counts, best, now);
}

/** A study of the project, or a 404 (also for another project's study). */
export async function findStudy(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyRow> {
  const row = await projectStudy(q, projectId, studyId);
  if (!row) throw notFound("study", studyId);
  return row;
}

/** One study with its trial counts. */
export async function getStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyView> {
  return await getStudyView(ctx, q, await findStudy(q, projectId, studyId));
}

/** The project's studies, newest first. */
export async function listStudies(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  page: { limit: number; cursor?: string; state?: StudyState; name?: string },
): Promise<Page<StudyView>> {
  const after = createdCursor(page.cursor);
  const now = ctx.now();
  const rows = await projectStudies(q, projectId, {
    limit: page.limit + 1,
    state: page.state,
    name: page.name,
    after,
    now,
  });
  const shown = rows.slice(0, page.limit);
  const items: StudyView[] = [];
  for (const row of shown) items.push(await getStudyView(ctx, q, row, now));
  const last = shown[shown.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit
      ? encodeCursor([last.createdAt.toISOString(), last.id])
      : null,
  };
}

/**
 * Renames a study, replaces its metadata, moves it between states or changes
 * its stop conditions (study_stops.ts: updatedStops), under the study's row
 * lock, so that it cannot interleave with a suggestion counting its trials.
 */
export async function updateStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: UpdateStudyInput,
): Promise<StudyView> {
  const now = ctx.now();
  const row = await q.transaction(async (tx) => {
    if (await lockStudyState(tx, studyId) === undefined) throw notFound("study", studyId);
    const current = await findStudy(tx, projectId, studyId);
    const counts = await countTrials(tx, studyId, now);
    const stops = updatedStops(
      stopFactsOfRow(current),
      {
        state: input.state,
        maxTrials: input.settings?.maxTrials,
        deadline: input.settings?.deadline,
      },
      countedTrials(counts),
      now,
    );
    return await updateStudyRow(tx, projectId, studyId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
      ...stops,
      updatedAt: now,
    });
  }).catch(async (error) => {
    if (violatedConstraint(error) !== STUDY_NAME_KEY) throw error;
    const taken = await projectStudyNamed(q, projectId, input.name!);
    throw taken ? nameTaken(taken) : error;
  });
  if (!row) throw notFound("study", studyId);
  return await getStudyView(ctx, q, row);
}

/**
 * Deletes a study and all its trials, recording it in the audit log in the
 * same transaction, and forgets the facts this context cached of it.
 */
export async function deleteStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  by: Actor,
): Promise<void> {
  await q.transaction(async (tx) => {
    const deleted = await deleteStudyRows(tx, projectId, studyId);
    if (!deleted) throw notFound("study", studyId);
    await recordAudit(tx, by, {
      action: "study.deleted",
      targetId: studyId,
      projectId,
      details: { name: deleted.name },
    });
  });
  forgetStudyMeta(ctx, studyId);
}
