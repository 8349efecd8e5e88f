/**
 * Rows as the drivers read them, made the same whichever driver read them:
 * postgres.js and PGlite differ on dates (Date or string) and on JSON (parsed
 * or text). The statements in queries/ return these records; services turn
 * them into what the API shows.
 */
import { getTableColumns, type Table } from "drizzle-orm";
import type { Params } from "../space/schema.ts";
import type { trials } from "./schema.ts";

/** A trial's lifecycle state, as the trials table holds it. */
export type TrialState = (typeof trials.$inferSelect)["state"];

/** A timestamp column as an ISO string (null stays null). */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** A JSON column as a value. */
export function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/**
 * A table's row as drizzle would read it, from the row's JSON (`to_jsonb`,
 * keyed by column name) that a raw statement returned: for statements
 * drizzle cannot build (data-modifying CTEs), whose rows are the table's.
 */
export function tableRow<T extends Table>(table: T, raw: unknown): T["$inferSelect"] {
  const values = json<Record<string, unknown>>(raw);
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = values[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/** A trial row as the raw queries select it (TRIAL_COLUMNS, db/queries/columns.ts). */
export interface TrialRecord {
  id: string;
  studyId: string;
  number: number;
  state: TrialState;
  params: Params;
  values: Record<string, number> | null;
  variances: Record<string, number> | null;
  objective: number | null;
  reason: string | null;
  tag: unknown;
  clientId: string | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  leaseExpiresAt: string | null;
}

/** Normalises a raw row: drivers differ on dates (Date or string) and JSON. */
export function trialRecord(raw: Record<string, unknown>): TrialRecord {
  return {
    id: raw.id as string,
    studyId: raw.studyId as string,
    number: Number(raw.number),
    state: raw.state as TrialState,
    params: json<Params>(raw.params),
    values: json<Record<string, number> | null>(raw.values ?? null),
    variances: json<Record<string, number> | null>(raw.variances ?? null),
    objective: raw.objective === null || raw.objective === undefined ? null : Number(raw.objective),
    reason: (raw.reason as string | null) ?? null,
    tag: json<unknown>(raw.tag ?? null),
    clientId: (raw.clientId as string | null) ?? null,
    createdAt: iso(raw.createdAt)!,
    startedAt: iso(raw.startedAt),
    completedAt: iso(raw.completedAt),
    leaseExpiresAt: iso(raw.leaseExpiresAt),
  };
}

/** A comparison's lifecycle state. */
export type ComparisonState = "OPEN" | "RANKED" | "SKIPPED";

/** A comparison row as the queries select it (comparisonColumns, db/queries/columns.ts). */
export interface ComparisonRow {
  id: string;
  studyId: string;
  number: number;
  state: ComparisonState;
  candidates: string[];
  heldBy: string | null;
  holdExpiresAt: string | null;
  ranking: string[] | null;
  feedbackPending: boolean;
  createdAt: string;
  closedAt: string | null;
  ranked: number;
  skips: number;
  answeredByMe: boolean;
}

/** Normalises a raw row: drivers differ on dates (Date or string) and JSON. */
export function comparisonRow(raw: Record<string, unknown>): ComparisonRow {
  return {
    id: raw.id as string,
    studyId: raw.studyId as string,
    number: Number(raw.number),
    state: raw.state as ComparisonState,
    candidates: json<string[]>(raw.candidates),
    heldBy: (raw.heldBy as string | null) ?? null,
    holdExpiresAt: iso(raw.holdExpiresAt),
    ranking: json<string[] | null>(raw.ranking ?? null),
    feedbackPending: Boolean(raw.feedbackPending),
    createdAt: iso(raw.createdAt)!,
    closedAt: iso(raw.closedAt),
    ranked: Number(raw.ranked ?? 0),
    skips: Number(raw.skips ?? 0),
    answeredByMe: Boolean(raw.answeredByMe),
  };
}
