/**
 * Samples what the service's PostgreSQL sessions are doing (pg_stat_activity)
 * while a workload runs: running, waiting on a lock, or idle inside a
 * transaction (waiting for the service to send the next statement).
 */
import postgres from "postgres";

/** Sessions of the service by what they were doing, averaged over samples. */
export type SessionStates = Record<string, number>;

/** A sampler that can be switched on around each measured run. */
export interface WaitSampler {
  /** Starts sampling (every `intervalMs`). */
  start(): void;
  /** Stops sampling; returns sample counts by state (summed over sessions) and samples taken. */
  stop(): Promise<{ counts: Record<string, number>; samples: number }>;
  /** Closes its connection. */
  close(): Promise<void>;
}

/**
 * A sampler over the sessions named `minima` (the service's application_name)
 * of database `database`, connecting with `url`.
 */
export function waitSampler(url: string, database: string, intervalMs = 100): WaitSampler {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let timer: ReturnType<typeof setInterval> | undefined;
  let busy: Promise<void> = Promise.resolve();
  let counts: Record<string, number> = {};
  let samples = 0;
  const sample = async () => {
    const rows = await sql<{ what: string; n: number }[]>`
      SELECT CASE
               WHEN state = 'active' AND wait_event_type IS NULL THEN 'running'
               WHEN state = 'active' THEN wait_event_type || ':' || wait_event
               ELSE state
             END AS what,
             count(*)::int AS n
      FROM pg_stat_activity
      WHERE datname = ${database} AND application_name = 'minima' AND state <> 'idle'
      GROUP BY 1`;
    samples++;
    for (const r of rows) counts[r.what] = (counts[r.what] ?? 0) + r.n;
  };
  return {
    start() {
      counts = {};
      samples = 0;
      timer = setInterval(() => {
        busy = busy.then(sample).catch(() => {});
      }, intervalMs);
    },
    async stop() {
      clearInterval(timer);
      await busy;
      return { counts, samples };
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/** Average sessions per state from summed counts; states under 0.05 are left out. */
export function averageStates(counts: Record<string, number>, samples: number): SessionStates {
  const out: SessionStates = {};
  for (const [what, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
    const avg = Math.round((n / Math.max(samples, 1)) * 10) / 10;
    if (avg >= 0.05) out[what] = avg;
  }
  return out;
}

/** Row versions in the trials table (pg_stat_user_tables). */
export interface TableStats {
  live: number;
  dead: number;
  /** When autovacuum last ran on it (ISO), or null. */
  lastAutovacuum: string | null;
}

/** Live and dead row versions of the trials table in the database at `url`. */
export async function trialsTableStats(url: string): Promise<TableStats | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ live: number; dead: number; vacuumed: Date | null }[]>`
      SELECT n_live_tup::int AS live, n_dead_tup::int AS dead, last_autovacuum AS vacuumed
      FROM pg_stat_user_tables WHERE relname = 'trials'`;
    return row
      ? { live: row.live, dead: row.dead, lastAutovacuum: row.vacuumed?.toISOString() ?? null }
      : null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
