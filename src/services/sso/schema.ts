/**
 * The bodies of the sso endpoints as clients write them, validated with zod;
 * the routes reuse these schemas, so the OpenAPI document and the validation
 * agree. Sizes that depend on the study (p, c, the round's rows) are checked
 * by the services, before any work, with 422s naming the field.
 */
import { z } from "zod";
import type { Rule } from "../../errors.ts";
import { MAX_ROUND_ROWS, MAX_SSO_WIDTH } from "../../algorithms/sso/config.ts";

/** The most rows one uploadFeatures request may append. */
export const MAX_UPLOAD_ROWS = 1_000_000;
/** The most values (rows × p) one request may send or one round may read. */
export const MAX_BLOCK_VALUES = 1 << 22;
/** The most feature rows a study may hold. */
export const MAX_FEATURE_ROWS = 100_000_000;

/** Feature rows: JSON numbers, or a base64 block of float32s with its row count. */
export const FeatureBlockSchema = z.strictObject({
  rows: z.array(z.array(z.number()).max(MAX_SSO_WIDTH)).min(1).max(MAX_UPLOAD_ROWS).optional()
    .describe("Rows of p numbers each"),
  dataBase64: z.string().min(1).describe(
    "The rows as float32, little-endian, row-major, base64 (RFC 4648): rowCount × p × 4 bytes",
  ).optional(),
  rowCount: z.number().int().min(1).max(MAX_UPLOAD_ROWS).optional().describe(
    "The rows in dataBase64",
  ),
}).superRefine((block, ctx) => {
  const issue = (path: string, message: string, rule: Rule) =>
    ctx.addIssue({ code: "custom", path: [path], message, params: { rule } });
  if ((block.rows === undefined) === (block.dataBase64 === undefined)) {
    issue("rows", "give either rows or dataBase64 (with rowCount)", "one_of");
  }
  if (block.dataBase64 !== undefined && block.rowCount === undefined) {
    issue("rowCount", "dataBase64 needs its rowCount", "required");
  }
  if (block.rows !== undefined && block.rowCount !== undefined) {
    issue("rowCount", "rowCount goes with dataBase64 only", "with_data_base64");
  }
});
/** Feature rows as a client sends them. */
export type FeatureBlock = z.infer<typeof FeatureBlockSchema>;

/** The body of startRound: at most one of batchSize, rows, features. */
export const StartRoundSchema = z.strictObject({
  batchSize: z.number().int().min(1).max(MAX_ROUND_ROWS).optional().describe(
    "Rows minima draws from the uploaded features (distinct, with the study's seeded RNG; at " +
      "most the rows uploaded). Default: the config's batchSize",
  ),
  rows: z.array(z.number().int().min(0)).min(1).max(MAX_ROUND_ROWS).optional().describe(
    "The uploaded rows to use, by number (from 0, in upload order)",
  ),
  features: FeatureBlockSchema.optional().describe(
    "The batch's own features, sent with the round (nothing need be uploaded)",
  ),
}).superRefine((body, ctx) => {
  const given = (["batchSize", "rows", "features"] as const).filter((k) => body[k] !== undefined);
  if (given.length > 1) {
    ctx.addIssue({
      code: "custom",
      path: [given[1]],
      message: `give one of batchSize, rows and features (also given: ${given[0]})`,
      params: { rule: "one_of" },
    });
  }
});
/** The body of startRound. */
export type StartRoundInput = z.infer<typeof StartRoundSchema>;

/** The body of completeRound. */
export const CompleteRoundSchema = z.strictObject({
  gradient: z.array(z.array(z.number()).max(MAX_SSO_WIDTH)).min(1).max(MAX_ROUND_ROWS).describe(
    "G = ∂ℓ/∂z at the round's targets: gradient[i] belongs to the round's row i (c numbers)",
  ),
  loss: z.number().optional().describe(
    "The client's loss ℓ at the round's targets, kept for the loss curve (listRounds)",
  ),
});
/** The body of completeRound. */
export type CompleteRoundInput = z.infer<typeof CompleteRoundSchema>;
