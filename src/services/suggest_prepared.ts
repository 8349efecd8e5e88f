/**
 * CPU-heavy designers (gp-bo, in the worker pool) compute before
 * suggestTrials' transaction, so the study's lock and PGlite's one connection
 * are not held during a fit: the designer is restored from a consistent
 * snapshot, fed the feedback it has not seen, told the points that will be
 * pending, and asked for the points the requests will need. The transaction
 * uses them only if the study's algorithm state is unchanged and the pending
 * points match; otherwise (PreparedMismatch) it does the batch itself.
 */
import { sql } from "drizzle-orm";
import type {
  Designer,
  JsonValue,
  Point,
  SuggestContext,
  Suggestion,
} from "../algorithms/types.ts";
import { type Database, query, type Transaction } from "../db/client.ts";
import type { ServiceContext } from "./context.ts";
import { openRemote, type SavedDesigner } from "./designers.ts";
import { feedbackOf, queuedTrials } from "./feedback.ts";
import type { StudyMeta } from "./study_meta.ts";
import { activeParams, trialRows, waitingTrials } from "./trial_rows.ts";

/** What a designer computed before the transaction (see prepareDesigner). */
export interface Prepared {
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
export class PreparedMismatch extends Error {}

/**
 * Restores the designer, feeds it the pending feedback and asks it for the
 * points the requests will need once waiting points (REQUESTED, STALE) have
 * served them, outside any transaction. Skipped (undefined) when a client
 * still holds trials (they are served per client) or nothing is needed; the
 * transaction then computes what it needs itself. If the transaction finds
 * another need, the points are not used (PreparedMismatch).
 */
export async function prepareDesigner(
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
        trialRows(
          tx,
          queuedTrials(meta.id, false),
        ),
        // The points the transaction will count as pending: live ACTIVE trials, then the
        // waiting points it hands out first (REQUESTED, STALE, ACTIVE past their lease),
        // oldest first (merged here; see activeParams).
        activeParams(
          tx,
          meta.id,
          sql`AND (lease_expires_at IS NULL OR lease_expires_at >= ${now})`,
        ),
        Promise.all([
          trialRows(tx, waitingTrials(meta.id, total)),
          activeParams(tx, meta.id, sql`AND lease_expires_at < ${now}`),
        ]).then(([waiting, expired]) =>
          [...waiting, ...expired].sort((a, b) => a.number - b.number).slice(0, total)
        ),
      ]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  // Held trials are served per client (skipped here); waiting points go first, in order,
  // so the designer is asked for what they leave.
  if (!study || study.state !== "ACTIVE" || Number(counts.held) > 0) return undefined;
  const need = Math.max(0, total - waiting.length);
  if (need === 0) return undefined;
  const designer = openRemote(ctx, meta, study as unknown as SavedDesigner);
  try {
    const feedback = reported.map((t) => feedbackOf(meta, t)).filter((f) => f !== null);
    if (feedback.length) designer.update(feedback);
    const pending = [...active, ...waiting].map((r) => meta.space.encode(r.params));
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
export class PreparedDesigner implements Designer {
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
