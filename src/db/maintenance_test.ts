import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createLogger } from "../log.ts";
import { openDatabase, query } from "./client.ts";
import { needsOwnVacuum, startVacuum } from "./maintenance.ts";

Deno.test({
  name: "the embedded vacuum runs once enough trials were created",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    const lines: string[] = [];
    assert.equal(await needsOwnVacuum(database), true, "PGlite has no autovacuum");
    const stop = startVacuum(database, createLogger("info", (l) => lines.push(l)), {
      intervalMs: 20,
      trialsPerVacuum: 100,
    });
    try {
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(lines.length, 0, "nothing to do yet");
      await database.db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
      await database.db.execute(
        sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
              algorithm_config, seed, lease_seconds, next_trial_number)
            SELECT gen_random_uuid(), id, 's', 'ACTIVE', '{}', '{}', 'random', '{}', 1, 60, 150
            FROM projects`,
      );
      for (let i = 0; i < 50 && lines.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const record = JSON.parse(lines[0]);
      assert.equal(record.msg, "vacuumed trials");
      assert.equal(record.newTrials, 150);
      assert.equal(record.analyzed, true, "the first run analyzes too");
    } finally {
      stop();
      await database.close();
    }
  },
});

Deno.test({
  name: "without the trials table, only the feedback queue is vacuumed, once reports came in",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    const vacuums = async (table: string) => {
      const [row] = await query<{ n: number }>(
        database.db,
        sql`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = ${table}`,
      );
      return Number(row.n);
    };
    const lines: string[] = [];
    const stop = startVacuum(database, createLogger("info", (l) => lines.push(l)), {
      intervalMs: 20,
      trialsPerVacuum: 100,
      trials: false,
    });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const before = await vacuums("trial_feedback");
      assert.equal(before, 0, "nothing reported, nothing to vacuum");
      await database.db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
      await database.db.execute(
        sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
              algorithm_config, seed, lease_seconds, next_trial_number)
            SELECT gen_random_uuid(), id, 's', 'ACTIVE', '{}', '{}', 'random', '{}', 1, 60, 150
            FROM projects`,
      );
      for (let i = 0; i < 50 && await vacuums("trial_feedback") === 0; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(await vacuums("trial_feedback"), 1);
      assert.equal(await vacuums("trials"), 0);
      assert.equal(lines.length, 0, "the trials table is left to autovacuum");
    } finally {
      stop();
      await database.close();
    }
  },
});

Deno.test({
  name: "the trials table is analyzed each time the number of trials has doubled",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const database = await openDatabase({ dataDir: "memory://" });
    await database.migrate();
    const lines: string[] = [];
    const stop = startVacuum(database, createLogger("info", (l) => lines.push(l)), {
      intervalMs: 20,
      trials: false,
    });
    const setTrials = (n: number) =>
      database.db.execute(sql`UPDATE studies SET next_trial_number = ${n}`);
    const analyzed = () =>
      lines.map((l) => JSON.parse(l)).filter((r) => r.msg === "analyzed trials")
        .map((r) => r.trials);
    const settle = () => new Promise((r) => setTimeout(r, 200));
    try {
      await database.db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
      await database.db.execute(
        sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
              algorithm_config, seed, lease_seconds, next_trial_number)
            SELECT gen_random_uuid(), id, 's', 'ACTIVE', '{}', '{}', 'random', '{}', 1, 60, 500
            FROM projects`,
      );
      await settle();
      assert.deepEqual(analyzed(), [], "under 1,000 trials: nothing to analyze");
      for (const n of [1_500, 2_000, 2_999, 3_000, 7_000]) {
        await setTrials(n);
        await settle();
      }
      assert.deepEqual(analyzed(), [1_500, 3_000, 7_000]);
    } finally {
      stop();
      await database.close();
    }
  },
});
