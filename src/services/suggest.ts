/**
 * suggestTrials: the one place trials are handed out.
 *
 * One transaction holds the study's row lock (FOR NO KEY UPDATE, so inserts
 * and completions of trials, which only need the key, never wait for it) and
 * serves one or more requests for the study, in order, exactly as if each had
 * its own transaction:
 * 1. ACTIVE trials past their lease become STALE;
 * 2. a client that still holds ACTIVE trials gets those back first (Vizier),
 *    with their leases renewed;
 * 3. then, oldest first, REQUESTED trials (points clients asked to have
 *    evaluated) and the points of STALE trials (each handed out again once,
 *    as a new trial);
 * 4. then the designer: restored from its saved state, fed what was reported
 *    since its last update, asked for the rest, and saved again.
 * All of it commits together or not at all. Serving several requests in one
 * transaction (see suggest_queue.ts) pays for the lock, the reads and the
 * commit once.
 */
import { sql } from "drizzle-orm";
import type { RemoteDesigner } from "../algorithms/remote/mod.ts";
import type { Designer, Feedback, JsonValue, Point } from "../algorithms/types.ts";
import { type Database, query, type Queryable, type Transaction } from "../db/client.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { openDesigner, runsRemotely, type SavedDesigner } from "./designers.ts";
import { feedbackOf, pendingRankings, queuedTrials, queueingFeedback } from "./feedback.ts";
import { newId } from "./ids.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";
import {
  type Prepared,
  PreparedDesigner,
  prepareDesigner,
  PreparedMismatch,
} from "./suggest_prepared.ts";
import {
  activeParams,
  TRIAL_COLUMNS,
  trialColumns,
  type TrialRecord,
  trialRows,
  type TrialView,
  trialView,
  waitingTrials,
} from "./trial_rows.ts";

/** What suggestTrials takes. */
export interface SuggestRequest {
  /** How many trials the client wants (1 to 1000). */
  count: number;
  /** The asking worker; it gets its own unfinished trials back first. */
  clientId?: string;
}

/** The most parameter values one suggestion may hand out (count × parameters). */
export const MAX_COORDINATES = 250_000;

/** A trial handed out by this transaction, to be written at its end. */
interface Assignment {
  id: string;
  number: number;
  params: Params;
  tag: JsonValue;
  clientId: string | null;
  /** New trial (insert) or an existing one (lease renewed, or REQUESTED → ACTIVE). */
  kind: "new" | "renew" | "start";
  /** For a new trial that hands out a STALE trial's point again. */
  retryOf: string | null;
}

/** A new trial's row as the INSERT writes it (no need to read it back). */
function newRecord(a: Assignment, studyId: string, now: Date, leaseIso: string): TrialRecord {
  const at = now.toISOString();
  return {
    id: a.id,
    studyId,
    number: a.number,
    state: "ACTIVE",
    params: a.params,
    values: null,
    variances: null,
    objective: null,
    reason: null,
    tag: a.tag,
    clientId: a.clientId,
    createdAt: at,
    startedAt: at,
    completedAt: null,
    leaseExpiresAt: leaseIso,
  };
}

/** Throws a 422 when a request would hand out too many parameter values. */
function checkCount(meta: StudyMeta, request: SuggestRequest): void {
  const dimension = Math.max(1, meta.space.dimension);
  if (request.count * dimension > MAX_COORDINATES) {
    throw invalid(
      "count",
      "max_coordinates",
      `at most ${MAX_COORDINATES} coordinates per request: ask for at most ${
        Math.max(1, Math.floor(MAX_COORDINATES / dimension))
      } trials of this ${meta.space.dimension}-parameter study at once`,
    );
  }
}

/** Checks a request against the study before it may wait for the lock. */
export async function checkSuggestRequest(
  db: Queryable,
  projectId: string,
  studyId: string,
  request: SuggestRequest,
): Promise<StudyMeta> {
  const meta = await studyMeta(db, projectId, studyId);
  checkCount(meta, request);
  return meta;
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
  const [answer] = await suggestBatch(ctx, db, projectId, studyId, [request], signal);
  return answer;
}

/**
 * Serves several requests for one study in one transaction, in order; the
 * answer for each is what it would get in a transaction of its own.
 */
export async function suggestBatch(
  ctx: ServiceContext,
  db: Database | Transaction,
  projectId: string,
  studyId: string,
  requests: SuggestRequest[],
  signal: AbortSignal,
): Promise<TrialView[][]> {
  const meta = await studyMeta(db, projectId, studyId);
  for (const r of requests) checkCount(meta, r);
  const total = requests.reduce((n, r) => n + r.count, 0);
  const clients = [...new Set(requests.map((r) => r.clientId).filter((c) => c !== undefined))];
  // A CPU-heavy designer (gp-bo) computes before the transaction, so the study's
  // lock (and PGlite's one connection) is not held while it fits; the
  // transaction then uses its points only if nothing changed in between.
  const prepared = runsRemotely(ctx, meta) && meta.learns && !meta.labeling && db === ctx.db
    ? await prepareDesigner(ctx, db, meta, total, clients, signal)
    : undefined;
  try {
    return await handOutBatch(ctx, db, meta, requests, prepared, signal);
  } catch (error) {
    if (!(error instanceof PreparedMismatch)) throw error;
    return await handOutBatch(ctx, db, meta, requests, undefined, signal);
  }
}

/** suggestBatch's transaction, with or without prepared points. */
async function handOutBatch(
  ctx: ServiceContext,
  db: Database | Transaction,
  meta: StudyMeta,
  requests: SuggestRequest[],
  prepared: Prepared | undefined,
  signal: AbortSignal,
): Promise<TrialView[][]> {
  const studyId = meta.id;
  const projectId = meta.projectId;
  const total = requests.reduce((n, r) => n + r.count, 0);
  const clients = [...new Set(requests.map((r) => r.clientId).filter((c) => c !== undefined))];
  return await db.transaction(async (tx) => {
    const now = ctx.now();
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const leaseIso = new Date(now.getTime() + meta.leaseSeconds * 1000).toISOString();
    const leaseSql = sql`${leaseIso}::timestamptz`;
    // Sent together, in this order (postgres.js pipelines them on the
    // transaction's connection; each `query` call sends its statement at
    // once): the row lock first, then leases, held and waiting trials.
    const [[locked], , held, waiting] = await Promise.all([
      query<Record<string, unknown>>(
        tx,
        sql`SELECT state, next_trial_number AS "nextTrialNumber", algorithm_config AS "config",
              seed, algorithm_state AS "algorithmState", algorithm_state_version AS "version"
            FROM studies WHERE id = ${studyId} AND project_id = ${projectId} FOR NO KEY UPDATE`,
      ),
      query(
        tx,
        queueingFeedback(
          sql`UPDATE trials SET state = 'STALE', lease_expires_at = NULL
              WHERE id IN (SELECT id FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                           AND lease_expires_at < ${nowSql} ORDER BY id FOR NO KEY UPDATE)
                AND state = 'ACTIVE' AND lease_expires_at < ${nowSql}
              RETURNING id, study_id AS "studyId", number, state`,
          meta.learns,
        ),
      ),
      // By number: trialRows sorts (no ORDER BY: see activeParams).
      clients.length === 0 ? Promise.resolve([]) : trialRows(
        tx,
        sql`SELECT ${TRIAL_COLUMNS} FROM trials
            WHERE study_id = ${studyId} AND state = 'ACTIVE'
              AND client_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(clients)}::jsonb))
            FOR NO KEY UPDATE`,
      ),
      // Oldest first: REQUESTED points, and STALE points not yet handed out again.
      trialRows(tx, sql`${waitingTrials(studyId, total)} FOR NO KEY UPDATE SKIP LOCKED`),
    ]);
    if (!locked) throw notFound("study", studyId);
    if (locked.state !== "ACTIVE") {
      throw conflict(`study is ${locked.state}: only ACTIVE studies hand out trials`);
    }
    const startNumber = Number(locked.nextTrialNumber);
    let next = startNumber;

    const holding = new Map<string, Assignment[]>();
    for (const t of held) {
      const list = holding.get(t.clientId!) ?? [];
      list.push({ ...t, tag: t.tag as JsonValue, kind: "renew", retryOf: null });
      holding.set(t.clientId!, list);
    }
    const assignments = new Map<string, Assignment>();
    const answers: Assignment[][] = [];
    // Points handed out and not yet reported, for designers that learn.
    const pending: Point[] = [];
    // Handed out by this transaction, encoded into `pending` only when the designer
    // is asked again (the last request's points are never needed).
    const handedOut: Params[] = [];
    const handOut = (a: Assignment) => {
      if (!assignments.has(a.id) && a.kind !== "renew" && meta.learns) handedOut.push(a.params);
      assignments.set(a.id, a);
      if (a.clientId !== null) {
        const list = holding.get(a.clientId) ?? [];
        if (!list.includes(a)) list.push(a);
        holding.set(a.clientId, list);
      }
    };
    let designer: Designer | undefined;
    let remote: RemoteDesigner | undefined;
    const restoreDesigner = async (): Promise<Designer> => {
      if (prepared) {
        if (prepared.version !== Number(locked.version)) throw new PreparedMismatch();
        // Only what it was fed is marked seen: a trial that changed since (a late
        // result for a STALE one) stays pending.
        if (prepared.fed.length) {
          await query(
            tx,
            sql`DELETE FROM trial_feedback AS q
                USING trials AS t, jsonb_to_recordset(${JSON.stringify(prepared.fed)}::jsonb)
                  AS f(id uuid, state text)
                WHERE q.study_id = ${studyId} AND q.trial_id = f.id AND t.id = f.id
                  AND t.state = f.state`,
          );
        }
        // Pending as the transaction path counts it (the check is in PreparedDesigner).
        for (const r of await activeParams(tx, studyId)) pending.push(meta.space.encode(r.params));
        return new PreparedDesigner(prepared);
      }
      const d = openDesigner(ctx, meta, locked as unknown as SavedDesigner);
      if (runsRemotely(ctx, meta)) remote = d as RemoteDesigner;
      if (meta.learns) {
        const [, reported, active] = await Promise.all([
          // The queue is read by a plain index scan, which marks the entries of reports
          // handed over earlier as dead in the index (a bitmap scan would visit every one
          // of them in the table at every suggestion until the next vacuum).
          query(tx, sql`SET LOCAL enable_bitmapscan = off`),
          trialRows(tx, queuedTrials(studyId, true)),
          activeParams(tx, studyId),
        ]);
        const feedback: Feedback[] = reported.map((t) => feedbackOf(meta, t))
          .filter((f) => f !== null);
        // Then the comparisons closed since (rankings; studies with labeling only).
        if (meta.labeling) feedback.push(...await pendingRankings(tx, meta));
        if (feedback.length) d.update(feedback);
        for (const r of active) pending.push(meta.space.encode(r.params));
      }
      return d;
    };
    try {
      // Each request in order, as if alone: held trials, waiting points, then the designer.
      for (const request of requests) {
        const client = request.clientId ?? null;
        const answer = client === null ? [] : (holding.get(client) ?? []).slice(0, request.count);
        while (answer.length < request.count && waiting.length > 0) {
          const t = waiting.shift()!;
          answer.push(
            t.state === "REQUESTED"
              ? { ...t, tag: t.tag as JsonValue, clientId: client, kind: "start", retryOf: null }
              : {
                id: newId(),
                number: next++,
                params: t.params,
                tag: (t.tag ?? null) as JsonValue,
                clientId: client,
                kind: "new",
                retryOf: t.id,
              },
          );
        }
        const need = request.count - answer.length;
        if (need > 0) {
          designer ??= await restoreDesigner();
          for (const a of answer) handOut(a);
          for (const params of handedOut.splice(0)) pending.push(meta.space.encode(params));
          const suggestions = await designer.suggest(need, { pending, signal });
          for (const s of suggestions.slice(0, need)) {
            answer.push({
              id: newId(),
              number: next++,
              params: meta.space.decode(s.point),
              tag: s.tag ?? null,
              clientId: client,
              kind: "new",
              retryOf: null,
            });
          }
        }
        for (const a of answer) handOut(a);
        answers.push(answer);
      }
    } finally {
      remote?.close();
    }
    const state = designer?.dump();

    const all = [...assignments.values()];
    const fresh = all.filter((a) => a.kind === "new");
    const existing = all.filter((a) => a.kind !== "new");
    const retries = fresh.filter((a) => a.retryOf !== null);
    // The trials and the study's new state, sent together.
    const [inserted, updated] = await Promise.all([
      fresh.length === 0 ? Promise.resolve([]) : trialRows(
        tx,
        sql`INSERT INTO trials (id, study_id, number, state, params, tag, client_id, created_at,
              started_at, lease_expires_at)
            SELECT r.id, ${studyId}, r.number, 'ACTIVE', r.params, r.tag, r."clientId", ${nowSql},
              ${nowSql}, ${leaseSql}
            FROM jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
              AS r(id uuid, number int, params jsonb, tag jsonb, "clientId" text)`,
      ).then(() => fresh.map((a) => newRecord(a, studyId, now, leaseIso))),
      existing.length === 0 ? Promise.resolve([]) : trialRows(
        tx,
        sql`UPDATE trials AS t SET lease_expires_at = ${leaseSql}, state = 'ACTIVE',
              client_id = r."clientId",
              started_at = CASE WHEN r.kind = 'start' THEN ${nowSql} ELSE t.started_at END
            FROM jsonb_to_recordset(${JSON.stringify(existing)}::jsonb)
              AS r(id uuid, kind text, "clientId" text)
            WHERE t.id = r.id AND t.study_id = ${studyId}
            RETURNING ${trialColumns("t")}`,
      ),
      retries.length === 0 ? undefined : query(
        tx,
        sql`UPDATE trials AS t SET retried_by = r.id
            FROM jsonb_to_recordset(${JSON.stringify(retries)}::jsonb)
              AS r(id uuid, "retryOf" uuid)
            WHERE t.id = r."retryOf" AND t.study_id = ${studyId}`,
      ),
      state === undefined && next === startNumber ? undefined : query(
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
    const written = new Map([...inserted, ...updated].map((t) => [t.id, t]));
    return answers.map((answer) => answer.map((a) => trialView(written.get(a.id)!, now)));
  });
}
