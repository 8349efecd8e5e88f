import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { createLogger } from "../log.ts";
import { openDatabase } from "./client.ts";
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
