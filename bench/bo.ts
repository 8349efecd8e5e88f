/**
 * Quality of "gp-bo" against "random" and "sobol" (issue 3), the algorithm
 * driven directly: Branin (50 evaluations) and Hartmann-6 (100), 10 seeds
 * each; prints median and quartiles of the best value and of the simple
 * regret at 25/50/100 evaluations, and the ratio to random search.
 *
 * When Debian's python3-optuna is installed (/usr/bin/python3, or
 * $MINIMA_BENCH_PYTHON, imports optuna), Optuna's TPE runs on the same
 * functions and seeds (bench/optuna_tpe.py) and the ratio of gp-bo's median
 * regret to TPE's is printed; otherwise a line says it was skipped.
 *
 * One case also runs through HTTP: Branin with gp-bo, 50 evaluations, the
 * first 3 seeds, through the real service (src/main.ts, PGlite by default),
 * and its best values are compared with the directly-driven run of the same
 * seed (a seeded study is deterministic, so they should be identical).
 *
 *   node_modules/.bin/deno run -A bench/bo.ts [--seeds 10] [--functions branin,hartmann6]
 *     [--no-optuna] [--no-http] [--http-seeds 3] [--http-backend pglite|postgres]
 *
 * MINIMA_BENCH_DATABASE_URL names the PostgreSQL server for
 * --http-backend postgres (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { algorithms } from "../src/algorithms/mod.ts";
import type { Feedback } from "../src/algorithms/types.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";
import { Api, projectKey } from "./api.ts";
import { ADMIN_KEY, startOnBackend } from "./service.ts";

interface TestFunction {
  name: string;
  space: Space;
  /** The space as the API takes it. */
  spec: unknown;
  minimum: number;
  budget: number;
  f: (p: Record<string, unknown>) => number;
}

const A6 = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [
  17,
  8,
  0.05,
  10,
  0.1,
  14,
]];
const P6 = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
].map((r) => r.map((v) => v * 1e-4));
const ALPHA6 = [1, 1.2, 3, 3.2];

function spaceOf(spec: unknown): { space: Space; spec: unknown } {
  return { space: new Space(SpaceSchema.parse(spec)), spec };
}

const FUNCTIONS: TestFunction[] = [
  {
    name: "branin",
    minimum: 0.397887,
    budget: 50,
    ...spaceOf({
      parameters: [
        { name: "x1", type: "float", min: -5, max: 10 },
        { name: "x2", type: "float", min: 0, max: 15 },
      ],
    }),
    f: (p) => {
      const x1 = p.x1 as number, x2 = p.x2 as number;
      const b = 5.1 / (4 * Math.PI ** 2), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
      return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
    },
  },
  {
    name: "hartmann6",
    minimum: -3.32237,
    budget: 100,
    ...spaceOf({
      parameters: Array.from(
        { length: 6 },
        (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
      ),
    }),
    f: (p) => {
      let s = 0;
      for (let i = 0; i < 4; i++) {
        let e = 0;
        for (let j = 0; j < 6; j++) e += A6[i][j] * ((p[`x${j}`] as number) - P6[i][j]) ** 2;
        s += ALPHA6[i] * Math.exp(-e);
      }
      return -s;
    },
  },
];

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

/** What a run saw: the best value after each evaluation, and the points evaluated. */
interface Run {
  trace: number[];
  params: Record<string, unknown>[];
}

/** Evaluates `params`, appends to `out`; returns the value. */
function evaluate(fn: TestFunction, params: Record<string, unknown>, out: Run): number {
  const value = fn.f(params);
  out.trace.push(Math.min(out.trace.at(-1) ?? Infinity, value));
  out.params.push(params);
  return value;
}

/** Drives the algorithm directly, asking `batch` points at a time. */
async function run(
  algorithm: string,
  fn: TestFunction,
  seed: number,
  batch = 1,
  budget = fn.budget,
): Promise<Run> {
  const definition = algorithms.get(algorithm)!;
  const config = definition.configSchema.parse({});
  const designer = definition.create({ space: fn.space, config, seed });
  const out: Run = { trace: [], params: [] };
  while (out.trace.length < budget) {
    const asked = await designer.suggest(Math.min(batch, budget - out.trace.length), {
      pending: [],
      signal: new AbortController().signal,
    });
    const feedback: Feedback[] = asked.map((s) => {
      const params = fn.space.decode(s.point);
      const value = evaluate(fn, params, out);
      const n = out.trace.length - 1;
      return {
        kind: "value",
        trialId: String(n),
        number: n,
        point: fn.space.encode(params),
        tag: null,
        loss: value,
        values: { value },
      };
    });
    designer.update(feedback);
  }
  return out;
}

/** The same through the service's HTTP API: one study, suggest 1 + complete, `budget` times. */
async function runHttp(
  api: Api,
  algorithm: string,
  fn: TestFunction,
  seed: number,
  budget = fn.budget,
): Promise<Run> {
  const study = await api.call<{ id: string }>("POST", "/v1/studies", {
    name: `bo-${fn.name}-${algorithm}-${seed}`,
    space: fn.spec,
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: algorithm, seed },
  }, "setup");
  const out: Run = { trace: [], params: [] };
  while (out.trace.length < budget) {
    const { trials } = await api.call<
      { trials: { id: string; params: Record<string, unknown> }[] }
    >(
      "POST",
      `/v1/studies/${study.id}/trials/suggest`,
      { count: 1, clientId: "bo" },
      "suggest",
    );
    for (const t of trials) {
      const value = evaluate(fn, t.params, out);
      await api.call("POST", `/v1/studies/${study.id}/trials/${t.id}/complete`, {
        values: { value },
      }, "complete");
    }
  }
  return out;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

/** Optuna's TPE traces by function (seeds 1..n in order), or why there are none. */
type TpeResult =
  | { ran: true; python: string; version: string; traces: Record<string, number[][]> }
  | { ran: false; reason: string };

/** Runs bench/optuna_tpe.py when the Python there imports optuna. Installs nothing. */
async function runTpe(functions: TestFunction[], seeds: number): Promise<TpeResult> {
  const python = Deno.env.get("MINIMA_BENCH_PYTHON") ?? "/usr/bin/python3";
  const probe = await new Deno.Command(python, {
    args: ["-c", "import optuna"],
    stdout: "null",
    stderr: "null",
  }).output().catch(() => null);
  if (!probe?.success) {
    return {
      ran: false,
      reason: `${python} cannot import optuna (Debian: apt-get install python3-optuna)`,
    };
  }
  const script = new URL("./optuna_tpe.py", import.meta.url).pathname;
  const out = await new Deno.Command(python, {
    args: [script, String(seeds), ...functions.map((f) => `${f.name}:${f.budget}`)],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    const stderr = new TextDecoder().decode(out.stderr);
    return { ran: false, reason: `bench/optuna_tpe.py failed: ${stderr.slice(-1500)}` };
  }
  const stdout = new TextDecoder().decode(out.stdout).trim();
  const parsed = JSON.parse(stdout.split("\n").pop()!) as {
    optuna: string;
    traces: Record<string, number[][]>;
  };
  return { ran: true, python, version: parsed.optuna, traces: parsed.traces };
}

const CHECKPOINTS = [25, 50, 100];

/** Simple regret after `n` evaluations, one per trace. */
function regretAt(traces: number[][], fn: TestFunction, n: number): number[] {
  return traces.map((t) => t[Math.min(n, t.length) - 1] - fn.minimum);
}

/** One line of the table: best values and regret at the checkpoints. */
function row(label: string, traces: number[][], fn: TestFunction, seconds: number): string {
  const finals = traces.map((t) => t[t.length - 1]);
  const at = CHECKPOINTS.filter((n) => n <= fn.budget).map((n) => {
    const r = regretAt(traces, fn, n);
    return `regret@${n} median ${quantile(r, 0.5).toPrecision(3)} [${
      quantile(r, 0.25).toPrecision(3)
    }, ${quantile(r, 0.75).toPrecision(3)}]`;
  }).join("; ");
  const ok = fn.name === "branin"
    ? `${finals.filter((v) => v <= 0.4).length}/${traces.length} seeds ≤ 0.40`
    : `median best ${quantile(finals, 0.5).toFixed(4)}`;
  return `${label.padEnd(7)} best median ${quantile(finals, 0.5).toFixed(4)} (${ok}); ${at}; ${
    seconds.toFixed(1)
  } s`;
}

const seeds = Number(arg("seeds", "10"));
const chosen = arg("functions", "branin,hartmann6").split(",");
const functions = FUNCTIONS.filter((f) => chosen.includes(f.name));
const httpSeeds = Deno.args.includes("--no-http") ? 0 : Number(arg("http-seeds", "3"));
const httpBackend = arg("http-backend", "pglite");
if (httpBackend !== "pglite" && httpBackend !== "postgres") {
  throw new Error(`--http-backend: pglite or postgres, not ${httpBackend}`);
}

let tpe: TpeResult = { ran: false, reason: "--no-optuna" };
if (!Deno.args.includes("--no-optuna")) {
  const started = performance.now();
  tpe = await runTpe(functions, seeds);
  if (tpe.ran) {
    console.log(
      `Optuna ${tpe.version} TPE (TPESampler(seed=s), in-memory storage, ${tpe.python}): ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s for all functions and seeds`,
    );
  }
}
if (!tpe.ran) console.log(`Optuna TPE: skipped — ${tpe.reason}`);

/** gp-bo's directly-driven runs on Branin, by seed (for the HTTP comparison). */
const directGp = new Map<number, Run>();
for (const fn of functions) {
  console.log(
    `\n== ${fn.name} (minimum ${fn.minimum}), ${fn.budget} evaluations, ${seeds} seeds ==`,
  );
  const traces: Record<string, number[][]> = {};
  for (const algorithm of ["gp-bo", "random", "sobol"]) {
    const started = performance.now();
    const runs: Run[] = [];
    for (let seed = 1; seed <= seeds; seed++) runs.push(await run(algorithm, fn, seed));
    if (fn.name === "branin" && algorithm === "gp-bo") {
      runs.forEach((r, i) => directGp.set(i + 1, r));
    }
    traces[algorithm] = runs.map((r) => r.trace);
    console.log(row(algorithm, traces[algorithm], fn, (performance.now() - started) / 1000));
  }
  if (tpe.ran && tpe.traces[fn.name]) {
    traces.tpe = tpe.traces[fn.name];
    console.log(`${row("tpe", traces.tpe, fn, NaN).replace(/; NaN s$/, "")} (Optuna)`);
  }
  const medianRegret = (algorithm: string, n: number) =>
    quantile(regretAt(traces[algorithm], fn, n), 0.5);
  console.log(
    `ratio of median final regret, gp-bo / random: ${
      (medianRegret("gp-bo", fn.budget) / medianRegret("random", fn.budget)).toPrecision(3)
    }`,
  );
  if (traces.tpe) {
    console.log(
      `ratio of median regret, gp-bo / TPE: ${
        CHECKPOINTS.filter((n) => n <= fn.budget).map((n) =>
          `@${n} ${(medianRegret("gp-bo", n) / medianRegret("tpe", n)).toPrecision(3)}`
        ).join("; ")
      } (below 1: gp-bo is closer to the minimum)`,
    );
  }
}

if (chosen.includes("branin")) {
  const branin = FUNCTIONS[0];
  const batch: number[] = [];
  const sequential: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    batch.push((await run("gp-bo", branin, seed, 4, 100)).trace.at(-1)!);
    sequential.push((await run("gp-bo", branin, seed, 1, 60)).trace.at(-1)!);
  }
  console.log(
    `\n== branin, gp-bo in batches: q = 4 for 25 rounds vs 60 sequential evaluations ==\n` +
      `q=4 x 25: median best ${quantile(batch, 0.5).toFixed(4)}; sequential 60: median best ${
        quantile(sequential, 0.5).toFixed(4)
      } (${
        quantile(batch, 0.5) <= quantile(sequential, 0.5) + 1e-3 ? "reaches it" : "short of it"
      })`,
  );
}

if (httpSeeds > 0) {
  const branin = FUNCTIONS[0];
  console.log(
    `\n== branin, gp-bo through HTTP (the service on ${httpBackend}), ${branin.budget} ` +
      `evaluations, seeds 1-${httpSeeds}, vs the directly-driven run of the same seed ==`,
  );
  const serverUrl = Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
    "postgres://postgres@127.0.0.1:5432/postgres";
  const started = await startOnBackend(httpBackend, serverUrl, {}, "minima_bench_bo");
  try {
    const { url } = started.service;
    const api = new Api(url, await projectKey(url, ADMIN_KEY));
    let identical = 0;
    for (let seed = 1; seed <= httpSeeds; seed++) {
      const t0 = performance.now();
      const http = await runHttp(api, "gp-bo", branin, seed);
      const seconds = (performance.now() - t0) / 1000;
      const direct = directGp.get(seed) ?? await run("gp-bo", branin, seed);
      const differs = http.params.findIndex((p, i) =>
        JSON.stringify(p) !== JSON.stringify(direct.params[i])
      );
      const same = differs < 0 && http.params.length === direct.params.length &&
        http.trace.every((v, i) => v === direct.trace[i]);
      if (same) identical++;
      const at = (r: Run, n: number) => r.trace[n - 1].toFixed(6);
      console.log(
        `seed ${seed}: best@25 / @50 HTTP ${at(http, 25)} / ${at(http, 50)}, direct ${
          at(direct, 25)
        } / ${at(direct, 50)}; ${
          same
            ? `identical (all ${http.params.length} points and values)`
            : `DIFFERENT from evaluation ${differs + 1}: HTTP ${
              JSON.stringify(http.params[differs])
            } vs direct ${JSON.stringify(direct.params[differs])}`
        }; ${seconds.toFixed(1)} s over HTTP`,
      );
    }
    console.log(
      `${identical}/${httpSeeds} seeds identical through HTTP and driven directly` +
        (identical === httpSeeds ? "" : " — NOT deterministic across the service"),
    );
  } finally {
    await started.close();
  }
}
