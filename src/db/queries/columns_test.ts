/**
 * The derived select lists say what the hand-written ones said (the text
 * of the lists before they were derived from schema.ts, whitespace aside).
 */
import assert from "node:assert/strict";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { comparisonColumns, FEEDBACK_COLUMNS, TRIAL_COLUMNS, trialColumns } from "./columns.ts";

const dialect = new PgDialect();
const text = (statement: SQL) => dialect.sqlToQuery(statement).sql.replace(/\s+/g, " ").trim();
const squeeze = (s: string) => s.replace(/\s+/g, " ").trim();

Deno.test("trial columns are the hand-written list", () => {
  const by = (a: string) =>
    squeeze(`${a}id, ${a}study_id AS "studyId", ${a}number, ${a}state, ${a}params, ${a}"values",
     ${a}variances, ${a}objective, ${a}reason, ${a}tag, ${a}client_id AS "clientId",
     ${a}created_at AS "createdAt", ${a}started_at AS "startedAt",
     ${a}completed_at AS "completedAt", ${a}lease_expires_at AS "leaseExpiresAt"`);
  assert.equal(text(TRIAL_COLUMNS), by(""));
  assert.equal(text(trialColumns("t")), by("t."));
});

Deno.test("feedback columns are the hand-written list", () => {
  assert.equal(
    text(FEEDBACK_COLUMNS),
    squeeze(
      `id, study_id AS "studyId", number, state, params, "values", variances, objective, reason, tag,
   NULL AS "clientId", NULL AS "createdAt", NULL AS "startedAt", NULL AS "completedAt",
   NULL AS "leaseExpiresAt"`,
    ),
  );
});

Deno.test("comparison columns are the hand-written list", () => {
  const { sql, params } = dialect.sqlToQuery(
    comparisonColumns("00000000-0000-0000-0000-000000000001"),
  );
  assert.deepEqual(params, ["00000000-0000-0000-0000-000000000001"]);
  assert.equal(
    squeeze(sql),
    squeeze(`c.id, c.study_id AS "studyId", c.number, c.state, c.candidates,
    c.held_by AS "heldBy", c.hold_expires_at AS "holdExpiresAt", c.ranking,
    c.feedback_pending AS "feedbackPending", c.created_at AS "createdAt", c.closed_at AS "closedAt",
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND NOT r.skipped)::int AS ranked,
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND r.skipped)::int AS skips,
    EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
            AND r.labeler_id = $1::uuid) AS "answeredByMe"`),
  );
});
