/**
 * The SQL of sso studies (services/sso/): their features (one row per data
 * row, numbered in upload order), their rounds, and the save of θ with the
 * study's algorithm state.
 *
 * Features are written by one statement per upload that cuts the block of
 * float64 rows in SQL (`substring` of one bytea parameter), and read by
 * primary key: a round of b rows out of millions reads b index entries.
 */
import { and, asc, desc, eq, gt, isNotNull, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { type SsoRoundRow, ssoRounds } from "../schema.ts";
import type { SavedDesigner } from "./designer.ts";

/** A study's row as an sso service reads it: its designer, project and state. */
export interface SsoStudyRow extends SavedDesigner {
  algorithmName: string;
}

/**
 * The study's designer columns, locked FOR NO KEY UPDATE until the
 * transaction ends (uploads, round numbers and saves of θ are serialised
 * by it); undefined when the project has no such study.
 */
export async function lockSsoStudy(
  tx: Queryable,
  projectId: string,
  studyId: string,
): Promise<SsoStudyRow | undefined> {
  const [row] = await query<SsoStudyRow>(
    tx,
    sql`SELECT state, algorithm_name AS "algorithmName", algorithm_config AS "config", seed,
          algorithm_state AS "algorithmState", algorithm_state_version AS "version"
        FROM studies WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
  );
  return row;
}

/** The study's designer columns, unlocked (a read that may race with a save, and knows it). */
export async function readSsoStudy(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<SsoStudyRow | undefined> {
  const [row] = await query<SsoStudyRow>(
    q,
    sql`SELECT state, algorithm_name AS "algorithmName", algorithm_config AS "config", seed,
          algorithm_state AS "algorithmState", algorithm_state_version AS "version"
        FROM studies WHERE id = ${studyId} AND project_id = ${projectId}`,
  );
  return row;
}

/** Saves a designer's state and bumps its version (under the study's lock). */
export async function saveSsoState(
  tx: Queryable,
  studyId: string,
  state: unknown,
  now: Date,
): Promise<void> {
  await query(
    tx,
    sql`UPDATE studies SET algorithm_state = ${JSON.stringify(state)}::jsonb,
          algorithm_state_version = algorithm_state_version + 1, updated_at = ${now.toISOString()}
        WHERE id = ${studyId}`,
  );
}

/** How many feature rows the study has (rows are numbered 0 .. n − 1). */
export async function featureRowCount(q: Queryable, studyId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    q,
    sql`SELECT coalesce(max("row") + 1, 0)::int AS n FROM sso_features WHERE study_id = ${studyId}`,
  );
  return Number(row.n);
}

/**
 * Appends `count` rows of `width` bytes each, numbered from `first`, cut from
 * one block in SQL.
 */
export async function insertFeatureRows(
  tx: Queryable,
  studyId: string,
  first: number,
  count: number,
  width: number,
  block: Uint8Array,
): Promise<void> {
  await query(
    tx,
    sql`INSERT INTO sso_features (study_id, "row", data)
        SELECT ${studyId}::uuid, ${first}::int + g, substring(${block}::bytea FROM g * ${width}::int + 1 FOR ${width}::int)
        FROM generate_series(0, ${count}::int - 1) AS g`,
  );
}

/** The data of the given feature rows, by row number (rows that do not exist are absent). */
export async function featureRows(
  q: Queryable,
  studyId: string,
  rows: readonly number[],
): Promise<Map<number, Uint8Array>> {
  const distinct = [...new Set(rows)];
  const found = await query<{ row: number; data: Uint8Array }>(
    q,
    sql`SELECT "row", data FROM sso_features
        WHERE study_id = ${studyId} AND "row" = ANY(${`{${distinct.join(",")}}`}::int[])`,
  );
  return new Map(found.map((r) => [Number(r.row), r.data]));
}

/** The next round's number (under the study's lock). */
export async function nextRoundNumber(tx: Queryable, studyId: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`SELECT coalesce(max(number) + 1, 0)::int AS n FROM sso_rounds WHERE study_id = ${studyId}`,
  );
  return Number(row.n);
}

/** Inserts a round; returns it. */
export async function insertRound(
  tx: Queryable,
  values: typeof ssoRounds.$inferInsert,
): Promise<SsoRoundRow> {
  const [row] = await tx.insert(ssoRounds).values(values).returning();
  return row;
}

/** A round of the study; with `lock`, FOR UPDATE until the transaction ends. */
export async function findRound(
  q: Queryable,
  studyId: string,
  roundId: string,
  lock = false,
): Promise<SsoRoundRow | undefined> {
  const select = q.select().from(ssoRounds)
    .where(and(eq(ssoRounds.id, roundId), eq(ssoRounds.studyId, studyId)));
  const [row] = lock ? await select.for("update") : await select;
  return row;
}

/** Marks an open round COMPLETED with what its gradient did; its targets and features go. */
export async function completeRoundRow(
  tx: Queryable,
  roundId: string,
  values: { gradientSha256: string; loss: number | null; result: unknown; completedAt: Date },
): Promise<SsoRoundRow> {
  const [row] = await tx.update(ssoRounds).set({
    state: "COMPLETED",
    features: null,
    targets: null,
    ...values,
  }).where(eq(ssoRounds.id, roundId)).returning();
  return row;
}

/** A page of the study's rounds by number, after `after` (exclusive), oldest first. */
export async function studyRounds(
  q: Queryable,
  studyId: string,
  page: { after: number; limit: number },
): Promise<SsoRoundRow[]> {
  return await q.select().from(ssoRounds)
    .where(and(eq(ssoRounds.studyId, studyId), gt(ssoRounds.number, page.after)))
    .orderBy(asc(ssoRounds.number)).limit(page.limit);
}

/** The last `limit` losses the study's rounds reported, oldest first. */
export async function reportedLosses(
  q: Queryable,
  studyId: string,
  limit: number,
): Promise<{ number: number; loss: number }[]> {
  const rows = await q.select({ number: ssoRounds.number, loss: ssoRounds.loss }).from(ssoRounds)
    .where(and(eq(ssoRounds.studyId, studyId), isNotNull(ssoRounds.loss)))
    .orderBy(desc(ssoRounds.number)).limit(limit);
  return rows.reverse().map((r) => ({ number: r.number, loss: Number(r.loss) }));
}
