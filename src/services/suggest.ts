/**
 * suggestTrials: the one place trials are handed out.
 *
 * One transaction holds the study's row lock (FOR NO KEY UPDATE, so inserts
 * and completions of trials, which only need the key, never wait for it):
 * 1. ACTIVE trials past their lease become STALE;
 * 2. a client that still holds ACTIVE trials gets those back first (Vizier);
 * 3. then, oldest first, REQUESTED trials (points clients asked to have
 *    evaluated) and the points of STALE trials (each handed out again once,
 *    as a new trial);
 * 5. then the designer: restored from its saved state, fed what was reported
 *    since its last update, asked for the rest, and saved again.
 * All of it commits together or not at all.
 */
import { sql } from "drizzle-orm";
import type { Feedback, JsonValue, Point } from "../algorithms/types.ts";
import { query, type Transaction } from "../db/client.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { newId } from "./ids.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";
import {
  TRIAL_COLUMNS,
  type TrialRecord,
  trialRecord,
  type TrialView,
  trialView,
} from "./trial_rows.ts";
import type { Database } from "../db/client.ts";

/** What suggestTrials takes. */
export interface SuggestRequest {
  /** How many trials the client wants (1 to 1000). */
  count: number;
  /** The asking worker; it gets its own unfinished trials back first. */
  clientId?: string;
}

/** The most parameter values one suggestion may hand out (count × parameters). */
export const MAX_COORDINATES = 250_000;

/** Turns a reported trial into the designer's feedback. */
export function feedbackOf(meta: StudyMeta, trial: TrialRecord): Feedback | null {
  const ref = {
    trialId: trial.id,
    number: trial.number,
    point: meta.space.encode(trial.params),
    tag: (trial.tag ?? null) as JsonValue,
  };
  switch (trial.state) {
    case "COMPLETED": {
      const sign = meta.objective.metrics[0].goal === "maximize" ? -1 : 1;
      return { kind: "value", ...ref, loss: sign * trial.objective!, values: trial.values! };
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

interface NewRow {
  id: string;
  number: number;
  params: Params;
  tag: JsonValue;
  retryOf: string | null;
}

/** A JSON column as a value, whichever driver read it. */
function jsonValue(raw: unknown): JsonValue {
  return (typeof raw === "string" ? JSON.parse(raw) : raw) as JsonValue;
}

/** Trial rows of a statement, by number (RETURNING has no order of its own). */
async function rows(tx: Transaction, statement: ReturnType<typeof sql>): Promise<TrialRecord[]> {
  const records = (await query<Record<string, unknown>>(tx, statement)).map(trialRecord);
  return records.sort((a, b) => a.number - b.number);
}

/** Hands out up to `count` trials of a study; see the module's comment. */
export async function suggestTrials(
  ctx: ServiceContext,
  db: Database | Transaction,
  projectId: string,
  studyId: string,
  request: SuggestRequest,
  signal: AbortSignal,
): Promise<TrialView[]> {
  const known = await studyMeta(db, projectId, studyId);
  if (request.count * Math.max(1, known.space.dimension) > MAX_COORDINATES) {
    throw invalid(
      "count",
      "max_coordinates",
      `at most ${MAX_COORDINATES} coordinates per request: ask for at most ${
        Math.max(1, Math.floor(MAX_COORDINATES / known.space.dimension))
      } trials of this ${known.space.dimension}-parameter study at once`,
    );
  }
  return await db.transaction(async (tx) => {
    const meta = known;
    const now = ctx.now();
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const leaseSql = sql`${
      new Date(now.getTime() + meta.leaseSeconds * 1000).toISOString()
    }::timestamptz`;
    const client = request.clientId ?? null;
    // Sent together, in this order (postgres.js pipelines them on the
    // transaction's connection; each `query` call sends its statement at
    // once): the row lock first, then leases, held and waiting trials.
    const [[locked], , held, candidates] = await Promise.all([
      query<Record<string, unknown>>(
        tx,
        sql`SELECT state, next_trial_number AS "nextTrialNumber", algorithm_config AS "config",
              seed, algorithm_state AS "algorithmState"
            FROM studies WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
      ),
      query(
        tx,
        sql`UPDATE trials SET state = 'STALE', lease_expires_at = NULL,
              feedback_pending = ${meta.learns}
            WHERE id IN (SELECT id FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                         AND lease_expires_at < ${nowSql} ORDER BY id FOR NO KEY UPDATE)
              AND state = 'ACTIVE' AND lease_expires_at < ${nowSql}`,
      ),
      client === null ? Promise.resolve([]) : rows(
        tx,
        sql`UPDATE trials SET lease_expires_at = ${leaseSql}
            WHERE id IN (SELECT id FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                         AND client_id = ${client} ORDER BY number LIMIT ${request.count})
              AND state = 'ACTIVE' AND client_id = ${client}
            RETURNING ${TRIAL_COLUMNS}`,
      ),
      // Oldest first: REQUESTED points, and STALE points not yet handed out again.
      rows(
        tx,
        sql`SELECT ${TRIAL_COLUMNS} FROM trials
            WHERE study_id = ${studyId}
              AND (state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL))
            ORDER BY number LIMIT ${request.count} FOR NO KEY UPDATE SKIP LOCKED`,
      ),
    ]);
    const study = locked && {
      state: locked.state as string,
      nextTrialNumber: Number(locked.nextTrialNumber),
      algorithmConfig: jsonValue(locked.config),
      seed: Number(locked.seed),
      algorithmState: jsonValue(locked.algorithmState ?? null),
    };
    if (!study) throw notFound("study", studyId);
    if (study.state !== "ACTIVE") {
      throw conflict(`study is ${study.state}: only ACTIVE studies hand out trials`);
    }
    const out: TrialRecord[] = [...held];
    const fresh: NewRow[] = [];
    let next = study.nextTrialNumber;
    if (out.length < request.count) {
      const waiting = candidates.slice(0, request.count - out.length);
      const requested = waiting.filter((t) => t.state === "REQUESTED").map((t) => t.id);
      if (requested.length > 0) {
        out.push(
          ...await rows(
            tx,
            sql`UPDATE trials SET state = 'ACTIVE', client_id = ${client}, started_at = ${nowSql},
                  lease_expires_at = ${leaseSql}
                WHERE study_id = ${studyId} AND state = 'REQUESTED'
                  AND id IN (SELECT jsonb_array_elements_text(${
              JSON.stringify(requested)
            }::jsonb)::uuid)
                RETURNING ${TRIAL_COLUMNS}`,
          ),
        );
      }
      for (const trial of waiting.filter((t) => t.state === "STALE")) {
        fresh.push({
          id: newId(),
          number: next++,
          params: trial.params,
          tag: (trial.tag ?? null) as JsonValue,
          retryOf: trial.id,
        });
      }
    }
    let state: JsonValue | undefined;
    const need = request.count - out.length - fresh.length;
    if (need > 0) {
      const designer = meta.algorithm.create({
        space: meta.space,
        config: study.algorithmConfig,
        seed: study.seed,
        state: (study.algorithmState ?? undefined) as JsonValue | undefined,
      });
      let pending: Point[] = [];
      if (meta.learns) {
        const [reported, active] = await Promise.all([
          rows(
            tx,
            sql`UPDATE trials SET feedback_pending = FALSE
                WHERE study_id = ${studyId} AND feedback_pending RETURNING ${TRIAL_COLUMNS}`,
          ),
          query<{ params: unknown }>(
            tx,
            sql`SELECT params FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'`,
          ),
        ]);
        const feedback = reported.map((t) => feedbackOf(meta, t)).filter((f) => f !== null);
        if (feedback.length) designer.update(feedback);
        pending = [
          ...active.map((r) =>
            meta.space.encode(
              (typeof r.params === "string" ? JSON.parse(r.params) : r.params) as Params,
            )
          ),
          ...fresh.map((f) => meta.space.encode(f.params)),
        ];
      }
      const suggestions = await designer.suggest(need, { pending, signal });
      for (const s of suggestions.slice(0, need)) {
        fresh.push({
          id: newId(),
          number: next++,
          params: meta.space.decode(s.point),
          tag: s.tag ?? null,
          retryOf: null,
        });
      }
      state = designer.dump();
    }
    // The new trials and the study's new state, sent together.
    const retries = fresh.filter((f) => f.retryOf !== null);
    const [inserted] = await Promise.all([
      fresh.length === 0 ? Promise.resolve([]) : rows(
        tx,
        sql`INSERT INTO trials (id, study_id, number, state, params, tag, client_id, created_at,
              started_at, lease_expires_at)
            SELECT r.id, ${studyId}, r.number, 'ACTIVE', r.params, r.tag, ${client}, ${nowSql},
              ${nowSql}, ${leaseSql}
            FROM jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
              AS r(id uuid, number int, params jsonb, tag jsonb)
            RETURNING ${TRIAL_COLUMNS}`,
      ),
      retries.length === 0 ? undefined : query(
        tx,
        sql`UPDATE trials AS t SET retried_by = r.id
            FROM jsonb_to_recordset(${JSON.stringify(retries)}::jsonb)
              AS r(id uuid, "retryOf" uuid)
            WHERE t.id = r."retryOf" AND t.study_id = ${studyId}`,
      ),
      state === undefined && next === study.nextTrialNumber ? undefined : query(
        tx,
        sql`UPDATE studies SET next_trial_number = ${next},
              updated_at = ${nowSql},
              algorithm_state = coalesce(${
          state === undefined ? null : JSON.stringify(state)
        }::jsonb,
                algorithm_state),
              algorithm_state_version = algorithm_state_version + ${state === undefined ? 0 : 1}
            WHERE id = ${studyId}`,
      ),
    ]);
    out.push(...inserted);
    return out.map((t) => trialView(t, now));
  });
}
