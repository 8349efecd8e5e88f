import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createLogger } from "../log.ts";
import { type DatabaseHandle, openDatabase, query } from "./client.ts";
import { needsOwnVacuum, startVacuum, type VacuumOptions } from "./maintenance.ts";

/** What a test of the loop gets: a fresh migrated PGlite, and what the loop logged. */
interface Loop {
  database: DatabaseHandle;
  lines: string[];
  /** Adds a project and a study that has created `trials` trials. */
  addStudy(trials: number): Promise<void>;
}

/** A test that runs the maintenance loop (every 20 ms) over a database of its own. */
function loopTest(name: string, options: VacuumOptions, body: (loop: Loop) => Promise<void>) {
  Deno.test({
    name,
    async fn() {
      const database = await openDatabase({ dataDir: "memory://" });
      await database.migrate();
      const lines: string[] = [];
      const addStudy = async (trials: number) => {
        await database.db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
        await database.db.execute(
          sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
                algorithm_config, seed, lease_seconds, next_trial_number)
              SELECT gen_random_uuid(), id, 's', 'ACTIVE', '{}', '{}', 'random', '{}', 1, 60,
                ${trials}
              FROM projects`,
        );
      };
      const stop = startVacuum(database, createLogger("info", (l) => lines.push(l)), {
        intervalMs: 20,
        ...options,
      });
      try {
        await body({ database, lines, addStudy });
      } finally {
        await stop();
        await database.close();
      }
    },
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

loopTest(
  "the embedded vacuum runs once enough trials were created",
  { trialsPerVacuum: 100 },
  async ({ database, lines, addStudy }) => {
    assert.equal(await needsOwnVacuum(database), true, "PGlite has no autovacuum");
    await sleep(100);
    assert.equal(lines.length, 0, "nothing to do yet");
    await addStudy(150);
    for (let i = 0; i < 50 && lines.length === 0; i++) await sleep(20);
    const record = JSON.parse(lines[0]);
    assert.equal(record.msg, "vacuumed trials");
    assert.equal(record.newTrials, 150);
    assert.equal(record.analyzed, true, "the first run analyzes too");
  },
);

loopTest(
  "without the trials table, only the feedback queue is vacuumed, once reports came in",
  { trialsPerVacuum: 100, trials: false },
  async ({ database, lines, addStudy }) => {
    const vacuums = async (table: string) => {
      const [row] = await query<{ n: number }>(
        database.db,
        sql`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = ${table}`,
      );
      return Number(row.n);
    };
    await sleep(100);
    const before = await vacuums("trial_feedback");
    assert.equal(before, 0, "nothing reported, nothing to vacuum");
    await addStudy(150);
    for (let i = 0; i < 50 && await vacuums("trial_feedback") === 0; i++) await sleep(20);
    assert.equal(await vacuums("trial_feedback"), 1);
    assert.equal(await vacuums("trials"), 0);
    assert.equal(lines.length, 0, "the trials table is left to autovacuum");
  },
);

loopTest(
  "the trials table is analyzed each time the number of trials has doubled",
  { trials: false },
  async ({ database, lines, addStudy }) => {
    const analyzed = () =>
      lines.map((l) => JSON.parse(l)).filter((r) => r.msg === "analyzed trials")
        .map((r) => r.trials);
    await addStudy(500);
    await sleep(200);
    assert.deepEqual(analyzed(), [], "under 1,000 trials: nothing to analyze");
    for (const n of [1_500, 2_000, 2_999, 3_000, 7_000]) {
      await database.db.execute(sql`UPDATE studies SET next_trial_number = ${n}`);
      await sleep(200);
    }
    assert.deepEqual(analyzed(), [1_500, 3_000, 7_000]);
  },
);
