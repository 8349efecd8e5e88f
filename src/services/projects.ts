/**
 * Projects, API keys and authentication.
 *
 * Keys are shown once, at creation, and stored only as SHA-256 hashes. The
 * admin key from MINIMA_ADMIN_KEY is never stored; without one, the first
 * start generates an admin key, stores its hash and prints it once.
 */
import { and, asc, eq, gt, isNull, type SQL, sql } from "drizzle-orm";
import { timingSafeEqual } from "node:crypto";
import type { Database, Queryable } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { apiKeys, projects } from "../db/schema.ts";
import { badRequest, conflict, notFound, Problem } from "../errors.ts";
import type { Principal } from "./context.ts";
import { decodeCursor, encodeCursor, isPlainText, newApiKey, newId, sha256 } from "./ids.ts";

/** A project as the API shows it. */
export interface ProjectView {
  id: string;
  name: string;
  createdAt: string;
}

/** An API key as listings show it (never the key itself). */
export interface ApiKeyView {
  id: string;
  projectId: string | null;
  role: "admin" | "project" | "labeler";
  /** The study of a labeler token. */
  studyId: string | null;
  name: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A page of a listing. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

function projectView(row: typeof projects.$inferSelect): ProjectView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

function keyView(row: typeof apiKeys.$inferSelect): ApiKeyView {
  return {
    id: row.id,
    projectId: row.projectId,
    role: row.role,
    studyId: row.studyId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a project; names are unique. */
export async function createProject(q: Queryable, name: string): Promise<ProjectView> {
  try {
    const [row] = await q.insert(projects).values({ id: newId(), name }).returning();
    return projectView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(`a project named "${name}" already exists`, [
        { field: "name", rule: "unique", message: `"${name}" is taken` },
      ]);
    }
    throw error;
  }
}

/** Lists projects by name. */
export async function listProjects(
  q: Queryable,
  page: { limit: number; cursor?: string },
): Promise<Page<ProjectView>> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  if (page.cursor !== undefined && (typeof after !== "string" || !isPlainText(after))) {
    throw badRequest("cursor", "cursor", "not a cursor this listing returned");
  }
  const rows = await q.select().from(projects)
    .where(after === undefined ? undefined : gt(projects.name, after as string))
    .orderBy(asc(projects.name)).limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(projectView);
  return {
    items,
    nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].name) : null,
  };
}

async function requireProject(q: Queryable, projectId: string): Promise<void> {
  const [row] = await q.select({ id: projects.id }).from(projects).where(
    eq(projects.id, projectId),
  );
  if (!row) throw notFound("project", projectId);
}

/**
 * The project of a caller allowed to label `studyId`: a project key, or a
 * labeler token of that very study; throws 403 otherwise.
 */
export function requireLabelerAccess(principal: Principal, studyId: string): string {
  if (principal.role === "labeler") {
    if (principal.studyId !== studyId || !principal.projectId) {
      throw new Problem("forbidden", "this labeler token is for another study");
    }
    return principal.projectId;
  }
  return requireProjectKey(principal);
}

/** Mints a labeler token for one study of the project; the token is shown once. */
export async function createLabelerToken(
  q: Queryable,
  projectId: string,
  studyId: string,
  name: string,
): Promise<ApiKeyView & { key: string }> {
  const key = newApiKey();
  const [row] = await q.insert(apiKeys).values({
    id: newId(),
    projectId,
    studyId,
    role: "labeler",
    name,
    prefix: key.slice(0, 10),
    keyHash: sha256(key),
  }).returning();
  return { ...keyView(row), key };
}

/** The labeler tokens of a study, revoked ones included. */
export async function listLabelerTokens(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<ApiKeyView[]> {
  const rows = await q.select().from(apiKeys)
    .where(and(eq(apiKeys.projectId, projectId), eq(apiKeys.studyId, studyId)))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(keyView);
}

/** Mints a key for a project; the key is in the answer and nowhere else. */
export async function createApiKey(
  q: Queryable,
  projectId: string,
  name: string,
): Promise<ApiKeyView & { key: string }> {
  await requireProject(q, projectId);
  const key = newApiKey();
  const [row] = await q.insert(apiKeys).values({
    id: newId(),
    projectId,
    role: "project",
    name,
    prefix: key.slice(0, 10),
    keyHash: sha256(key),
  }).returning();
  return { ...keyView(row), key };
}

/** Lists a project's keys, revoked ones included. */
export async function listApiKeys(q: Queryable, projectId: string): Promise<ApiKeyView[]> {
  await requireProject(q, projectId);
  const rows = await q.select().from(apiKeys).where(eq(apiKeys.projectId, projectId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(keyView);
}

/** Revokes a labeler token of a study (404 for any other key). */
export async function revokeLabelerToken(
  q: Queryable,
  projectId: string,
  studyId: string,
  keyId: string,
  now: Date,
): Promise<ApiKeyView> {
  return await revoke(
    q,
    and(eq(apiKeys.id, keyId), eq(apiKeys.projectId, projectId), eq(apiKeys.studyId, studyId)),
    "labeler token",
    keyId,
    now,
  );
}

/** Revokes a key: it stops working at once in this process. */
export async function revokeApiKey(
  q: Queryable,
  projectId: string,
  keyId: string,
  now: Date,
): Promise<ApiKeyView> {
  return await revoke(
    q,
    and(eq(apiKeys.id, keyId), eq(apiKeys.projectId, projectId)),
    "API key",
    keyId,
    now,
  );
}

async function revoke(
  q: Queryable,
  where: SQL | undefined,
  what: string,
  keyId: string,
  now: Date,
): Promise<ApiKeyView> {
  const [row] = await q.update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${now.toISOString()}::timestamptz)` })
    .where(where)
    .returning();
  if (!row) throw notFound(what, keyId);
  principalCache.clear();
  return keyView(row);
}

/** How long a resolved key is trusted before it is looked up again. */
const CACHE_MS = 5_000;
const principalCache = new Map<string, { principal: Principal | null; until: number }>();

/** Resolves a bearer token to a principal; throws 401 when it is not a live key. */
export async function authenticate(
  db: Database,
  token: string,
  adminKeyHash: string | undefined,
): Promise<Principal> {
  const hash = sha256(token);
  if (adminKeyHash && timingSafeEqual(Buffer.from(hash), Buffer.from(adminKeyHash))) {
    return { keyId: null, role: "admin", projectId: null };
  }
  const cached = principalCache.get(hash);
  const now = Date.now();
  let principal: Principal | null;
  if (cached && cached.until > now) {
    principal = cached.principal;
  } else {
    const [row] = await db.select().from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
    principal = row
      ? { keyId: row.id, role: row.role, projectId: row.projectId, studyId: row.studyId }
      : null;
    if (principalCache.size > 10_000) principalCache.clear();
    principalCache.set(hash, { principal, until: now + CACHE_MS });
  }
  if (!principal) throw new Problem("unauthorized", "the API key is unknown or revoked");
  return principal;
}

/**
 * Makes sure there is a way in: with no MINIMA_ADMIN_KEY and no live admin
 * key stored, generates one, stores its hash and returns it (to print once).
 */
export async function bootstrapAdminKey(
  db: Database,
  envAdminKey: string | undefined,
): Promise<string | null> {
  if (envAdminKey) return null;
  return await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(1835626857)`);
    const [live] = await tx.select({ id: apiKeys.id }).from(apiKeys)
      .where(and(eq(apiKeys.role, "admin"), isNull(apiKeys.revokedAt))).limit(1);
    if (live) return null;
    const key = newApiKey();
    await tx.insert(apiKeys).values({
      id: newId(),
      projectId: null,
      role: "admin",
      name: "bootstrap admin key",
      prefix: key.slice(0, 10),
      keyHash: sha256(key),
    });
    return key;
  });
}

/** Throws 403 unless the principal is an admin. */
export function requireAdmin(principal: Principal): void {
  if (principal.role !== "admin") {
    throw new Problem("forbidden", "this operation needs an admin key");
  }
}

/** The project of a project key; throws 403 for admin keys and labeler tokens. */
export function requireProjectKey(principal: Principal): string {
  if (principal.role === "labeler") {
    throw new Problem(
      "forbidden",
      "a labeler token can only fetch, rank and skip its study's comparisons",
    );
  }
  if (principal.role !== "project" || !principal.projectId) {
    throw new Problem(
      "forbidden",
      "studies belong to projects: use a project key (createApiKey) for this operation",
    );
  }
  return principal.projectId;
}
