/**
 * An sso study's features: the rows X the model reads, uploaded once (in as
 * many chunks as the client likes, each appended in one transaction, rows
 * numbered from 0 in upload order) or sent with a round. Data, stored in
 * the database (`sso_features`), never in the designer's state.
 *
 * A block is checked against the study's p before anything is written:
 * every row's width, the float32 block's byte length, finite values, and the
 * limits (values per request, rows per study), each a 422 naming its field.
 */
import {
  featureRowCount,
  featureRows,
  insertFeatureRows,
  lockSsoStudy,
} from "../../db/queries/sso.ts";
import { invalid, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import type { Queryable } from "../../db/client.ts";
import { studyMeta } from "../study_meta.ts";
import { type FeatureBlock, MAX_BLOCK_VALUES, MAX_FEATURE_ROWS } from "./schema.ts";
import { float64Bytes, float64s, requireRounds, setupOf } from "./study.ts";

/** Feature rows decoded: `rows` rows of `width` float64s, row-major. */
export interface DecodedBlock {
  rows: number;
  values: Float64Array;
}

/**
 * A client's block as float64 rows of `width`, checked (422s naming
 * `<field>.rows[i]`, `<field>.dataBase64` or `<field>.rowCount`).
 */
export function decodeBlock(block: FeatureBlock, width: number, field: string): DecodedBlock {
  const at = (name: string) => field ? `${field}.${name}` : name;
  if (block.rows) {
    const rows = block.rows.length;
    if (rows * width > MAX_BLOCK_VALUES) {
      throw invalid(
        at("rows"),
        "max_values",
        `${rows} rows of ${width} values; one request holds at most ${MAX_BLOCK_VALUES} values`,
      );
    }
    const values = new Float64Array(rows * width);
    block.rows.forEach((row, i) => {
      if (row.length !== width) {
        throw invalid(
          at(`rows[${i}]`),
          "width",
          `a row of this study has ${width} features, not ${row.length}`,
        );
      }
      values.set(row, i * width);
    });
    return { rows, values };
  }
  const rows = block.rowCount!;
  if (rows * width > MAX_BLOCK_VALUES) {
    throw invalid(
      at("rowCount"),
      "max_values",
      `${rows} rows of ${width} values; one request holds at most ${MAX_BLOCK_VALUES} values`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.fromBase64(block.dataBase64!, { lastChunkHandling: "strict" });
  } catch (error) {
    throw invalid(at("dataBase64"), "base64", `not base64: ${(error as Error).message}`);
  }
  const expected = rows * width * 4;
  if (bytes.byteLength !== expected) {
    throw invalid(
      at("dataBase64"),
      "byte_length",
      `${bytes.byteLength} bytes; ${rows} rows of ${width} float32s are ${expected}`,
    );
  }
  const aligned = new Uint8Array(expected);
  aligned.set(bytes);
  const values = Float64Array.from(new Float32Array(aligned.buffer));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw invalid(
      at("dataBase64"),
      "finite",
      `row ${Math.floor(bad / width)}, feature ${bad % width} is ${values[bad]}`,
    );
  }
  return { rows, values };
}

/** What uploadFeatures answers. */
export interface FeaturesView {
  /** The number of the first row appended. */
  firstRow: number;
  /** Rows appended by this request. */
  appended: number;
  /** The study's rows now. */
  rows: number;
  /** Features per row (p). */
  width: number;
}

/**
 * uploadFeatures: appends rows to an sso study's features, numbered from
 * the study's row count, in one transaction that holds the study's lock (so
 * concurrent uploads are numbered one after the other).
 */
export async function uploadFeatures(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  block: FeatureBlock,
): Promise<FeaturesView> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  return await q.transaction(async (tx) => {
    const locked = await lockSsoStudy(tx, projectId, studyId);
    if (!locked) throw notFound("study", studyId);
    const { dims } = setupOf(meta, locked.config);
    const width = dims.inputs;
    const { rows, values } = decodeBlock(block, width, "");
    const first = await featureRowCount(tx, studyId);
    if (first + rows > MAX_FEATURE_ROWS) {
      throw invalid(
        block.rows ? "rows" : "rowCount",
        "max_rows",
        `the study has ${first} rows; a study holds at most ${MAX_FEATURE_ROWS}`,
      );
    }
    await insertFeatureRows(tx, studyId, first, rows, width * 8, float64Bytes(values));
    return { firstRow: first, appended: rows, rows: first + rows, width };
  });
}

/**
 * The inputs X of a batch of uploaded rows, in the batch's order (b×p); a
 * 422 naming `rows[i]` for a row the study does not have.
 */
export async function batchInputs(
  q: Queryable,
  studyId: string,
  rows: readonly number[],
  width: number,
  field = "rows",
): Promise<Float64Array> {
  const found = await featureRows(q, studyId, rows);
  const x = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const data = found.get(rows[i]);
    if (!data) {
      throw invalid(`${field}[${i}]`, "known_row", `the study has no feature row ${rows[i]}`);
    }
    x.set(float64s(data), i * width);
  }
  return x;
}
