/**
 * The parts of a study that never change after creation (project, space,
 * objective, algorithm, lease), cached so that completing a trial costs one
 * statement. Each service context has its own cache (two apps in one process
 * share nothing); deleteStudy forgets the study in its context's cache.
 */
import { findAlgorithm } from "../algorithms/mod.ts";
import type { AlgorithmDefinition } from "../algorithms/types.ts";
import type { Queryable } from "../db/client.ts";
import { projectStudy } from "../db/queries/studies.ts";
import type { StudyRow } from "../db/schema.ts";
import { conflict, notFound } from "../errors.ts";
import { Space } from "../space/mod.ts";
import type { SpaceSpec } from "../space/schema.ts";
import type { Evaluator, Labeling, Objective } from "./study_schema.ts";

/** A study's fixed facts. */
export interface StudyMeta {
  id: string;
  projectId: string;
  space: Space;
  objective: Objective;
  algorithm: AlgorithmDefinition<unknown>;
  leaseSeconds: number;
  /** True when the designer wants to see reported feedback. */
  learns: boolean;
  /** How comparisons work; null when the algorithm does not learn from rankings. */
  labeling: Labeling | null;
  /** The model that evaluates the objective server-side (model_objective.ts); null when none. */
  evaluator: Evaluator | null;
}

/** The fixed facts of a study row. */
function metaOfRow(row: StudyRow): StudyMeta {
  const algorithm = findAlgorithm(row.algorithmName);
  if (!algorithm) throw new Error(`study ${row.id} uses unknown algorithm ${row.algorithmName}`);
  return {
    id: row.id,
    projectId: row.projectId,
    space: new Space(row.space as SpaceSpec),
    objective: row.objective as Objective,
    algorithm,
    leaseSeconds: row.leaseSeconds,
    learns: algorithm.learnsFromFeedback,
    labeling: (row.labeling ?? null) as Labeling | null,
    evaluator: (row.objective as Objective).evaluator ?? null,
  };
}

/** Studies' fixed facts by id, the oldest dropped beyond `limit`. */
export class StudyMetaCache {
  readonly #entries = new Map<string, StudyMeta>();
  readonly #limit: number;

  constructor(limit = 10_000) {
    this.#limit = limit;
  }

  /** The facts cached for a study, if any. */
  get(studyId: string): StudyMeta | undefined {
    return this.#entries.get(studyId);
  }

  /** The fixed facts of a study row (and remembers them). */
  of(row: StudyRow): StudyMeta {
    const known = this.#entries.get(row.id);
    if (known) return known;
    const meta = metaOfRow(row);
    if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(row.id, meta);
    return meta;
  }

  /** Forgets a (deleted) study. */
  forget(studyId: string): void {
    this.#entries.delete(studyId);
  }
}

/**
 * What holds a study-meta cache: the service context (ServiceContext is one;
 * a context made without a cache gets one of its own on first use).
 */
export interface HoldsStudyMetas {
  studyMetas?: StudyMetaCache;
}

function cacheOf(ctx: HoldsStudyMetas): StudyMetaCache {
  return ctx.studyMetas ??= new StudyMetaCache();
}

/** The fixed facts of a study row (and remembers them in the context's cache). */
export function metaOf(ctx: HoldsStudyMetas, row: StudyRow): StudyMeta {
  return cacheOf(ctx).of(row);
}

/** A study's fixed facts, if it is the project's; else a 404. */
export async function studyMeta(
  ctx: HoldsStudyMetas,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyMeta> {
  const cache = cacheOf(ctx);
  const known = cache.get(studyId);
  if (known) {
    if (known.projectId !== projectId) throw notFound("study", studyId);
    return known;
  }
  const row = await projectStudy(q, projectId, studyId);
  if (!row) throw notFound("study", studyId);
  return cache.of(row);
}

/**
 * A 409 for a study whose algorithm learns from rounds (sso): such a study
 * has no space and no trials, so every trial operation (createTrial,
 * suggestTrials, completeTrial(s), failTrial, heartbeatTrial) refuses it
 * here, before it reads or writes anything else. The reads answer what is
 * true of it instead: no trials (listTrials, getTrial, exportTrials) and no
 * best trial or recommendation (getBestTrials; its model is getStudyModel).
 * The opposite check, for the rounds paths, is requireRounds (sso/study.ts).
 */
export function requireTrials(meta: StudyMeta): StudyMeta {
  if (meta.algorithm.protocol !== "rounds") return meta;
  throw conflict(
    `study ${meta.id} learns from rounds (algorithm ${meta.algorithm.name}): use ` +
      `startRound/completeRound (POST /v1/studies/${meta.id}/rounds) and getStudyModel; it has ` +
      "no space and takes no trials",
  );
}

/**
 * A study's fixed facts for a trial operation: a 404 unless it is the
 * project's, a 409 when it learns from rounds (requireTrials).
 */
export async function trialStudyMeta(
  ctx: HoldsStudyMetas,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyMeta> {
  return requireTrials(await studyMeta(ctx, q, projectId, studyId));
}

/** Forgets a deleted study in the context's cache. */
export function forgetStudyMeta(ctx: HoldsStudyMetas, studyId: string): void {
  ctx.studyMetas?.forget(studyId);
}
