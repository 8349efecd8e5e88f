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
import type {
  Designer,
  Feedback,
  JsonValue,
  Point,
  SuggestContext,
  Suggestion,
} from "../algorithms/types.ts";
import { type Database, query, type Queryable, type Transaction } from "../db/client.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { feedbackOf, pendingRankings } from "./feedback.ts";
import { newId } from "./ids.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";
import {
  TRIAL_COLUMNS,
  trialColumns,
  type TrialRecord,
  trialRecord,
  type TrialView,
  trialView,
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

/** A JSON column as a value, whichever driver read it. */
function jsonValue(raw: unknown): JsonValue {
  return (typeof raw === "string" ? JSON.parse(raw) : raw) as JsonValue;
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

/** Trial rows of a statement, by number. */
async function rows(q: Queryable, statement: ReturnType<typeof sql>): Promise<TrialRecord[]> {
  const records = (await query<Record<string, unknown>>(q, statement)).map(trialRecord);
  return records.sort((a, b) => a.number - b.number);
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

/**
 * When to ask again after a suggestion that handed out fewer trials than
 * asked (an algorithm waiting for its generation to be reported): the median
 * evaluation time of the study's last 50 completed trials, between 0.2 s and
 * 60 s; 1 s when there is no history.
 */
export async function retryAfterSeconds(q: Queryable, studyId: string): Promise<number> {
  const [row] = await query<{ seconds: unknown }>(
    q,
    sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS seconds
        FROM (SELECT extract(epoch FROM completed_at - started_at)::float8 AS seconds
              FROM trials
              WHERE study_id = ${studyId} AND state = 'COMPLETED' AND started_at IS NOT NULL
              ORDER BY number DESC LIMIT 50) AS recent`,
  );
  const seconds = row?.seconds === null || row?.seconds === undefined ? NaN : Number(row.seconds);
  if (!Number.isFinite(seconds)) return 1;
  return Math.round(Math.min(60, Math.max(0.2, seconds)) * 10) / 10;
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
  const prepared = meta.algorithm.offload && ctx.designers && meta.learns && !meta.labeling &&
      db === ctx.db
    ? await prepareDesigner(ctx, db, meta, total, clients, signal)
    : undefined;
  try {
    return await handOutBatch(ctx, db, meta, requests, prepared, signal);
  } catch (error) {
    if (!(error instanceof PreparedMismatch)) throw error;
    return await handOutBatch(ctx, db, meta, requests, undefined, signal);
  }
}

/** What a designer computed before the transaction (see prepareDesigner). */
interface Prepared {
  /** The study's algorithm_state_version it started from. */
  version: number;
  /** The trials it was fed, in the states it saw them in. */
  fed: { id: string; state: string }[];
  /** How many points it was asked for (it may have given fewer: a generation is out). */
  asked: number;
  /** The pending points it was told about, as a sorted list of JSON texts. */
  pending: string[];
  suggestions: Suggestion[];
  state: JsonValue;
}

/** Pending points as comparable text: each point's JSON, sorted. */
function pendingKey(points: Point[]): string[] {
  return points.map((p) => JSON.stringify(p)).sort();
}

/** The prepared points could not be used as they are: the batch is done again without them. */
class PreparedMismatch extends Error {}

/**
 * Restores the designer, feeds it the pending feedback and asks it for the
 * points the requests will need once waiting points (REQUESTED, STALE) have
 * served them, outside any transaction. Skipped (undefined) when a client
 * still holds trials (they are served per client) or nothing is needed; the
 * transaction then computes what it needs itself. If the transaction finds
 * another need, the points are not used (PreparedMismatch).
 */
async function prepareDesigner(
  ctx: ServiceContext,
  db: Database | Transaction,
  meta: StudyMeta,
  total: number,
  clients: string[],
  signal: AbortSignal,
): Promise<Prepared | undefined> {
  const now = sql`${ctx.now().toISOString()}::timestamptz`;
  // One snapshot: the state and the feedback it has not seen must be of the same moment.
  const [[study], [counts], reported, active, waiting] = await db.transaction(
    (tx) =>
      Promise.all([
        query<Record<string, unknown>>(
          tx,
          sql`SELECT state, algorithm_config AS "config", seed,
                algorithm_state AS "algorithmState", algorithm_state_version AS "version"
              FROM studies WHERE id = ${meta.id}`,
        ),
        // Trials the clients still hold: those requests are served per client (not prepared).
        query<{ held: unknown }>(
          tx,
          sql`SELECT count(*)::int AS held FROM trials
              WHERE study_id = ${meta.id} AND state = 'ACTIVE' AND lease_expires_at >= ${now}
                AND client_id IN (SELECT jsonb_array_elements_text(${
            JSON.stringify(clients)
          }::jsonb))`,
        ),
        rows(
          tx,
          sql`SELECT ${TRIAL_COLUMNS} FROM trials WHERE study_id = ${meta.id} AND feedback_pending`,
        ),
        // The points the transaction will count as pending: live ACTIVE trials, then the
        // waiting points it hands out first (REQUESTED, STALE, ACTIVE past their lease).
        query<{ params: unknown }>(
          tx,
          sql`SELECT params FROM trials WHERE study_id = ${meta.id} AND state = 'ACTIVE'
                AND (lease_expires_at IS NULL OR lease_expires_at >= ${now})
              ORDER BY number`,
        ),
        query<{ params: unknown }>(
          tx,
          sql`SELECT params FROM trials WHERE study_id = ${meta.id}
                AND (state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL)
                  OR (state = 'ACTIVE' AND lease_expires_at < ${now}))
              ORDER BY number LIMIT ${total}`,
        ),
      ]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  // Held trials are served per client (skipped here); waiting points go first, in order,
  // so the designer is asked for what they leave.
  if (!study || study.state !== "ACTIVE" || Number(counts.held) > 0) return undefined;
  const need = Math.max(0, total - waiting.length);
  if (need === 0) return undefined;
  const designer = ctx.designers!.open({
    algorithm: meta.algorithm.name,
    space: meta.space.spec,
    config: jsonValue(study.config),
    seed: Number(study.seed),
    state: jsonValue(study.algorithmState ?? null) ?? undefined,
  });
  try {
    const feedback = reported.map((t) => feedbackOf(meta, t)).filter((f) => f !== null);
    if (feedback.length) designer.update(feedback);
    const pending = [...active, ...waiting].map((r) =>
      meta.space.encode(jsonValue(r.params) as Params)
    );
    const suggestions = await designer.suggest(need, { pending, signal });
    return {
      version: Number(study.version),
      asked: need,
      pending: pendingKey(pending),
      fed: reported.map((t) => ({ id: t.id, state: t.state })),
      suggestions,
      state: designer.dump(),
    };
  } finally {
    designer.close();
  }
}

/**
 * A designer that hands out prepared points in order; it must hand out all
 * of them, or the transaction is done again without them.
 */
class PreparedDesigner implements Designer {
  #next = 0;
  constructor(readonly prepared: Prepared) {}
  suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]> {
    // The first call must see the pending points the prepared points were computed with.
    if (
      this.#next === 0 && pendingKey(ctx.pending).join("\n") !== this.prepared.pending.join("\n")
    ) {
      throw new PreparedMismatch();
    }
    const out = this.prepared.suggestions.slice(this.#next, this.#next + count);
    // Fewer than asked only when the designer itself gave fewer (a generation is out);
    // otherwise the transaction needs more points than were prepared.
    const { suggestions, asked } = this.prepared;
    if (out.length < count && suggestions.length === asked) throw new PreparedMismatch();
    this.#next += out.length;
    return Promise.resolve(out);
  }
  update(): void {}
  dump(): JsonValue {
    if (this.#next !== this.prepared.suggestions.length) throw new PreparedMismatch();
    return this.prepared.state;
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
        sql`UPDATE trials SET state = 'STALE', lease_expires_at = NULL,
              feedback_pending = ${meta.learns}
            WHERE id IN (SELECT id FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                         AND lease_expires_at < ${nowSql} ORDER BY id FOR NO KEY UPDATE)
              AND state = 'ACTIVE' AND lease_expires_at < ${nowSql}`,
      ),
      clients.length === 0 ? Promise.resolve([]) : rows(
        tx,
        sql`SELECT ${TRIAL_COLUMNS} FROM trials
            WHERE study_id = ${studyId} AND state = 'ACTIVE'
              AND client_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(clients)}::jsonb))
            ORDER BY number FOR NO KEY UPDATE`,
      ),
      // Oldest first: REQUESTED points, and STALE points not yet handed out again.
      rows(
        tx,
        sql`SELECT ${TRIAL_COLUMNS} FROM trials
            WHERE study_id = ${studyId}
              AND (state = 'REQUESTED' OR (state = 'STALE' AND retried_by IS NULL))
            ORDER BY number LIMIT ${total} FOR NO KEY UPDATE SKIP LOCKED`,
      ),
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
    const handOut = (a: Assignment) => {
      if (!assignments.has(a.id) && a.kind !== "renew" && meta.learns) {
        pending.push(meta.space.encode(a.params));
      }
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
            sql`UPDATE trials AS t SET feedback_pending = FALSE
                FROM jsonb_to_recordset(${JSON.stringify(prepared.fed)}::jsonb)
                  AS f(id uuid, state text)
                WHERE t.id = f.id AND t.study_id = ${studyId} AND t.state = f.state`,
          );
        }
        // Pending as the transaction path counts it (the check is in PreparedDesigner).
        const active = await query<{ params: unknown }>(
          tx,
          sql`SELECT params FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
              ORDER BY number`,
        );
        for (const r of active) pending.push(meta.space.encode(jsonValue(r.params) as Params));
        return new PreparedDesigner(prepared);
      }
      const options = {
        space: meta.space,
        config: jsonValue(locked.config),
        seed: Number(locked.seed),
        state: jsonValue(locked.algorithmState ?? null) ?? undefined,
      };
      const d = meta.algorithm.offload && ctx.designers
        ? (remote = ctx.designers.open({
          ...options,
          algorithm: meta.algorithm.name,
          space: meta.space.spec,
        }))
        : meta.algorithm.create(options);
      if (meta.learns) {
        const [reported, active] = await Promise.all([
          rows(
            tx,
            sql`UPDATE trials SET feedback_pending = FALSE
                WHERE study_id = ${studyId} AND feedback_pending RETURNING ${TRIAL_COLUMNS}`,
          ),
          query<{ params: unknown }>(
            tx,
            sql`SELECT params FROM trials WHERE study_id = ${studyId} AND state = 'ACTIVE'
                ORDER BY number`,
          ),
        ]);
        const feedback: Feedback[] = reported.map((t) => feedbackOf(meta, t))
          .filter((f) => f !== null);
        // Then the comparisons closed since (rankings; studies with labeling only).
        if (meta.labeling) feedback.push(...await pendingRankings(tx, meta));
        if (feedback.length) d.update(feedback);
        for (const r of active) pending.push(meta.space.encode(jsonValue(r.params) as Params));
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
      fresh.length === 0 ? Promise.resolve([]) : rows(
        tx,
        sql`INSERT INTO trials (id, study_id, number, state, params, tag, client_id, created_at,
              started_at, lease_expires_at)
            SELECT r.id, ${studyId}, r.number, 'ACTIVE', r.params, r.tag, r."clientId", ${nowSql},
              ${nowSql}, ${leaseSql}
            FROM jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
              AS r(id uuid, number int, params jsonb, tag jsonb, "clientId" text)`,
      ).then(() => fresh.map((a) => newRecord(a, studyId, now, leaseIso))),
      existing.length === 0 ? Promise.resolve([]) : rows(
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
