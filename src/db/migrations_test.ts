import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_DIR, openDatabase, query } from "./client.ts";

/** A copy of the migrations folder with only the first `count` migrations. */
async function firstMigrations(count: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "minima-migrations-" });
  await Deno.mkdir(`${dir}/meta`);
  const journal = JSON.parse(await Deno.readTextFile(`${MIGRATIONS_DIR}/meta/_journal.json`));
  journal.entries = journal.entries.slice(0, count);
  await Deno.writeTextFile(`${dir}/meta/_journal.json`, JSON.stringify(journal));
  for (const entry of journal.entries) {
    await Deno.copyFile(`${MIGRATIONS_DIR}/${entry.tag}.sql`, `${dir}/${entry.tag}.sql`);
  }
  return dir;
}

Deno.test({
  name: "migration 0003 moves reports the designer has not seen into the feedback queue",
  async fn() {
    const early = await firstMigrations(3);
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      await migrate(database.db as never, { migrationsFolder: early });
      const study = crypto.randomUUID();
      await database.db.execute(sql`INSERT INTO projects VALUES (gen_random_uuid(), 'p', now())`);
      await database.db.execute(
        sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
              algorithm_config, seed, lease_seconds, next_trial_number)
            SELECT ${study}, id, 's', 'ACTIVE', '{}', '{}', 'cbo', '{}', 1, 60, 3 FROM projects`,
      );
      // Reported and pending, reported and already seen, stale and pending.
      const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
      await database.db.execute(
        sql`INSERT INTO trials (id, study_id, number, state, params, feedback_pending) VALUES
              (${ids[0]}, ${study}, 0, 'COMPLETED', '{}', TRUE),
              (${ids[1]}, ${study}, 1, 'COMPLETED', '{}', FALSE),
              (${ids[2]}, ${study}, 2, 'STALE', '{}', TRUE)`,
      );
      await database.migrate();
      const queued = await query<
        { studyId: string; number: number; state: string; trialId: string }
      >(
        database.db,
        sql`SELECT study_id AS "studyId", number, state, trial_id AS "trialId" FROM trial_feedback
            ORDER BY number`,
      );
      assert.deepEqual(queued, [
        { studyId: study, number: 0, state: "COMPLETED", trialId: ids[0] },
        { studyId: study, number: 2, state: "STALE", trialId: ids[2] },
      ]);
      const [{ n }] = await query<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM information_schema.columns
            WHERE table_name = 'trials' AND column_name = 'feedback_pending'`,
      );
      assert.equal(Number(n), 0, "the flag is gone");
      assert.equal(await database.migrationsApplied(), true);
    } finally {
      await database.close();
      await Deno.remove(early, { recursive: true });
    }
  },
});
