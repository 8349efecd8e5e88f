/**
 * Studies: read, list, update, delete (created in ./study_create.ts).
 */
import { findAlgorithm } from "../algorithms/mod.ts";
import type { Queryable } from "../db/client.ts";
import { violatedConstraint } from "../db/errors.ts";
import {
  deleteStudyRows,
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
  settings: { leaseSeconds: number };
  labeling: Labeling | null;
  trialCounts: Record<TrialState, number>;
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

/** A study row and its counts as the API shows them. */
export function studyView(row: StudyRow, trialCounts: Record<TrialState, number>): StudyView {
  const rounds = findAlgorithm(row.algorithmName)?.protocol === "rounds";
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    metadata: row.metadata as Record<string, unknown>,
    state: row.state,
    space: rounds ? null : row.space as SpaceSpec,
    objective: rounds ? null : row.objective as Objective,
    algorithm: {
      name: row.algorithmName,
      config: row.algorithmConfig as Record<string, unknown>,
      seed: row.seed,
    },
    settings: { leaseSeconds: row.leaseSeconds },
    labeling: (row.labeling ?? null) as Labeling | null,
    trialCounts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
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
  const row = await findStudy(q, projectId, studyId);
  return studyView(row, await countTrials(q, row.id, ctx.now()));
}

/** The project's studies, newest first. */
export async function listStudies(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  page: { limit: number; cursor?: string; state?: StudyState; name?: string },
): Promise<Page<StudyView>> {
  const after = createdCursor(page.cursor);
  const rows = await projectStudies(q, projectId, {
    limit: page.limit + 1,
    state: page.state,
    name: page.name,
    after,
  });
  const now = ctx.now();
  const shown = rows.slice(0, page.limit);
  const items: StudyView[] = [];
  for (const row of shown) items.push(studyView(row, await countTrials(q, row.id, now)));
  const last = shown[shown.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit
      ? encodeCursor([last.createdAt.toISOString(), last.id])
      : null,
  };
}

/** Renames a study, replaces its metadata, or moves it between states. */
export async function updateStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: UpdateStudyInput,
): Promise<StudyView> {
  const now = ctx.now();
  const row = await updateStudyRow(q, projectId, studyId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
    ...(input.state !== undefined ? { state: input.state } : {}),
    updatedAt: now,
  }).catch(async (error) => {
    if (violatedConstraint(error) !== STUDY_NAME_KEY) throw error;
    const taken = await projectStudyNamed(q, projectId, input.name!);
    throw taken ? nameTaken(taken) : error;
  });
  if (!row) throw notFound("study", studyId);
  return studyView(row, await countTrials(q, row.id, now));
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
