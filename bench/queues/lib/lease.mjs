// Question 3: a worker process holds a job under its lease/heartbeat, is SIGKILLed, and we time how
// long until another worker (alive all along, polling every 100 ms) gets the same job.

import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { PgBoss } from "pg-boss";
import { Logger, makeWorkerUtils, run } from "graphile-worker";
import { NEW_RUN, ownWorker, SCHEMA, viaPostgresJs } from "./own.mjs";

const WORKER = fileURLToPath(new URL("./lease-worker.mjs", import.meta.url));
const HOLD_MS = 4000; // the holder keeps the job this long (heartbeating) before it is killed
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const quietLogger = new Logger(() => () => {});

/** Start a holder process; resolves once it has claimed a job. */
function startHolder(contender, url, lease) {
  const child = spawn(process.execPath, [
    WORKER,
    contender,
    url,
    String(lease ?? ""),
  ], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const state = { child, lastRenewal: null };
  state.claimed = new Promise((resolve, reject) => {
    lines.on("line", (line) => {
      const msg = JSON.parse(line);
      if (msg.claimed) resolve(msg);
      if (msg.renewed) state.lastRenewal = msg.renewed;
    });
    child.on(
      "exit",
      (code) => reject(new Error(`holder exited (${code}) before claiming`)),
    );
    setTimeout(
      () => reject(new Error("holder claimed nothing in 30 s")),
      30_000,
    ).unref();
  });
  return state;
}

async function poll(fn, timeoutMs, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const r = await fn();
    if (r) return r;
    await sleep(everyMs);
  }
  return null;
}

const seconds = (ms) => Math.round(ms / 100) / 10;

/** Own table, lease `lease` seconds renewed every lease/3 by the holder. */
export async function ownLease(url, lease = 5) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const db = viaPostgresJs(sql);
  await db.exec(SCHEMA);
  await db.query("DELETE FROM runs", []);
  await db.query(NEW_RUN, [8, 8]); // one batch
  const holder = startHolder("own", url, lease);
  const { claimed } = await holder.claimed;
  await sleep(HOLD_MS);
  holder.child.kill("SIGKILL");
  const tKill = Date.now(), lastBeat = holder.lastRenewal ?? tKill;
  const survivor = ownWorker(db, "survivor", lease);
  const got = await poll(async () => {
    const b = await survivor.claim();
    return b && `${b.run_id}/${b.seq}` === claimed ? b : null;
  }, 60_000);
  const t = Date.now();
  if (got) await survivor.complete(got);
  await sql.end();
  return {
    contender: "own",
    config: `lease ${lease} s, renewed every ${seconds((lease * 1000) / 3)} s`,
    takenAfterKillS: got ? seconds(t - tKill) : null,
    takenAfterLastHeartbeatS: got ? seconds(t - lastBeat) : null,
  };
}

/** pg-boss: queue heartbeatSeconds 10 (its minimum); `fast` shortens the supervisor's intervals to 1 s. */
export async function bossLease(url, { fast }) {
  const admin = new PgBoss({
    connectionString: url,
    supervise: false,
    schedule: false,
  });
  admin.on("error", () => {});
  await admin.start();
  await admin.createQueue("lease", {
    heartbeatSeconds: 10,
    retryLimit: 10,
    retryDelay: 0,
    expireInSeconds: 3600,
  });
  await admin.deleteAllJobs("lease");
  await admin.send("lease", {});
  const intervals = fast
    ? { superviseIntervalSeconds: 1, monitorIntervalSeconds: 1 }
    : {};
  const survivor = new PgBoss({
    connectionString: url,
    supervise: true,
    schedule: false,
    migrate: false,
    ...intervals,
  });
  survivor.on("error", () => {});
  await survivor.start();
  const holder = startHolder("boss", url);
  const { claimed } = await holder.claimed;
  await sleep(HOLD_MS);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ heartbeat_on }] =
    await sql`SELECT heartbeat_on FROM pgboss.job WHERE id = ${claimed}`;
  holder.child.kill("SIGKILL");
  const tKill = Date.now();
  const got = await poll(async () => {
    const [job] = await survivor.fetch("lease", { includeMetadata: true });
    return job?.id === claimed ? job : null;
  }, 180_000);
  const t = Date.now();
  if (got) await survivor.complete("lease", got.id);
  await survivor.stop({ graceful: false, wait: true });
  await admin.stop({ graceful: false, wait: true });
  await sql.end();
  return {
    contender: "pg-boss",
    config: `heartbeatSeconds 10 (refresh every 5 s), ${
      fast
        ? "superviseIntervalSeconds 1, monitorIntervalSeconds 1"
        : "supervisor intervals at their defaults (60 s)"
    }`,
    takenAfterKillS: got ? seconds(t - tKill) : null,
    takenAfterLastHeartbeatS: got
      ? seconds(t - new Date(heartbeat_on).getTime())
      : null,
    failedWith: got?.output?.value?.message ?? null,
    retryCount: got?.retryCount ?? null,
  };
}

/**
 * graphile-worker: a killed worker's job stays locked (locked_at) until the 4-hour sweep. We wait
 * `waitS` seconds to show it is not taken, then either move locked_at back 4 hours (what the sweep
 * would see 4 h later; survivor sweeps every 1-2 s here) or call forceUnlockWorkers([locked_by]).
 */
export async function graphileLease(url, { release, waitS = 30 }) {
  const utils = await makeWorkerUtils({
    connectionString: url,
    logger: quietLogger,
  });
  await utils.migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`DELETE FROM graphile_worker._private_jobs`;
  await utils.addJob("lease", {});
  const holder = startHolder("graphile", url);
  const { claimed, lockedBy } = await holder.claimed;
  let taken = null; // the survivor starts once the holder has the job
  const survivor = await run({
    connectionString: url,
    concurrency: 1,
    pollInterval: 500,
    noHandleSignals: true,
    crontab: "",
    logger: quietLogger,
    minResetLockedInterval: 1000,
    maxResetLockedInterval: 2000,
    taskList: {
      lease: async (_p, helpers) => {
        taken = { id: String(helpers.job.id), at: Date.now() };
      },
    },
  });
  await sleep(HOLD_MS);
  holder.child.kill("SIGKILL");
  const tKill = Date.now();
  await sleep(waitS * 1000);
  const notTakenIn = taken ? null : waitS;
  const tRelease = Date.now();
  if (release === "backdate") {
    await sql`UPDATE graphile_worker._private_jobs SET locked_at = locked_at - interval '4 hours' WHERE id = ${claimed}`;
  } else {
    await utils.forceUnlockWorkers([lockedBy]);
  }
  await poll(async () => taken?.id === claimed, 30_000);
  await survivor.stop();
  await utils.release();
  await sql.end();
  return {
    contender: "graphile-worker",
    config: release === "backdate"
      ? "locked_at moved back 4 h (stands for waiting 4 h); survivor sweeps stale locks every 1-2 s"
      : "forceUnlockWorkers([locked_by of the dead worker]) called by hand",
    notTakenWithinS: notTakenIn,
    takenAfterReleaseS: taken ? seconds(taken.at - tRelease) : null,
    takenAfterKillS: taken ? seconds(taken.at - tKill) : null,
  };
}
