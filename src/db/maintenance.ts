/**
 * Vacuuming where nothing else does: PGlite runs no autovacuum, and a
 * PostgreSQL server may have it turned off (`autovacuum = off`). Without it,
 * dead row versions pile up in the trials table, the feedback queue and their
 * indexes (a completed trial leaves its ACTIVE version behind; every handed-over
 * report leaves a deleted queue row), and every suggestion walks more of them
 * as a study grows. This stands in for autovacuum: every few seconds it looks
 * at how many trials were created since the last run (a cheap sum over
 * studies) and vacuums the trials table and the feedback queue once enough
 * have been: at least `trialsPerVacuum`, and a fifth of the table, like
 * autovacuum's default scale factor (migration 0003 sets the queue's own). It
 * analyzes them (planner statistics: sampling costs more than vacuuming a
 * mostly all-visible table) only once the table has grown by half since.
 */
import { sql } from "drizzle-orm";
import type { Logger } from "../log.ts";
import { type DatabaseHandle, query } from "./client.ts";

/** How the vacuum is paced. */
export interface VacuumOptions {
  /** How often to look, in milliseconds. */
  intervalMs?: number;
  /** New trials since the last vacuum that make the next one due. */
  trialsPerVacuum?: number;
}

/** Whether minima must vacuum its tables itself: PGlite, or a server with autovacuum off. */
export async function needsOwnVacuum(database: DatabaseHandle): Promise<boolean> {
  if (database.kind === "pglite") return true;
  const [row] = await query<{ autovacuum: string }>(database.db, sql`SHOW autovacuum`);
  return row?.autovacuum !== "on";
}

/** Starts the vacuum; returns a function that stops it. */
export function startVacuum(
  database: DatabaseHandle,
  logger: Logger,
  options: VacuumOptions = {},
): () => void {
  const every = options.trialsPerVacuum ?? 5_000;
  let last = -1;
  let analyzed = -1;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const [{ n }] = await query<{ n: number }>(
        database.db,
        sql`SELECT coalesce(sum(next_trial_number), 0)::float8 AS n FROM studies`,
      );
      const created = Number(n);
      if (last < 0) last = analyzed = created;
      // Like autovacuum's scale factor: at least `every` new trials, and 20%
      // of the table, so large tables are not vacuumed over and over.
      if (created - last >= Math.max(every, 0.2 * last)) {
        const started = performance.now();
        const analyze = created - analyzed >= Math.max(every, 0.5 * analyzed);
        await database.db.execute(
          analyze
            ? sql`VACUUM (ANALYZE) trials, trial_feedback`
            : sql`VACUUM trials, trial_feedback`,
        );
        logger.info("vacuumed trials", {
          newTrials: created - last,
          analyzed: analyze,
          ms: Math.round(performance.now() - started),
        });
        last = created;
        if (analyze) analyzed = created;
      }
    } catch (error) {
      logger.warn("vacuum failed", { error: String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 5_000);
  return () => clearInterval(timer);
}
