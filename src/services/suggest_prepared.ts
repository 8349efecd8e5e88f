/**
 * CPU-heavy designers (gp-bo, in the worker pool) compute before
 * suggestTrials' transaction, so the study's lock and PGlite's one connection
 * are not held during a fit: the designer is restored from a consistent
 * snapshot, fed the feedback it has not seen, told the points that will be
 * pending, and asked for the points the requests will need (all through the
 * designer session). The transaction uses them only if the study's
 * algorithm state is unchanged and the pending points match; otherwise
 * (PreparedMismatch) it does the batch itself.
 */
import type { DesignerHandle } from "../algorithms/handle.ts";
import type {
  JsonValue,
  Point,
  Recommendation,
  SuggestContext,
  Suggestion,
} from "../algorithms/types.ts";
import type { Database, Transaction } from "../db/client.ts";
import { savedDesigner } from "../db/queries/designer.ts";
import { countHeld, expiredActiveParams, liveActiveParams } from "../db/queries/suggest.ts";
import { trialRows, waitingTrials } from "../db/queries/trials.ts";
import type { ServiceContext } from "./context.ts";
import { ask, readUnseen, restore } from "./designer_session.ts";
import type { StudyMeta } from "./study_meta.ts";

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
  const now = ctx.now();
  // One snapshot: the state and the feedback it has not seen must be of the same moment.
  const [saved, held, unseen, active, waiting] = await db.transaction(
    (tx) =>
      Promise.all([
        savedDesigner(tx, meta.id),
        // Trials the clients still hold: those requests are served per client (not prepared).
        countHeld(tx, meta.id, clients, now),
        readUnseen(tx, meta, false),
        // The points the transaction will count as pending: live ACTIVE trials, then the
        // waiting points it hands out first (REQUESTED, STALE, ACTIVE past their lease),
        // oldest first (merged here; see activeParams).
        liveActiveParams(tx, meta.id, now),
        Promise.all([
          trialRows(tx, waitingTrials(meta.id, total)),
          expiredActiveParams(tx, meta.id, now),
        ]).then(([waiting, expired]) =>
          [...waiting, ...expired].sort((a, b) => a.number - b.number).slice(0, total)
        ),
      ]),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  // Held trials are served per client (skipped here); waiting points go first, in order,
  // so the designer is asked for what they leave.
  if (!saved || saved.state !== "ACTIVE" || held > 0) return undefined;
  const need = Math.max(0, total - waiting.length);
  if (need === 0) return undefined;
  const designer = await restore(ctx, db, meta, saved, unseen);
  try {
    const pending = [...active, ...waiting].map((r) => meta.space.encode(r.params));
    const suggestions = await ask(ctx, designer, need, pending, signal);
    return {
      version: Number(saved.version),
      asked: need,
      pending: pendingKey(pending),
      fed: unseen.trials.map((t) => ({ id: t.id, state: t.state })),
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
export class PreparedDesigner implements DesignerHandle {
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
  recommend(): Promise<Recommendation | null> {
    return Promise.resolve(null);
  }
  close(): void {}
}
