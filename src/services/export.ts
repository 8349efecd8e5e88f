/**
 * exportTrials: every trial of a study as CSV or JSON Lines, streamed in
 * batches so a study of any size is exported in constant memory (the CSV
 * escaping and the batched stream are shared with the comparisons' export,
 * comparisons_export.ts).
 *
 * CSV is opened in spreadsheets, which run a cell that starts with =, +, -,
 * @, a tab or a carriage return as a formula (CSV injection): clientIds,
 * categorical values, reasons and parameter names are the clients' text. As
 * OWASP advises (and defusedcsv does), such a text cell is exported with a
 * leading single quote, which spreadsheets show as text; a number (-1.5, or
 * a text that is one) is left as it is. JSON Lines carries every value as
 * it is.
 */
import type { Database } from "../db/client.ts";
import { trialsAfter } from "../db/queries/trials.ts";
import type { ServiceContext } from "./context.ts";
import { findStudy } from "./studies.ts";
import { metaOf } from "./study_meta.ts";
import { type TrialView, trialView } from "./trial_rows.ts";

/** The export formats. */
export type ExportFormat = "csv" | "jsonl";

/** Trials fetched per query while streaming. */
const BATCH = 2000;

/** What a spreadsheet would run as a formula: text starting with =, +, -, @, tab or CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number, which spreadsheets read as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Quotes a CSV field when it needs it (RFC 4180), after prefixing text that
 * would start a formula with a single quote (see the module header).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: the cells, escaped (csvField), and a CRLF. */
export function csvLine(cells: unknown[]): string {
  return cells.map(csvField).join(",") + "\r\n";
}

/** The response's Content-Type of an export format. */
export function exportContentType(format: ExportFormat): string {
  return format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
}

/**
 * Text streamed in batches in constant memory: `header` first, then the
 * text of each batch of rows `read` returns after the last row's position,
 * until a batch comes back short. Nothing is read before the first pull.
 */
export function batchStream<R>(source: {
  header: string;
  read: (after: number, limit: number) => Promise<R[]>;
  position: (row: R) => number;
  text: (rows: R[]) => Promise<string> | string;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = -1;
  let headerSent = source.header === "";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      if (!headerSent) {
        text += source.header;
        headerSent = true;
      }
      const rows = await source.read(after, BATCH);
      if (rows.length > 0) {
        text += await source.text(rows);
        after = source.position(rows[rows.length - 1]);
      }
      if (text) controller.enqueue(encoder.encode(text));
      if (rows.length < BATCH) controller.close();
    },
  });
}

const FIXED = [
  "number",
  "id",
  "state",
  "clientId",
  "createdAt",
  "startedAt",
  "completedAt",
] as const;

/**
 * Opens a study's trials for export. Throws 404 before anything is streamed
 * when the study is not the project's.
 */
export async function exportTrials(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  format: ExportFormat,
): Promise<ReadableStream<Uint8Array>> {
  const meta = metaOf(ctx, await findStudy(db, projectId, studyId));
  const paramNames = meta.space.parameters.map((p) => p.name);
  const metricNames = meta.objective.metrics.map((m) => m.name);
  const line = (trial: TrialView): string => {
    if (format === "jsonl") return JSON.stringify(trial) + "\n";
    return csvLine([
      ...FIXED.map((k) => trial[k]),
      ...paramNames.map((n) => trial.params[n]),
      ...metricNames.map((n) => trial.values?.[n]),
      ...metricNames.map((n) => trial.variances?.[n]),
      trial.reason,
    ]);
  };
  return batchStream({
    header: format === "jsonl" ? "" : csvLine([
      ...FIXED,
      ...paramNames.map((n) => `params.${n}`),
      ...metricNames.map((n) => `values.${n}`),
      ...metricNames.map((n) => `variances.${n}`),
      "reason",
    ]),
    read: (after, limit) => trialsAfter(db, studyId, after, limit),
    position: (row) => row.number,
    text: (rows) => {
      const now = ctx.now();
      return rows.map((row) => line(trialView(row, now))).join("");
    },
  });
}
