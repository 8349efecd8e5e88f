/**
 * Runs, as clients use them: start one on a study whose objective is a model,
 * read it, list a study's runs, cancel one, and follow its events. The work
 * itself is done by run workers (./workers.ts, ./executor.ts), in this
 * process or another one sharing the database: starting a run only queues
 * it, in one transaction with its first event.
 */
import type { Queryable } from "../../db/client.ts";
import { retryTransient } from "../../db/errors.ts";
import { insertRun, studyRun, studyRuns } from "../../db/queries/runs.ts";
import {
  insertRunEvent,
  type RunEventRecord,
  runEventsAfter,
} from "../../db/queries/runs_events.ts";
import { conflict, invalid, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { newId } from "../ids.ts";
import { createdCursor, createdPage, type Page } from "../page.ts";
import { findStudy } from "../studies.ts";
import { MAX_COORDINATES } from "../suggest.ts";
import { studyMeta, trialStudyMeta } from "../study_meta.ts";
import { completionOf, stopFactsOfRow, studyCompleteProblem } from "../study_stops.ts";
import { endRun } from "./ending.ts";
import { isFinal, type RunState, type RunView, runView, stateEvent } from "./view.ts";

/** What startRun takes. */
export interface StartRunInput {
  /** Trials the run evaluates, at most. */
  budget: number;
  /** Trials asked for and evaluated together (default DEFAULT_BATCH_SIZE, at most the budget). */
  batchSize?: number;
  /** Stop this many seconds after the run starts. */
  maxSeconds?: number;
  /** Stop once the run's best primary metric reaches this value (by the metric's goal). */
  stopAtValue?: number;
  /** Only workers that can run models on a GPU take its batches. */
  requires?: "gpu";
}

/** The batch size of a run that names none. */
export const DEFAULT_BATCH_SIZE = 16;

/** The schedule tick that starts a run (services/schedules_ticks.ts), if one does. */
export interface RunOrigin {
  scheduleId: string;
  tick: Date;
}

/**
 * Queues a run of a study: the study must be ACTIVE (a complete one is the
 * study-complete 409 of study_stops.ts) and its objective a model
 * (`objective.evaluator`). The caller wakes this process's idle workers once
 * its transaction has committed (`ctx.runs.wake()`); others find the run at
 * their next poll. A schedule's tick passes `origin`, recorded on the run.
 */
export async function startRun(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: StartRunInput,
  origin?: RunOrigin,
): Promise<RunView> {
  // A study that learns from rounds (sso) takes no runs: its own 409 says what it takes.
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  if (!meta.evaluator) {
    throw conflict(
      `study ${studyId} has no model to evaluate: a run evaluates the model its objective names ` +
        "(objective.evaluator, set at createStudy); drive this study over HTTP instead " +
        "(suggestTrials, completeTrials)",
    );
  }
  const study = await findStudy(q, projectId, studyId);
  // A complete study (a stop condition, or by hand) is refused with the suggestions' own 409.
  const facts = stopFactsOfRow(study);
  const completion = completionOf(facts, ctx.now());
  if (completion) {
    const goal = meta.objective.metrics[0].goal;
    throw await studyCompleteProblem(q, { id: studyId, goal }, facts, completion);
  }
  if (study.state !== "ACTIVE") {
    throw conflict(`study is ${study.state}: only ACTIVE studies run`);
  }
  const batchSize = Math.min(input.batchSize ?? DEFAULT_BATCH_SIZE, input.budget);
  const dimension = Math.max(1, meta.space.dimension);
  if (batchSize * dimension > MAX_COORDINATES) {
    throw invalid(
      "batchSize",
      "max_coordinates",
      `a batch hands out at most ${MAX_COORDINATES} parameter values: at most ${
        Math.floor(MAX_COORDINATES / dimension)
      } trials of this ${meta.space.dimension}-parameter study`,
    );
  }
  const now = ctx.now();
  const row = await q.transaction(async (tx) => {
    const run = await insertRun(tx, {
      id: newId(),
      studyId,
      budget: input.budget,
      batchSize,
      maxSeconds: input.maxSeconds ?? null,
      stopAtValue: input.stopAtValue ?? null,
      requires: input.requires ?? null,
      scheduleId: origin?.scheduleId ?? null,
      tick: origin?.tick ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await insertRunEvent(tx, run.id, stateEvent(run), now);
    return run;
  });
  return runView(row);
}

/** A run of the project's study, or a 404. */
export async function getRun(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  runId: string,
): Promise<RunView> {
  await studyMeta(ctx, q, projectId, studyId);
  const row = await studyRun(q, studyId, runId);
  if (!row) throw notFound("run", runId);
  return runView(row);
}

/** A study's runs, newest first (of one state, if given). */
export async function listRuns(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  page: { limit: number; cursor?: string; state?: RunState },
): Promise<Page<RunView>> {
  await studyMeta(ctx, q, projectId, studyId);
  const after = createdCursor(page.cursor);
  const rows = await studyRuns(q, studyId, { limit: page.limit + 1, state: page.state, after });
  return createdPage(rows, page.limit, runView);
}

/**
 * Cancels a run at once, whoever works on it: its batches in flight are
 * dropped with their trials (STALE; their workers' results are not
 * recorded), and everything completed before stays. Cancelling a CANCELLED
 * run is harmless; a run that SUCCEEDED or FAILED cannot be cancelled (409).
 */
export async function cancelRun(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  runId: string,
): Promise<RunView> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  const cancelled = { state: "CANCELLED" as const, stopReason: "cancelled" as const, reason: null };
  const row = await retryTransient(() =>
    q.transaction(async (tx) => {
      const run = await studyRun(tx, studyId, runId);
      if (!run) throw notFound("run", runId);
      const ended = await endRun(tx, run, cancelled, meta.learns, ctx.now());
      if (ended) return ended;
      // It had ended (perhaps a moment ago, by one of its workers).
      const final = (await studyRun(tx, studyId, runId))!;
      if (final.state !== "CANCELLED") {
        throw conflict(`run ${runId} already ${final.state}; it cannot be cancelled`);
      }
      return final;
    })
  );
  ctx.runs?.notify(runId);
  return runView(row);
}

/** A run event as watchRun sends it. */
export type RunEvent = RunEventRecord;

/** How long a watcher waits for new events before it looks in the database again. */
const WATCH_POLL_MS = 500;
/** How many events one read of a watcher takes. */
const WATCH_PAGE = 200;

/**
 * The events of a run after the id `after`, as they are written, ending
 * after the event of a final state, or when `signal` aborts or the process
 * closes. Null when the run has ended and nothing follows `after` (a client
 * told so stops reconnecting: watchRun's 204). Throws a 404 when the run is
 * not the study's.
 */
export async function watchRun(
  ctx: ServiceContext,
  projectId: string,
  studyId: string,
  runId: string,
  after: number,
  signal: AbortSignal,
): Promise<AsyncGenerator<RunEvent> | null> {
  await studyMeta(ctx, ctx.db, projectId, studyId);
  const run = await studyRun(ctx.db, studyId, runId);
  if (!run) throw notFound("run", runId);
  if (isFinal(run.state) && run.lastEventId <= after) return null;
  return follow(ctx, studyId, runId, after, signal);
}

async function* follow(
  ctx: ServiceContext,
  studyId: string,
  runId: string,
  after: number,
  signal: AbortSignal,
): AsyncGenerator<RunEvent> {
  const ended = ctx.runs ? AbortSignal.any([signal, ctx.runs.closing]) : signal;
  let last = after;
  while (!ended.aborted) {
    const events = await runEventsAfter(ctx.db, runId, last, WATCH_PAGE);
    for (const event of events) {
      yield event;
      last = event.seq;
      if (event.kind === "state" && isFinal(event.data.state as RunState)) return;
    }
    if (events.length === WATCH_PAGE) continue;
    // Nothing new: a run that has ended (its last event already sent) ends the stream.
    const run = await studyRun(ctx.db, studyId, runId);
    if (!run || (isFinal(run.state) && run.lastEventId <= last)) return;
    if (run.lastEventId > last) continue;
    if (ctx.runs) await ctx.runs.waitForEvents(runId, WATCH_POLL_MS, ended);
    else await new Promise((r) => setTimeout(r, WATCH_POLL_MS));
  }
}
