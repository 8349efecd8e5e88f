/**
 * Studies' rows: found (always within their project), listed, written,
 * locked and deleted. A study's row lock (FOR NO KEY UPDATE) serialises the
 * use cases that change what its designer sees (suggestions, comparisons);
 * inserts and completions of trials only need the key and never wait for it.
 */
import { and, desc, eq, gt, isNull, lt, lte, or, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { studies, type StudyRow, trialFeedback } from "../schema.ts";

/** A study of the project (undefined also for another project's study). */
export async function projectStudy(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyRow | undefined> {
  const [row] = await q.select().from(studies)
    .where(and(eq(studies.id, studyId), eq(studies.projectId, projectId)));
  return row;
}

/** The project's study of that name (names are unique in a project). */
export async function projectStudyNamed(
  q: Queryable,
  projectId: string,
  name: string,
): Promise<StudyRow | undefined> {
  const [row] = await q.select().from(studies)
    .where(and(eq(studies.projectId, projectId), eq(studies.name, name)));
  return row;
}

/** Locks the study's row; returns its state (undefined when it is gone). */
export async function lockStudyState(tx: Queryable, studyId: string): Promise<string | undefined> {
  const [row] = await query<{ state: string }>(
    tx,
    sql`SELECT state FROM studies WHERE id = ${studyId} FOR NO KEY UPDATE`,
  );
  return row?.state;
}

/** Inserts a study; returns its row. */
export async function insertStudy(
  q: Queryable,
  values: typeof studies.$inferInsert,
): Promise<StudyRow> {
  const [row] = await q.insert(studies).values(values).returning();
  return row;
}

/**
 * Up to `limit` of the project's studies (of one state and name, if given), newest
 * first, after the (createdAt, id) position `after`.
 */
export async function projectStudies(
  q: Queryable,
  projectId: string,
  page: {
    limit: number;
    state?: StudyRow["state"];
    name?: string;
    after?: [Date, string];
    /** An ACTIVE study past its deadline is COMPLETED (services/study_stops.ts). */
    now: Date;
  },
): Promise<StudyRow[]> {
  const { after, now } = page;
  const pastDeadline = and(eq(studies.state, "ACTIVE"), lte(studies.deadline, now));
  const inState = page.state === "COMPLETED"
    ? or(eq(studies.state, "COMPLETED"), pastDeadline)
    : page.state === "ACTIVE"
    ? and(eq(studies.state, "ACTIVE"), or(isNull(studies.deadline), gt(studies.deadline, now)))
    : page.state
    ? eq(studies.state, page.state)
    : undefined;
  return await q.select().from(studies).where(and(
    eq(studies.projectId, projectId),
    inState,
    page.name !== undefined ? eq(studies.name, page.name) : undefined,
    after
      ? or(
        lt(studies.createdAt, after[0]),
        and(eq(studies.createdAt, after[0]), lt(studies.id, after[1])),
      )
      : undefined,
  )).orderBy(desc(studies.createdAt), desc(studies.id)).limit(page.limit);
}

/** Changes a study of the project; returns its row (undefined when it is not there). */
export async function updateStudyRow(
  q: Queryable,
  projectId: string,
  studyId: string,
  set: Partial<
    Pick<
      StudyRow,
      | "name"
      | "metadata"
      | "state"
      | "updatedAt"
      | "maxTrials"
      | "deadline"
      | "completedAt"
      | "completionReason"
    >
  >,
): Promise<StudyRow | undefined> {
  const [row] = await q.update(studies).set(set)
    .where(and(eq(studies.id, studyId), eq(studies.projectId, projectId))).returning();
  return row;
}

/**
 * Deletes a study of the project with its trials and comparisons (by
 * cascade) and its feedback queue; returns its name (undefined when it is
 * not there).
 */
export async function deleteStudyRows(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<{ name: string } | undefined> {
  return await q.transaction(async (tx) => {
    const [row] = await tx.delete(studies)
      .where(and(eq(studies.id, studyId), eq(studies.projectId, projectId)))
      .returning({ name: studies.name });
    if (!row) return undefined;
    // The feedback queue has no foreign key (see schema.ts).
    await tx.delete(trialFeedback).where(eq(trialFeedback.studyId, studyId));
    return row;
  });
}
