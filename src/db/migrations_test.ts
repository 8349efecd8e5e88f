import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/pglite/migrator";
import { MIGRATIONS_DIR, openDatabase, query } from "./client.ts";
import { violatedConstraint } from "./errors.ts";

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

Deno.test({
  name: "migration 0010 renames studies that share a name in a project, oldest first",
  async fn() {
    const early = await firstMigrations(10);
    const database = await openDatabase({ dataDir: "memory://" });
    try {
      await migrate(database.db as never, { migrationsFolder: early });
      await database.db.execute(sql`INSERT INTO projects VALUES
        ('00000000-0000-4000-8000-000000000001', 'p', now()),
        ('00000000-0000-4000-8000-000000000002', 'q', now())`);
      const study = (n: number, project: number, name: string, at: string) =>
        database.db.execute(
          sql`INSERT INTO studies (id, project_id, name, state, space, objective, algorithm_name,
                algorithm_config, seed, lease_seconds, created_at)
              VALUES (${`10000000-0000-4000-8000-00000000000${n}`},
                      ${`00000000-0000-4000-8000-00000000000${project}`}, ${name}, 'ACTIVE',
                      '{}', '{}', 'random', '{}', 1, 60, ${at})`,
        );
      await study(1, 1, "s", "2026-01-03");
      await study(2, 1, "s", "2026-01-01"); // the oldest "s" keeps its name
      await study(3, 1, "s", "2026-01-02");
      await study(4, 1, "s (3)", "2026-01-04"); // already holds the name the third "s" would get
      await study(5, 2, "s", "2026-01-05"); // another project's "s" is not a duplicate
      await database.migrate();
      const rows = await query<{ id: string; name: string }>(
        database.db,
        sql`SELECT id, name FROM studies ORDER BY id`,
      );
      assert.deepEqual(rows.map((r) => r.name), [
        "s (10000000-0000-4000-8000-000000000001)",
        "s",
        "s (2)",
        "s (3)",
        "s",
      ]);
      await assert.rejects(
        study(6, 1, "s", "2026-01-06"),
        (e) => violatedConstraint(e) === "studies_project_name_key",
      );
    } finally {
      await database.close();
    }
  },
});
