/**
 * The audit log: every key minted or revoked, every project created and
 * every study deleted, with who did it, when, and the request's id.
 *
 * An event is written by the use case that makes the change, in the same
 * transaction (a change rolled back leaves no event, a change committed
 * always has one), and never holds a secret: keys appear by id, with their
 * names. Admins read it with listAuditEvents.
 */
import type { Queryable } from "../db/client.ts";
import { auditEventsPage, type AuditFilter, insertAuditEvent } from "../db/queries/audit.ts";
import type { AuditEventRow } from "../db/schema.ts";
import { newId } from "./ids.ts";
import { createdCursor, createdPage, type Page } from "./page.ts";
import type { Principal } from "./principals.ts";

/** Every action the log records. */
export const AUDIT_ACTIONS = [
  "admin_key.created",
  "admin_key.revoked",
  "api_key.created",
  "api_key.revoked",
  "labeler_token.created",
  "labeler_token.revoked",
  "project.created",
  "study.deleted",
] as const;

/** An action the log records. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who makes a change, when, and under which request: what audited use cases take. */
export interface Actor {
  /** The key's id, or "bootstrap" for MINIMA_ADMIN_KEY. */
  actor: string;
  requestId: string;
  /** The app's clock at the change. */
  at: Date;
}

/** The actor of a request made with `principal`. */
export function actorOf(principal: Principal, requestId: string, at: Date): Actor {
  return { actor: principal.keyId ?? "bootstrap", requestId, at };
}

/** One change, as the use case that made it describes it. */
export interface AuditedChange {
  action: AuditAction;
  targetId: string;
  projectId?: string | null;
  /** Names and such, never a secret. */
  details?: Record<string, string>;
}

/** Records a change; call it in the change's transaction. */
export async function recordAudit(q: Queryable, by: Actor, change: AuditedChange): Promise<void> {
  await insertAuditEvent(q, {
    id: newId(),
    createdAt: by.at,
    actor: by.actor,
    action: change.action,
    targetType: change.action.slice(0, change.action.indexOf(".")),
    targetId: change.targetId,
    projectId: change.projectId ?? null,
    requestId: by.requestId,
    details: change.details ?? {},
  });
}

/** An event as the API shows it. */
export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  projectId: string | null;
  requestId: string;
  details: Record<string, unknown>;
}

function eventView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    actor: row.actor,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    projectId: row.projectId,
    requestId: row.requestId,
    details: row.details as Record<string, unknown>,
  };
}

/** A page of events matching `filter`, newest first. */
export async function listAuditEvents(
  q: Queryable,
  filter: AuditFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<AuditEventView>> {
  const after = createdCursor(page.cursor);
  const rows = await auditEventsPage(q, filter, { limit: page.limit + 1, after });
  return createdPage(rows, page.limit, eventView);
}
