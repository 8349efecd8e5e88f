/**
 * Migrations at a process's start: every process (API or worker) migrates
 * when it starts, under a session advisory lock that serialises them on a
 * server. A process that starts on a database already migrated takes no
 * such lock, so that worker processes can reach the server through
 * PgBouncer in transaction mode, where a session lock may be taken on one
 * server connection and released on another (docs/runs.md, Scale).
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { MIGRATION_LOCK, openDatabase } from "../src/db/client.ts";
import { openTestDatabase, testBackends } from "./support/db.ts";

Deno.test({
  name: "a process starting on a migrated server database takes no session lock",
  ignore: !testBackends().includes("postgres"),
  async fn() {
    const migrated = await openTestDatabase("postgres");
    const url = migrated.url!;
    const name = new URL(url).pathname.slice(1);
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    const probe = postgres(url, { max: 1, onnotice: () => {} });
    const starting = await openDatabase({ url, poolSize: 2 });
    try {
      // Another session holds the migrations' lock (a migration in progress, or a
      // pooled server connection that kept it).
      await holder`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
      let finished = false;
      const done = starting.migrate().then(() => (finished = true));
      // Until the start's migrate ends, or one of its sessions waits for the lock.
      let waited = false;
      while (!finished && !waited) {
        const rows = await probe`SELECT pid FROM pg_stat_activity
          WHERE datname = ${name} AND wait_event_type = 'Lock' AND wait_event = 'advisory'`;
        waited = rows.length > 0;
      }
      await holder`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`;
      await done;
      assert.equal(waited, false, "the start waited for the migrations' advisory lock");
      assert.equal(await starting.migrationsApplied(), true);
    } finally {
      await starting.close();
      await holder.end();
      await probe.end();
      await migrated.close();
    }
  },
});
