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
 * New trials (2 is not new) go out only while the study's stop conditions
 * leave room (study_stops.ts): a request is trimmed to what maxTrials
 * leaves, the hand-out of the last slot completes the study, and a request
 * that gets nothing from a complete study is answered a study-complete 409.
 * All of it commits together or not at all, and not at all when the
 * caller's signal was aborted before the writes (every caller disconnected). Serving several requests in one
 * transaction (see suggest_queue.ts) pays for the lock, the reads and the
 * commit once.
 */
import type { DesignerHandle } from "../algorithms/handle.ts";
import type { JsonValue, Point } from "../algorithms/types.ts";
import type { Database, Queryable, Transaction } from "../db/client.ts";
import {
  activateTrials,
  expireLeases,
  forgetFed,
  insertActiveTrials,
  lockHeldTrials,
  lockStudyForSuggest,
  lockWaitingTrials,
  markRetried,
  saveSuggestion,
} from "../db/queries/suggest.ts";
import { activeParams } from "../db/queries/trials.ts";
import { countBudgetTrials, markStudyCompleted } from "../db/queries/study_stops.ts";
import { conflict, invalid, notFound, Problem } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { ask, computesBeforeLock, readUnseen, restore } from "./designer_session.ts";
import { newId } from "./ids.ts";
import { type StudyMeta, trialStudyMeta } from "./study_meta.ts";
import {
  budgetAt,
  type Completion,
  type StopFacts,
  stopFactsOfLocked,
  type StopNote,
  stopNote,
  studyCompleteProblem,
} from "./study_stops.ts";
import {
  type Prepared,
  PreparedDesigner,
  prepareDesigner,
  PreparedMismatch,
} from "./suggest_prepared.ts";
import { type TrialRecord } from "../db/records.ts";
import { type TrialView, trialView } from "./trial_rows.ts";

/** What suggestTrials takes. */
export interface SuggestRequest {
  /** How many trials the client wants (1 to 1000). */
  count: number;
  /** The asking worker; it gets its own unfinished trials back first. */
  clientId?: string;
}

/**
 * What one request gets: its trials, and `stop` when a stop condition cut
 * them short; `refused` (a study-complete 409) when it gets none from a
 * complete study.
 */
export interface SuggestAnswer {
  trials: TrialView[];
  stop?: StopNote;
  refused?: Problem;
}

/** What handOutBatch's transaction decided about the stop conditions. */
interface StopOutcome {
  facts: StopFacts;
  /** The study's completion, if it is complete now. */
  completion: Completion | null;
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

/** A problem for a suggestion whose every caller gave up (499: nobody reads it). */
export function cancelled(): Problem {
  return new Problem("cancelled", "the suggestion was cancelled: its caller disconnected");
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

/**
 * Checks a request against the study before it may wait for the lock (a
 * study that learns from rounds is a 409 here: see requireTrials).
 */
export async function checkSuggestRequest(
  ctx: ServiceContext,
  db: Queryable,
  projectId: string,
  studyId: string,
  request: SuggestRequest,
): Promise<StudyMeta> {
  const meta = await trialStudyMeta(ctx, db, projectId, studyId);
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
): Promise<SuggestAnswer> {
  const [answer] = await suggestBatch(ctx, db, projectId, studyId, [request], signal);
  if (answer.refused) throw answer.refused;
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
): Promise<SuggestAnswer[]> {
  const meta = await trialStudyMeta(ctx, db, projectId, studyId);
  for (const r of requests) checkCount(meta, r);
  const total = requests.reduce((n, r) => n + r.count, 0);
  const clients = [...new Set(requests.map((r) => r.clientId).filter((c) => c !== undefined))];
  // A CPU-heavy designer (gp-bo) computes before the transaction, so the study's
  // lock (and PGlite's one connection) is not held while it fits; the
  // transaction then uses its points only if nothing changed in between.
  const prepared = computesBeforeLock(ctx, meta, db)
    ? await prepareDesigner(ctx, db, meta, total, clients, signal)
    : undefined;
  let handed: { answers: Handed[]; stops: StopOutcome };
  try {
    handed = await handOutBatch(ctx, db, meta, requests, prepared, signal);
  } catch (error) {
    if (!(error instanceof PreparedMismatch)) throw error;
    if (ctx.counters) ctx.counters.preparedRedos++;
    handed = await handOutBatch(ctx, db, meta, requests, undefined, signal);
  }
  const { facts, completion } = handed.stops;
  let refusal: Problem | undefined;
  const refused = async (c: Completion) =>
    refusal ??= await studyCompleteProblem(
      db,
      { id: meta.id, goal: meta.objective.metrics[0].goal },
      facts,
      c,
    );
  const answers: SuggestAnswer[] = [];
  for (const { trials, cut, asked } of handed.answers) {
    if (cut && trials.length === 0 && completion) {
      answers.push({ trials, refused: await refused(completion) });
    } else if (cut) answers.push({ trials, stop: stopNote(facts, cut, asked, trials.length) });
    else answers.push({ trials });
  }
  return answers;
}

/** One request's trials as handOutBatch gives them: `cut` names the condition that cut them short. */
interface Handed {
  trials: TrialView[];
  asked: number;
  cut?: Completion["reason"];
}

/** suggestBatch's transaction, with or without prepared points. */
async function handOutBatch(
  ctx: ServiceContext,
  db: Database | Transaction,
  meta: StudyMeta,
  requests: SuggestRequest[],
  prepared: Prepared | undefined,
  signal: AbortSignal,
): Promise<{ answers: Handed[]; stops: StopOutcome }> {
  const studyId = meta.id;
  const total = requests.reduce((n, r) => n + r.count, 0);
  const clients = [...new Set(requests.map((r) => r.clientId).filter((c) => c !== undefined))];
  return await db.transaction(async (tx) => {
    const now = ctx.now();
    const leaseIso = new Date(now.getTime() + meta.leaseSeconds * 1000).toISOString();
    // Sent together, in this order: the row lock first, then leases, the trials that count
    // toward maxTrials (once leases have expired), held and waiting trials.
    const [locked, , counted, held, waiting] = await Promise.all([
      lockStudyForSuggest(tx, meta.projectId, studyId),
      expireLeases(tx, studyId, now, meta.learns),
      countBudgetTrials(tx, studyId),
      lockHeldTrials(tx, studyId, clients),
      lockWaitingTrials(tx, studyId, total),
    ]);
    if (!locked) throw notFound("study", studyId);
    if (locked.state === "PAUSED") {
      throw conflict(`study is ${locked.state}: only ACTIVE studies hand out trials`);
    }
    const facts = stopFactsOfLocked(locked);
    // New trials this transaction may still hand out (0 when the study is complete).
    let { completion, remaining } = budgetAt(facts, counted, now);
    const completedBefore = completion !== null && facts.state === "COMPLETED";
    const startNumber = Number(locked.nextTrialNumber);
    let next = startNumber;

    const holding = new Map<string, Assignment[]>();
    for (const t of held) {
      const list = holding.get(t.clientId!) ?? [];
      list.push({ ...t, tag: t.tag as JsonValue, kind: "renew", retryOf: null });
      holding.set(t.clientId!, list);
    }
    const assignments = new Map<string, Assignment>();
    const answers: { answer: Assignment[]; asked: number; cut?: Completion["reason"] }[] = [];
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
    // The designer session: restored and fed once, when a request first needs it.
    let designer: DesignerHandle | undefined;
    const restoreDesigner = async (): Promise<DesignerHandle> => {
      if (prepared) {
        if (prepared.version !== Number(locked.version)) throw new PreparedMismatch();
        // Pending as the transaction path counts it (the check is in PreparedDesigner).
        const [, active] = await Promise.all([
          forgetFed(tx, studyId, prepared.fed),
          activeParams(tx, studyId),
        ]);
        for (const r of active) pending.push(meta.space.encode(r.params));
        return new PreparedDesigner(prepared);
      }
      const [unseen, active] = await Promise.all([
        readUnseen(tx, meta, true),
        meta.learns ? activeParams(tx, studyId) : Promise.resolve([]),
      ]);
      for (const r of active) pending.push(meta.space.encode(r.params));
      return await restore(ctx, tx, meta, locked, unseen);
    };
    try {
      // Each request in order, as if alone: held trials, waiting points, then the designer.
      for (const request of requests) {
        const client = request.clientId ?? null;
        const answer = client === null ? [] : (holding.get(client) ?? []).slice(0, request.count);
        // Held trials cost nothing; new ones only what the stop conditions leave.
        const room = Math.min(request.count, answer.length + remaining);
        const heldCount = answer.length;
        while (answer.length < room && waiting.length > 0) {
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
        const need = room - answer.length;
        if (need > 0) {
          designer ??= await restoreDesigner();
          for (const a of answer) handOut(a);
          for (const params of handedOut.splice(0)) pending.push(meta.space.encode(params));
          for (const s of (await ask(ctx, designer, need, pending, signal)).slice(0, need)) {
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
        remaining -= answer.length - heldCount;
        if (remaining === 0 && completion === null) {
          // The last slot went out: the study completes with this hand-out.
          completion = { reason: "maxTrials", completedAt: now };
        }
        answers.push({
          answer,
          asked: request.count,
          // Fewer than asked while the study is complete: the stop condition cut it short
          // (fewer otherwise means the designer had no more: a generation is out).
          cut: completion !== null && answer.length < request.count ? completion.reason : undefined,
        });
      }
    } finally {
      designer?.close();
    }
    const state = designer?.dump();
    // Every caller left while this computed or waited for the lock: nothing is written
    // (no trial is leased to a client that is gone; the designer's state is not saved).
    if (signal.aborted) throw cancelled();

    const all = [...assignments.values()];
    const fresh = all.filter((a) => a.kind === "new");
    const existing = all.filter((a) => a.kind !== "new") as (Assignment & {
      kind: "renew" | "start";
    })[];
    // The trials and the study's new state, sent together.
    const [, updated] = await Promise.all([
      insertActiveTrials(tx, studyId, fresh, now, leaseIso),
      activateTrials(tx, studyId, existing, now, leaseIso),
      markRetried(tx, studyId, fresh.filter((a) => a.retryOf !== null)),
      state === undefined && next === startNumber
        ? undefined
        : saveSuggestion(tx, studyId, next, state, now),
      // Recorded once, by the transaction that finds or makes the study complete.
      completion && !completedBefore
        ? markStudyCompleted(tx, studyId, completion.reason, completion.completedAt ?? now, now)
        : undefined,
    ]);
    const written = new Map<string, TrialRecord>(updated.map((t) => [t.id, t]));
    for (const a of fresh) written.set(a.id, newRecord(a, studyId, now, leaseIso));
    return {
      answers: answers.map(({ answer, asked, cut }) => ({
        trials: answer.map((a) => trialView(written.get(a.id)!, now)),
        asked,
        cut,
      })),
      stops: { facts, completion },
    };
  });
}
