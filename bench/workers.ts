/**
 * `deno task bench:workers` (issue 12): one run spread over worker
 * processes (`deno task worker`) on one PostgreSQL database, and what a
 * claim costs.
 *
 * 1. Trials/s of one run with 1, 2 and 4 worker processes (each
 *    MINIMA_RUN_WORKERS=1, MINIMA_ONNX_THREADS=1: one batch at a time on
 *    one core), against 1 worker measured in the same run: the ratio.
 *    The model is a dense MLP whose width is calibrated here so that one
 *    batch takes about 5 ms on one thread of this machine; the study is
 *    `random` (its suggestions cost little), batches of 8. A rep starts the
 *    workers, times the run by its own clock (startedAt → finishedAt, set
 *    by the workers) and stops them; reps alternate 1, 2, 4, 1, 2, 4, …
 *    and the medians are reported. On a machine with C cores the ratio can
 *    grow with the workers only until the workers, the API process and
 *    PostgreSQL share the C cores: the load is printed beside it.
 *    Both figures are taken twice: on a database with synchronous_commit
 *    on (every commit waits for the disk: this machine's shared disk makes
 *    that several milliseconds) and off (the disk's share left out).
 * 2. The claim overhead per batch, in this process on the same database:
 *    claimBatch (a batch opened on a running run: one statement) and the
 *    close that recording a batch adds (its row deleted, its reservation
 *    released: abandonBatch, one statement), medians over many, with 1 and
 *    4 concurrent claimers; and that overhead as a share of the 5 ms batch.
 *    docs/runs.md turns it into the ceiling of one run and of the queue.
 * 3. Where a batch's time goes: each rep prints the workers' mean time per
 *    batch in each step (claim, suggest, hold, evaluate, record: their
 *    /metrics), and with `--profile` what the database's sessions waited on
 *    (pg_stat_activity sampled every 3 ms; bench/workers_profile.ts).
 *
 *   node_modules/.bin/deno run --allow-all bench/workers.ts [--budget 1600] [--claims 400]
 *     [--sync on,off] [--profile] [--compare DIR]
 *
 * `--compare DIR` measures another checkout's workers and claim (DIR, e.g.
 * `git archive` of the commit before a change, with node_modules linked)
 * beside these, rep by rep in turn, on the same databases: old and new
 * under the same load. The load average is printed before each rep.
 *
 * MINIMA_BENCH_DATABASE_URL and MINIMA_BENCH_REPS as for `deno task bench`
 * (bench/settings.ts). Writes bench-results/workers.json.
 */
import { Api, projectKey } from "./api.ts";
import { median } from "./measure.ts";
import * as ort from "onnxruntime-node";
import postgres from "postgres";
import { createModelStudy, loadAverage, uploadModel } from "./model_client.ts";
import { fmt, table } from "./report.ts";
import {
  ADMIN_KEY,
  cpuBetween,
  type CpuUse,
  createScratchDatabase,
  onInterrupt,
  sampleCpu,
  type Service,
  startService,
} from "./service.ts";
import { loadSettings } from "./settings.ts";
import { type Database, openDatabase } from "../src/db/client.ts";
import * as batches from "../src/db/queries/run_batches.ts";
import * as services from "../src/services/context.ts";
import * as claims from "../src/services/runs/claim.ts";
import { denseMlp, randomRows, type TestModel } from "../tests/support/onnx_models.ts";
import { type StepMs, stepMs, WaitSampler } from "./workers_profile.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const BUDGET = Number(arg("budget", "1600"));
const SYNC = arg("sync", "on,off").split(",") as ("on" | "off")[];
const PROFILE = Deno.args.includes("--profile");
/** Another checkout whose workers (and claim) are measured beside these, alternating. */
const COMPARE = Deno.args.includes("--compare") ? arg("compare", "") : "";
const CLAIMS = Number(arg("claims", "400"));
const BATCH = 8;
const INPUTS = 8;
const TARGET_MS = 5;
const WORKERS = [1, 2, 4];
const settings = loadSettings();
const REPS = settings.timing.reps;
const log = (msg: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** The first dense MLP (8 → w → w → w → 1) whose batch of 8 takes TARGET_MS on one thread. */
async function calibrate(): Promise<{ model: TestModel; batchMs: number }> {
  const rows = randomRows(denseMlp("probe", [INPUTS, 16, 1]), BATCH, Math.random);
  let last: { model: TestModel; batchMs: number } | undefined;
  for (const w of [512, 768, 1024, 1280, 1536, 2048, 2560, 3072]) {
    const model = denseMlp(`bench-workers-${w}`, [INPUTS, w, w, w, 1]);
    const session = await ort.InferenceSession.create(model.bytes, {
      executionProviders: ["cpu"],
      intraOpNumThreads: 1,
    });
    const feeds = { x: new ort.Tensor("float32", rows, [BATCH, INPUTS]) };
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      await session.run(feeds);
      times.push(performance.now() - t);
    }
    await session.release();
    last = { model, batchMs: median(times.slice(5)) };
    if (last.batchMs >= TARGET_MS * 0.8) return last;
  }
  return last!;
}

/** The code measured: this checkout's, or the one `--compare` names (the baseline). */
interface Variant {
  name: string;
  /** Its worker process's entry. */
  worker: "worker.ts" | `/${string}`;
  /** Its claim and close, for the claim costs. */
  claimBatch: typeof claims.claimBatch;
  /** Closes a batch and releases its reservation, as its code does (abandonBatch). */
  close: (db: Database, runId: string, seq: number, workerId: string) => Promise<unknown>;
  createServiceContext: typeof services.createServiceContext;
}

async function variants(): Promise<Variant[]> {
  const here: Variant = {
    name: "this",
    worker: "worker.ts",
    claimBatch: claims.claimBatch,
    // One statement.
    close: (db, runId, seq, workerId) => batches.abandonBatch(db, runId, seq, workerId),
    createServiceContext: services.createServiceContext,
  };
  if (!COMPARE) return [here];
  const root = await Deno.realPath(COMPARE);
  const load = (p: string) => import(`file://${root}/src/${p}`);
  const { abandonBatch } = await load("db/queries/run_batches.ts");
  return [
    {
      name: `baseline (${root})`,
      worker: `/${root.slice(1)}/src/worker.ts`,
      claimBatch: (await load("services/runs/claim.ts")).claimBatch,
      // Its abandonBatch locks the run's row first: a transaction of its own.
      close: (db: Database, runId: string, seq: number, workerId: string) =>
        db.transaction((tx) => abandonBatch(tx, runId, seq, workerId)),
      createServiceContext: (await load("services/context.ts")).createServiceContext,
    },
    here,
  ];
}

/** What one rep measured. */
interface Rep {
  rate: number;
  cpu: CpuUse;
  /** Mean ms per batch in each step (the workers' /metrics; zeros for code that counts none). */
  steps: StepMs;
  /** With --profile: mean active sessions, and the commonest waits (share of samples). */
  waits?: { active: number; waits: [string, number][] };
}

/** One rep: `n` worker processes drive a run of BUDGET trials; trials/s by the run's own clock. */
async function rep(
  api: Api,
  env: Record<string, string>,
  studyId: string,
  n: number,
  apiPid: number,
  variant: Variant,
  database: string,
): Promise<Rep> {
  const workers: Service[] = await Promise.all(
    Array.from({ length: n }, () => startService(env, variant.worker)),
  );
  const sampler = PROFILE ? new WaitSampler(settings.serverUrl, database) : undefined;
  try {
    const path = `/v1/studies/${studyId}/runs`;
    const before = sampleCpu(apiPid);
    sampler?.start();
    const run = await api.call<{ id: string }>(
      "POST",
      path,
      { budget: BUDGET, batchSize: BATCH },
      "setup",
    );
    const r = await fetch(`${api.base}${path}/${run.id}/events`, {
      headers: { authorization: `Bearer ${api.key}` },
      signal: AbortSignal.timeout(600_000),
    });
    await r.text();
    const cpu = cpuBetween(before, sampleCpu(apiPid));
    const waits = await sampler?.stop();
    const done = await api.call<
      { state: string; completed: number; startedAt: string; finishedAt: string; reason: string }
    >("GET", `${path}/${run.id}`, undefined, "setup");
    if (done.state !== "SUCCEEDED" || done.completed !== BUDGET) {
      throw new Error(`run ended ${done.state} (${done.completed}): ${done.reason}`);
    }
    const seconds = (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000;
    const steps = await stepMs(workers.map((w) => w.url));
    return { rate: BUDGET / seconds, cpu, steps, waits };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** Claim and close costs, in ms, with `concurrency` claimers on one run. */
async function claimCosts(
  variant: Variant,
  url: string,
  studyId: string,
  api: Api,
  concurrency: number,
) {
  const database = await openDatabase({ url, poolSize: concurrency + 2 });
  const ctx = variant.createServiceContext({
    db: database.db,
    now: () => new Date(),
    defaultLeaseSeconds: 3600,
  });
  const path = `/v1/studies/${studyId}/runs`;
  const run = await api.call<{ id: string }>(
    "POST",
    path,
    { budget: 1_000_000, batchSize: BATCH },
    "setup",
  );
  const claim: number[] = [], close: number[] = [];
  try {
    await Promise.all(Array.from({ length: concurrency }, async (_, c) => {
      for (let i = 0; i < CLAIMS / concurrency; i++) {
        const workerId = `bench-${c}`;
        let t = performance.now();
        const claimed = await variant.claimBatch(ctx, { workerId, leaseSeconds: 30, gpu: false });
        claim.push(performance.now() - t);
        if (claimed?.run.id !== run.id) throw new Error("claimed another run");
        t = performance.now();
        await variant.close(database.db, run.id, claimed.batch.seq, workerId);
        close.push(performance.now() - t);
      }
    }));
  } finally {
    await api.call("POST", `${path}/${run.id}/cancel`, undefined, "setup");
    await database.close();
  }
  return { claimMs: median(claim), closeMs: median(close) };
}

/** What one database configuration gave, for one variant. */
interface Measured {
  config: string;
  variant: string;
  scaling: {
    workers: number;
    trialsPerSecond: number;
    ratio: number;
    reps: number[];
    /** The machine's CPU busy during the run, percent of one core (median of the reps). */
    busyPercent: number;
    postgresPercent: number;
    /** Mean ms per batch in each step, median over the reps. */
    steps: StepMs;
    waits: Rep["waits"][];
  }[];
  costs: { concurrency: number; claimMs: number; closeMs: number }[];
}

/**
 * Scaling and claim costs on a scratch database whose `synchronous_commit`
 * is `sync` (on: every commit waits for its WAL to reach the disk; off: the
 * disk's share of each commit left out, what a server with a fast log disk
 * approaches), for each variant, their reps alternating.
 */
async function measureOn(
  model: TestModel,
  sync: "on" | "off",
  all: Variant[],
): Promise<Measured[]> {
  const scratch = await createScratchDatabase(settings.serverUrl, "minima_bench_workers");
  const admin = postgres(settings.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`ALTER DATABASE ${scratch.name} SET synchronous_commit TO ${sync}`);
  await admin.end();
  const cacheDir = await Deno.makeTempDir({ prefix: "minima-bench-models-" });
  const env = {
    DATABASE_URL: scratch.url,
    MINIMA_ONNX_PROVIDERS: "cpu",
    MINIMA_ONNX_THREADS: "1",
    MINIMA_MODEL_CACHE_DIR: cacheDir,
    MINIMA_SCHEDULER: "false",
    MINIMA_RUN_WORKERS: "1",
  };
  const service = await startService({ ...env, MINIMA_RUN_WORKERS: "0" });
  const forget = onInterrupt(() => service.stop());
  try {
    const api = new Api(service.url, await projectKey(service.url, ADMIN_KEY));
    const modelId = await uploadModel(api, model.name, model.bytes);
    const studyId = await createModelStudy(
      api,
      "workers",
      model,
      { name: "random", seed: 1 },
      modelId,
    );
    const reps = new Map<string, Rep[]>();
    const key = (v: Variant, n: number) => `${v.name}/${n}`;
    for (let r = 0; r < REPS; r++) {
      for (const n of WORKERS) {
        for (const v of all) {
          const load = loadAverage();
          const got = await rep(api, env, studyId, n, service.pid, v, scratch.name);
          reps.set(key(v, n), [...(reps.get(key(v, n)) ?? []), got]);
          const steps = Object.entries(got.steps).map(([k, ms]) => `${k} ${ms.toFixed(1)}`)
            .join(", ");
          log(
            `synchronous_commit=${sync}, ${v.name}, rep ${r + 1}: ${n} worker(s): ` +
              `${fmt(got.rate)} trials/s, CPU ${got.cpu.total}% (postgres ${got.cpu.postgres}%), ` +
              `load before ${load}; ms per batch: ${steps}`,
          );
          if (got.waits) {
            log(`  active sessions ${got.waits.active.toFixed(2)}; waits (share of samples):`);
            for (const [w, share] of got.waits.waits) log(`    ${share.toFixed(3)}  ${w}`);
          }
        }
      }
    }
    const measured: Measured[] = [];
    for (const v of all) {
      const one = median(reps.get(key(v, 1))!.map((x) => x.rate));
      const scaling = WORKERS.map((n) => {
        const xs = reps.get(key(v, n))!;
        const m = median(xs.map((x) => x.rate));
        return {
          workers: n,
          trialsPerSecond: m,
          ratio: m / one,
          reps: xs.map((x) => x.rate),
          busyPercent: median(xs.map((x) => x.cpu.total)),
          postgresPercent: median(xs.map((x) => x.cpu.postgres)),
          steps: Object.fromEntries(
            Object.keys(xs[0].steps).map((k) => [
              k,
              median(xs.map((x) => x.steps[k as keyof StepMs])),
            ]),
          ) as StepMs,
          waits: xs.map((x) => x.waits),
        };
      });
      measured.push({ config: `synchronous_commit=${sync}`, variant: v.name, scaling, costs: [] });
    }
    // Claim costs, alternating the variants, for as many rounds as reps.
    for (const concurrency of [1, 4]) {
      const got = new Map<string, { claimMs: number; closeMs: number }[]>();
      for (let r = 0; r < REPS; r++) {
        for (const v of all) {
          const c = await claimCosts(v, scratch.url, studyId, api, concurrency);
          got.set(v.name, [...(got.get(v.name) ?? []), c]);
          log(
            `synchronous_commit=${sync}, ${v.name}: ${concurrency} claimer(s): claim ` +
              `${c.claimMs.toFixed(2)} ms, close ${
                c.closeMs.toFixed(2)
              } ms (load ${loadAverage()})`,
          );
        }
      }
      all.forEach((v, i) => {
        const xs = got.get(v.name)!;
        measured[i].costs.push({
          concurrency,
          claimMs: median(xs.map((x) => x.claimMs)),
          closeMs: median(xs.map((x) => x.closeMs)),
        });
      });
    }
    return measured;
  } finally {
    forget();
    await service.stop();
    await scratch.drop();
    await Deno.remove(cacheDir, { recursive: true });
  }
}

async function main() {
  log(`${REPS} reps, budget ${BUDGET}, batches of ${BATCH}; load ${loadAverage()}`);
  const { model, batchMs } = await calibrate();
  log(`model ${model.name}: ${batchMs.toFixed(2)} ms per batch of ${BATCH} on one thread`);
  const all = await variants();
  const results: Measured[] = [];
  for (const sync of SYNC) results.push(...await measureOn(model, sync, all));
  console.log(
    `\nminima workers — ${navigator.hardwareConcurrency} CPUs, PostgreSQL server; one run of ` +
      `${BUDGET} trials in batches of ${BATCH}, model ${model.name} (${batchMs.toFixed(2)} ms ` +
      `a batch); medians of ${REPS} reps; load ${loadAverage()} at end\n`,
  );
  console.log(table([
    [
      "database",
      "code",
      "worker processes",
      "trials/s",
      "ratio to 1 worker",
      "CPU busy",
      "postgres",
      "ms per batch: claim / suggest / hold / evaluate / record",
      "reps",
    ],
    ...results.flatMap((r) =>
      r.scaling.map((s) => [
        r.config,
        r.variant,
        String(s.workers),
        fmt(s.trialsPerSecond),
        `${s.ratio.toFixed(2)}x`,
        `${s.busyPercent}%`,
        `${s.postgresPercent}%`,
        Object.values(s.steps).map((ms) => ms.toFixed(1)).join(" / "),
        s.reps.map(fmt).join(", "),
      ])
    ),
  ]));
  console.log("");
  console.log(table([
    [
      "database",
      "code",
      "claimers",
      "claim ms (median)",
      "close ms (median)",
      "share of a batch",
    ],
    ...results.flatMap((r) =>
      r.costs.map((c) => [
        r.config,
        r.variant,
        String(c.concurrency),
        c.claimMs.toFixed(3),
        c.closeMs.toFixed(3),
        `${(((c.claimMs + c.closeMs) / batchMs) * 100).toFixed(1)} %`,
      ])
    ),
  ]));
  await Deno.mkdir("bench-results", { recursive: true });
  await Deno.writeTextFile(
    "bench-results/workers.json",
    JSON.stringify({ model: model.name, batchMs, budget: BUDGET, batch: BATCH, results }, null, 2),
  );
  console.log("\nJSON summary in bench-results/workers.json");
}

if (import.meta.main) await main();
