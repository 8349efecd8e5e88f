/**
 * `deno task bench:stall`: does a long "gp-bo" suggestion stall other
 * studies? (issue 3: "while one study's suggestion with 500 trials in d = 10
 * is being computed, completeTrial calls on another study keep p99 under
 * 50 ms").
 *
 * Starts the real service (src/main.ts) on a scratch PostgreSQL database
 * (and/or PGlite), seeds a "gp-bo" study with 500 completed trials in 10
 * dimensions (createTrial with values; config refitEvery 1, so that every
 * suggestion refits the hyperparameters), and then asks it for one point at
 * a time, completing each, while a second client loops suggest +
 * completeTrial on a "random" study. Prints the latencies of the
 * completeTrial calls that overlapped a gp-bo suggestion in flight (count,
 * p50/p95/p99/max), how long each gp-bo suggestion took, and a baseline of
 * the same client with no gp-bo suggestion in flight (measured before and
 * after, in the same run); PASS or FAIL against 50 ms.
 *
 * It then tries the same with MINIMA_DESIGN_WORKERS=0 (designers on the event
 * loop) for contrast; when the service refuses that setting it says so.
 *
 *   node_modules/.bin/deno run -A bench/stall.ts [--backend postgres|pglite|both]
 *     [--trials 500] [--dimension 10] [--suggestions 5] [--baseline-seconds 10]
 *     [--workers N] [--target-ms 50] [--no-contrast]
 *
 * MINIMA_BENCH_DATABASE_URL names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/postgres). Results also go to
 * bench-results/stall.json.
 */
import { Rng } from "../src/math/rng.ts";
import { Api, projectKey } from "./api.ts";
import {
  ADMIN_KEY,
  type BackendService,
  cpuBetween,
  sampleCpu,
  startOnBackend,
} from "./service.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

function numberArg(name: string, fallback: number): number {
  const x = Number(arg(name, String(fallback)));
  if (!Number.isFinite(x) || x < 0) throw new Error(`--${name} must be a number >= 0`);
  return x;
}

const SERVER_URL = Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const TRIALS = Math.round(numberArg("trials", 500));
const DIMENSION = Math.max(1, Math.round(numberArg("dimension", 10)));
const SUGGESTIONS = Math.max(1, Math.round(numberArg("suggestions", 5)));
const BASELINE_SECONDS = numberArg("baseline-seconds", 10);
const TARGET_MS = numberArg("target-ms", 50);
const WORKERS = arg("workers", "");
const CONTRAST = !Deno.args.includes("--no-contrast");
const BACKENDS = (() => {
  const b = arg("backend", "postgres");
  if (b === "both") return ["postgres", "pglite"] as const;
  if (b === "postgres" || b === "pglite") return [b] as const;
  throw new Error(`--backend: postgres, pglite or both, not ${b}`);
})();
/** Sobol points the gp-bo study hands out before its GP takes over (the minimum). */
const INITIAL_DESIGN = 2;

function log(message: string): void {
  console.error(`[stall ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/** Linear-interpolated quantile of numbers (NaN for none). */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

/** count, p50/p95/p99/max of latencies (ms). */
interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarize(xs: number[]): Summary {
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    count: xs.length,
    p50: r(quantile(xs, 0.5)),
    p95: r(quantile(xs, 0.95)),
    p99: r(quantile(xs, 0.99)),
    max: r(xs.length ? Math.max(...xs) : NaN),
  };
}

function line(s: Summary): string {
  return `n=${s.count}, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms`;
}

/** A smooth, multimodal objective on [0, 1]^d (what it is does not matter to timing). */
function objective(x: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += (x[i] - 0.3 - 0.04 * i) ** 2 + 0.05 * Math.sin(12 * x[i] + i);
  }
  return s;
}

interface TrialOut {
  id: string;
  params: Record<string, number>;
}

function pointOf(params: Record<string, number>): number[] {
  return Array.from({ length: DIMENSION }, (_, i) => params[`x${i}`]);
}

/** A request's client-observed interval (performance.now ms). */
interface Timed {
  start: number;
  end: number;
}

async function timed<T>(f: () => Promise<T>): Promise<[T, Timed]> {
  const start = performance.now();
  const out = await f();
  return [out, { start, end: performance.now() }];
}

/** Creates the gp-bo study and fills it with `TRIALS` completed trials (4 clients). */
async function seedGpStudy(api: Api): Promise<{ id: string; seconds: number }> {
  const study = await api.call<{ id: string }>("POST", "/v1/studies", {
    name: `stall-gp-${crypto.randomUUID().slice(0, 8)}`,
    space: {
      parameters: Array.from(
        { length: DIMENSION },
        (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
      ),
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: {
      name: "gp-bo",
      seed: 1,
      config: { refitEvery: 1, initialDesign: INITIAL_DESIGN },
    },
  }, "setup");
  const rng = Rng.fromSeed(7);
  const points = Array.from(
    { length: TRIALS },
    () => Array.from({ length: DIMENSION }, () => rng.next()),
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < points.length) {
      const x = points[next++];
      await api.call("POST", `/v1/studies/${study.id}/trials`, {
        params: Object.fromEntries(x.map((v, i) => [`x${i}`, v])),
        values: { value: objective(x) },
      }, "setup");
    }
  }));
  return { id: study.id, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

/** One suggest + complete on the gp-bo study; returns the suggestion's interval. */
async function gpRound(api: Api, studyId: string): Promise<Timed> {
  const [{ trials }, t] = await timed(() =>
    api.call<{ trials: TrialOut[] }>(
      "POST",
      `/v1/studies/${studyId}/trials/suggest`,
      { count: 1, clientId: "gp" },
      "gp suggest",
    )
  );
  const trial = trials[0];
  await api.call("POST", `/v1/studies/${studyId}/trials/${trial.id}/complete`, {
    values: { value: objective(pointOf(trial.params)) },
  }, "gp complete");
  return t;
}

/** The second client: suggest + completeTrial on the random study until `stop()`. */
function backgroundClient(api: Api, studyId: string) {
  const completes: Timed[] = [];
  const suggests: Timed[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const [{ trials }, s] = await timed(() =>
        api.call<{ trials: TrialOut[] }>(
          "POST",
          `/v1/studies/${studyId}/trials/suggest`,
          { count: 1, clientId: "bg" },
          "suggest",
        )
      );
      suggests.push(s);
      const trial = trials[0];
      const [, c] = await timed(() =>
        api.call("POST", `/v1/studies/${studyId}/trials/${trial.id}/complete`, {
          values: { value: Object.values(trial.params).reduce((a, b) => a + b, 0) },
        }, "complete")
      );
      completes.push(c);
    }
  })();
  return {
    completes,
    suggests,
    async stop() {
      running = false;
      await done;
    },
  };
}

const overlaps = (a: Timed, windows: Timed[]) =>
  windows.some((w) => a.start < w.end && a.end > w.start);
const within = (list: Timed[], from: number, to: number) =>
  list.filter((t) => t.start >= from && t.start < to);
const ms = (t: Timed) => t.end - t.start;

interface StallResult {
  backend: string;
  designWorkers: string;
  seedSeconds: number;
  gpSuggestMs: number[];
  sobolSuggestMs: number[];
  duringComplete: Summary;
  duringSuggest: Summary;
  baselineComplete: Summary;
  baselineBefore: Summary;
  baselineAfter: Summary;
  cpu: ReturnType<typeof cpuBetween>;
  pass: boolean;
}

async function measureStall(started: BackendService, workers: string): Promise<StallResult> {
  const { service } = started;
  const api = new Api(service.url, await projectKey(service.url, ADMIN_KEY));
  log(`${started.backend}: seeding a gp-bo study with ${TRIALS} trials in d = ${DIMENSION}`);
  const gp = await seedGpStudy(api);
  log(`${started.backend}: seeded in ${gp.seconds} s`);
  const randomStudy = await api.createStudy(`stall-random-${crypto.randomUUID().slice(0, 8)}`);

  // The first suggestions of the gp-bo study are Sobol points (no GP): not measured.
  const sobol: number[] = [];
  for (let i = 0; i < INITIAL_DESIGN; i++) sobol.push(ms(await gpRound(api, gp.id)));

  const bg = backgroundClient(api, randomStudy);
  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await sleep(1); // warm-up
  const b0 = performance.now();
  await sleep(BASELINE_SECONDS / 2);
  const b1 = performance.now();

  log(`${started.backend}: ${SUGGESTIONS} gp-bo suggestions, each refitting at ${TRIALS}+ trials`);
  const cpuBefore = sampleCpu(service.pid);
  const windows: Timed[] = [];
  for (let i = 0; i < SUGGESTIONS; i++) {
    const w = await gpRound(api, gp.id);
    windows.push(w);
    log(`${started.backend}: gp-bo suggestion ${i + 1}: ${Math.round(ms(w))} ms`);
  }
  const cpuAfter = sampleCpu(service.pid);

  const a0 = performance.now();
  await sleep(BASELINE_SECONDS / 2);
  const a1 = performance.now();
  await bg.stop();

  const during = bg.completes.filter((c) => overlaps(c, windows)).map(ms);
  const duringSuggest = bg.suggests.filter((c) => overlaps(c, windows)).map(ms);
  const before = within(bg.completes, b0, b1).map(ms);
  const after = within(bg.completes, a0, a1).map(ms);
  const duringSummary = summarize(during);
  return {
    backend: started.backend,
    designWorkers: workers,
    seedSeconds: gp.seconds,
    gpSuggestMs: windows.map((w) => Math.round(ms(w))),
    sobolSuggestMs: sobol.map(Math.round),
    duringComplete: duringSummary,
    duringSuggest: summarize(duringSuggest),
    baselineComplete: summarize([...before, ...after]),
    baselineBefore: summarize(before),
    baselineAfter: summarize(after),
    cpu: cpuBetween(cpuBefore, cpuAfter),
    pass: during.length > 0 && duringSummary.p99 < TARGET_MS,
  };
}

function report(r: StallResult): string {
  const g = r.gpSuggestMs;
  return [
    `== ${r.backend}, MINIMA_DESIGN_WORKERS=${r.designWorkers}; gp-bo study of ${TRIALS} trials ` +
    `in d = ${DIMENSION} (seeded in ${r.seedSeconds} s), refitEvery 1 ==`,
    `gp-bo suggestions (each a hyperparameter refit): ${g.join(", ")} ms; median ${
      Math.round(quantile(g, 0.5))
    } ms (the ${r.sobolSuggestMs.length} Sobol ones before: ${r.sobolSuggestMs.join(", ")} ms)`,
    `completeTrial on the random study while a gp-bo suggestion was in flight: ${
      line(r.duringComplete)
    }`,
    `  (suggest on the random study in the same windows: ${line(r.duringSuggest)})`,
    `completeTrial baseline, no gp-bo suggestion in flight: ${line(r.baselineComplete)}` +
    ` [before: p99 ${r.baselineBefore.p99} ms, after: p99 ${r.baselineAfter.p99} ms]`,
    `CPU during the gp-bo suggestions (% of one core): service ${r.cpu.server}, bench clients ${r.cpu.client}, ` +
    `postgres ${r.cpu.postgres}, machine ${r.cpu.total}`,
    `${r.pass ? "PASS" : "FAIL"}: p99 ${r.duringComplete.p99} ms ${
      r.pass ? "<" : "≥"
    } ${TARGET_MS} ms while gp-bo computes (baseline p99 ${r.baselineComplete.p99} ms)`,
  ].join("\n");
}

async function runOnce(
  backend: "postgres" | "pglite",
  workers: string,
): Promise<StallResult | string> {
  const env: Record<string, string> = workers === "" ? {} : { MINIMA_DESIGN_WORKERS: workers };
  log(
    `${backend}: starting the service${
      workers === "" ? "" : ` (MINIMA_DESIGN_WORKERS=${workers})`
    }`,
  );
  let started: BackendService;
  try {
    started = await startOnBackend(backend, SERVER_URL, env, "minima_bench_stall");
  } catch (error) {
    const why = String((error as Error).message).split("\n").map((l) => l.trim())
      .filter(Boolean).slice(1, 4).join(" ");
    return `the service did not start with MINIMA_DESIGN_WORKERS=${workers}: ${why}`;
  }
  try {
    return await measureStall(started, workers === "" ? "default" : workers);
  } finally {
    await started.close();
  }
}

async function main(): Promise<void> {
  const load = loadAverage();
  const results: StallResult[] = [];
  const out: string[] = [
    "",
    `minima: completeTrial latency on one study while another study's gp-bo suggestion is ` +
    `computed — ${navigator.hardwareConcurrency} CPUs; load average at start ${load}`,
  ];
  for (const backend of BACKENDS) {
    const r = await runOnce(backend, WORKERS);
    if (typeof r === "string") throw new Error(r);
    results.push(r);
    out.push("", report(r));
    if (CONTRAST) {
      const c = await runOnce(backend, "0");
      if (typeof c === "string") {
        out.push(
          "",
          `== ${backend}, MINIMA_DESIGN_WORKERS=0 (designers on the event loop): skipped — ${c}` +
            " (offloading cannot be switched off, so there is no contrast run) ==",
        );
      } else {
        results.push(c);
        out.push("", report(c));
      }
    }
  }
  out.push("", `load average at end ${loadAverage()}`);
  console.log(out.join("\n"));
  const dir = new URL("../bench-results/", import.meta.url);
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(
    new URL("stall.json", dir),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        cpus: navigator.hardwareConcurrency,
        loadAverage: { atStart: load, atEnd: loadAverage() },
        settings: {
          trials: TRIALS,
          dimension: DIMENSION,
          suggestions: SUGGESTIONS,
          baselineSeconds: BASELINE_SECONDS,
          targetMs: TARGET_MS,
        },
        results,
      },
      null,
      2,
    ) + "\n",
  );
}

if (import.meta.main) await main();
