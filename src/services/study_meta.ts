/**
 * The parts of a study that never change after creation (project, space,
 * objective, algorithm, lease), cached so that completing a trial costs one
 * statement.
 */
import { and, eq } from "drizzle-orm";
import { findAlgorithm } from "../algorithms/mod.ts";
import type { AlgorithmDefinition } from "../algorithms/types.ts";
import type { Queryable } from "../db/client.ts";
import { studies } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { Space } from "../space/mod.ts";
import type { SpaceSpec } from "../space/schema.ts";
import type { StudyRow } from "./studies.ts";
import type { Labeling, Objective } from "./study_schema.ts";

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
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, StudyMeta>();

/** The fixed facts of a study row (and remembers them). */
export function metaOf(row: StudyRow): StudyMeta {
  const known = cache.get(row.id);
  if (known) return known;
  const algorithm = findAlgorithm(row.algorithmName);
  if (!algorithm) throw new Error(`study ${row.id} uses unknown algorithm ${row.algorithmName}`);
  const meta: StudyMeta = {
    id: row.id,
    projectId: row.projectId,
    space: new Space(row.space as SpaceSpec),
    objective: row.objective as Objective,
    algorithm,
    leaseSeconds: row.leaseSeconds,
    learns: algorithm.learnsFromFeedback,
    labeling: (row.labeling ?? null) as Labeling | null,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(row.id, meta);
  return meta;
}

/** A study's fixed facts, if it is the project's; else a 404. */
export async function studyMeta(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyMeta> {
  const known = cache.get(studyId);
  if (known) {
    if (known.projectId !== projectId) throw notFound("study", studyId);
    return known;
  }
  const [row] = await q.select().from(studies)
    .where(and(eq(studies.id, studyId), eq(studies.projectId, projectId)));
  if (!row) throw notFound("study", studyId);
  return metaOf(row);
}

/** Forgets a deleted study. */
export function forgetStudy(studyId: string): void {
  cache.delete(studyId);
}
