/**
 * Vacuuming and analyzing that autovacuum does not do, or not soon enough.
 *
 * - Plans: postgres.js prepares its statements, and PostgreSQL keeps a
 *   prepared statement's generic plan until the table's statistics change. A
 *   plan made while the trials table was tiny reads it whole (a sequential
 *   scan is the cheapest way to read a few pages) and keeps doing so as the
 *   table grows, until the next ANALYZE; autovacuum visits a database at most
 *   once a minute (autovacuum_naptime), in which a batch client can add half a
 *   million trials. So the service analyzes the trials table and the queue
 *   itself each time the number of trials has doubled (from 1,000): a few
 *   cheap runs while the table is small, which make every plan be made again.
 * - The feedback queue (trial_feedback) takes a row per report and loses it at
 *   the next suggestion: thousands of dead rows a second under batch load,
 *   which every suggestion steps over until a vacuum. The service vacuums the
 *   queue itself every few seconds while reports come in (cheap: the table
 *   holds few live rows), on every database.
 * - The trials table: PGlite runs no autovacuum, and a PostgreSQL server may
 *   have it turned off (`autovacuum = off`). Without it, dead row versions
 *   pile up in the table and its indexes (a completed trial leaves its ACTIVE
 *   version behind) and suggestions walk more of them as a study grows. There
 *   (`needsOwnVacuum`), the service vacuums the trials table once enough trials
 *   were created since the last time (a cheap sum over studies): at least
 *   `trialsPerVacuum`, and a fifth of the table, like autovacuum's default
 *   scale factor; it analyzes then too once the table has grown by half.
 * - Trials by state (queries/trial_counts.ts): each pass folds the changes
 *   appended since the last into the counts, so a scrape reads few rows; the
 *   changes table is vacuumed with the feedback queue (it churns the same way).
 */
import { sql } from "drizzle-orm";
import type { Logger } from "../log.ts";
import { type DatabaseHandle, query } from "./client.ts";
import { foldTrialStateChanges } from "./queries/trial_counts.ts";

/** How the vacuum is paced. */
export interface VacuumOptions {
  /** How often to look, in milliseconds. */
  intervalMs?: number;
  /** The least time between two vacuums of the queue, in milliseconds. */
  queueIntervalMs?: number;
  /** New trials since the last vacuum that make the next one of the trials table due. */
  trialsPerVacuum?: number;
  /** Whether to vacuum the trials table too (see `needsOwnVacuum`); the queue always. */
  trials?: boolean;
}

/** Whether minima must vacuum the trials table itself: PGlite, or a server with autovacuum off. */
export async function needsOwnVacuum(database: DatabaseHandle): Promise<boolean> {
  if (database.kind === "pglite") return true;
  const [row] = await query<{ autovacuum: string }>(database.db, sql`SHOW autovacuum`);
  return row?.autovacuum !== "on";
}

/** The fewest trials at which the doubling ANALYZE starts. */
const FIRST_ANALYZE = 1_000;

/**
 * Starts the maintenance loop; returns a function that stops it and resolves
 * once a run in progress has finished (close the database after that).
 */
export function startVacuum(
  database: DatabaseHandle,
  logger: Logger,
  options: VacuumOptions = {},
): () => Promise<void> {
  const every = options.trialsPerVacuum ?? 5_000;
  const queueEvery = options.queueIntervalMs ?? 5_000;
  const trials = options.trials ?? true;
  let last = -1;
  let analyzed = -1;
  let queueVacuumedAt = -1;
  let queueVacuumedTime = -Infinity;
  let running: Promise<void> | undefined;
  const run = async (statement: ReturnType<typeof sql>, what: string, fields = {}) => {
    const started = performance.now();
    await database.db.execute(statement);
    logger.info(what, { ...fields, ms: Math.round(performance.now() - started) });
  };
  const tick = () => {
    if (!running) running = pass().finally(() => (running = undefined));
  };
  const pass = async () => {
    try {
      await foldTrialStateChanges(database.db);
      const [{ n }] = await query<{ n: number }>(
        database.db,
        sql`SELECT coalesce(sum(next_trial_number), 0)::float8 AS n FROM studies`,
      );
      const created = Number(n);
      if (last < 0) {
        last = queueVacuumedAt = created;
        analyzed = created < FIRST_ANALYZE ? 0 : created;
      }
      // Deleted studies take their trials with them: count from what is left.
      if (created < last) last = created;
      if (created < analyzed) analyzed = created;
      // Like autovacuum's scale factor: at least `every` new trials, and 20%
      // of the table, so large tables are not vacuumed over and over.
      if (trials && created - last >= Math.max(every, 0.2 * last)) {
        const analyze = created - analyzed >= Math.max(every, 0.5 * analyzed);
        await run(
          analyze
            ? sql`VACUUM (ANALYZE, SKIP_LOCKED) trials, trial_feedback, trial_state_changes`
            : sql`VACUUM (SKIP_LOCKED) trials, trial_feedback, trial_state_changes`,
          "vacuumed trials",
          { newTrials: created - last, analyzed: analyze },
        );
        last = queueVacuumedAt = created;
        queueVacuumedTime = performance.now();
        if (analyze) analyzed = created;
      } else if (created >= FIRST_ANALYZE && created >= 2 * analyzed) {
        await run(sql`ANALYZE (SKIP_LOCKED) trials, trial_feedback`, "analyzed trials", {
          trials: created,
        });
        analyzed = created;
      } else if (
        created !== queueVacuumedAt && performance.now() - queueVacuumedTime >= queueEvery
      ) {
        // New trials mean reports, and consumed reports mean dead queue rows.
        await database.db.execute(sql`VACUUM (SKIP_LOCKED) trial_feedback, trial_state_changes`);
        queueVacuumedAt = created;
        queueVacuumedTime = performance.now();
      }
    } catch (error) {
      logger.warn("vacuum failed", { error: String(error) });
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 1_000);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
