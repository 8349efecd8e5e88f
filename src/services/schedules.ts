/**
 * Schedules, as clients use them: a study's run template (the startRun body)
 * started at each tick of a cron expression in an IANA time zone. Cron and
 * zones are read by croner, never by hand, so the ticks the API shows and the
 * ticks the schedulers act on (./schedules_ticks.ts) are computed the same
 * way. A schedule lives and dies with its study.
 */
import { Cron } from "croner";
import type { Queryable } from "../db/client.ts";
import {
  deleteScheduleRow,
  insertSchedule,
  lastScheduleRuns,
  lastScheduleTicks,
  studySchedule,
  studySchedules,
  updateScheduleRow,
} from "../db/queries/schedules.ts";
import type { ScheduleRow, ScheduleTickRow } from "../db/schema.ts";
import { conflict, invalid, notFound } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { newId } from "./ids.ts";
import { createdCursor, createdPage, type Page } from "./page.ts";
import type { StartRunInput } from "./runs/runs.ts";
import { type RunView, runView } from "./runs/view.ts";
import { studyMeta, trialStudyMeta } from "./study_meta.ts";

/** What a tick does while the schedule's previous run is still going. */
export type Overlap = ScheduleRow["overlap"];
/** What a schedule does about the ticks it missed (the service was down). */
export type CatchUp = ScheduleRow["catchUp"];

/** What createSchedule takes (updateSchedule: any part of it). */
export interface ScheduleInput {
  cron: string;
  timezone: string;
  run: StartRunInput;
  overlap: Overlap;
  catchUp: CatchUp;
  paused: boolean;
}

/** A schedule as the API shows it. */
export interface ScheduleView extends ScheduleInput {
  id: string;
  studyId: string;
  /** The first tick not yet handled; null while paused or when the expression has no more. */
  nextTickAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A schedule with what getSchedule adds: its next ticks, last ticks and last runs. */
export interface ScheduleDetail extends ScheduleView {
  nextTicks: string[];
  lastTicks: {
    tick: string;
    outcome: ScheduleTickRow["outcome"];
    runId: string | null;
    reason: string | null;
  }[];
  lastRuns: RunView[];
}

/** How many next ticks, last ticks and last runs getSchedule shows. */
export const SHOWN_TICKS = 5;

/**
 * The schedule's expression in its zone, or a 422 naming `cron` or
 * `timezone`. croner takes 5 fields, or 6 with seconds first.
 */
export function scheduleCron(cron: string, timezone: string): Cron {
  // Without a function to call, a Cron starts no timer: it only computes ticks (and a stopped
  // one computes none, so none is stopped).
  try {
    new Cron(cron, { paused: true });
  } catch (error) {
    throw invalid("cron", "cron", cronMessage(error));
  }
  try {
    const zoned = new Cron(cron, { paused: true, timezone });
    zoned.nextRun(); // croner reads the zone when it first computes a time
    return zoned;
  } catch {
    throw invalid("timezone", "timezone", `not an IANA time zone: ${JSON.stringify(timezone)}`);
  }
}

function cronMessage(error: unknown): string {
  const text = String((error as Error)?.message ?? error).replace(/^CronPattern:\s*/, "");
  return `not a cron expression (5 fields, or 6 with seconds first): ${text}`;
}

/** Up to `count` ticks of the expression strictly after `after`. */
export function ticksAfter(cron: Cron, after: Date, count: number): Date[] {
  return cron.nextRuns(count, after);
}

/** The schedule's row as the API shows it. */
export function scheduleView(row: ScheduleRow): ScheduleView {
  return {
    id: row.id,
    studyId: row.studyId,
    cron: row.cron,
    timezone: row.timezone,
    run: row.run as StartRunInput,
    overlap: row.overlap,
    catchUp: row.catchUp,
    paused: row.paused,
    nextTickAt: row.nextTickAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The first tick after `now` (null: the expression has none left). */
function firstTick(cron: Cron, now: Date): Date | null {
  return cron.nextRun(now) ?? null;
}

/**
 * Creates a schedule of a study whose objective is a model (409 otherwise,
 * as startRun would answer at every tick). Its first tick is the first after
 * now: a schedule owes nothing for the time before it existed.
 */
export async function createSchedule(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: ScheduleInput,
): Promise<ScheduleView> {
  // A study that learns from rounds (sso) takes no runs: its own 409 says what it takes.
  const meta = await trialStudyMeta(ctx, q, projectId, studyId);
  if (!meta.evaluator) {
    throw conflict(
      `study ${studyId} has no model to evaluate: a schedule starts runs, and a run evaluates ` +
        "the model its study's objective names (objective.evaluator)",
    );
  }
  const cron = scheduleCron(input.cron, input.timezone);
  const now = ctx.now();
  const row = await insertSchedule(q, {
    id: newId(),
    studyId,
    cron: input.cron,
    timezone: input.timezone,
    run: input.run,
    overlap: input.overlap,
    catchUp: input.catchUp,
    paused: input.paused,
    nextTickAt: input.paused ? null : firstTick(cron, now),
    createdAt: now,
    updatedAt: now,
  });
  return scheduleView(row);
}

async function findSchedule(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  scheduleId: string,
): Promise<ScheduleRow> {
  await studyMeta(ctx, q, projectId, studyId);
  const row = await studySchedule(q, studyId, scheduleId);
  if (!row) throw notFound("schedule", scheduleId);
  return row;
}

/** A schedule with its next ticks, its last ticks and its last runs. */
export async function getSchedule(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  scheduleId: string,
): Promise<ScheduleDetail> {
  const row = await findSchedule(ctx, q, projectId, studyId, scheduleId);
  const cron = scheduleCron(row.cron, row.timezone);
  // The pending tick (if due and not handled yet) comes first.
  const from = row.nextTickAt ? new Date(row.nextTickAt.getTime() - 1) : ctx.now();
  const next = row.paused ? [] : ticksAfter(cron, from, SHOWN_TICKS);
  const ticks = await lastScheduleTicks(q, row.id, SHOWN_TICKS);
  const runs = await lastScheduleRuns(q, row.id, SHOWN_TICKS);
  return {
    ...scheduleView(row),
    nextTicks: next.map((d) => d.toISOString()),
    lastTicks: ticks.map((t) => ({
      tick: t.tick.toISOString(),
      outcome: t.outcome,
      runId: t.runId,
      reason: t.reason,
    })),
    lastRuns: runs.map(runView),
  };
}

/** A study's schedules, newest first. */
export async function listSchedules(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<ScheduleView>> {
  await studyMeta(ctx, q, projectId, studyId);
  const after = createdCursor(page.cursor);
  const rows = await studySchedules(q, studyId, { limit: page.limit + 1, after });
  return createdPage(rows, page.limit, scheduleView);
}

/**
 * Changes a schedule. `paused: true` pauses it (no tick is handled);
 * `paused: false` resumes it from now: the ticks of the pause are not owed,
 * whatever `catchUp` says. A new `cron` or `timezone` also starts the ticks
 * again from now.
 */
export async function updateSchedule(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  scheduleId: string,
  input: Partial<ScheduleInput>,
): Promise<ScheduleView> {
  const row = await findSchedule(ctx, q, projectId, studyId, scheduleId);
  const cronText = input.cron ?? row.cron;
  const timezone = input.timezone ?? row.timezone;
  const cron = scheduleCron(cronText, timezone);
  const paused = input.paused ?? row.paused;
  const now = ctx.now();
  const restart = (!paused && row.paused) || cronText !== row.cron || timezone !== row.timezone;
  const nextTickAt = paused ? null : restart ? firstTick(cron, now) : row.nextTickAt;
  const updated = await updateScheduleRow(q, studyId, scheduleId, {
    cron: cronText,
    timezone,
    run: input.run ?? row.run,
    overlap: input.overlap ?? row.overlap,
    catchUp: input.catchUp ?? row.catchUp,
    paused,
    nextTickAt,
    updatedAt: now,
  });
  if (!updated) throw notFound("schedule", scheduleId);
  return scheduleView(updated);
}

/** Deletes a schedule; its runs stay (they keep its id and their tick). */
export async function deleteSchedule(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  scheduleId: string,
): Promise<void> {
  await studyMeta(ctx, q, projectId, studyId);
  if (!(await deleteScheduleRow(q, studyId, scheduleId))) throw notFound("schedule", scheduleId);
}
