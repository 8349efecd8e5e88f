/**
 * The designer lifecycle, written once: restore → feed → ask → save (OSS
 * Vizier's DesignerPolicy). Every caller that needs a study's algorithm goes
 * through here: suggestions (under the study's lock, or computed before it:
 * suggest_prepared.ts), recommendations, runs, and the rounds of studies
 * driven by rounds (sso: restore → feed the round's gradient → save, with
 * `feedRound`; their trial paths are refused with a 409).
 *
 * - Restore: the designer is made from the study's saved state, in a worker
 *   of the pool for CPU-heavy algorithms (gp-bo), else on the event loop;
 *   both behind one interface (DesignerHandle).
 * - Feed: the trials reported since its last save (the trial_feedback
 *   queue) and, for studies people rank, the comparisons closed since.
 * - Ask: points, told which are pending; the caller's signal cancels it.
 * - Save: `dump()`, written by the caller's transaction with the trials.
 *
 * A saved state the algorithm cannot read (damaged, or written by an
 * incompatible version) does not break the study for good: the designer is
 * rebuilt from its config and seed and fed every finished trial and closed
 * comparison, as Vizier restarts a designer and replays the trials. The
 * rebuild is logged once per damaged state and counted in /metrics
 * (minima_designer_state_rebuilds_total); the next save replaces the state.
 */
import {
  createLocal,
  DesignerCancelled,
  type DesignerHandle,
  DesignerWorkerFailed,
  UnreadableState,
} from "../algorithms/handle.ts";
import { DesignMemoryExceeded } from "../algorithms/design_memory.ts";
import type {
  DesignerServices,
  Feedback,
  JsonValue,
  Point,
  Suggestion,
} from "../algorithms/types.ts";
import { isTransaction, type Queryable } from "../db/client.ts";
import {
  closedComparisons,
  finishedTrials,
  plainIndexScans,
  type SavedDesigner,
} from "../db/queries/designer.ts";
import { queuedTrials } from "../db/queries/feedback.ts";
import { trialRows } from "../db/queries/trials.ts";
import { conflict, invalid, Problem } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { feedbackOf, pendingRankings, rankingFeedback } from "./feedback.ts";
import { json } from "../db/records.ts";
import type { StudyMeta } from "./study_meta.ts";
import type { TrialRecord } from "../db/records.ts";

export type { SavedDesigner } from "../db/queries/designer.ts";

/** What the designer has not been told yet. */
export interface Unseen {
  /** Trials reported since the last save, in their current state, by number. */
  trials: TrialRecord[];
  /** Comparisons closed since (studies people rank). */
  rankings: Feedback[];
}

/** Nothing to tell (an algorithm that does not learn). */
const NOTHING: Unseen = { trials: [], rankings: [] };

/** Whether the study's designer computes in a worker of the pool. */
export function runsRemotely(ctx: ServiceContext, meta: StudyMeta): boolean {
  return Boolean(meta.algorithm.offload && ctx.designers);
}

/**
 * Whether a suggestion computes its points before taking the study's lock
 * (suggest_prepared.ts), so that neither the lock nor PGlite's one
 * connection is held during a fit. Only for designers in workers that
 * learn from values (rankings are read under the lock), and only when the
 * caller is not inside a transaction already (an idempotent request's
 * transaction holds its key: a snapshot of its own cannot be taken then).
 */
export function computesBeforeLock(ctx: ServiceContext, meta: StudyMeta, q: Queryable): boolean {
  return runsRemotely(ctx, meta) && meta.learns && !meta.labeling && !isTransaction(q);
}

/**
 * What the designer has not seen: with `consume`, taken off the queue (call
 * it under the study's lock, in the transaction that saves the designer);
 * without, only read (inside a snapshot). Statements are sent at once, in
 * this order, so a caller may pipeline others after them.
 */
export async function readUnseen(q: Queryable, meta: StudyMeta, consume: boolean): Promise<Unseen> {
  if (!meta.learns) return NOTHING;
  const [, trials, rankings] = await Promise.all([
    consume ? plainIndexScans(q) : undefined,
    trialRows(q, queuedTrials(meta.id, consume)),
    meta.labeling ? pendingRankings(q, meta, consume) : Promise.resolve([]),
  ]);
  return { trials, rankings };
}

/** The feedback a list of trials gives (open trials give none). */
function trialFeedback(meta: StudyMeta, trials: TrialRecord[]): Feedback[] {
  return trials.map((t) => feedbackOf(meta, t)).filter((f) => f !== null);
}

/** Opens the designer from `state` (undefined: a new one), where it computes. */
async function open(
  ctx: ServiceContext,
  meta: StudyMeta,
  saved: SavedDesigner,
  state: JsonValue | undefined,
  services?: DesignerServices,
): Promise<DesignerHandle> {
  // Stored as createStudy parsed it (defaults filled in): the algorithm's config as JSON.
  const config = json<JsonValue>(saved.config);
  const seed = Number(saved.seed);
  if (runsRemotely(ctx, meta) && (meta.algorithm.offloads?.(config) ?? true)) {
    return await ctx.designers!.open({
      algorithm: meta.algorithm.name,
      space: meta.space.spec,
      config,
      seed,
      state,
      owner: { project: meta.projectId, study: meta.id },
    }).catch(asProblem);
  }
  return createLocal(meta.algorithm, { space: meta.space, config, seed, state, services });
}

/**
 * Restores the study's designer from `saved` and feeds it `unseen`; when the
 * saved state cannot be read, rebuilds it from every finished trial and
 * closed comparison (read through `q`). The caller closes the designer.
 */
export async function restore(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  saved: SavedDesigner,
  unseen: Unseen,
): Promise<DesignerHandle> {
  refuseRounds(meta);
  let designer: DesignerHandle;
  let feedback: Feedback[];
  try {
    const state = readState(saved);
    feedback = [...trialFeedback(meta, unseen.trials), ...unseen.rankings];
    designer = await open(ctx, meta, saved, state);
  } catch (error) {
    if (!(error instanceof UnreadableState)) throw error;
    feedback = await replay(q, meta, unseen);
    designer = await open(ctx, meta, saved, undefined);
    noteRebuild(ctx, meta, saved, error);
  }
  try {
    if (feedback.length) await designer.update(feedback);
  } catch (error) {
    designer.close();
    asProblem(error);
  }
  return designer;
}

/**
 * A 409 for a study whose algorithm is driven by rounds (sso): it has no
 * trials to hand out (`recommend` answers null for it instead).
 */
export function refuseRounds(meta: StudyMeta): void {
  if (meta.algorithm.protocol !== "rounds") return;
  throw conflict(
    `the study's algorithm "${meta.algorithm.name}" is driven by rounds (startRound, ` +
      "completeRound): it hands out no trials",
  );
}

/**
 * One round of a designer driven by rounds (sso): restored from `saved`,
 * fed the round's `feedback` and waited for (sso's inner steps run here: in
 * a worker of the pool for the built-in models, on the event loop with
 * `services` for a model the ONNX runtime runs), and its state returned for
 * the caller's transaction to save. A saved state that cannot be read is
 * replaced by a new designer's, as for any designer (such a study has no
 * trials to replay: θ starts again from θ₀); logged and counted once.
 */
export async function feedRound(
  ctx: ServiceContext,
  meta: StudyMeta,
  saved: SavedDesigner,
  feedback: Feedback[],
  services?: DesignerServices,
): Promise<JsonValue> {
  let designer: DesignerHandle;
  try {
    designer = await open(ctx, meta, saved, readState(saved), services);
  } catch (error) {
    if (!(error instanceof UnreadableState)) throw error;
    designer = await open(ctx, meta, saved, undefined, services);
    noteRebuild(ctx, meta, saved, error);
  }
  try {
    await designer.update(feedback);
    return designer.dump();
  } catch (error) {
    return asProblem(error);
  } finally {
    designer.close();
  }
}

/** The saved state as JSON (undefined: none); text that is not JSON is an UnreadableState. */
function readState(saved: SavedDesigner): JsonValue | undefined {
  try {
    return json<JsonValue>(saved.algorithmState ?? null) ?? undefined;
  } catch (error) {
    throw new UnreadableState(`the saved state is not JSON: ${(error as Error).message}`);
  }
}

/**
 * Everything a rebuilt designer is told, each once, by number: the trials and
 * comparisons it was told before (finished, and no longer queued) and what
 * it has not seen (`unseen`). What is queued after `unseen` was read stays
 * queued for the next time, as for any designer.
 */
async function replay(q: Queryable, meta: StudyMeta, unseen: Unseen): Promise<Feedback[]> {
  if (!meta.learns) return [];
  const [told, closed] = await Promise.all([
    finishedTrials(q, meta.id),
    meta.labeling ? closedComparisons(q, meta.id) : Promise.resolve([]),
  ]);
  const trials = new Map(told.map((t) => [t.id, t]));
  for (const t of unseen.trials) trials.set(t.id, t);
  const seen = new Set(
    unseen.rankings.map((r) => r.kind === "ranking" ? r.comparisonId : "").filter(Boolean),
  );
  const earlier = closed.filter((c) => !seen.has(c.id));
  return [
    ...trialFeedback(meta, [...trials.values()].sort((a, b) => a.number - b.number)),
    ...(earlier.length ? await rankingFeedback(q, meta, earlier) : []),
    ...unseen.rankings,
  ];
}

/** Logs and counts a rebuild, once per damaged state (study and state version). */
function noteRebuild(
  ctx: ServiceContext,
  meta: StudyMeta,
  saved: SavedDesigner,
  error: UnreadableState,
): void {
  const version = Number(saved.version ?? 0);
  if (!ctx.counters || ctx.counters.firstRebuild(meta.id, version)) {
    ctx.log?.warn("designer state unreadable: rebuilt from the study's trials", {
      studyId: meta.id,
      algorithm: meta.algorithm.name,
      stateVersion: version,
      error: error.message.slice(0, 500),
    });
  }
}

/**
 * Asks the designer for up to `count` points. A worker that crashed is a
 * 503 (nothing was written: the caller's transaction rolls back); a
 * cancelled call is a 499 (its caller is gone).
 */
export async function ask(
  ctx: ServiceContext,
  designer: DesignerHandle,
  count: number,
  pending: Point[],
  signal: AbortSignal,
): Promise<Suggestion[]> {
  try {
    return await designer.suggest(count, { pending, signal });
  } catch (error) {
    if (error instanceof DesignerCancelled && ctx.counters) ctx.counters.cancelled++;
    return asProblem(error);
  }
}

/** The designer's recommendation (restored and fed like a suggestion's, never saved). */
export async function recommend(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  saved: SavedDesigner,
  unseen: Unseen,
) {
  // A study driven by rounds has no trial to recommend (its model is getStudyModel).
  if (meta.algorithm.protocol === "rounds") return null;
  const designer = await restore(ctx, q, meta, saved, unseen);
  try {
    return await designer.recommend().catch(asProblem);
  } finally {
    designer.close();
  }
}

/**
 * Worker failures, cancellations and calls over the design memory budget as
 * problems (a 422 naming `count` when fewer points would fit, else a 409:
 * the study has outgrown the budget); anything else as it is.
 */
function asProblem(error: unknown): never {
  if (error instanceof DesignMemoryExceeded) {
    if (error.field !== null) throw invalid(error.field, "design_memory", error.message);
    throw conflict(error.message);
  }
  if (error instanceof DesignerWorkerFailed) {
    throw new Problem(
      "unavailable",
      `the designer's worker failed while computing (${error.message}); nothing was changed: retry`,
    );
  }
  if (error instanceof DesignerCancelled) throw new Problem("cancelled", error.message);
  throw error;
}
