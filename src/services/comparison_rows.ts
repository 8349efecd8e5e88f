/**
 * Comparisons as rows and as the API shows them (see comparisons.ts).
 */
import type { Queryable } from "../db/client.ts";
import { paramsOfTrials } from "../db/queries/trials.ts";
import type { Params } from "../space/schema.ts";
import { iso, json } from "./rows.ts";
import type { Labeling } from "./study_schema.ts";
import type { StudyMeta } from "./study_meta.ts";

/** A comparison's lifecycle state. */
export type ComparisonState = "OPEN" | "RANKED" | "SKIPPED";

/** A candidate as labelers see it. */
export interface CandidateView {
  /** The candidate's id (its trial's id). */
  id: string;
  params: Params;
  /** Where its image is, when the study has a renderer. */
  renderingUrl: string | null;
}

/** A comparison as the API shows it. */
export interface ComparisonView {
  id: string;
  studyId: string;
  number: number;
  state: ComparisonState;
  /** The candidates, in the order labelers see them. */
  candidates: CandidateView[];
  /** How many candidate ids a ranking lists, best first. */
  rankingLength: number;
  rankingsNeeded: number;
  rankingsReceived: number;
  skips: number;
  /** Whether the caller holds it, and until when. */
  heldByYou: boolean;
  holdExpiresAt: string | null;
  /** The aggregated ranking (candidate ids, best first), once RANKED. */
  ranking: string[] | null;
  /** Whether the caller has answered it (ranked or skipped). */
  answeredByYou: boolean;
  createdAt: string;
  closedAt: string | null;
}

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

/** How many ids a ranking of `n` candidates lists. */
export function rankingLength(labeling: Labeling, n: number): number {
  return Math.min(labeling.topK ?? n, n);
}

/** Comparison rows as the API shows them to `labelerId` at `now`. */
export async function views(
  q: Queryable,
  meta: StudyMeta,
  rows: ComparisonRow[],
  labelerId: string,
  now: Date,
): Promise<ComparisonView[]> {
  const labeling = meta.labeling!;
  const params = await paramsOfTrials(q, [...new Set(rows.flatMap((r) => r.candidates))]);
  return rows.map((row) => {
    const held = row.heldBy === labelerId && row.holdExpiresAt !== null &&
      Date.parse(row.holdExpiresAt) >= now.getTime();
    return {
      id: row.id,
      studyId: row.studyId,
      number: row.number,
      state: row.state,
      candidates: row.candidates.map((id) => ({
        id,
        params: params.get(id) ?? {},
        renderingUrl: labeling.renderer
          ? `/v1/studies/${row.studyId}/comparisons/${row.id}/candidates/${id}/rendering`
          : null,
      })),
      rankingLength: rankingLength(labeling, row.candidates.length),
      rankingsNeeded: labeling.rankingsPerComparison,
      rankingsReceived: row.ranked,
      skips: row.skips,
      heldByYou: held,
      holdExpiresAt: row.state === "OPEN" && row.heldBy !== null ? row.holdExpiresAt : null,
      ranking: row.ranking,
      answeredByYou: row.answeredByMe,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
    };
  });
}
