/**
 * Projects, API keys and authentication.
 *
 * Keys are shown once, at creation, and stored only as SHA-256 hashes. The
 * admin key from MINIMA_ADMIN_KEY is never stored; without one, the first
 * start generates an admin key, stores its hash and prints it once. Every
 * key minted or revoked and every project created is recorded in the audit
 * log (./audit.ts), in the same transaction.
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
import { type Actor, recordAudit } from "./audit.ts";
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

/** A key's row as listings show it. */
export function keyView(row: ApiKeyRow): ApiKeyView {
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
export async function createProject(q: Queryable, name: string, by: Actor): Promise<ProjectView> {
  try {
    return await q.transaction(async (tx) => {
      const row = await insertProject(tx, newId(), name);
      await recordAudit(tx, by, {
        action: "project.created",
        targetId: row.id,
        projectId: row.id,
        details: { name },
      });
      return projectView(row);
    });
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
  by: Actor,
): Promise<ApiKeyView & { key: string }> {
  return await mintKey(q, { projectId, studyId, role: "labeler", name }, by);
}

/** What a minted key is: its role, its name, and where it belongs. */
export interface KeyToMint {
  role: ApiKeyRow["role"];
  name: string;
  projectId: string | null;
  studyId?: string;
}

/** The audit log's name for keys of a role. */
const KEY_TARGET = { admin: "admin_key", project: "api_key", labeler: "labeler_token" } as const;

/**
 * Mints a key, recording it in the audit log in the same transaction; the
 * key is in the answer and nowhere else (only its hash is stored).
 */
export async function mintKey(
  q: Queryable,
  what: KeyToMint,
  by: Actor,
): Promise<ApiKeyView & { key: string }> {
  const key = newApiKey();
  const row = await q.transaction(async (tx) => {
    const row = await insertApiKey(tx, {
      id: newId(),
      projectId: what.projectId,
      studyId: what.studyId,
      role: what.role,
      name: what.name,
      prefix: key.slice(0, 10),
      keyHash: sha256(key),
      createdAt: by.at,
    });
    await recordAudit(tx, by, {
      action: `${KEY_TARGET[what.role]}.created`,
      targetId: row.id,
      projectId: row.projectId,
      details: { name: row.name, prefix: row.prefix },
    });
    return row;
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
  by: Actor,
): Promise<ApiKeyView & { key: string }> {
  await requireProject(q, projectId);
  return await mintKey(q, { projectId, role: "project", name }, by);
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
  by: Actor,
): Promise<ApiKeyView> {
  return await revoke(ctx, q, { keyId, projectId, studyId }, "labeler token", by);
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
  by: Actor,
): Promise<ApiKeyView> {
  return await revoke(ctx, q, { keyId, projectId }, "API key", by);
}

/**
 * Revokes the key `which` names (an admin key: projectId null), recording
 * it in the audit log when it was live, and clears the context's principal
 * cache: every kind of key is revoked here. `check` runs in the same
 * transaction after the revocation, and may refuse it by throwing.
 */
export async function revoke(
  ctx: ServiceContext,
  q: Queryable,
  which: { keyId: string; projectId: string | null; studyId?: string },
  what: string,
  by: Actor,
  check?: (tx: Queryable) => Promise<void>,
): Promise<ApiKeyView> {
  const now = by.at;
  const row = await q.transaction(async (tx) => {
    const row = await revokeKey(tx, which, now);
    if (!row) throw notFound(what, which.keyId);
    // Revoked before: harmless, and nothing new to record.
    if (row.revokedAt?.getTime() === now.getTime()) {
      await recordAudit(tx, by, {
        action: `${KEY_TARGET[row.role]}.revoked`,
        targetId: row.id,
        projectId: row.projectId,
        details: { name: row.name, prefix: row.prefix },
      });
    }
    await check?.(tx);
    return row;
  });
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
    const by = { actor: "startup", requestId: "startup", at: new Date() };
    const minted = await mintKey(tx, {
      role: "admin",
      name: "bootstrap admin key",
      projectId: null,
    }, by);
    return minted.key;
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
