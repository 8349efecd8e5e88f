// A worker process for the lease experiment (lib/lease.mjs): it claims one job, prints
// {"claimed": id, "lockedBy": ...} on stdout, keeps the job's lease alive the way the contender
// does it, and never finishes, until the parent SIGKILLs it.
//
//   node lib/lease-worker.mjs own|boss|graphile <url> [leaseSeconds]

import postgres from "postgres";
import { PgBoss } from "pg-boss";
import { Logger, run } from "graphile-worker";
import { ownWorker, viaPostgresJs } from "./own.mjs";

const [contender, url, lease = "5"] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const forever = () => new Promise(() => {});

if (contender === "own") {
  const leaseSeconds = Number(lease);
  const w = ownWorker(
    viaPostgresJs(postgres(url, { max: 1 })),
    `pid${process.pid}`,
    leaseSeconds,
  );
  const b = await w.claim();
  say({ claimed: `${b.run_id}/${b.seq}` });
  // Heartbeat: renew at a third of the lease.
  setInterval(
    () => w.renew(b).then(() => say({ renewed: Date.now() })),
    (leaseSeconds * 1000) / 3,
  );
} else if (contender === "boss") {
  // The queue has heartbeatSeconds; work() refreshes heartbeat_on every heartbeatSeconds / 2.
  const boss = new PgBoss({
    connectionString: url,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  boss.on("error", (e) => say({ error: e.message }));
  await boss.start();
  await boss.work("lease", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
    say({ claimed: job.id });
    await forever();
  });
} else if (contender === "graphile") {
  await run({
    connectionString: url,
    concurrency: 1,
    pollInterval: 500,
    noHandleSignals: true,
    crontab: "",
    logger: new Logger(() => () => {}),
    taskList: {
      lease: async (_payload, helpers) => {
        say({
          claimed: String(helpers.job.id),
          lockedBy: helpers.job.locked_by,
        });
        await forever();
      },
    },
  });
}
