/**
 * The reads behind the comparisons' export (services/comparisons_export.ts):
 * comparisons by number, and every labeler's answer to them with the name
 * of the key (labeler token or project key) that gave it.
 */
import { sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { iso, json } from "../records.ts";

/** A comparison as exported. */
export interface ExportedComparisonRow {
  id: string;
  number: number;
  state: string;
  candidates: string[];
  ranking: string[] | null;
  createdAt: string;
  closedAt: string | null;
}

/** One labeler's answer as exported. */
export interface ExportedAnswerRow {
  comparisonId: string;
  labelerId: string;
  /** The key's name (null once the key is deleted with its project). */
  labeler: string | null;
  /** Candidate ids, best first; null for a skip. */
  ranking: string[] | null;
  answeredAt: string;
}

/** Up to `limit` of the study's comparisons numbered after `after`, by number. */
export async function comparisonsForExport(
  q: Queryable,
  studyId: string,
  after: number,
  limit: number,
): Promise<ExportedComparisonRow[]> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT id, number, state, candidates, ranking, created_at, closed_at FROM comparisons
        WHERE study_id = ${studyId} AND number > ${after} ORDER BY number LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    number: Number(r.number),
    state: r.state as string,
    candidates: json<string[]>(r.candidates),
    ranking: json<string[] | null>(r.ranking ?? null),
    createdAt: iso(r.created_at)!,
    closedAt: iso(r.closed_at),
  }));
}

/** The answers to the comparisons, in the order they came. */
export async function answersForExport(
  q: Queryable,
  comparisonIds: string[],
): Promise<ExportedAnswerRow[]> {
  if (comparisonIds.length === 0) return [];
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT r.comparison_id, r.labeler_id, k.name, r.ranked, r.created_at FROM rankings r
          LEFT JOIN api_keys k ON k.id = r.labeler_id
        WHERE r.comparison_id = ANY(${`{${comparisonIds.join(",")}}`}::uuid[])
        ORDER BY r.created_at, r.id`,
  );
  return rows.map((r) => ({
    comparisonId: r.comparison_id as string,
    labelerId: r.labeler_id as string,
    labeler: (r.name as string | null) ?? null,
    ranking: json<string[] | null>(r.ranked ?? null),
    answeredAt: iso(r.created_at)!,
  }));
}
