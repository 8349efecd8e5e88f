/**
 * `deno task bench`: ask/tell throughput of minima through real HTTP and a
 * real database, on a PostgreSQL server and on PGlite, fresh and at 50,000
 * trials, with Optuna's RDBStorage as a baseline when it is installed.
 *
 * The service runs as its own process (src/main.ts); the clients run here and
 * use fetch with keep-alive. Prints tables and writes bench-results/http.json.
 *
 * Settings come from the environment: see bench/settings.ts.
 */
import { Api, projectKey } from "./api.ts";
import { fill, measure, together, type Workload } from "./measure.ts";
import { type OptunaResult, runOptuna } from "./optuna.ts";
import { type TableStats, trialsTableStats, type WaitSampler, waitSampler } from "./pgwait.ts";
import {
  type BackendResult,
  backendTable,
  checkTargets,
  detailTable,
  dropOf,
  fmt,
  optunaLines,
} from "./report.ts";
import { ADMIN_KEY, type Service, startOnBackend } from "./service.ts";
import { loadSettings, type Settings } from "./settings.ts";

const CLIENTS = 16;
const BULK = 256;
const BULK_CLIENTS = 4;

/** The 1-, 5- and 15-minute load averages, as /proc/loadavg shows them. */
function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** A URL with its password replaced by "***". */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(not a URL)";
  }
}

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Runs every workload against one running service. */
async function runWorkloads(
  backend: BackendResult["backend"],
  service: Service,
  startSeconds: number,
  settings: Settings,
  pg: { sampler: WaitSampler; tableStats(): Promise<TableStats | null> } | undefined,
): Promise<BackendResult> {
  const api = new Api(service.url, await projectKey(service.url, ADMIN_KEY));
  const fresh = (name: string) => (run: number | "warmup") => api.createStudy(`${name}-${run}`);
  const run = async (workloads: Workload[]) => {
    log(`${backend}: ${workloads.map((w) => w.label).join(" / ")}`);
    return await measure(api, service.pid, settings.timing, workloads, pg?.sampler);
  };
  const askTell = (clients: number) => (study: string, deadline: number) =>
    together(clients, (i) => api.askTellLoop(study, `c${i}`, deadline));
  const bulk = (clients: number) => (study: string, deadline: number) =>
    together(clients, (i) => api.bulkLoop(study, `b${i}`, BULK, deadline));

  const [bulkOne] = await run([
    { label: `bulk ${BULK}, 1 client`, unit: "trials/s", study: fresh("bulk"), work: bulk(1) },
  ]);
  const [bulkMany] = await run([{
    label: `bulk ${BULK}, ${BULK_CLIENTS} clients`,
    unit: "trials/s",
    study: fresh("bulk-concurrent"),
    work: bulk(BULK_CLIENTS),
  }]);

  log(`${backend}: filling a study to ${settings.bigStudy} trials`);
  const bigId = await api.createStudy("big");
  const grown = await fill(api, bigId, settings.bigStudy, 2, settings.fillSeconds);
  log(`${backend}: ${grown.size} trials in ${grown.seconds} s`);
  const tableAfterFill = await pg?.tableStats() ?? null;
  const big = () => Promise.resolve(bigId);
  // Fresh and big runs take turns, so that their ratio compares like with like.
  const [sequential, bigSequential] = await run([
    {
      label: "sequential, 1 client",
      unit: "pairs/s",
      study: fresh("sequential"),
      work: askTell(1),
    },
    { label: `sequential at ${grown.size} trials`, unit: "pairs/s", study: big, work: askTell(1) },
  ]);
  const [concurrent, bigConcurrent] = await run([
    {
      label: `${CLIENTS} clients`,
      unit: "pairs/s",
      study: fresh("concurrent"),
      work: askTell(CLIENTS),
    },
    {
      label: `${CLIENTS} clients at ${grown.size} trials`,
      unit: "pairs/s",
      study: big,
      work: askTell(CLIENTS),
    },
  ]);
  return {
    backend,
    startSeconds,
    sequential,
    concurrent,
    bulk: bulkOne,
    bulkConcurrent: bulkMany,
    fill: {
      target: settings.bigStudy,
      ...grown,
      tableAfterFill,
      tableAtEnd: await pg?.tableStats() ?? null,
    },
    bigSequential,
    bigConcurrent,
  };
}

/** Starts the service on one backend, runs the workloads, stops it and cleans up. */
async function runBackend(
  backend: BackendResult["backend"],
  settings: Settings,
): Promise<BackendResult> {
  log(`${backend}: starting the service`);
  const started = await startOnBackend(backend, settings.serverUrl);
  const { databaseName, databaseUrl } = started;
  const sampler = databaseName ? waitSampler(settings.serverUrl, databaseName) : undefined;
  try {
    const pg = sampler && { sampler, tableStats: () => trialsTableStats(databaseUrl!) };
    return await runWorkloads(backend, started.service, started.startSeconds, settings, pg);
  } finally {
    await sampler?.close().catch((e) => log(`closing the sampler failed: ${e}`));
    await started.close().catch((e) => log(`cleanup of ${backend} failed: ${e}`));
  }
}

async function main(): Promise<void> {
  const settings = loadSettings();
  const began = performance.now();
  const loadBefore = loadAverage();
  const { seconds, reps, warmup } = settings.timing;
  log(`${reps} runs of ${seconds} s per figure after ${warmup} s of warm-up`);
  const results: BackendResult[] = [];
  for (const backend of settings.backends) results.push(await runBackend(backend, settings));

  let optuna: OptunaResult = { ran: false, reason: "MINIMA_BENCH_OPTUNA_SIZES is empty" };
  if (settings.optunaSizes.length) {
    log(`optuna: sizes ${settings.optunaSizes.join(", ")}`);
    optuna = await runOptuna(settings.serverUrl, seconds, reps, settings.optunaSizes);
  }

  const pg = results.find((r) => r.backend === "postgres");
  const out: string[] = [
    "",
    `minima ask/tell over HTTP — ${navigator.hardwareConcurrency} CPUs, Deno ${Deno.version.deno}; ` +
    `each figure: median of ${reps} runs of ${seconds} s (min, max), after ${warmup} s warm-up; ` +
    `load average at start ${loadBefore}`,
    "a pair = POST …/trials/suggest {count:1} + POST …/trials/{id}/complete; " +
    `bulk = suggest {count:${BULK}} + one POST …/trials/complete of ${BULK}`,
  ];
  for (const r of results) {
    const name = r.backend === "postgres" ? "PostgreSQL server" : "PGlite (embedded, no targets)";
    const filled = r.fill.reachedTarget
      ? `filled to ${r.fill.size.toLocaleString("en-US")} trials in ${r.fill.seconds} s`
      : `only ${r.fill.size.toLocaleString("en-US")} of ${
        r.fill.target.toLocaleString("en-US")
      } trials reached in the ${r.fill.seconds} s allowed`;
    const t = r.fill.tableAfterFill;
    const table = t
      ? `\ntrials table right after the fill: ${fmt(t.live)} live, ${
        fmt(t.dead)
      } dead row versions` +
        (r.fill.tableAtEnd ? ` (at the end: ${fmt(r.fill.tableAtEnd.dead)} dead)` : "")
      : "";
    out.push(
      "",
      `== ${name}: service ready in ${r.startSeconds} s; big study ${filled} ==${table}`,
      backendTable(r),
      "",
      detailTable(r),
    );
  }
  out.push("", "== Baseline ==", optunaLines(optuna, pg));
  if (pg) {
    const checks = checkTargets(pg);
    out.push(
      "",
      `== Targets (PostgreSQL): ${checks.filter((c) => c.met).length} of ${checks.length} met ==`,
    );
    for (const c of checks) {
      out.push(
        `  ${c.met ? "yes" : "NO "}  ${c.name}: ${c.value.toLocaleString("en-US")} ${c.unit}` +
          ` (target ${c.target})`,
      );
    }
  }
  const total = Math.round((performance.now() - began) / 1000);
  out.push("", `total time ${total} s; JSON summary in bench-results/http.json`);
  console.log(out.join("\n"));

  const summary = {
    date: new Date().toISOString(),
    machine: {
      cpus: navigator.hardwareConcurrency,
      deno: Deno.version.deno,
      os: Deno.build.os,
      loadAverage: { atStart: loadBefore, atEnd: loadAverage() },
    },
    settings: { ...settings, serverUrl: redact(settings.serverUrl) },
    backends: Object.fromEntries(results.map((r) => [r.backend, {
      ...r,
      drop: {
        sequential: dropOf(r.sequential, r.bigSequential),
        concurrent: dropOf(r.concurrent, r.bigConcurrent),
      },
    }])),
    targets: pg ? checkTargets(pg) : [],
    optuna,
    ratioToOptuna: optuna.ran && pg
      ? optuna.figures.map((f) => {
        const minima = f.size === 0 ? pg.sequential : pg.bigSequential;
        return {
          optunaSize: f.size,
          minimaSize: minima.studySize.before,
          ratio: f.median > 0 ? Math.round((minima.median / f.median) * 10) / 10 : null,
        };
      })
      : null,
    totalSeconds: total,
  };
  const dir = new URL("../bench-results/", import.meta.url);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(new URL("http.json", dir), JSON.stringify(summary, null, 2) + "\n");
}

if (import.meta.main) await main();
