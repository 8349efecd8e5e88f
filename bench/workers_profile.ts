/**
 * Where a batch's time goes, for `deno task bench:workers`: the worker
 * processes' own step times (their /metrics: minima_run_step_seconds, per
 * step: claim, suggest, hold, evaluate, record) and, with `--profile`,
 * what the database's sessions waited on meanwhile (pg_stat_activity
 * sampled every few milliseconds: lock waits by the statement that waits,
 * the wait the serialisation shows up as).
 */
import postgres from "postgres";
import { RUN_STEPS, type RunStep } from "../src/metrics.ts";

/** Mean milliseconds per batch in each step, over every worker of a rep. */
export type StepMs = Record<RunStep, number>;

/** Sums and counts of the step times of the workers at `urls` (their /metrics). */
async function scrape(urls: string[]): Promise<Map<RunStep, { seconds: number; count: number }>> {
  const total = new Map<RunStep, { seconds: number; count: number }>();
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (
      const m of text.matchAll(/^minima_run_step_seconds_(sum|count)\{step="(\w+)"\} (\S+)$/gm)
    ) {
      const step = m[2] as RunStep;
      const s = total.get(step) ?? { seconds: 0, count: 0 };
      if (m[1] === "sum") s.seconds += Number(m[3]);
      else s.count += Number(m[3]);
      total.set(step, s);
    }
  }
  return total;
}

/** Mean ms per step over the workers at `urls` (each served one rep: counters start at 0). */
export async function stepMs(urls: string[]): Promise<StepMs> {
  const total = await scrape(urls);
  return Object.fromEntries(RUN_STEPS.map((step) => {
    const s = total.get(step);
    return [step, s && s.count ? (s.seconds / s.count) * 1000 : 0];
  })) as StepMs;
}

/** What the sessions of one database waited on, sampled while a rep runs. */
export class WaitSampler {
  readonly #sql: postgres.Sql;
  readonly #database: string;
  #samples = 0;
  #active = 0;
  readonly #waits = new Map<string, number>();
  #running: Promise<void> | undefined;
  #stop = false;

  constructor(serverUrl: string, database: string) {
    this.#sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
    this.#database = database;
  }

  /** Samples every `everyMs` until stop(). */
  start(everyMs = 3): void {
    this.#running = (async () => {
      while (!this.#stop) {
        const rows = await this.#sql<{ wait: string | null; query: string }[]>`
          SELECT CASE WHEN wait_event_type IS NULL THEN NULL
                      ELSE wait_event_type || ':' || wait_event END AS wait,
                 left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
          FROM pg_stat_activity
          WHERE datname = ${this.#database} AND state = 'active' AND pid <> pg_backend_pid()`;
        this.#samples++;
        this.#active += rows.length;
        for (const r of rows) {
          if (!r.wait || r.wait.startsWith("Client:")) continue;
          const key = `${r.wait} ${r.query}`;
          this.#waits.set(key, (this.#waits.get(key) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, everyMs));
      }
    })();
  }

  /**
   * Stops; returns the mean number of active sessions and, for the most
   * frequent waits, the share of samples in which a session waited so.
   */
  async stop(): Promise<{ active: number; waits: [string, number][] }> {
    this.#stop = true;
    await this.#running;
    await this.#sql.end();
    const n = Math.max(1, this.#samples);
    const waits = [...this.#waits].sort((a, b) => b[1] - a[1]).slice(0, 8)
      .map(([k, v]) => [k, v / n] as [string, number]);
    return { active: this.#active / n, waits };
  }
}
