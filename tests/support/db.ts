/**
 * Test databases: a fresh PostgreSQL database on the test server, or a PGlite
 * copied from a migrated template (a fresh PGlite takes seconds to start;
 * reopening a copied data directory takes about one).
 */
import postgres from "postgres";
import { type DatabaseHandle, MIGRATIONS_DIR, openDatabase } from "../../src/db/client.ts";
import { sha256 } from "../../src/services/ids.ts";

/** The two kinds of database the suite runs on. */
export type Backend = "pglite" | "postgres";

/** The PostgreSQL server the tests use (CI starts a private one). */
export const TEST_DATABASE_URL = Deno.env.get("MINIMA_TEST_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";

/** The backends to run on: MINIMA_TEST_BACKENDS=pglite,postgres (default both). */
export function testBackends(): Backend[] {
  const chosen = (Deno.env.get("MINIMA_TEST_BACKENDS") ?? "pglite,postgres").split(",");
  return (["pglite", "postgres"] as const).filter((b) => chosen.includes(b));
}

/** A database made for one test file, dropped on close. */
export interface TestDatabase extends DatabaseHandle {
  /** The URL of a server database (absent for PGlite). */
  url?: string;
}

function migrationsFingerprint(): string {
  const parts: string[] = [];
  for (
    const entry of [...Deno.readDirSync(MIGRATIONS_DIR)].sort((a, b) => a.name < b.name ? -1 : 1)
  ) {
    if (entry.isFile) {
      parts.push(entry.name, Deno.readTextFileSync(`${MIGRATIONS_DIR}/${entry.name}`));
    }
  }
  return sha256(parts.join("\n")).slice(0, 16);
}

async function pgliteTemplate(): Promise<string> {
  const root = `${Deno.env.get("TMPDIR") ?? "/tmp"}/minima-test-pglite-${migrationsFingerprint()}`;
  const ready = `${root}/READY`;
  const lock = `${root}.lock`;
  for (let attempt = 0;; attempt++) {
    try {
      await Deno.stat(ready);
      return `${root}/data`;
    } catch { /* not built yet */ }
    try {
      await Deno.mkdir(lock);
    } catch {
      if (attempt > 600) throw new Error(`timed out waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    try {
      await Deno.remove(root, { recursive: true }).catch(() => {});
      const handle = await openDatabase({ dataDir: `${root}/data` });
      await handle.migrate();
      await handle.close();
      await Deno.writeTextFile(ready, "ok");
    } finally {
      await Deno.remove(lock);
    }
  }
}

async function copyDir(from: string, to: string): Promise<void> {
  const cp = new Deno.Command("cp", { args: ["-R", from, to] });
  const { code, stderr } = await cp.output();
  if (code !== 0) throw new Error(new TextDecoder().decode(stderr));
}

/** Opens a fresh, migrated database of the given kind. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const template = await pgliteTemplate();
    const dir = await Deno.makeTempDir({ prefix: "minima-test-" });
    await Deno.remove(dir);
    await copyDir(template, dir);
    const handle = await openDatabase({ dataDir: dir });
    await handle.migrate();
    return {
      ...handle,
      async close() {
        await handle.close();
        await Deno.remove(dir, { recursive: true }).catch(() => {});
      },
    };
  }
  const name = `minima_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 40 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A backend waiting for a lock. */
export interface WaitingBackend {
  pid: number;
  query: string;
  /** The backends it waits for (pg_blocking_pids). */
  blockedBy: number[];
}

/**
 * A study's row lock (FOR NO KEY UPDATE, as a suggestion takes it) held by an
 * open transaction on a connection of its own, until `release`.
 */
export interface StudyLock {
  /** The holding backend's process id. */
  pid: number;
  /**
   * Every backend of the database that waits for a lock (read on another
   * connection): those waiting for the holder, and those queued behind them.
   */
  waiting(): Promise<WaitingBackend[]>;
  /** Ends the transaction and closes both connections. */
  release(): Promise<void>;
}
/** Takes a study's row lock on the server database at `url`. */
export async function lockStudy(url: string, studyId: string): Promise<StudyLock> {
  const holder = postgres(url, { max: 1, onnotice: () => {} });
  const probe = postgres(url, { max: 1, onnotice: () => {} });
  const locked = Promise.withResolvers<number>();
  const release = Promise.withResolvers<void>();
  const transaction = holder.begin(async (tx) => {
    const [{ pid }] = await tx`SELECT pg_backend_pid() AS pid`;
    const rows = await tx`SELECT id FROM studies WHERE id = ${studyId} FOR NO KEY UPDATE`;
    if (rows.length !== 1) throw new Error(`no study ${studyId} to lock`);
    locked.resolve(pid);
    await release.promise;
  });
  transaction.catch(locked.reject);
  let pid: number;
  try {
    pid = await locked.promise;
  } catch (error) {
    await Promise.all([holder.end(), probe.end()]);
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    pid,
    async waiting() {
      return await probe<WaitingBackend[]>`
        SELECT pid, query, pg_blocking_pids(pid) AS "blockedBy" FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' ORDER BY pid`;
    },
    release() {
      release.resolve();
      released ??= transaction.then(
        () => Promise.all([holder.end(), probe.end()]).then(() => {}),
      );
      return released;
    },
  };
}
