/**
 * The audit log's rows: one insert per change (in the change's transaction)
 * and a keyset listing, newest first.
 */
import { and, desc, eq, gte, lt, or } from "drizzle-orm";
import type { Queryable } from "../client.ts";
import { type AuditEventRow, auditEvents } from "../schema.ts";

/** Records one event. */
export async function insertAuditEvent(
  q: Queryable,
  values: typeof auditEvents.$inferInsert,
): Promise<void> {
  await q.insert(auditEvents).values(values);
}

/** What a listing of events may be narrowed to. */
export interface AuditFilter {
  action?: string;
  projectId?: string;
  /** Events at or after this time. */
  since?: Date;
  /** Events before this time. */
  until?: Date;
}

/**
 * Up to `limit` events matching `filter`, newest first, after the
 * (createdAt, id) position `after`.
 */
export async function auditEventsPage(
  q: Queryable,
  filter: AuditFilter,
  page: { limit: number; after?: [Date, string] },
): Promise<AuditEventRow[]> {
  const { after } = page;
  return await q.select().from(auditEvents).where(and(
    filter.action === undefined ? undefined : eq(auditEvents.action, filter.action),
    filter.projectId === undefined ? undefined : eq(auditEvents.projectId, filter.projectId),
    filter.since === undefined ? undefined : gte(auditEvents.createdAt, filter.since),
    filter.until === undefined ? undefined : lt(auditEvents.createdAt, filter.until),
    after
      ? or(
        lt(auditEvents.createdAt, after[0]),
        and(eq(auditEvents.createdAt, after[0]), lt(auditEvents.id, after[1])),
      )
      : undefined,
  )).orderBy(desc(auditEvents.createdAt), desc(auditEvents.id)).limit(page.limit);
}
