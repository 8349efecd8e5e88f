/**
 * Vacuuming where nothing else does: PGlite runs no autovacuum, and a
 * PostgreSQL server may have it turned off (`autovacuum = off`). Without it,
 * dead row versions pile up in the trials table, the feedback queue and their
 * indexes (a completed trial leaves its ACTIVE version behind; every handed-over
 * report leaves a deleted queue row), and every suggestion walks more of them
 * as a study grows. This stands in for autovacuum: every few seconds it looks
 * at how many trials were created since the last run (a cheap sum over
 * studies) and vacuums the trials table and the feedback queue once enough
 * have been: at least `trialsPerVacuum`, and a tenth of the table, like
 * autovacuum's scale factor (see migrations/0003 for the server's own).
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
      if (last < 0) last = created;
      // Like autovacuum's scale factor: at least `every` new trials, and 10%
      // of the table, so large tables are not vacuumed over and over.
      if (created - last >= Math.max(every, 0.1 * last)) {
        const started = performance.now();
        await database.db.execute(sql`VACUUM (ANALYZE) trials, trial_feedback`);
        logger.info("vacuumed trials", {
          newTrials: created - last,
          ms: Math.round(performance.now() - started),
        });
        last = created;
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
