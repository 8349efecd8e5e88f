/**
 * `deno task bench:models` (issue 11): models that minima evaluates itself,
 * each figure beside a baseline measured in the same run, on the same
 * PostgreSQL database (a scratch database on MINIMA_BENCH_DATABASE_URL):
 *
 * 1. evaluateModel over HTTP (4,096 rows per request, one client) against
 *    onnxruntime-node's InferenceSession in this process on the same model
 *    bytes and the same batch: overhead ≤ 25%, judged with the documented
 *    cheapest client form (a binary body, answered in bytes: Triton's
 *    binary tensor data framing), on a surrogate-size MLP (20 → 512 → 512 →
 *    512 → 1); the JSON form (`dataBase64` in, `outputEncoding: "base64"`
 *    out) is measured in the same turns and printed beside it. The tiny test
 *    models (MLP 8 → 16 → 1, Hartmann-6,
 *    Rastrigin d = 20, whose runs take well under a millisecond) are
 *    reported beside it as information. End to end: the HTTP side includes
 *    the request, the checks, the service's ONNX worker and the answer.
 * 2. 32 concurrent clients of one row each (binary bodies; on the large
 *    network JSON + base64 bodies too, as information): the service as
 *    configured (dynamic batching) against a second service process on the same
 *    database with MINIMA_ONNX_MAX_BATCH_ROWS=1 (every session run takes
 *    one request: no batching); ≥ 10×, judged on a large scoring network
 *    (256 → 4096 → 4096 → 4096 → 4096 → 1, 206 MB of weights, whose
 *    one-row run streams them all from memory), the wide network (256 →
 *    2048 → 2048 → 1, 19 MB, which a large cache holds) and the tiny MLP as
 *    information, so that the figure's dependence on the model shows.
 *    bench/model_eval.ts says why.
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
 * MINIMA_BENCH_SECONDS (default 3). The ratios of 1 and 2 are the medians of
 * the ratios of paired turns (turn i of each side, one after the other; 1
 * takes four turns of a quarter of MINIMA_BENCH_SECONDS per repetition): a
 * load that comes and goes on a shared host upsets them less than a ratio
 * of medians, which the JSON notes give too. Writes bench-results/models.json.
 *
 *   node_modules/.bin/deno run --allow-all bench/models.ts
 *     [--generations 40] [--gp-trials 100] [--gp-reps 3]
 *     [--only overhead,batching,cbo,gp]
 *
 * MINIMA_BENCH_DATABASE_URL, MINIMA_BENCH_SECONDS and MINIMA_BENCH_REPS as
 * for `deno task bench` (bench/settings.ts). The models are those of
 * tests/support/onnx_models.ts, built with minima's ONNX writer.
 */
import { Api, projectKey } from "./api.ts";
import { createCboStudy, generation, rastrigin as rastriginTs } from "./cbo_client.ts";
import {
  alternate,
  createModelStudy,
  loadAverage,
  type Rates,
  runToEnd,
  uploadModel,
} from "./model_client.ts";
import {
  batching,
  CLIENTS,
  type Comparison,
  overhead,
  round,
  ROWS,
  runtimeBatching,
  withUnit,
} from "./model_eval.ts";
import { fmt, table } from "./report.ts";
import { ADMIN_KEY, onInterrupt, startOnBackend, startService } from "./service.ts";
import { loadSettings } from "./settings.ts";
import {
  hartmann6,
  largeMlp,
  mlp,
  rastrigin,
  surrogateMlp,
  type TestModel,
  wideMlp,
} from "../tests/support/onnx_models.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const PARTICLES = 256;
const GENERATIONS = Number(arg("generations", "40"));
const GP_TRIALS = Number(arg("gp-trials", "100"));
const settings = loadSettings();
const { seconds: SECONDS, reps: REPS } = settings.timing;
const GP_REPS = Number(arg("gp-reps", String(REPS)));

/** The models of the figures, by the names they are uploaded under. */
const MODELS = {
  mlp,
  hartmann6,
  rastrigin: () => rastrigin(20),
  surrogate: surrogateMlp,
  wide: wideMlp,
  large: largeMlp,
};

function log(message: string): void {
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
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
      c.ratio.kind === "ratio"
        ? `${c.ratio.value}x`
        : `${c.ratio.value >= 0 ? "+" : ""}${c.ratio.value}%`,
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
    // Each model built and uploaded when a figure first needs it (the large one is 151 MB).
    const built: Partial<Record<keyof typeof MODELS, { model: TestModel; id: string }>> = {};
    const use = async (name: keyof typeof MODELS) => {
      if (!built[name]) {
        const model = MODELS[name]();
        built[name] = { model, id: await uploadModel(api, name, model.bytes) };
      }
      return built[name];
    };

    // Targets are judged on the models of real size; the tiny ones are information.
    if (only.includes("overhead")) {
      for (const name of ["surrogate", "mlp", "hartmann6", "rastrigin"] as const) {
        log(`evaluateModel ${name}: HTTP / raw onnxruntime-node, ${ROWS} rows`);
        const { model, id } = await use(name);
        const judged = name === "surrogate";
        results.push(...await overhead(api, model, id, judged, primary.service.pid));
      }
    }
    if (only.includes("batching")) {
      const other = new Api(unbatched.url, key);
      for (const name of ["large", "wide", "mlp"] as const) {
        log(`${CLIENTS} clients of one row (${name}): batching / MINIMA_ONNX_MAX_BATCH_ROWS=1`);
        const { model, id } = await use(name);
        const http = await batching(api, other, model, id, name === "large");
        results.push(http);
        if (name === "large") {
          log(`${CLIENTS} clients of one row (${name}), JSON + base64 (information)`);
          const json = await batching(api, other, model, id, false, "json");
          results.push({ ...json, name: `  the same, JSON + base64 bodies (information)` });
        }
        log(`${CLIENTS} callers of one row (${name}) on the ONNX runtime in this process`);
        results.push(await runtimeBatching(model, String(http.notes.provider)));
      }
    }
    if (only.includes("cbo")) {
      log(`cbo run / HTTP batch client, ${GENERATIONS} generations of ${PARTICLES}`);
      const { model, id } = await use("rastrigin");
      results.push(await cboRun(api, model, id));
    }
    if (only.includes("gp")) {
      log(`gp-bo run / HTTP one at a time, ${GP_TRIALS} trials`);
      const { model, id } = await use("hartmann6");
      results.push(await gpRun(api, model, id));
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
    "targets judged on the surrogate-size MLP (overhead) and the large scoring network " +
    "(batching), with the documented cheapest client form (a binary body and answer: " +
    "Content-Type and Accept application/octet-stream, Inference-Header-Content-Length); " +
    "rows marked (information) are other forms or smaller models, measured the same way",
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
