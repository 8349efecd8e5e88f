/**
 * A run's events (state changes and progress), appended with the id the
 * statement that changed the run gave (runs.last_event_id), and read back
 * in order after an id: what watchRun streams, and replays after a
 * reconnection with Last-Event-ID.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Queryable } from "../client.ts";
import { json } from "../records.ts";
import { runEvents } from "../schema.ts";

/** A run event as the queries read it. */
export interface RunEventRecord {
  seq: number;
  kind: "state" | "progress";
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Appends one event of a run. */
export async function insertRunEvent(
  q: Queryable,
  runId: string,
  event: { seq: number; kind: RunEventRecord["kind"]; data: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await q.insert(runEvents).values({ runId, ...event, createdAt: now });
}

/** Up to `limit` events of a run with ids after `after`, in order. */
export async function runEventsAfter(
  q: Queryable,
  runId: string,
  after: number,
  limit: number,
): Promise<RunEventRecord[]> {
  const rows = await q.select({
    seq: runEvents.seq,
    kind: runEvents.kind,
    data: runEvents.data,
    createdAt: runEvents.createdAt,
  }).from(runEvents).where(and(eq(runEvents.runId, runId), gt(runEvents.seq, after)))
    .orderBy(asc(runEvents.seq)).limit(limit);
  return rows.map((r) => ({ ...r, data: json<Record<string, unknown>>(r.data) }));
}
