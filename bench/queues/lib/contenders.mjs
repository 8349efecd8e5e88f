// The three contenders behind one interface, on a server (connection string) or on PGlite.
//
//   env.phase(k, n)  -> { claims: ms[], completes: ms[], jobsPerSec }  n jobs drained by k workers
//   env.renewals(m)  -> ms[]  one job claimed and its lease renewed m times (null: no renewal API)
//   env.close()
//
// own and pg-boss are driven through their claim/complete calls (own: TAKE_OVER then OPEN;
// pg-boss: fetch() and complete()); each worker has its own connection. graphile-worker has no
// public "fetch one job" call, so its real runner runs with an empty task, and the claim and
// completion statements it sends are timed at the pg client (get_job ... / delete from _private_jobs).

import postgres from "postgres";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { fromPglite, PgBoss } from "pg-boss";
import { Logger, makeWorkerUtils, run } from "graphile-worker";
import {
  NEW_RUN,
  ownWorker,
  SCHEMA,
  viaPglite,
  viaPostgresJs,
} from "./own.mjs";

export const BATCH_SIZE = 8; // trials per batch (own table); the queues carry one batch per job
const quietLogger = new Logger(() => () => {});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Drain n jobs with the given workers, each looping claim -> complete until nothing is left. */
async function loopPhase(workers, n) {
  const claims = [], completes = [];
  let done = 0, tEnd = 0;
  const t0 = performance.now();
  await Promise.all(workers.map(async (w) => {
    for (;;) {
      const a = performance.now();
      const job = await w.claim();
      const b = performance.now();
      if (!job) return;
      await w.complete(job);
      const c = performance.now();
      claims.push(b - a);
      completes.push(c - b);
      done++;
      tEnd = Math.max(tEnd, c);
    }
  }));
  if (done !== n) throw new Error(`drained ${done} of ${n} jobs`);
  return { claims, completes, jobsPerSec: n / ((tEnd - t0) / 1000) };
}

async function renewLoop(w, m) {
  const job = await w.claim();
  if (!job) throw new Error("nothing to claim for the renewal test");
  const times = [];
  for (let i = 0; i < m; i++) {
    const a = performance.now();
    await w.renew(job);
    times.push(performance.now() - a);
  }
  await w.complete(job);
  return times;
}

// ---------------------------------------------------------------- own table

export async function ownServer(url, maxWorkers = 4) {
  const conns = Array.from(
    { length: maxWorkers + 1 },
    () => postgres(url, { max: 1, onnotice: () => {} }),
  );
  const admin = viaPostgresJs(conns[maxWorkers]);
  await admin.exec(SCHEMA);
  const workers = conns.slice(0, maxWorkers).map((c, i) =>
    ownWorker(viaPostgresJs(c), `w${i}`)
  );
  return ownEnv(admin, workers, () => Promise.all(conns.map((c) => c.end())));
}

export async function ownPglite(maxWorkers = 4) {
  const db = await PGlite.create();
  const q = viaPglite(db);
  await q.exec(SCHEMA);
  const workers = Array.from(
    { length: maxWorkers },
    (_, i) => ownWorker(q, `w${i}`),
  );
  return ownEnv(q, workers, () => db.close());
}

function ownEnv(admin, workers, close) {
  const seed = async (n) => {
    await admin.query("DELETE FROM runs", []);
    await admin.query(NEW_RUN, [n * BATCH_SIZE, BATCH_SIZE]);
  };
  return {
    async phase(k, n) {
      await seed(n);
      return loopPhase(workers.slice(0, k), n);
    },
    async renewals(m) {
      await seed(1);
      return renewLoop(workers[0], m);
    },
    // Claim latency of path (a): n batches whose leases have lapsed, taken over one by one.
    async takeovers(n) {
      await seed(n);
      const stale = ownWorker(admin, "dead", -60); // opens batches with a lease already lapsed
      for (let i = 0; i < n; i++) await stale.claim();
      const w = workers[0], times = [];
      for (let i = 0; i < n; i++) {
        const a = performance.now();
        const b = await w.claim();
        times.push(performance.now() - a);
        await w.complete(b);
      }
      return times;
    },
    close,
  };
}

// ---------------------------------------------------------------- pg-boss

const QUEUE = "batches";
const QUEUE_OPTIONS = {
  heartbeatSeconds: 10,
  retryLimit: 100,
  retryDelay: 0,
  expireInSeconds: 3600,
};

function bossWorker(boss) {
  return {
    claim: async () => (await boss.fetch(QUEUE))[0] ?? null,
    complete: async (job) => {
      const r = await boss.complete(QUEUE, job.id);
      if (r.affected !== 1) throw new Error(`complete affected ${r.affected}`);
    },
    renew: async (job) => {
      const r = await boss.touch(QUEUE, job.id);
      if (r.affected !== 1) throw new Error(`touch affected ${r.affected}`);
    },
  };
}

async function bossEnv(admin, workerBosses, close) {
  await admin.createQueue(QUEUE, QUEUE_OPTIONS);
  const workers = workerBosses.map(bossWorker);
  const seed = (n) =>
    admin.insert(QUEUE, Array.from({ length: n }, (_, i) => ({ data: { i } })));
  return {
    async phase(k, n) {
      await seed(n);
      return loopPhase(workers.slice(0, k), n);
    },
    async renewals(m) {
      await seed(1);
      return renewLoop(workers[0], m);
    },
    close,
  };
}

// Worker instances run no supervision/maintenance (supervise: false): one instance per deployment
// is enough for that, and it would only add noise here.
const bossWorkerOptions = { supervise: false, schedule: false, migrate: false };

export async function bossServer(url, maxWorkers = 4) {
  const admin = new PgBoss({
    connectionString: url,
    supervise: false,
    schedule: false,
    max: 2,
  });
  admin.on("error", (e) => console.error("pg-boss error:", e.message));
  await admin.start();
  const workers = [];
  for (let i = 0; i < maxWorkers; i++) {
    const b = new PgBoss({ connectionString: url, ...bossWorkerOptions }); // default pool (max 10)
    b.on("error", (e) => console.error("pg-boss error:", e.message));
    workers.push(await b.start());
  }
  return bossEnv(admin, workers, async () => {
    for (const b of [...workers, admin]) {
      await b.stop({ graceful: false, wait: true });
    }
  });
}

export async function bossPglite(maxWorkers = 4) {
  const db = await PGlite.create();
  const boss = new PgBoss({
    db: fromPglite(db),
    backend: "pglite",
    supervise: false,
    schedule: false,
  });
  boss.on("error", (e) => console.error("pg-boss error:", e.message));
  await boss.start();
  // One PGlite connection: every "worker" shares the instance.
  return bossEnv(boss, Array(maxWorkers).fill(boss), async () => {
    await boss.stop({ graceful: false, wait: true });
    await db.close();
  });
}

// ---------------------------------------------------------------- graphile-worker

const isClaim = (
  name,
  text,
) => (name ? name.startsWith("get_job") : /^with j(_raw)? as \(/.test(text));
const isComplete = (name, text) =>
  name
    ? name.startsWith("complete_job")
    : /^delete from \S+\._private_jobs as jobs\s+where id = \$1/.test(text);

/** A pg.Pool whose clients log the duration of graphile-worker's claim and completion statements. */
function instrumentedPool(connectionString, log) {
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    const query = client.query.bind(client);
    client.query = (config, ...rest) => {
      const text = typeof config === "string" ? config : config?.text ?? "";
      const name = typeof config === "object" ? config?.name : undefined;
      const kind = isClaim(name, text)
        ? "claim"
        : isComplete(name, text)
        ? "complete"
        : null;
      const p = query(config, ...rest);
      if (!kind || !p?.then) return p;
      const t = performance.now();
      return p.then((res) => {
        const end = performance.now();
        if (kind === "complete" || res.rowCount > 0) log.push({ kind, t, end });
        return res;
      });
    };
  });
  return pool;
}

/**
 * graphile-worker against a connection string. `socket` marks a pglite-socket URL: there it needs
 * noPreparedStatements (every client shares one PGlite session, so a second client preparing
 * "get_job/graphile_worker" fails with 42P05) and it cannot rely on LISTEN/NOTIFY.
 */
export async function graphileEnv(
  url,
  { socket = false, maxWorkers = 4 } = {},
) {
  const utils = await makeWorkerUtils({
    connectionString: url,
    logger: quietLogger,
  });
  await utils.migrate();
  let log = [];
  const pools = Array.from(
    { length: maxWorkers },
    () => instrumentedPool(url, { push: (e) => log.push(e) }),
  );
  const options = {
    concurrency: 1,
    pollInterval: 2000,
    noHandleSignals: true,
    noPreparedStatements: socket,
    crontab: "",
    logger: quietLogger,
    taskList: { batch: async () => {} },
  };
  const seed = (n) =>
    utils.addJobs(
      Array.from(
        { length: n },
        (_, i) => ({ identifier: "batch", payload: { i } }),
      ),
    );
  return {
    async phase(k, n) {
      await seed(n);
      log = [];
      const runners = await Promise.all(
        pools.slice(0, k).map((pgPool) => run({ ...options, pgPool })),
      );
      const deadline = Date.now() + 120_000;
      while (log.filter((e) => e.kind === "complete").length < n) {
        if (Date.now() > deadline) {
          throw new Error("graphile-worker did not drain its jobs in 120 s");
        }
        await sleep(20);
      }
      await Promise.all(runners.map((r) => r.stop()));
      const claims = log.filter((e) => e.kind === "claim"),
        completes = log.filter((e) => e.kind === "complete");
      const t0 = Math.min(...claims.map((e) => e.t)),
        t1 = Math.max(...completes.map((e) => e.end));
      return {
        claims: claims.map((e) => e.end - e.t),
        completes: completes.map((e) => e.end - e.t),
        jobsPerSec: n / ((t1 - t0) / 1000),
      };
    },
    renewals: null, // no renewal: a job's lock lapses only after a fixed 4 hours (see the report)
    utils,
    async close() {
      await utils.release();
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}
