/**
 * Comparisons as the API shows them (see comparisons.ts; the rows the queries
 * read are db/records.ts's ComparisonRow).
 */
import type { Queryable } from "../db/client.ts";
import { paramsOfTrials } from "../db/queries/trials.ts";
import type { Params } from "../space/schema.ts";
import type { ComparisonRow, ComparisonState } from "../db/records.ts";
import type { Labeling } from "./study_schema.ts";
import type { StudyMeta } from "./study_meta.ts";

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
