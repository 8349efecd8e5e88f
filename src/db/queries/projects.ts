/**
 * Projects and API keys: their rows. Keys are stored only as SHA-256
 * hashes (key_hash is unique, so resolving a key is one index lookup).
 */
import { and, asc, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../client.ts";
import { apiKeys, projects } from "../schema.ts";

/** A project's row. */
export type ProjectRow = typeof projects.$inferSelect;

/** An API key's row. */
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Inserts a project (a unique violation when the name is taken). */
export async function insertProject(q: Queryable, id: string, name: string): Promise<ProjectRow> {
  const [row] = await q.insert(projects).values({ id, name }).returning();
  return row;
}

/** Up to `limit` projects by name, after the name `after`. */
export async function projectsByName(
  q: Queryable,
  after: string | undefined,
  limit: number,
): Promise<ProjectRow[]> {
  return await q.select().from(projects)
    .where(after === undefined ? undefined : gt(projects.name, after))
    .orderBy(asc(projects.name)).limit(limit);
}

/** Whether the project exists. */
export async function projectExists(q: Queryable, projectId: string): Promise<boolean> {
  const [row] = await q.select({ id: projects.id }).from(projects).where(
    eq(projects.id, projectId),
  );
  return row !== undefined;
}

/** Inserts a key (its hash); returns its row. */
export async function insertApiKey(
  q: Queryable,
  values: typeof apiKeys.$inferInsert,
): Promise<ApiKeyRow> {
  const [row] = await q.insert(apiKeys).values(values).returning();
  return row;
}

/** A project's keys (of one study: its labeler tokens), revoked ones included, oldest first. */
export async function projectKeys(
  q: Queryable,
  projectId: string,
  studyId?: string,
): Promise<ApiKeyRow[]> {
  return await q.select().from(apiKeys)
    .where(
      studyId === undefined
        ? eq(apiKeys.projectId, projectId)
        : and(eq(apiKeys.projectId, projectId), eq(apiKeys.studyId, studyId)),
    )
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/**
 * Revokes the key `which` names (a key of the project; of one study, for a
 * labeler token; an admin key, for projectId null) as of `now`, unless
 * already revoked; returns its row (undefined when there is no such key).
 */
export async function revokeKey(
  q: Queryable,
  which: { keyId: string; projectId: string | null; studyId?: string },
  now: Date,
): Promise<ApiKeyRow | undefined> {
  const where: SQL | undefined = and(
    eq(apiKeys.id, which.keyId),
    which.projectId === null
      ? and(isNull(apiKeys.projectId), eq(apiKeys.role, "admin"))
      : eq(apiKeys.projectId, which.projectId),
    which.studyId === undefined ? undefined : eq(apiKeys.studyId, which.studyId),
  );
  const [row] = await q.update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(where)
    .returning();
  return row;
}

/** The live (unrevoked) key with this hash. */
export async function liveKey(q: Queryable, keyHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await q.select().from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return row;
}

/**
 * Takes the transaction-scoped lock that serialises bootstrapping the admin
 * key across processes (released at commit).
 */
export async function lockAdminBootstrap(tx: Queryable): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(1835626857)`);
}

/** The admin keys, revoked ones included, oldest first. */
export async function adminKeys(q: Queryable): Promise<ApiKeyRow[]> {
  return await q.select().from(apiKeys)
    .where(and(eq(apiKeys.role, "admin"), isNull(apiKeys.projectId)))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Whether any live admin key is stored. */
export async function hasLiveAdminKey(q: Queryable): Promise<boolean> {
  const [live] = await q.select({ id: apiKeys.id }).from(apiKeys)
    .where(and(eq(apiKeys.role, "admin"), isNull(apiKeys.revokedAt))).limit(1);
  return live !== undefined;
}
