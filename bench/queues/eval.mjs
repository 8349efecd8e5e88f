// Evaluation of PostgreSQL job queues for minima's batch leases: pg-boss, graphile-worker, and an
// own table claimed with FOR UPDATE SKIP LOCKED (lib/own.mjs). The report is
// docs/queue-evaluation.md; this script produces its figures.
//
// What it measures
//   compat     PGlite: pg-boss in-process (fromPglite) and both libraries through
//              @electric-sql/pglite-socket; what breaks, with the error (lib/compat.mjs)
//   bench      per contender, on the server (also with synchronous_commit = off, to separate the
//              disk's flush time from the rest) and on PGlite: ms per claim and per completion with
//              1 and 4 workers, jobs/s of claim + complete with an empty handler, ms per lease
//              renewal, ms per take-over of a lapsed batch (own table). Rounds alternate the
//              contenders (A B C A B C ...); the figures are medians over rounds of per-round
//              medians (lib/contenders.mjs)
//   lease      a worker holding a job is SIGKILLed; seconds until another worker gets it (lib/lease.mjs)
//   footprint  one idle worker at default settings: connections, statements/min; schema objects
//
// How to run (PostgreSQL server with trust auth; scratch databases qeval_* are created and dropped)
//   npm install --prefix bench/queues
//   node bench/queues/eval.mjs [--only=compat,bench,lease,footprint] [--rounds=15]
//   QEVAL_URL=postgres://postgres@127.0.0.1:5432/postgres   (default)
// Results: a Markdown summary on stdout and bench/queues/results.json.

import { writeFileSync } from "node:fs";
import os from "node:os";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import * as C from "./lib/contenders.mjs";
import { compatChecks } from "./lib/compat.mjs";
import { bossLease, graphileLease, ownLease } from "./lib/lease.mjs";
import { footprint } from "./lib/footprint.mjs";

const arg = (name, dflt) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? dflt;
const ONLY = arg("only", "compat,bench,lease,footprint").split(",");
const ROUNDS = Number(arg("rounds", 15));
const JOBS_1 = Number(arg("jobs1", 150)); // jobs drained by 1 worker, per round
const JOBS_4 = Number(arg("jobs4", 300)); // jobs drained by 4 workers, per round
const RENEWALS = Number(arg("renewals", 100));

const ADMIN_URL = process.env.QEVAL_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const urlFor = (db) =>
  Object.assign(new URL(ADMIN_URL), { pathname: `/${db}` }).href;
const DBS = {
  own: "qeval_own",
  boss: "qeval_boss",
  graphile: "qeval_graphile",
};
// The same, with synchronous_commit = off: a commit does not wait for its WAL flush, so these
// figures show the CPU and round-trip cost without the (here very noisy) disk.
const ASYNC_DBS = {
  own: "qeval_own_async",
  boss: "qeval_boss_async",
  graphile: "qeval_graphile_async",
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (...a) =>
  console.error(new Date().toISOString().slice(11, 19), ...a);

async function withDatabases(fn) {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  const drop = () =>
    Promise.all(
      [...Object.values(DBS), ...Object.values(ASYNC_DBS)].map((db) =>
        admin.unsafe(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
      ),
    );
  await drop();
  for (const db of Object.values(DBS)) {
    await admin.unsafe(`CREATE DATABASE ${db}`);
  }
  for (const db of Object.values(ASYNC_DBS)) {
    await admin.unsafe(`CREATE DATABASE ${db}`);
    await admin.unsafe(`ALTER DATABASE ${db} SET synchronous_commit = off`);
  }
  try {
    return await fn();
  } finally {
    await drop();
    await admin.end();
  }
}

// ------------------------------------------------------------------------------------------ bench

async function bench() {
  const socketDb = await PGlite.create();
  const socket = new PGLiteSocketServer({
    db: socketDb,
    port: 0,
    maxConnections: 40,
  });
  await socket.start();
  const socketUrl = `postgres://postgres@127.0.0.1:${socket.port}/postgres`;

  // The contenders, in the order each round runs them.
  const envs = [
    ["server", "own table", await C.ownServer(urlFor(DBS.own))],
    ["server", "pg-boss", await C.bossServer(urlFor(DBS.boss))],
    ["server", "graphile-worker", await C.graphileEnv(urlFor(DBS.graphile))],
    [
      "server, no fsync wait",
      "own table",
      await C.ownServer(urlFor(ASYNC_DBS.own)),
    ],
    [
      "server, no fsync wait",
      "pg-boss",
      await C.bossServer(urlFor(ASYNC_DBS.boss)),
    ],
    [
      "server, no fsync wait",
      "graphile-worker",
      await C.graphileEnv(urlFor(ASYNC_DBS.graphile)),
    ],
    ["PGlite", "own table", await C.ownPglite()],
    ["PGlite", "pg-boss", await C.bossPglite()],
    [
      "PGlite",
      "graphile-worker",
      await C.graphileEnv(socketUrl, { socket: true }),
    ],
  ].map(([target, name, env]) => ({ target, name, env, rounds: [] }));

  log("warm-up");
  for (const e of envs) {
    await e.env.phase(1, 50);
    await e.env.phase(4, 50);
  }
  for (let r = 1; r <= ROUNDS; r++) {
    log(`round ${r}/${ROUNDS}`);
    const row = new Map(envs.map((e) => [e, {}]));
    for (const e of envs) {
      const p = await e.env.phase(1, JOBS_1);
      Object.assign(row.get(e), {
        claim1: median(p.claims),
        complete1: median(p.completes),
        jobsPerSec1: p.jobsPerSec,
      });
    }
    for (const e of envs) {
      const p = await e.env.phase(4, JOBS_4);
      Object.assign(row.get(e), {
        claim4: median(p.claims),
        complete4: median(p.completes),
        jobsPerSec4: p.jobsPerSec,
      });
    }
    for (const e of envs) {
      if (e.env.renewals) {
        row.get(e).renew = median(await e.env.renewals(RENEWALS));
      }
      if (e.env.takeovers) {
        row.get(e).takeover = median(await e.env.takeovers(50));
      }
    }
    for (const e of envs) e.rounds.push(row.get(e));
  }
  for (const e of envs) await e.env.close();
  await socket.stop();
  await socketDb.close();

  return envs.map(({ target, name, rounds }) => {
    const keys = Object.keys(rounds[0]);
    const summary = Object.fromEntries(keys.map((k) => {
      const xs = rounds.map((r) => r[k]);
      return [k, {
        median: median(xs),
        min: Math.min(...xs),
        max: Math.max(...xs),
      }];
    }));
    return { target, name, summary, rounds };
  });
}

function benchTable(results) {
  const f = (s, k, d = 2) => (s[k] ? s[k].median.toFixed(d) : "n/a");
  const lines = [
    "| target | contender | claim ms (1 w) | complete ms (1 w) | renew ms | take-over claim ms | jobs/s 1 w | jobs/s 4 w | claim ms (4 w) | complete ms (4 w) |",
    "| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |",
  ];
  for (const { target, name, summary: s } of results) {
    lines.push(
      `| ${target} | ${name} | ${f(s, "claim1")} | ${f(s, "complete1")} | ${
        f(s, "renew")
      } | ${f(s, "takeover")} | ${f(s, "jobsPerSec1", 0)} | ${
        f(s, "jobsPerSec4", 0)
      } | ${f(s, "claim4")} | ${f(s, "complete4")} |`,
    );
  }
  return lines.join("\n");
}

// ------------------------------------------------------------------------------------------ lease

async function leases() {
  const out = [];
  for (let i = 0; i < 3; i++) {
    out.push(await ownLease(urlFor(DBS.own), 5));
    log("lease", out.at(-1));
    out.push(await bossLease(urlFor(DBS.boss), { fast: true }));
    log("lease", out.at(-1));
  }
  out.push(await bossLease(urlFor(DBS.boss), { fast: false }));
  log("lease", out.at(-1));
  out.push(
    await graphileLease(urlFor(DBS.graphile), {
      release: "backdate",
      waitS: 30,
    }),
  );
  log("lease", out.at(-1));
  out.push(
    await graphileLease(urlFor(DBS.graphile), {
      release: "forceUnlock",
      waitS: 5,
    }),
  );
  log("lease", out.at(-1));
  return out;
}

// ------------------------------------------------------------------------------------------ main

const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model}), ${
    Math.round(os.totalmem() / 2 ** 30)
  } GiB, node ${process.version}`,
  settings: {
    rounds: ROUNDS,
    jobs1: JOBS_1,
    jobs4: JOBS_4,
    renewals: RENEWALS,
  },
};
await withDatabases(async () => {
  const admin = postgres(ADMIN_URL, { max: 1 });
  results.server = (await admin`SELECT version()`)[0].version;
  await admin.end();
  if (ONLY.includes("compat")) {
    log("compat");
    results.compat = await compatChecks();
  }
  if (ONLY.includes("bench")) {
    log("bench");
    results.bench = await bench();
  }
  if (ONLY.includes("lease")) {
    log("lease");
    results.lease = await leases();
  }
  if (ONLY.includes("footprint")) {
    log("footprint");
    results.footprint = await footprint(DBS, urlFor);
  }
});

writeFileSync(
  new URL("./results.json", import.meta.url),
  JSON.stringify(results, null, 2) + "\n",
);
console.log(
  `# queue evaluation, ${results.date}\n\n${results.machine}\n${results.server}\n`,
);
if (results.compat) {
  console.log("## PGlite compatibility\n");
  for (const c of results.compat) {
    console.log(
      `- ${c.ok ? "yes" : "NO "} ${c.check}${c.detail ? ` — ${c.detail}` : ""}`,
    );
  }
}
if (results.bench) {
  console.log(
    `\n## Claim cost (medians of ${ROUNDS} rounds)\n\n${
      benchTable(results.bench)
    }`,
  );
}
if (results.lease) {
  console.log("\n## Lease take-over after SIGKILL\n");
  for (const l of results.lease) console.log(`- ${JSON.stringify(l)}`);
}
if (results.footprint) {
  console.log("\n## Idle worker footprint\n");
  for (const [k, v] of Object.entries(results.footprint)) {
    console.log(`- ${k}: ${JSON.stringify(v)}`);
  }
}
process.exit(0); // pg-boss/graphile timers may linger
