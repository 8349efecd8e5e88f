/**
 * Projects, API keys and authentication.
 *
 * Keys are shown once, at creation, and stored only as SHA-256 hashes. The
 * admin key from MINIMA_ADMIN_KEY is never stored; without one, the first
 * start generates an admin key, stores its hash and prints it once.
 */
import { timingSafeEqual } from "node:crypto";
import type { Database, Queryable } from "../db/client.ts";
import { isUniqueViolation } from "../db/errors.ts";
import {
  type ApiKeyRow,
  hasLiveAdminKey,
  insertApiKey,
  insertProject,
  liveKey,
  lockAdminBootstrap,
  projectExists,
  projectKeys,
  type ProjectRow,
  projectsByName,
  revokeKey,
} from "../db/queries/projects.ts";
import { badRequest, conflict, notFound, Problem } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { decodeCursor, encodeCursor, isPlainText, newApiKey, newId, sha256 } from "./ids.ts";
import type { Page } from "./page.ts";
import { type HoldsPrincipals, type Principal, principalsOf } from "./principals.ts";

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

function projectView(row: ProjectRow): ProjectView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

function keyView(row: ApiKeyRow): ApiKeyView {
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
    return projectView(await insertProject(q, newId(), name));
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
  const rows = await projectsByName(q, after as string | undefined, page.limit + 1);
  const items = rows.slice(0, page.limit).map(projectView);
  return {
    items,
    nextCursor: rows.length > page.limit ? encodeCursor(items[items.length - 1].name) : null,
  };
}

async function requireProject(q: Queryable, projectId: string): Promise<void> {
  if (!(await projectExists(q, projectId))) throw notFound("project", projectId);
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
  const row = await insertApiKey(q, {
    id: newId(),
    projectId,
    studyId,
    role: "labeler",
    name,
    prefix: key.slice(0, 10),
    keyHash: sha256(key),
  });
  return { ...keyView(row), key };
}

/** The labeler tokens of a study, revoked ones included. */
export async function listLabelerTokens(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<ApiKeyView[]> {
  return (await projectKeys(q, projectId, studyId)).map(keyView);
}

/** Mints a key for a project; the key is in the answer and nowhere else. */
export async function createApiKey(
  q: Queryable,
  projectId: string,
  name: string,
): Promise<ApiKeyView & { key: string }> {
  await requireProject(q, projectId);
  const key = newApiKey();
  const row = await insertApiKey(q, {
    id: newId(),
    projectId,
    role: "project",
    name,
    prefix: key.slice(0, 10),
    keyHash: sha256(key),
  });
  return { ...keyView(row), key };
}

/** Lists a project's keys, revoked ones included. */
export async function listApiKeys(q: Queryable, projectId: string): Promise<ApiKeyView[]> {
  await requireProject(q, projectId);
  return (await projectKeys(q, projectId)).map(keyView);
}

/** Revokes a labeler token of a study (404 for any other key); see revokeApiKey. */
export async function revokeLabelerToken(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  keyId: string,
): Promise<ApiKeyView> {
  return await revoke(ctx, q, { keyId, projectId, studyId }, "labeler token");
}

/**
 * Revokes a key: it stops working at once through this context, and in
 * other apps and processes as soon as the commit's notification reaches them
 * (see principals.ts).
 */
export async function revokeApiKey(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  keyId: string,
): Promise<ApiKeyView> {
  return await revoke(ctx, q, { keyId, projectId }, "API key");
}

async function revoke(
  ctx: ServiceContext,
  q: Queryable,
  which: { keyId: string; projectId: string; studyId?: string },
  what: string,
): Promise<ApiKeyView> {
  const row = await revokeKey(q, which, ctx.now());
  if (!row) throw notFound(what, which.keyId);
  principalsOf(ctx).clear();
  return keyView(row);
}

/**
 * Resolves a bearer token to a principal; throws 401 when it is not a live
 * key. Resolved keys are cached in the context (see PrincipalCache).
 */
export async function authenticate(
  ctx: HoldsPrincipals & { db: Database },
  token: string,
  adminKeyHash: string | undefined,
): Promise<Principal> {
  const hash = sha256(token);
  if (adminKeyHash && timingSafeEqual(Buffer.from(hash), Buffer.from(adminKeyHash))) {
    return { keyId: null, role: "admin", projectId: null };
  }
  const cache = principalsOf(ctx);
  const now = Date.now();
  let principal = cache.get(hash, now);
  if (principal === undefined) {
    const row = await liveKey(ctx.db, hash);
    principal = row
      ? { keyId: row.id, role: row.role, projectId: row.projectId, studyId: row.studyId }
      : null;
    cache.set(hash, principal, now);
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
    await lockAdminBootstrap(tx);
    if (await hasLiveAdminKey(tx)) return null;
    const key = newApiKey();
    await insertApiKey(tx, {
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
