/**
 * What a designer learns from: reported trials turned into feedback.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Feedback, JsonValue, RankingFeedback, TrialRef } from "../algorithms/types.ts";
import { query, type Queryable } from "../db/client.ts";
import type { Params } from "../space/schema.ts";
import { json } from "./rows.ts";
import type { StudyMeta } from "./study_meta.ts";
import type { TrialRecord } from "./trial_rows.ts";

/**
 * A trial's columns as TRIAL_COLUMNS names them, with only what `feedbackOf`
 * reads; the client and the timestamps are null (thousands of reports a
 * second need not be read back with four timestamps each).
 */
const FEEDBACK_COLUMNS = sql.raw(
  `id, study_id AS "studyId", number, state, params, "values", variances, objective, reason, tag,
   NULL AS "clientId", NULL AS "createdAt", NULL AS "startedAt", NULL AS "completedAt",
   NULL AS "leaseExpiresAt"`,
);

/**
 * The trials queued for the study's designer (trial_feedback), each once, in
 * its current state, by number. With `consume` the queue is emptied by the
 * same statement: call it under the study's row lock.
 */
export function queuedTrials(studyId: string, consume: boolean): SQL {
  // `id = ANY(ARRAY(…))` and no other condition on trials: they are looked up by
  // primary key whatever the planner's statistics say (with `IN`, or with the
  // study as a condition, a study the last ANALYZE did not see could be read
  // whole through a study_id index at every suggestion). The queue holds only
  // this study's trials.
  // (A DELETE in WITH must be at the statement's top level.)
  const queue = consume
    ? sql`WITH q AS (DELETE FROM trial_feedback WHERE study_id = ${studyId} RETURNING trial_id)`
    : sql`WITH q AS (SELECT trial_id FROM trial_feedback WHERE study_id = ${studyId})`;
  return sql`${queue} SELECT ${FEEDBACK_COLUMNS} FROM trials
    WHERE id = ANY(ARRAY(SELECT trial_id FROM q)) ORDER BY number`;
}

/**
 * A statement that writes trials and returns their columns (with `id`,
 * `"studyId"`, `number` and `state`), extended to queue the rows it returns for the designer when
 * the study's algorithm learns; the rows are returned as before. `write` may
 * have a WITH of its own, but no data-modifying one (PostgreSQL allows those
 * only at the top level).
 */
export function queueingFeedback(write: SQL, learns: boolean): SQL {
  if (!learns) return write;
  return sql`WITH w AS (${write}),
    f AS (INSERT INTO trial_feedback (study_id, number, state, trial_id)
          SELECT "studyId", number, state, id FROM w
          ON CONFLICT DO NOTHING)
    SELECT * FROM w`;
}

/** Turns a reported trial into the designer's feedback (null while it is open). */
export function feedbackOf(meta: StudyMeta, trial: TrialRecord): Feedback | null {
  const ref = {
    trialId: trial.id,
    number: trial.number,
    point: meta.space.encode(trial.params),
    tag: (trial.tag ?? null) as JsonValue,
  };
  switch (trial.state) {
    case "COMPLETED": {
      const primary = meta.objective.metrics[0];
      const sign = primary.goal === "maximize" ? -1 : 1;
      const noiseVariance = trial.variances?.[primary.name];
      return {
        kind: "value",
        ...ref,
        loss: sign * trial.objective!,
        values: trial.values!,
        ...(noiseVariance === undefined ? {} : { noiseVariance }),
      };
    }
    case "INFEASIBLE":
      return { kind: "infeasible", ...ref, reason: trial.reason ?? undefined };
    case "FAILED":
    case "STALE":
      return { kind: "failed", ...ref, cause: trial.state };
    default:
      return null;
  }
}

/**
 * The closed comparisons the designer has not seen yet, as ranking feedback
 * (oldest first), marked seen. Called under the study's row lock.
 */
export async function pendingRankings(
  tx: Queryable,
  meta: StudyMeta,
  consume = true,
): Promise<RankingFeedback[]> {
  const closed = await query<{ id: string; candidates: unknown; ranking: unknown; number: number }>(
    tx,
    consume
      ? sql`UPDATE comparisons SET feedback_pending = FALSE
            WHERE study_id = ${meta.id} AND feedback_pending
            RETURNING id, number, candidates, ranking`
      : sql`SELECT id, number, candidates, ranking FROM comparisons
            WHERE study_id = ${meta.id} AND feedback_pending`,
  );
  if (closed.length === 0) return [];
  closed.sort((a, b) => Number(a.number) - Number(b.number));
  const ids = [...new Set(closed.flatMap((c) => json<string[]>(c.candidates)))];
  const trials = await query<{ id: string; number: number; params: unknown; tag: unknown }>(
    tx,
    sql`SELECT id, number, params, tag FROM trials WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
  );
  const refs = new Map<string, TrialRef>(trials.map((t) => [t.id, {
    trialId: t.id,
    number: Number(t.number),
    point: meta.space.encode(json<Params>(t.params)),
    tag: json<JsonValue>(t.tag ?? null),
  }]));
  return closed.map((c) => {
    const candidates = json<string[]>(c.candidates);
    const ranking = json<string[] | null>(c.ranking ?? null) ?? [];
    const rankedSet = new Set(ranking);
    return {
      kind: "ranking",
      comparisonId: c.id,
      ranked: ranking.map((id) => refs.get(id)!).filter((r) => r !== undefined),
      unranked: candidates.filter((id) => !rankedSet.has(id)).map((id) => refs.get(id)!)
        .filter((r) => r !== undefined),
    };
  });
}
