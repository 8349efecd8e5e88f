/**
 * PGlite runs no autovacuum: without help, dead row versions pile up in the
 * trials table and its indexes, and every study slows down as it grows. This
 * stands in for autovacuum in embedded mode: every few seconds it looks at
 * how many trials were created since the last run (a cheap sum over studies)
 * and vacuums the trials table once enough have been: at least
 * `trialsPerVacuum`, and a fifth of the table, like autovacuum's scale factor.
 */
import { sql } from "drizzle-orm";
import type { Logger } from "../log.ts";
import { type DatabaseHandle, query } from "./client.ts";

/** How the embedded vacuum is paced. */
export interface VacuumOptions {
  /** How often to look, in milliseconds. */
  intervalMs?: number;
  /** New trials since the last vacuum that make the next one due. */
  trialsPerVacuum?: number;
}

/** Starts the embedded vacuum; returns a function that stops it. */
export function startEmbeddedVacuum(
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
      // Like autovacuum's scale factor: at least `every` new trials, and 20%
      // of the table, so large tables are not vacuumed over and over.
      if (created - last >= Math.max(every, 0.2 * last)) {
        const started = performance.now();
        await database.db.execute(sql`VACUUM (ANALYZE) trials`);
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
