// Question 4: what one idle worker costs the database with each contender at its default settings
// (connections held, statements sent per minute while there is no work), and how many objects
// each library installs in our database.

import pg from "pg";
import postgres from "postgres";
import { PgBoss } from "pg-boss";
import { Logger, run } from "graphile-worker";
import { ownWorker, viaPostgresJs } from "./own.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const IDLE_S = 60;

// Every statement pg-boss and graphile-worker send goes through pg.Client#query: count them.
let pgStatements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (...args) {
  pgStatements++;
  return query.apply(this, args);
};

async function measure(stats, db, start) {
  const stop = await start();
  await sleep(3000); // past start-up
  const before = pgStatements + stop.statements();
  await sleep(IDLE_S * 1000);
  const statements = pgStatements + stop.statements() - before;
  const [{ n }] =
    await stats`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ${db}`;
  await stop();
  return {
    connections: n,
    statementsPerMinute: Math.round((statements * 60) / IDLE_S),
  };
}

async function schemaObjects(url, schema) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [r] = await sql`
    SELECT
      (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')) AS tables,
      (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${schema} AND c.relkind IN ('i', 'I')) AS indexes,
      (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ${schema}) AS functions`;
  await sql.end();
  return r;
}

/** dbs: { own, boss, graphile } database names; urlFor(name) gives the URL. */
export async function footprint(dbs, urlFor) {
  const stats = postgres(urlFor("postgres"), { max: 1 });
  const out = {};

  out["own table"] = await measure(stats, dbs.own, async () => {
    // An idle own-table worker polls for a claim every 2 s (the libraries' default poll interval).
    const sql = postgres(urlFor(dbs.own), { max: 1 });
    const w = ownWorker(viaPostgresJs(sql), "idle");
    let statements = 0, stopped = false;
    const loop = (async () => {
      while (!stopped) {
        if (await w.claim()) throw new Error("expected no work");
        statements += 2; // TAKE_OVER and OPEN
        await sleep(2000);
      }
    })();
    const stop = async () => {
      stopped = true;
      await loop;
      await sql.end();
    };
    stop.statements = () => statements;
    return stop;
  });
  out["own table"].schema = await schemaObjects(urlFor(dbs.own), "public");

  out["pg-boss"] = await measure(stats, dbs.boss, async () => {
    const boss = new PgBoss({ connectionString: urlFor(dbs.boss) }); // defaults: supervise, schedule
    boss.on("error", () => {});
    await boss.start();
    await boss.work("batches", async () => {});
    const stop = () => boss.stop({ graceful: false, wait: true });
    stop.statements = () => 0;
    return stop;
  });
  out["pg-boss"].schema = await schemaObjects(urlFor(dbs.boss), "pgboss");

  out["graphile-worker"] = await measure(stats, dbs.graphile, async () => {
    const runner = await run({
      connectionString: urlFor(dbs.graphile),
      concurrency: 1,
      noHandleSignals: true,
      crontab: "",
      logger: new Logger(() => () => {}),
      taskList: { batch: async () => {} },
    });
    const stop = () => runner.stop();
    stop.statements = () => 0;
    return stop;
  });
  out["graphile-worker"].schema = await schemaObjects(
    urlFor(dbs.graphile),
    "graphile_worker",
  );

  await stats.end();
  return out;
}
