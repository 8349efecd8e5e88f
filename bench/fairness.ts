/**
 * `deno task bench:fairness`: bounded suggestion time and fair design
 * workers (issue 14, finding 2: "`count: 1000` on a study of 1,100 trials
 * ran for 486 s; meanwhile a 6-trial study in another project waited 166 s
 * for one suggestion").
 *
 * Starts the real service (src/main.ts, design workers as configured: by
 * default cores − 1) on a scratch PostgreSQL database (or PGlite), with two
 * projects:
 * - A: a "gp-bo" study in 10 dimensions with 1,000 completed trials
 *   (createTrial with values), its GP fitted by one suggestion first
 *   (timed apart: the state a study in use has; later requests refit from it,
 *   every n/100 results);
 * - B: a small "gp-bo" study (3 floats, 6 completed trials).
 * Then:
 * 1. baseline: the small study's suggest (count 1; each completed, untimed)
 *    alone, `--small` times;
 * 2. A asks for `count: 1000` while B's client keeps asking for one point at a
 *    time until A's answer comes.
 * Prints A's time (target ≤ 30 s), B's latencies alone and during A
 * (median, p95; target < 1 s) with their ratio, and the load average (the
 * machine may be shared). Results also go to bench-results/fairness.json.
 *
 *   node_modules/.bin/deno run -A bench/fairness.ts [--backend postgres|pglite]
 *     [--trials 1000] [--count 1000] [--small 15]
 *
 * MINIMA_BENCH_DATABASE_URL names the PostgreSQL server (default
 * postgres://postgres@127.0.0.1:5432/postgres).
 */
import { Rng } from "../src/math/rng.ts";
import { Api, projectKey } from "./api.ts";
import { ADMIN_KEY, startOnBackend } from "./service.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const SERVER_URL = Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const BACKEND = arg("backend", "postgres") as "postgres" | "pglite";
const TRIALS = Number(arg("trials", "1000"));
const COUNT = Number(arg("count", "1000"));
const SMALL = Number(arg("small", "15"));
const TARGET_BIG_S = 30;
const TARGET_SMALL_MS = 1000;

function log(message: string): void {
  console.error(`[fairness ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

function loadAverage(): string {
  try {
    return Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

const round = (x: number) => Math.round(x * 10) / 10;

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

const pointOf = (params: Record<string, number>) =>
  Object.keys(params).sort().map((k) => params[k]);

/** A gp-bo study of `d` floats with `n` completed trials (4 clients). */
async function seed(
  api: Api,
  d: number,
  n: number,
  name: string,
  config: Record<string, unknown> = {},
): Promise<string> {
  const study = await api.call<{ id: string }>("POST", "/v1/studies", {
    name,
    space: {
      parameters: Array.from({ length: d }, (_, i) => ({
        name: `x${i}`,
        type: "float",
        min: 0,
        max: 1,
      })),
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "gp-bo", seed: 1, config },
  }, "setup");
  const rng = Rng.fromSeed(7);
  const points = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.next()));
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
  return study.id;
}

/** One suggestion of `count` (timed, ms), its trials then completed (untimed). */
async function suggest(api: Api, study: string, count: number): Promise<number> {
  const started = performance.now();
  const { trials } = await api.call<{ trials: TrialOut[] }>(
    "POST",
    `/v1/studies/${study}/trials/suggest`,
    { count },
    "suggest",
  );
  const ms = performance.now() - started;
  await api.call("POST", `/v1/studies/${study}/trials/complete`, {
    items: trials.map((t) => ({ trialId: t.id, values: { value: objective(pointOf(t.params)) } })),
  }, "complete");
  return ms;
}

const started = await startOnBackend(BACKEND, SERVER_URL, {}, "minima_bench_fairness");
try {
  const url = started.service.url;
  const a = new Api(url, await projectKey(url, ADMIN_KEY));
  const b = new Api(url, await projectKey(url, ADMIN_KEY));
  log(`seeding: ${TRIALS} trials in project A, 6 in project B (load ${loadAverage()})`);
  // Two Sobol points only: the untimed first suggestion fits the GP (random restarts).
  const big = await seed(a, 10, TRIALS, "fairness-big", { initialDesign: 2 });
  const small = await seed(b, 3, 6, "fairness-small");
  // Its two Sobol points, then one point of the GP, which is fitted for it.
  const firstFit = await suggest(a, big, 3);
  log(`A's first suggestion (fits the GP on ${TRIALS} results): ${round(firstFit / 1000)} s`);

  log(`baseline: ${SMALL} suggestions of the small study alone`);
  const alone: number[] = [];
  for (let i = 0; i < SMALL; i++) alone.push(await suggest(b, small, 1));

  log(`A asks for count: ${COUNT}; B keeps asking for one point`);
  const during: number[] = [];
  let done = false;
  const loadBefore = loadAverage();
  const bigMs = suggest(a, big, COUNT).finally(() => (done = true));
  while (!done) during.push(await suggest(b, small, 1));
  const bigSeconds = (await bigMs) / 1000;

  const summary = {
    backend: BACKEND,
    cores: navigator.hardwareConcurrency,
    loadAverage: { before: loadBefore, after: loadAverage() },
    big: { trials: TRIALS, count: COUNT, seconds: round(bigSeconds), targetSeconds: TARGET_BIG_S },
    firstFitSeconds: round(firstFit / 1000),
    small: {
      alone: {
        n: alone.length,
        medianMs: round(quantile(alone, 0.5)),
        p95Ms: round(quantile(alone, 0.95)),
      },
      during: {
        n: during.length,
        medianMs: round(quantile(during, 0.5)),
        p95Ms: round(quantile(during, 0.95)),
      },
      targetMs: TARGET_SMALL_MS,
    },
  };
  const ratio = quantile(during, 0.5) / quantile(alone, 0.5);
  console.log(
    `machine: ${summary.cores} cores, load average ${loadBefore} → ${summary.loadAverage.after}`,
  );
  console.log(
    `count: ${COUNT} on ${TRIALS} trials: ${summary.big.seconds} s (target ≤ ${TARGET_BIG_S} s: ` +
      `${bigSeconds <= TARGET_BIG_S ? "PASS" : "FAIL"})`,
  );
  console.log(
    `small study alone: median ${summary.small.alone.medianMs} ms, p95 ${summary.small.alone.p95Ms} ms`,
  );
  console.log(
    `small study during it: n=${during.length}, median ${summary.small.during.medianMs} ms, ` +
      `p95 ${summary.small.during.p95Ms} ms (×${round(ratio)} the baseline median; target p95 < ` +
      `${TARGET_SMALL_MS} ms: ${quantile(during, 0.95) < TARGET_SMALL_MS ? "PASS" : "FAIL"})`,
  );
  await Deno.mkdir("bench-results", { recursive: true });
  await Deno.writeTextFile("bench-results/fairness.json", JSON.stringify(summary, null, 2) + "\n");
} finally {
  await started.close();
}
