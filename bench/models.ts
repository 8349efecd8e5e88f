/**
 * `deno task bench:models` (issue 11): models that minima evaluates itself,
 * each figure beside a baseline measured in the same run, on the same
 * PostgreSQL database (a scratch database on MINIMA_BENCH_DATABASE_URL):
 *
 * 1. evaluateModel over HTTP (`dataBase64`, 4,096 rows per request, one
 *    client) against onnxruntime-node's InferenceSession in this process on
 *    the same model bytes and the same batch, for the test models (MLP,
 *    Hartmann-6, Rastrigin d = 20): overhead ≤ 25%. End to end: the HTTP
 *    side includes the request, the checks, the service's ONNX worker and
 *    the JSON answer.
 * 2. 32 concurrent clients of one row each (the MLP): the service as
 *    configured (dynamic batching) against a second service process on the
 *    same database with MINIMA_ONNX_MAX_BATCH_ROWS=1 (every session run
 *    takes one request: no batching); ≥ 10×.
 * 3. A cbo run (N = 256, d = 20) on the ONNX Rastrigin against the HTTP
 *    batch client of `bench:cbo:http` (bench/cbo_client.ts: ask a generation
 *    of 256, compute Rastrigin here, report it in one batch) on the same
 *    study (space, config, seed): ≥ 80% of its trials/s.
 * 4. A gp-bo run of 100 trials in d = 6 (ONNX Hartmann-6, batchSize 1)
 *    against the same study driven over HTTP by a client that asks one
 *    trial at a time and reports Hartmann-6 computed in TypeScript: time per
 *    trial, and the ratio (no target in the issue).
 *
 * A run is timed from its POST to the end of its watchRun stream. Each
 * figure and its baseline take turns (A B A B …) after a warm-up of each;
 * medians of MINIMA_BENCH_REPS repetitions (default 3), time-boxed ones of
 * MINIMA_BENCH_SECONDS (default 3). Writes bench-results/models.json.
 *
 *   node_modules/.bin/deno run --allow-all bench/models.ts
 *     [--generations 40] [--gp-trials 100] [--gp-reps 3]
 *     [--only overhead,batching,cbo,gp]
 *
 * MINIMA_BENCH_DATABASE_URL, MINIMA_BENCH_SECONDS and MINIMA_BENCH_REPS as
 * for `deno task bench` (bench/settings.ts). The models are the test models
 * of tests/support/onnx_models.ts, built with minima's ONNX writer.
 */
import { Api, projectKey, serverTimes } from "./api.ts";
import { createCboStudy, generation, rastrigin as rastriginTs } from "./cbo_client.ts";
import { together } from "./measure.ts";
import {
  alternate,
  base64Input,
  createModelStudy,
  evaluate,
  loadAverage,
  type Rates,
  rawSession,
  runToEnd,
  type Task,
  timeBoxed,
  uploadModel,
} from "./model_client.ts";
import { fmt, table } from "./report.ts";
import { loadConfig } from "../src/config.ts";
import { OnnxRuntime } from "../src/evaluators/onnx/mod.ts";
import { ADMIN_KEY, onInterrupt, startOnBackend, startService } from "./service.ts";
import { loadSettings } from "./settings.ts";
import {
  hartmann6,
  mlp,
  randomRows,
  rastrigin,
  type TestModel,
} from "../tests/support/onnx_models.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const ROWS = 4096;
const CLIENTS = 32;
const PARTICLES = 256;
const GENERATIONS = Number(arg("generations", "40"));
const GP_TRIALS = Number(arg("gp-trials", "100"));
const settings = loadSettings();
const { seconds: SECONDS, reps: REPS } = settings.timing;
const GP_REPS = Number(arg("gp-reps", String(REPS)));

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A figure held against its baseline. */
interface Comparison {
  name: string;
  figure: Rates & { unit: string };
  baseline: Rates & { unit: string };
  /** What the ratio is: figure / baseline, or an overhead in percent. */
  ratio: { kind: "ratio" | "overhead %"; value: number };
  target: string;
  /** Null where the issue sets no target. */
  met: boolean | null;
  notes: Record<string, unknown>;
}

/** A stream of numbers in [0, 1) (Park–Miller), the same on every run. */
function stream(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const withUnit = (r: Rates, unit: string) => ({ ...r, unit });
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** 1. evaluateModel over HTTP against onnxruntime-node in this process, 4,096 rows. */
async function overhead(api: Api, model: TestModel, modelId: string): Promise<Comparison> {
  const rows = randomRows(model, ROWS, stream(7));
  const tensor = base64Input(rows, model.d);
  const first = await evaluate(api, modelId, model.input, tensor);
  const raw = await rawSession(model, first.provider);
  try {
    // The same numbers both ways (float32 in, float32 out), before anything is timed.
    const mine = (await raw.run(rows)).data as Float32Array;
    const theirs = first.outputs[model.output].data;
    for (let i = 0; i < mine.length; i++) {
      if (Math.abs(mine[i] - (theirs[i] ?? NaN)) > 1e-5 * Math.max(1, Math.abs(mine[i]))) {
        throw new Error(`${model.name}: row ${i} differs: ${mine[i]} vs ${theirs[i]}`);
      }
    }
    const sessionMs: number[] = [];
    const route = "POST /v1/models/:modelId/evaluate";
    const before = (await serverTimes(api.base)).get(route) ?? { sum: 0, n: 0 };
    const [http, direct] = await alternate(REPS, [
      timeBoxed("HTTP", SECONDS, async () => {
        const e = await evaluate(api, modelId, model.input, tensor);
        sessionMs.push(e.ms);
        return ROWS;
      }),
      timeBoxed("raw", SECONDS, async () => {
        await raw.run(rows);
        return ROWS;
      }),
    ]);
    const after = (await serverTimes(api.base)).get(route) ?? { sum: 0, n: 0 };
    const msPerRequest = (r: Rates) => round((ROWS / r.median) * 1000, 3);
    const pct = round((direct.median / http.median - 1) * 100);
    sessionMs.sort((a, b) => a - b);
    return {
      name: `evaluate ${model.name}, ${ROWS} rows/request`,
      figure: withUnit(http, "rows/s"),
      baseline: withUnit(direct, "rows/s"),
      ratio: { kind: "overhead %", value: pct },
      target: "<= 25 %",
      met: pct <= 25,
      notes: {
        provider: first.provider,
        msPerRequest: { http: msPerRequest(http), raw: msPerRequest(direct) },
        addedMsPerRequest: round(msPerRequest(http) - msPerRequest(direct), 3),
        serverMeanMs: after.n > before.n
          ? round(((after.sum - before.sum) / (after.n - before.n)) * 1000, 3)
          : null,
        sessionRunMedianMs: sessionMs[Math.floor(sessionMs.length / 2)] ?? null,
        requestBytes: JSON.stringify({ inputs: { [model.input]: tensor } }).length,
      },
    };
  } finally {
    await raw.release();
  }
}

/** 2. 32 clients of one row each, with and without dynamic batching. */
async function batching(
  batched: Api,
  unbatched: Api,
  model: TestModel,
  modelId: string,
): Promise<Comparison> {
  const rows = randomRows(model, CLIENTS * 64, stream(11));
  const singles = Array.from(
    { length: CLIENTS * 64 },
    (_, i) => base64Input(rows.subarray(i * model.d, (i + 1) * model.d), model.d),
  );
  const batchRows = { batched: [] as number[], unbatched: [] as number[] };
  const providers = new Set<string>();
  const clients = (api: Api, seen: number[]): Task => ({
    label: api === batched ? "batching" : "no batching",
    async once() {
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      const count = await together(CLIENTS, async (c) => {
        let n = 0;
        while (performance.now() < deadline) {
          const e = await evaluate(
            api,
            modelId,
            model.input,
            singles[(c * 64 + n) % singles.length],
          );
          seen.push(e.batchRows);
          providers.add(e.provider);
          n++;
        }
        return n;
      });
      return { count, seconds: (performance.now() - start) / 1000 };
    },
  });
  const [on, off] = await alternate(REPS, [
    clients(batched, batchRows.batched),
    clients(unbatched, batchRows.unbatched),
  ]);
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  const ratio = round(on.median / off.median, 2);
  return {
    name: `${CLIENTS} clients x 1 row (${model.name})`,
    figure: withUnit(on, "rows/s"),
    baseline: withUnit(off, "rows/s"),
    ratio: { kind: "ratio", value: ratio },
    target: ">= 10x",
    met: ratio >= 10,
    notes: {
      meanBatchRows: { batched: mean(batchRows.batched), unbatched: mean(batchRows.unbatched) },
      unbatchedService: "MINIMA_ONNX_MAX_BATCH_ROWS=1",
      provider: providers.size === 1 ? [...providers][0] : [...providers].join(","),
    },
  };
}

/**
 * The same 32 one-row callers on minima's ONNX runtime (src/evaluators/onnx/)
 * in this process, without HTTP: what dynamic batching does to session runs
 * alone (the service's defaults against maxBatchRows = 1). A diagnostic
 * beside the HTTP figure, which is the issue's.
 */
async function runtimeBatching(model: TestModel, provider: string): Promise<Comparison> {
  const defaults = loadConfig({});
  const runtime = (maxBatchRows: number) =>
    new OnnxRuntime({
      providers: [provider],
      cacheBytes: defaults.onnxCacheBytes,
      maxBatchRows,
      maxDelayMs: defaults.onnxMaxDelayMs,
    });
  const on = runtime(defaults.onnxMaxBatchRows), off = runtime(1);
  const rows = randomRows(model, CLIENTS * 64, stream(13));
  const load = () => Promise.resolve(model.bytes);
  const runsOf = (r: OnnxRuntime) => r.status().models[0]?.sessionRuns ?? 0;
  const clients = (r: OnnxRuntime, label: string): Task => ({
    label,
    async once() {
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      const count = await together(CLIENTS, async (c) => {
        let n = 0;
        while (performance.now() < deadline) {
          const i = (c * 64 + n) % (CLIENTS * 64);
          await r.evaluate(model.name, load, {
            [model.input]: {
              type: "float32",
              dims: [1, model.d],
              data: rows.slice(i * model.d, (i + 1) * model.d),
            },
          });
          n++;
        }
        return n;
      });
      return { count, seconds: (performance.now() - start) / 1000 };
    },
  });
  try {
    const [batched, unbatched] = await alternate(REPS, [
      clients(on, "batching"),
      clients(off, "no batching"),
    ]);
    const ratio = round(batched.median / unbatched.median, 2);
    return {
      name: `  the same without HTTP (runtime in-process)`,
      figure: withUnit(batched, "rows/s"),
      baseline: withUnit(unbatched, "rows/s"),
      ratio: { kind: "ratio", value: ratio },
      target: "(diagnostic)",
      met: null,
      notes: { sessionRuns: { batched: runsOf(on), unbatched: runsOf(off) } },
    };
  } finally {
    await on.close();
    await off.close();
  }
}

/** 3. A cbo run on the ONNX Rastrigin against the HTTP batch client of bench:cbo:http. */
async function cboRun(api: Api, model: TestModel, modelId: string): Promise<Comparison> {
  const config = { particles: PARTICLES };
  const seed = (rep: number) => 100 + rep;
  const generations = (rep: number) => rep < 0 ? 4 : GENERATIONS;
  let runSeconds: number[] = [];
  const [run, http] = await alternate(REPS, [
    {
      label: "run",
      async once(rep) {
        const id = await createModelStudy(
          api,
          `cbo-run-${rep}`,
          model,
          { name: "cbo", config, seed: seed(rep) },
          modelId,
        );
        const budget = PARTICLES * generations(rep);
        const { run, seconds } = await runToEnd(api, id, { budget, batchSize: PARTICLES });
        if (rep >= 0 && run.startedAt && run.finishedAt) {
          runSeconds.push((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
        }
        return { count: run.completed, seconds };
      },
    },
    {
      label: "HTTP batch client",
      async once(rep) {
        const id = await createCboStudy(
          api,
          `cbo-http-${rep}`,
          model.d,
          model.upper,
          config,
          seed(rep),
        );
        const start = performance.now();
        let count = 0;
        for (let g = 0; g < generations(rep); g++) {
          count += await generation(api, id, PARTICLES, rastriginTs);
        }
        return { count, seconds: (performance.now() - start) / 1000 };
      },
    },
  ]);
  runSeconds = runSeconds.sort((a, b) => a - b);
  const ratio = round(run.median / http.median, 2);
  return {
    name: `cbo run, N = ${PARTICLES}, d = ${model.d} (${model.name})`,
    figure: withUnit(run, "trials/s"),
    baseline: withUnit(http, "trials/s"),
    ratio: { kind: "ratio", value: ratio },
    target: ">= 0.80",
    met: ratio >= 0.8,
    notes: {
      trialsPerRep: PARTICLES * GENERATIONS,
      batchSize: PARTICLES,
      runStartedToFinishedMedianSeconds: runSeconds[Math.floor(runSeconds.length / 2)] ?? null,
    },
  };
}

/** 4. A gp-bo run against the same study driven over HTTP one trial at a time. */
async function gpRun(api: Api, model: TestModel, modelId: string): Promise<Comparison> {
  const seed = (rep: number) => 200 + rep;
  const trials = (rep: number) => rep < 0 ? 15 : GP_TRIALS;
  const algorithm = (rep: number) => ({ name: "gp-bo", seed: seed(rep) });
  const [run, http] = await alternate(GP_REPS, [
    {
      label: "run",
      async once(rep) {
        const id = await createModelStudy(api, `gp-run-${rep}`, model, algorithm(rep), modelId);
        const { run, seconds } = await runToEnd(api, id, { budget: trials(rep), batchSize: 1 });
        return { count: run.completed, seconds };
      },
    },
    {
      label: "HTTP, one trial at a time",
      async once(rep) {
        const id = await createModelStudy(api, `gp-http-${rep}`, model, algorithm(rep));
        const start = performance.now();
        for (let i = 0; i < trials(rep); i++) {
          const { trials } = await api.call<
            { trials: { id: string; params: Record<string, number> }[] }
          >("POST", `/v1/studies/${id}/trials/suggest`, { count: 1, clientId: "http" }, "suggest");
          const t = trials[0];
          const [value] = model.reference(
            Array.from({ length: model.d }, (_, j) => t.params[`x${j}`]),
          );
          await api.call("POST", `/v1/studies/${id}/trials/${t.id}/complete`, {
            values: { value },
          }, "complete");
        }
        return { count: trials(rep), seconds: (performance.now() - start) / 1000 };
      },
    },
  ]);
  // Time per trial, in ms: the inverse of the rates.
  const perTrial = (r: Rates): Rates => ({
    label: r.label,
    median: round(1000 / r.median, 2),
    min: round(1000 / r.max, 2),
    max: round(1000 / r.min, 2),
    runs: r.runs.map((x) => round(1000 / x, 2)),
  });
  const a = perTrial(run), b = perTrial(http);
  return {
    name: `gp-bo run, ${GP_TRIALS} trials, d = ${model.d} (${model.name})`,
    figure: withUnit(a, "ms/trial"),
    baseline: withUnit(b, "ms/trial"),
    ratio: { kind: "ratio", value: round(a.median / b.median, 2) },
    target: "(none)",
    met: null,
    notes: { batchSize: 1, config: "gp-bo defaults" },
  };
}

function report(results: Comparison[]): string {
  const rows = [["figure", "median", "baseline", "unit", "ratio", "target", "meets"]];
  for (const c of results) {
    rows.push([
      c.name,
      fmt(c.figure.median),
      fmt(c.baseline.median),
      c.figure.unit,
      c.ratio.kind === "ratio" ? `${c.ratio.value}x` : `+${c.ratio.value}%`,
      c.target,
      c.met === null ? "-" : c.met ? "PASS" : "NO",
    ]);
  }
  const details = results.map((c) =>
    `  ${c.name}: ${c.figure.label} ${c.figure.runs.map(fmt).join(", ")}; ` +
    `${c.baseline.label} ${c.baseline.runs.map(fmt).join(", ")} (${c.figure.unit}); ` +
    JSON.stringify(c.notes)
  );
  return [table(rows), "runs (figure; baseline), in order:", ...details].join("\n");
}

async function main(): Promise<void> {
  const began = performance.now();
  const loadBefore = loadAverage();
  const only = arg("only", "overhead,batching,cbo,gp").split(",");
  log(`${REPS} reps (gp-bo ${GP_REPS}), ${SECONDS} s per time-boxed rep; load ${loadBefore}`);
  const cacheDir = await Deno.makeTempDir({ prefix: "minima-bench-models-" });
  const removeCache = () => Deno.remove(cacheDir, { recursive: true }).catch(() => {});
  const forget = onInterrupt(removeCache);
  const primary = await startOnBackend("postgres", settings.serverUrl, {
    MINIMA_MODEL_CACHE_DIR: `${cacheDir}/batched`,
  }, "minima_bench_models");
  let unbatchedStop: (() => Promise<void>) | undefined;
  const results: Comparison[] = [];
  try {
    // The baseline of batching: a second process on the same database, API only.
    const unbatched = await startService({
      DATABASE_URL: primary.databaseUrl!,
      MINIMA_ONNX_MAX_BATCH_ROWS: "1",
      MINIMA_RUN_WORKERS: "0",
      MINIMA_MODEL_CACHE_DIR: `${cacheDir}/unbatched`,
    });
    unbatchedStop = () => unbatched.stop();
    const key = await projectKey(primary.service.url, ADMIN_KEY);
    const api = new Api(primary.service.url, key);
    const models = { mlp: mlp(), hartmann6: hartmann6(), rastrigin: rastrigin(20) };
    const ids: Record<string, string> = {};
    for (const [name, m] of Object.entries(models)) {
      ids[name] = await uploadModel(api, name, m.bytes);
    }

    if (only.includes("overhead")) {
      for (const name of ["mlp", "hartmann6", "rastrigin"] as const) {
        log(`evaluateModel ${name}: HTTP / raw onnxruntime-node, ${ROWS} rows`);
        results.push(await overhead(api, models[name], ids[name]));
      }
    }
    if (only.includes("batching")) {
      log(`${CLIENTS} clients of one row: batching / MINIMA_ONNX_MAX_BATCH_ROWS=1`);
      const http = await batching(api, new Api(unbatched.url, key), models.mlp, ids.mlp);
      results.push(http);
      log(`${CLIENTS} callers of one row on the ONNX runtime in this process, no HTTP`);
      results.push(await runtimeBatching(models.mlp, String(http.notes.provider)));
    }
    if (only.includes("cbo")) {
      log(`cbo run / HTTP batch client, ${GENERATIONS} generations of ${PARTICLES}`);
      results.push(await cboRun(api, models.rastrigin, ids.rastrigin));
    }
    if (only.includes("gp")) {
      log(`gp-bo run / HTTP one at a time, ${GP_TRIALS} trials`);
      results.push(await gpRun(api, models.hartmann6, ids.hartmann6));
    }
  } finally {
    await unbatchedStop?.().catch((e) => log(`stopping the unbatched service failed: ${e}`));
    await primary.close().catch((e) => log(`cleanup failed: ${e}`));
    forget();
    await removeCache();
  }

  const loadAfter = loadAverage();
  const total = Math.round((performance.now() - began) / 1000);
  const checked = results.filter((c) => c.met !== null);
  console.log([
    "",
    `minima models — ${navigator.hardwareConcurrency} CPUs, Deno ${Deno.version.deno}, ` +
    `PostgreSQL server (one scratch database); medians of ${REPS} reps ` +
    `(gp-bo ${GP_REPS}), time-boxed reps of ${SECONDS} s, figure and baseline alternating; ` +
    `load average ${loadBefore} at start, ${loadAfter} at end`,
    "",
    report(results),
    "",
    `targets met: ${checked.filter((c) => c.met).length} of ${checked.length}; ` +
    `total time ${total} s; JSON summary in bench-results/models.json`,
  ].join("\n"));

  const dir = new URL("../bench-results/", import.meta.url);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    new URL("models.json", dir),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: navigator.hardwareConcurrency,
          deno: Deno.version.deno,
          os: Deno.build.os,
          loadAverage: { atStart: loadBefore, atEnd: loadAfter },
        },
        settings: {
          reps: REPS,
          gpReps: GP_REPS,
          seconds: SECONDS,
          warmup: "one repetition of each side (runs: 4 cbo generations, 15 gp-bo trials)",
          rows: ROWS,
          clients: CLIENTS,
          particles: PARTICLES,
          generations: GENERATIONS,
          gpTrials: GP_TRIALS,
        },
        results,
        totalSeconds: total,
      },
      null,
      2,
    ) + "\n",
  );
}

if (import.meta.main) await main();
