// Question 1: can pg-boss and graphile-worker run on PGlite? In-process (pg-boss's fromPglite
// adapter) and through @electric-sql/pglite-socket, which serves one PGlite over the wire protocol.
// Each check returns { check, ok, detail }; `detail` carries the error text where one was raised.

import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { fromPglite, PgBoss } from "pg-boss";
import { Logger, makeWorkerUtils, run } from "graphile-worker";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const errText = (e) => `${e?.code ? e.code + " " : ""}${e?.message ?? e}`;

async function withSocket(maxConnections, fn) {
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: 0, maxConnections });
  await server.start();
  try {
    return await fn(
      `postgres://postgres@127.0.0.1:${server.port}/postgres`,
      db,
    );
  } finally {
    await server.stop();
    await db.close();
  }
}

/** Run fn, give up after ms. */
function within(ms, fn) {
  let timer;
  return Promise.race([
    fn(),
    new Promise((_, rej) => {
      timer = setTimeout(
        () => rej(new Error(`no answer in ${ms / 1000} s`)),
        ms,
      );
    }),
  ])
    .finally(() => clearTimeout(timer));
}

/** Time from send() to the handler of an idle work() whose polling is 30 s: ~0 if NOTIFY arrives. */
async function bossNotifyDelay(boss, queue) {
  await boss.createQueue(queue, { notify: true });
  let started;
  const handled = new Promise((r) => {
    started = r;
  });
  await boss.work(
    queue,
    { pollingIntervalSeconds: 30, notifyPollingIntervalSeconds: 30 },
    async () => started(Date.now()),
  );
  await sleep(1500); // the first poll has found nothing; the worker now waits on NOTIFY or its 30 s poll
  const t = Date.now();
  await boss.send(queue, {});
  const at = await Promise.race([handled, sleep(8000).then(() => null)]);
  await boss.offWork(queue);
  return at ? at - t : null;
}

async function bossInProcess() {
  const out = [];
  const db = await PGlite.create();
  const boss = new PgBoss({
    db: fromPglite(db),
    backend: "pglite",
    useListenNotify: true,
    supervise: false,
    schedule: false,
    monitorIntervalSeconds: 1, // expiry runs at most once per monitor interval (default 60 s)
  });
  const errors = [];
  boss.on("error", (e) => errors.push(errText(e)));
  try {
    await boss.start();
    out.push({
      check:
        "pg-boss in-process (fromPglite): start() creates its schema and runs its migrations",
      ok: true,
    });
    await boss.createQueue("q", {
      heartbeatSeconds: 10,
      retryLimit: 3,
      retryDelay: 0,
    });
    await boss.insert("q", [{ data: { a: 1 } }]);
    const [job] = await boss.fetch("q");
    const touched = await boss.touch("q", job.id);
    out.push({
      check: "pg-boss in-process: insert, fetch, touch (heartbeat), complete",
      ok: touched.affected === 1 &&
        (await boss.complete("q", job.id)).affected === 1,
    });
    await boss.supervise(); // maintenance pass; takes pg-boss's advisory locks
    out.push({
      check:
        "pg-boss in-process: supervise() (maintenance under advisory locks)",
      ok: true,
    });
    const ms = await bossNotifyDelay(boss, "notified");
    out.push({
      check:
        "pg-boss in-process: LISTEN/NOTIFY wakes an idle worker (useListenNotify)",
      ok: ms !== null && ms < 1000,
      detail: ms === null ? "not woken in 8 s" : `woken after ${ms} ms`,
    });
    // Lease lapse on PGlite: a fetched job with no heartbeat for 10 s is failed back to retry by supervise().
    await boss.insert("q", [{ data: { a: 2 } }]);
    const [held] = await boss.fetch("q");
    await sleep(11_000);
    await boss.supervise("q");
    const [again] = await boss.fetch("q", { includeMetadata: true });
    out.push({
      check:
        "pg-boss in-process: a job whose heartbeat stopped is retried after heartbeatSeconds + a supervise() pass",
      ok: again?.id === held.id,
      detail: again
        ? `refetched, retryCount ${again.retryCount}`
        : "not refetched",
    });
  } catch (e) {
    out.push({ check: "pg-boss in-process", ok: false, detail: errText(e) });
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    await db.close();
  }
  if (errors.length) {
    out.push({
      check: "pg-boss in-process: error events",
      ok: false,
      detail: [...new Set(errors)].join("; "),
    });
  }
  return out;
}

async function bossOverSocket(maxConnections) {
  return withSocket(maxConnections, async (url) => {
    const out = [];
    const errors = [];
    const boss = new PgBoss({
      connectionString: url,
      useListenNotify: true,
      supervise: false,
      schedule: false,
    });
    boss.on("error", (e) => errors.push(errText(e)));
    const label =
      `pg-boss via pglite-socket (maxConnections ${maxConnections})`;
    try {
      await within(20_000, async () => {
        await boss.start();
        await boss.createQueue("q");
        await boss.insert("q", [{ data: {} }]);
        const [job] = await boss.fetch("q");
        await boss.complete("q", job.id);
      });
      out.push({ check: `${label}: start, insert, fetch, complete`, ok: true });
      const ms = await bossNotifyDelay(boss, "notified");
      out.push({
        check: `${label}: LISTEN/NOTIFY wakes an idle worker`,
        ok: ms !== null && ms < 1000,
        detail: ms === null
          ? "not woken in 8 s (NOTIFY not delivered to the listening connection)"
          : `woken after ${ms} ms`,
      });
    } catch (e) {
      out.push({
        check: `${label}: start, insert, fetch, complete`,
        ok: false,
        detail: errText(e),
      });
    } finally {
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
    }
    if (errors.length) {
      out.push({
        check: `${label}: error events`,
        ok: false,
        detail: [...new Set(errors)].join("; "),
      });
    }
    return out;
  });
}

async function graphileOverSocket(maxConnections, noPreparedStatements) {
  return withSocket(maxConnections, async (url) => {
    const out = [];
    const logged = [];
    const logger = new Logger(() => (level, message) => {
      if (level === "error" || /fail/i.test(message)) logged.push(message);
    });
    const label =
      `graphile-worker via pglite-socket (maxConnections ${maxConnections}${
        noPreparedStatements ? ", noPreparedStatements" : ""
      })`;
    let utils, runner;
    try {
      utils = await makeWorkerUtils({ connectionString: url, logger });
      await within(20_000, () => utils.migrate());
      out.push({ check: `${label}: migrations`, ok: true });
      await utils.addJobs(
        [1, 2, 3, 4].map((i) => ({ identifier: "t", payload: { i } })),
      );
      let done = 0, startedAt = null;
      runner = await run({
        connectionString: url,
        concurrency: 2,
        pollInterval: 10_000,
        noHandleSignals: true,
        noPreparedStatements,
        crontab: "",
        logger,
        taskList: {
          t: async () => {
            done++;
            startedAt = Date.now();
          },
        },
      });
      await sleep(3000);
      out.push({
        check: `${label}: run() with 2 job slots processes 4 queued jobs`,
        ok: done === 4,
        detail: done === 4
          ? undefined
          : `${done} of 4 done in 3 s; ${firstDistinct(logged)}`,
      });
      if (done === 4) {
        const t = Date.now();
        // The runner is idle: NOTIFY should wake it at once; its next poll comes only after 10 s.
        await utils.addJob("t", {});
        for (let i = 0; i < 40 && done < 5; i++) await sleep(100);
        out.push({
          check: `${label}: LISTEN/NOTIFY wakes an idle worker`,
          ok: done === 5,
          detail: done === 5
            ? `job started after ${startedAt - t} ms`
            : "not started in 4 s (poll interval 10 s): the NOTIFY did not reach the listening connection",
        });
      }
    } catch (e) {
      out.push({ check: `${label}`, ok: false, detail: errText(e) });
    } finally {
      await runner?.stop().catch(() => {});
      await utils?.release().catch(() => {});
    }
    return out;
  });
}

const firstDistinct = (msgs) =>
  [
    ...new Set(
      msgs.filter((m) => !/crontab/.test(m)).map((m) =>
        m.replace(/\(\d+ contiguous fails\)/, "").trim()
      ),
    ),
  ].slice(0, 3).join(
    "; ",
  );

/** What two pg connections to one pglite-socket server share: one PGlite session. */
async function socketSemantics() {
  return withSocket(10, async (url) => {
    const out = [];
    const a = new pg.Client(url), b = new pg.Client(url);
    await a.connect();
    await b.connect();
    const heard = [];
    a.on("notification", () => heard.push("a"));
    b.on("notification", () => heard.push("b"));
    await a.query("LISTEN ch");
    await b.query("NOTIFY ch, 'x'");
    await sleep(300);
    await a.query("SELECT 1");
    out.push({
      check: "socket: connection A LISTENs, B NOTIFYs: A hears it",
      ok: heard.includes("a"),
      detail: `heard by ${JSON.stringify(heard)}`,
    });
    await a.query("SELECT pg_advisory_lock(42)");
    const { rows: [r] } = await b.query(
      "SELECT pg_try_advisory_lock(42) AS got",
    );
    out.push({
      check: "socket: advisory lock held by A excludes B",
      ok: !r.got,
      detail: `B pg_try_advisory_lock(42) -> ${r.got}`,
    });
    try {
      await a.query({ name: "ps", text: "SELECT 1" });
      await b.query({ name: "ps", text: "SELECT 1" });
      out.push({
        check: "socket: A and B each prepare a statement of the same name",
        ok: true,
      });
    } catch (e) {
      out.push({
        check: "socket: A and B each prepare a statement of the same name",
        ok: false,
        detail: errText(e),
      });
    }
    await a.query(
      "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)",
    );
    await a.query("BEGIN");
    await a.query(
      "SELECT id FROM t ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    );
    const other = b.query(
      "SELECT id FROM t ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
    );
    const r2 = await Promise.race([
      other.then((x) => `got row ${x.rows[0]?.id}`),
      sleep(2000).then(() => null),
    ]);
    out.push({
      check:
        "socket: while A holds a transaction, B claims the next row with SKIP LOCKED",
      ok: r2 !== null,
      detail: r2 ??
        "B waits until A commits (statements of other connections are queued behind an open transaction)",
    });
    await a.query("COMMIT");
    await other;
    await a.end();
    await b.end();
    return out;
  });
}

export async function compatChecks() {
  return [
    ...(await bossInProcess()),
    ...(await bossOverSocket(1)),
    ...(await bossOverSocket(10)),
    ...(await graphileOverSocket(1, false)),
    ...(await graphileOverSocket(10, false)),
    ...(await graphileOverSocket(10, true)),
    ...(await socketSemantics()),
    {
      check: "graphile-worker in-process on PGlite",
      ok: false,
      detail:
        "no adapter: run()/makeWorkerUtils() take only a connectionString or a pg.Pool",
    },
  ];
}
