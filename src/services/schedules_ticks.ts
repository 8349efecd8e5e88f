/**
 * The scheduler: in each process that has one (MINIMA_SCHEDULER), a loop
 * that finds the schedules whose next tick has come and starts their runs.
 * Any number of processes may run it at once, with no leader: a tick is acted
 * on only by the process whose insert of the (schedule, tick) row succeeded
 * (queries/schedules.ts's claimTick), in the same transaction as the run it
 * starts through startRun (and the runs table's unique (schedule_id, tick)
 * stands behind it). So each tick starts at most one run.
 *
 * A pass at `now` takes the latest tick at or before `now`, L, of each due
 * schedule; the ticks before L were missed (the service was down, or the
 * schedule was behind). `catchUp: none` acts on L only if it is on time
 * (within ON_TIME_MS of now), else on nothing until the next tick;
 * `catchUp: one` acts on L whatever its age: one run for everything missed.
 * While the schedule's previous run is still going (QUEUED or RUNNING),
 * `overlap` decides: `skip` records the tick as skipped, `queue` starts the
 * run QUEUED, and workers open no batch on it until every earlier run of
 * the schedule has ended (db/queries/run_batches.ts), `cancel-previous`
 * cancels the previous runs (cancelRun) and starts the new one.
 */
import type { Queryable } from "../db/client.ts";
import {
  advanceNextTick,
  claimTick,
  dueSchedules,
  setTickOutcome,
  unfinishedScheduleRuns,
} from "../db/queries/schedules.ts";
import type { ScheduleRow } from "../db/schema.ts";
import { Problem } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { cancelRun, startRun, type StartRunInput } from "./runs/runs.ts";
import { scheduleCron } from "./schedules.ts";

/** How late a tick may be acted on under `catchUp: none`: later, it was missed. */
export const ON_TIME_MS = 60_000;
/** Due schedules one pass handles at most (the rest wait for the next pass). */
const PASS_LIMIT = 100;

/** What one pass over a due schedule did. */
export type TickOutcome =
  | { kind: "started"; tick: Date; runId: string }
  | { kind: "skipped"; tick: Date }
  | { kind: "failed"; tick: Date; reason: string }
  | { kind: "taken"; tick: Date } // another process had claimed it
  | { kind: "missed" }; // catchUp none, and the latest tick is not on time

/** The latest tick of `cron` at or before `now`, starting from `from` (a tick ≤ now). */
function latestTick(cron: ReturnType<typeof scheduleCron>, from: Date, now: Date): Date {
  let latest = from;
  const before = cron.previousRuns(1, now)[0];
  if (before && before > latest && before <= now) latest = before;
  for (let next = cron.nextRun(latest); next && next <= now; next = cron.nextRun(latest)) {
    latest = next;
  }
  return latest;
}

/** Handles one due schedule at `now` (see the module's header). */
export async function tickSchedule(
  ctx: ServiceContext,
  schedule: ScheduleRow,
  projectId: string,
  now: Date,
): Promise<TickOutcome> {
  const cron = scheduleCron(schedule.cron, schedule.timezone);
  const tick = latestTick(cron, schedule.nextTickAt ?? now, now);
  const next = cron.nextRun(now) ?? null;
  const fire = schedule.catchUp === "one" || now.getTime() - tick.getTime() <= ON_TIME_MS;
  const outcome = await ctx.db.transaction(async (tx): Promise<TickOutcome> => {
    await advanceNextTick(tx, schedule.id, next);
    if (!fire) return { kind: "missed" };
    if (!(await claimTick(tx, schedule.id, tick, now))) return { kind: "taken", tick };
    return await actOnTick(ctx, tx, schedule, projectId, tick);
  });
  if (outcome.kind === "started") ctx.runs?.wake();
  return outcome;
}

/** Acts on a tick this process claimed, in the claim's transaction. */
async function actOnTick(
  ctx: ServiceContext,
  tx: Queryable,
  schedule: ScheduleRow,
  projectId: string,
  tick: Date,
): Promise<TickOutcome> {
  const going = await unfinishedScheduleRuns(tx, schedule.id);
  if (going.length > 0 && schedule.overlap === "skip") {
    const last = going[going.length - 1];
    const reason = `the previous run ${last.id} is still ${last.state}`;
    await setTickOutcome(tx, schedule.id, tick, { outcome: "skipped", reason });
    return { kind: "skipped", tick };
  }
  if (schedule.overlap === "cancel-previous") {
    for (const run of going) {
      try {
        await cancelRun(ctx, tx, projectId, schedule.studyId, run.id);
      } catch (error) {
        // It ended meanwhile (cancelRun's 409): nothing left to cancel.
        if (!(error instanceof Problem)) throw error;
      }
    }
  }
  try {
    const run = await startRun(
      ctx,
      tx,
      projectId,
      schedule.studyId,
      schedule.run as StartRunInput,
      {
        scheduleId: schedule.id,
        tick,
      },
    );
    await setTickOutcome(tx, schedule.id, tick, { outcome: "started", runId: run.id });
    return { kind: "started", tick, runId: run.id };
  } catch (error) {
    // The study was paused, or no longer runs (startRun's 409 or 422): the tick says why.
    if (!(error instanceof Problem)) throw error;
    await setTickOutcome(tx, schedule.id, tick, { outcome: "failed", reason: error.message });
    ctx.log?.warn("a schedule's tick could not start its run", {
      scheduleId: schedule.id,
      tick: tick.toISOString(),
      reason: error.message,
    });
    return { kind: "failed", tick, reason: error.message };
  }
}

/** Options of a Scheduler. */
export interface SchedulerOptions {
  /**
   * How often the loop looks for due schedules (default 1000 ms); 0: no loop,
   * passes happen only when `tick()` is called (tests).
   */
  pollMs?: number;
}

/**
 * A process's scheduler: started with the app's services (createApp), it
 * passes over the due schedules every `pollMs`; `tick()` runs one pass now.
 */
export class Scheduler {
  readonly pollMs: number;
  #ctx?: ServiceContext;
  #timer?: ReturnType<typeof setTimeout>;
  #pass?: Promise<TickOutcome[]>;
  #stopped = false;

  constructor(options: SchedulerOptions = {}) {
    this.pollMs = options.pollMs ?? 1000;
  }

  /** Binds the scheduler to an app's services and starts its loop (unless pollMs is 0). */
  start(ctx: ServiceContext): void {
    this.#ctx = ctx;
    if (this.pollMs > 0) this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(async () => {
      try {
        await this.tick();
      } catch (error) {
        // A database that went away, a deadlock: the next pass tries again.
        this.#ctx?.log?.warn("scheduler pass failed", { error: String(error) });
      }
      this.#schedule();
    }, this.pollMs);
  }

  /** One pass: each due schedule handled once, at the services' clock; what each did. */
  tick(): Promise<TickOutcome[]> {
    const ctx = this.#ctx;
    if (!ctx) throw new Error("the scheduler has not been started");
    // One pass at a time in a process; other processes may pass at the same time.
    const pass = (this.#pass ?? Promise.resolve([])).catch(() => []).then(async () => {
      const now = ctx.now();
      const due = await dueSchedules(ctx.db, now, PASS_LIMIT);
      const outcomes: TickOutcome[] = [];
      for (const { schedule, projectId } of due) {
        outcomes.push(await tickSchedule(ctx, schedule, projectId, now));
      }
      return outcomes;
    });
    this.#pass = pass;
    return pass;
  }

  /** Stops the loop, after the pass in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#pass?.catch(() => {});
  }
}
