/**
 * Speed of "gp-bo" suggestions (issue 3), per linear-algebra backend
 * (src/math/linalg_backend.ts): d = 10, n = 100, 500 and 1,000 results of a
 * smooth seeded test function (a shifted, weighted quadratic plus sines).
 *
 * For each backend and n:
 * - warm suggestions as a request makes them: restore the designer from the
 *   saved state, update it with one new result, suggest one point, dump the
 *   state (JSON round trip of the state between requests, not timed), with
 *   the refit schedule as configured (defaults); two warm-ups, then the
 *   median, min and max of the rest, and which of them refitted;
 * - a full refit: the MAP fit as on a study's first fit (warm start absent,
 *   2 random restarts), and a warm refit (from the fitted hyperparameters,
 *   no restarts);
 * - where the time goes: conditioning from scratch (kernel matrix + factor),
 *   extending the kept factor by one row, scoring 2,048 candidates, one
 *   acquisition gradient, one evaluation of the MAP objective.
 * The targets of the issue are printed next to the figures, and the ratio
 * TypeScript / OpenBLAS. Besides wall-clock time each suggestion's CPU time
 * (of this process; the designer runs on this thread and OpenBLAS with one
 * thread) is given, which other load on a shared machine disturbs less;
 * the load average is printed before and after.
 *
 *   node_modules/.bin/deno run --allow-all bench/bo_speed.ts \
 *     [--sizes 100,500,1000] [--suggestions 9] [--backends typescript,openblas]
 *     [--no-refit]
 */
import process from "node:process";
import { algorithms } from "../src/algorithms/mod.ts";
import type { Feedback, JsonValue } from "../src/algorithms/types.ts";
import {
  clearFactorCache,
  conditionGp,
  createFitObjective,
  fitGp,
  type GpHyperparameters,
  predict,
  predictWithGradient,
} from "../src/algorithms/gp_bo/gp.ts";
import {
  linalgBackend,
  type LinalgBackendName,
  openblasBackend,
  selectLinalgBackend,
} from "../src/math/linalg_backend.ts";
import { Rng } from "../src/math/rng.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";

const D = 10;
const SEED = 20240611;
const WARMUPS = 2;
/** Median suggestion latency targets of the issue, ms. */
const TARGET_MS: Record<number, number> = { 100: 50, 500: 400, 1000: 1500 };

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

/** f(x) = Σ w_j (x_j − c_j)² + 0.1 Σ sin(7 x_j + φ_j): smooth, seeded. */
function testFunction(seed: number): (x: ArrayLike<number>) => number {
  const rng = Rng.fromSeed(seed);
  const c = Array.from({ length: D }, () => 0.2 + 0.6 * rng.next());
  const w = Array.from({ length: D }, () => 0.5 + rng.next());
  const phi = Array.from({ length: D }, () => 2 * Math.PI * rng.next());
  return (x) => {
    let s = 0;
    for (let j = 0; j < D; j++) s += w[j] * (x[j] - c[j]) ** 2 + 0.1 * Math.sin(7 * x[j] + phi[j]);
    return s;
  };
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const out = f();
  return [out, performance.now() - t0];
}

/** Median ms of `reps` calls of f after one warm-up call. */
function medianTime(f: () => unknown, reps: number): number {
  f();
  const times: number[] = [];
  for (let r = 0; r < reps; r++) times.push(time(f)[1]);
  return quantile(times, 0.5);
}

const space = new Space(SpaceSchema.parse({
  parameters: Array.from(
    { length: D },
    (_, j) => ({ name: `x${j}`, type: "float", min: 0, max: 1 }),
  ),
}));
const definition = algorithms.get("gp-bo")!;
const config = definition.configSchema.parse({});

function feedback(point: number[], loss: number, number: number): Feedback {
  return {
    kind: "value",
    trialId: `t${number}`,
    number,
    point,
    tag: null,
    loss,
    values: { value: loss },
  };
}

interface SizeResult {
  n: number;
  suggestions: { ms: number; cpuMs: number; refit: boolean }[];
  fullRefitMs?: number;
  warmRefitMs?: number;
  parts: Record<string, number>;
}

async function measure(n: number, count: number, refit: boolean): Promise<SizeResult> {
  const f = testFunction(SEED + n);
  const rng = Rng.fromSeed(SEED);
  const points: number[][] = [];
  for (let i = 0; i < n; i++) points.push(Array.from({ length: D }, () => rng.next()));
  const x = Float64Array.from(points.flat());
  const y = Float64Array.from(points, (p) => f(p));
  const fitOptions = { kernel: "matern52" as const, prior: "legacy" as const, minNoise: 1e-4 };
  clearFactorCache();

  // The hyperparameters the saved state starts from, and the refit figures.
  const [model, fullMs] = time(() =>
    fitGp(x, y, {
      ...fitOptions,
      restarts: (config as { restarts: number }).restarts,
      rng: Rng.fromSeed(1),
    })
  );
  const hyper: GpHyperparameters = model.hyper;
  let warmMs: number | undefined;
  if (refit) {
    warmMs = time(() =>
      fitGp(x, y, { ...fitOptions, restarts: 0, rng: Rng.fromSeed(2), warmStart: hyper })
    )[1];
  }

  // Where the time goes.
  const parts: Record<string, number> = {};
  const reps = n >= 1000 ? 3 : 5;
  clearFactorCache();
  parts["condition from scratch"] = medianTime(() => {
    clearFactorCache();
    conditionGp(x, y, hyper, { kernel: "matern52" });
  }, reps);
  const head = x.subarray(0, (n - 1) * D);
  const yHead = y.subarray(0, n - 1);
  const extend: number[] = [];
  for (let r = 0; r < reps; r++) {
    clearFactorCache();
    conditionGp(head, yHead, hyper, { kernel: "matern52" });
    extend.push(time(() => conditionGp(x, y, hyper, { kernel: "matern52" }))[1]);
  }
  parts["condition, factor kept (+1 row)"] = quantile(extend, 0.5);
  const conditioned = conditionGp(x, y, hyper, { kernel: "matern52" });
  const candidates = Float64Array.from({ length: 2048 * D }, () => rng.next());
  parts["score 2,048 candidates"] = medianTime(() => predict(conditioned, candidates), reps);
  const q = Float64Array.from({ length: D }, () => rng.next());
  parts["acquisition gradient ×100"] = medianTime(() => {
    for (let k = 0; k < 100; k++) predictWithGradient(conditioned, q);
  }, reps);
  const z = Float64Array.from(y, (v) => (v - conditioned.yMean) / conditioned.yStd);
  const objective = createFitObjective(x, z, { ...fitOptions, d: D });
  const theta = objective.fromHyper(hyper);
  const grad = new Float64Array(theta.length);
  parts["MAP objective + gradient"] = medianTime(() => objective.evaluate(theta, grad), reps);

  // Warm suggestions, as requests make them.
  const rngState = Rng.fromSeed(SEED).state();
  let state: JsonValue = {
    v: 1,
    rng: rngState,
    sobolIndex: Math.max(5, 2 * D),
    x: points,
    y: Array.from(y),
    infeasible: [],
    hyper: {
      logLengthscales: Array.from(hyper.logLengthscales),
      logOutputScale: hyper.logOutputScale,
      logNoise: hyper.logNoise,
      mean: hyper.mean,
    },
    fittedAt: n,
  };
  let next = Array.from({ length: D }, () => rng.next());
  const suggestions: { ms: number; cpuMs: number; refit: boolean }[] = [];
  const ctx = { pending: [], signal: new AbortController().signal };
  for (let s = 0; s < WARMUPS + count; s++) {
    const fittedBefore = (state as { fittedAt?: number }).fittedAt;
    const number = n + s;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const designer = definition.create({ space, config, seed: SEED, state });
    designer.update([feedback(next, f(next), number)]);
    const [suggestion] = await designer.suggest(1, ctx);
    const dumped = designer.dump();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    state = JSON.parse(JSON.stringify(dumped));
    const refitted = (state as { fittedAt?: number }).fittedAt !== fittedBefore;
    if (s >= WARMUPS) suggestions.push({ ms, cpuMs, refit: refitted });
    next = suggestion.point;
  }
  return { n, suggestions, fullRefitMs: refit ? fullMs : undefined, warmRefitMs: warmMs, parts };
}

function fmt(ms: number | undefined): string {
  if (ms === undefined) return "—";
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

const sizes = arg("sizes", "100,500,1000").split(",").map(Number);
const count = Number(arg("suggestions", "9"));
const refit = !Deno.args.includes("--no-refit");
const wanted = arg("backends", "typescript,openblas").split(",") as LinalgBackendName[];

const load = () => Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
const auto = selectLinalgBackend("auto");
console.log(`gp-bo suggestion speed, d = ${D}, Matérn-5/2, default config`);
console.log(`backend picked by auto (MINIMA_LINALG unset): ${auto.name} — ${auto.description}`);
const blas = openblasBackend();
if (!blas.backend) console.log(`OpenBLAS unavailable: ${blas.reason}`);
console.log(
  `machine: ${navigator.hardwareConcurrency} logical CPUs, Deno ${Deno.version.deno}; ` +
    `load average ${load()}; ${WARMUPS} warm-up suggestions, then ${count} timed per size\n`,
);

const results = new Map<string, SizeResult>();
for (const name of wanted) {
  if (name === "openblas" && !blas.backend) continue;
  selectLinalgBackend(name);
  console.log(`== ${name}: ${linalgBackend().description}`);
  for (const n of sizes) {
    const r = await measure(n, count, refit);
    results.set(`${name}/${n}`, r);
    const ms = r.suggestions.map((s) => s.ms);
    const median = quantile(ms, 0.5);
    const target = TARGET_MS[n];
    const verdict = target === undefined ? "" : median <= target ? "  (met)" : "  (NOT met)";
    console.log(
      `n = ${n}: suggestion median ${fmt(median)} [min ${fmt(Math.min(...ms))}, max ${
        fmt(Math.max(...ms))
      }]${target ? `, target ≤ ${fmt(target)}${verdict}` : ""}; refitted in ${
        r.suggestions.filter((s) => s.refit).length
      } of ${ms.length}; CPU time median ${fmt(quantile(r.suggestions.map((s) => s.cpuMs), 0.5))}`,
    );
    console.log(
      `        each: ${
        r.suggestions.map((s) => `${fmt(s.ms)}${s.refit ? " (refit)" : ""}`).join(", ")
      }`,
    );
    if (refit) {
      console.log(
        `        full refit (3 starts) ${fmt(r.fullRefitMs)}; warm refit (1 start) ${
          fmt(r.warmRefitMs)
        }`,
      );
    }
    console.log(
      `        parts: ${Object.entries(r.parts).map(([k, v]) => `${k} ${fmt(v)}`).join("; ")}`,
    );
  }
  console.log("");
}
selectLinalgBackend("auto");
console.log(`load average at the end: ${load()}`);

if (wanted.includes("typescript") && wanted.includes("openblas") && blas.backend) {
  console.log("ratio TypeScript / OpenBLAS:");
  for (const n of sizes) {
    const ts = results.get(`typescript/${n}`)!;
    const ob = results.get(`openblas/${n}`)!;
    const med = (r: SizeResult) => quantile(r.suggestions.map((s) => s.ms), 0.5);
    const parts = Object.keys(ts.parts).map((k) =>
      `${k} ${(ts.parts[k] / ob.parts[k]).toFixed(1)}×`
    );
    console.log(
      `n = ${n}: suggestion median ${(med(ts) / med(ob)).toFixed(1)}×` +
        (refit ? `, full refit ${(ts.fullRefitMs! / ob.fullRefitMs!).toFixed(1)}×` : "") +
        `; ${parts.join("; ")}`,
    );
  }
}
