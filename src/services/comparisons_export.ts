/**
 * exportComparisons: every comparison of a study with its candidates, the
 * aggregated ranking, and each labeler's answer (who, what, when), as CSV or
 * JSON Lines, streamed in batches (export.ts's batchStream, csvField's
 * escaping of text a spreadsheet would run as a formula: labelers' names are
 * people's text). What the people said, kept apart from what the algorithm
 * made of it, for audits and for fitting other models to the same answers.
 *
 * JSON Lines: one comparison a line, its candidates with their params and
 * its `answers` in the order they came. CSV: one record per answer (a
 * comparison nobody answered: one record with the answer's cells empty);
 * lists of candidate ids are space-separated, best first where ranked; the
 * params are in the trials' export (a candidate's id is its trial's).
 */
import type { Database } from "../db/client.ts";
import {
  answersForExport,
  comparisonsForExport,
  type ExportedAnswerRow,
  type ExportedComparisonRow,
} from "../db/queries/comparison_export.ts";
import { paramsOfTrials } from "../db/queries/trials.ts";
import { labelingMeta } from "./comparisons.ts";
import type { ServiceContext } from "./context.ts";
import { batchStream, csvLine, type ExportFormat } from "./export.ts";

const CSV_COLUMNS = [
  "number",
  "id",
  "state",
  "createdAt",
  "closedAt",
  "candidates",
  "ranking",
  "labelerId",
  "labeler",
  "answer",
  "answerRanking",
  "answeredAt",
];

/** Space-separated ids (null stays empty). */
const ids = (list: string[] | null) => list === null ? null : list.join(" ");

/** The CSV records of one comparison: one per answer, or one with no answer. */
function csvRecords(c: ExportedComparisonRow, answers: ExportedAnswerRow[]): string {
  const fixed = [
    c.number,
    c.id,
    c.state,
    c.createdAt,
    c.closedAt,
    ids(c.candidates),
    ids(c.ranking),
  ];
  if (answers.length === 0) return csvLine([...fixed, null, null, null, null, null]);
  return answers.map((a) =>
    csvLine([
      ...fixed,
      a.labelerId,
      a.labeler,
      a.ranking === null ? "skip" : "ranking",
      ids(a.ranking),
      a.answeredAt,
    ])
  ).join("");
}

/**
 * Opens a study's comparisons for export: 404 for a study not the project's
 * and 409 for one without comparisons, both before anything is streamed.
 */
export async function exportComparisons(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  format: ExportFormat,
): Promise<ReadableStream<Uint8Array>> {
  await labelingMeta(ctx, db, projectId, studyId);
  return batchStream({
    header: format === "csv" ? csvLine(CSV_COLUMNS) : "",
    read: (after, limit) => comparisonsForExport(db, studyId, after, limit),
    position: (c) => c.number,
    text: async (comparisons) => {
      const answers = await answersForExport(db, comparisons.map((c) => c.id));
      const byComparison = Map.groupBy(answers, (a) => a.comparisonId);
      if (format === "csv") {
        return comparisons.map((c) => csvRecords(c, byComparison.get(c.id) ?? [])).join("");
      }
      const params = await paramsOfTrials(db, comparisons.flatMap((c) => c.candidates));
      return comparisons.map((c) =>
        JSON.stringify({
          number: c.number,
          id: c.id,
          state: c.state,
          createdAt: c.createdAt,
          closedAt: c.closedAt,
          candidates: c.candidates.map((id) => ({ id, params: params.get(id) ?? {} })),
          ranking: c.ranking,
          answers: (byComparison.get(c.id) ?? []).map((a) => ({
            labelerId: a.labelerId,
            labeler: a.labeler,
            ranking: a.ranking,
            skipped: a.ranking === null,
            answeredAt: a.answeredAt,
          })),
        }) + "\n"
      ).join("");
    },
  });
}
