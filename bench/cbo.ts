/**
 * "cbo" against CBXpy's published result (docs/algorithms.md §4, CBXpy example
 * "success_evaluation") and its cost per step.
 *
 * Quality: Rastrigin 10d + Σ(xᵢ² − 10 cos 2πxᵢ) in d = 20, N = 40 particles
 * starting uniform in [−3, 3]^20, anisotropic noise, σ = 10.1, α = 30 ×1.05
 * per step (cap 1e5), λ = 1, dt = 0.01; a run succeeds when its final
 * consensus is within 0.25 of 0 in every coordinate. CBXpy: 100 of 100 runs
 * after 5,000 steps; none with isotropic noise; very few after 1,000 steps.
 *
 * Each case drives the designer the way the service does (create on a space,
 * suggest a generation, report it, repeat; no HTTP, no database): the space
 * is [−5.12, 5.12]^20 (Rastrigin's usual box), so the unit cube maps to it by
 * x = −5.12 + 10.24·u and `initialBox` [53/256, 203/256] is exactly [−3, 3].
 * This map scales every coordinate by the same factor, and CBO commutes
 * with it: the consensus weights depend on the energies only, the drift and
 * both noises (‖x − c‖ and diag(x − c)) scale with the positions, so in the
 * cube the dynamics are CBXpy's in R^20, except where a particle leaves the
 * box (it is then evaluated at the box's face; the share of such evaluations
 * is printed). The headline case is also run with the pure step function
 * (`cboStep`, unbounded, CBXpy's update exactly) for comparison. With 100
 * runs a 5,000-step designer case takes 2 to 3 minutes on one core (each
 * case prints its wall time); `--runs` and `--steps` shrink it.
 *
 * Cost: one step of N = 1,000 particles in d = 100, median over repetitions:
 * the pure step function, and the designer's whole generation (suggest
 * 1,000 + update with 1,000 results, which runs the step), plus the state's
 * JSON round trip the service does per request.
 *
 *   node_modules/.bin/deno run -A bench/cbo.ts [--runs 100] [--steps 5000]
 *     [--short-steps 1000] [--cases headline,pure,isotropic,short] [--speed-reps 200]
 *     [--skip-speed]
 */
import { Rng } from "../src/math/rng.ts";
import {
  cboAlgorithm,
  type CboConfig,
  CboConfigSchema,
  type CboDesigner,
  cboStep,
} from "../src/algorithms/cbo/mod.ts";
import type { Feedback } from "../src/algorithms/types.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";

function flag(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const RUNS = Number(flag("runs", "100"));
const STEPS = Number(flag("steps", "5000"));
const SHORT_STEPS = Number(flag("short-steps", "1000"));
const CASES = flag("cases", "headline,pure,isotropic,short").split(",");
const SPEED_REPS = Number(flag("speed-reps", "200"));
const SKIP_SPEED = Deno.args.includes("--skip-speed");

const D = 20;
const N = 40;
const HALF_WIDTH = 5.12;
const SUCCESS_TOLERANCE = 0.25;

/** Rastrigin: 10d + Σ(xᵢ² − 10 cos 2πxᵢ), minimum 0 at 0. */
function rastrigin(x: ArrayLike<number>): number {
  let sum = 10 * x.length;
  for (let j = 0; j < x.length; j++) sum += x[j] * x[j] - 10 * Math.cos(2 * Math.PI * x[j]);
  return sum;
}

const SPACE = new Space(SpaceSchema.parse({
  parameters: Array.from({ length: D }, (_, j) => ({
    name: `x${j}`,
    type: "float",
    min: -HALF_WIDTH,
    max: HALF_WIDTH,
  })),
}));
const NAMES = SPACE.parameters.map((p) => p.name);

/** CBXpy's success_evaluation settings in the unit cube of SPACE. */
function rastriginConfig(noise: "anisotropic" | "isotropic"): CboConfig {
  const low = (-3 + HALF_WIDTH) / (2 * HALF_WIDTH);
  const high = (3 + HALF_WIDTH) / (2 * HALF_WIDTH);
  return CboConfigSchema.parse({
    particles: N,
    noise,
    sigma: 10.1,
    alpha: 30,
    alphaFactor: 1.05,
    alphaMax: 1e5,
    lambda: 1,
    dt: 0.01,
    initialBox: { low, high },
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const maxAbs = (xs: ArrayLike<number>) => Math.max(...Array.from(xs, Math.abs));
const ctx = () => ({ pending: [], signal: new AbortController().signal });

interface CaseResult {
  /** Each run's final consensus, in x units. */
  consensus: number[][];
  consensusSuccesses: number;
  bestSuccesses: number;
  outsideShare: number;
  medianError: number;
  seconds: number;
}

/** One designer run: `steps` generations on Rastrigin; returns the final consensus and best point. */
async function designerRun(config: CboConfig, seed: number, steps: number) {
  const designer = cboAlgorithm.create({ space: SPACE, config, seed }) as CboDesigner;
  let number = 0, outside = 0;
  const x = new Float64Array(D);
  for (let step = 0; step < steps; step++) {
    const out = await designer.suggest(N, ctx());
    if (out.length !== N) throw new Error(`generation ${step}: ${out.length} suggestions`);
    const feedback: Feedback[] = out.map((s) => {
      const params = SPACE.decode(s.point);
      for (let j = 0; j < D; j++) x[j] = params[NAMES[j]] as number;
      if (s.point.some((u) => u === 0 || u === 1)) outside++;
      const loss = rastrigin(x);
      // The service re-encodes the params; for these floats that is s.point up to rounding.
      return {
        kind: "value",
        trialId: "",
        number: number++,
        point: s.point,
        tag: s.tag ?? null,
        loss,
        values: { loss },
      };
    });
    designer.update(feedback);
  }
  const rec = designer.recommend()!;
  const decode = (u: number[]) => NAMES.map((name) => SPACE.decode(u)[name] as number);
  return {
    consensus: decode(rec.point),
    best: decode(rec.points!.best),
    outsideShare: outside / (steps * N),
  };
}

async function designerCase(
  noise: "anisotropic" | "isotropic",
  steps: number,
): Promise<CaseResult> {
  const config = rastriginConfig(noise);
  const started = performance.now();
  let consensusSuccesses = 0, bestSuccesses = 0, outside = 0;
  const errors: number[] = [];
  const consensus: number[][] = [];
  for (let run = 0; run < RUNS; run++) {
    const r = await designerRun(config, run + 1, steps);
    consensus.push(r.consensus);
    const error = maxAbs(r.consensus);
    errors.push(error);
    if (error < SUCCESS_TOLERANCE) consensusSuccesses++;
    if (maxAbs(r.best) < SUCCESS_TOLERANCE) bestSuccesses++;
    outside += r.outsideShare / RUNS;
  }
  return {
    consensus,
    consensusSuccesses,
    bestSuccesses,
    outsideShare: outside,
    medianError: median(errors),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The headline case with the pure step function in R^20, unbounded (CBXpy's update). */
function pureCase(steps: number): CaseResult {
  const started = performance.now();
  let consensusSuccesses = 0, bestSuccesses = 0;
  const errors: number[] = [];
  const finals: number[][] = [];
  for (let run = 0; run < RUNS; run++) {
    // The designer's seed: the same initial draws and the same noise streams.
    const rng = Rng.fromSeed(run + 1);
    const positions = new Float64Array(N * D);
    for (let k = 0; k < positions.length; k++) positions[k] = -3 + 6 * rng.next();
    const energies = new Float64Array(N);
    let alpha = 30, bestEnergy = Infinity;
    let consensus: Float64Array = new Float64Array(D);
    const best = new Float64Array(D);
    for (let step = 0; step < steps; step++) {
      for (let i = 0; i < N; i++) {
        const x = positions.subarray(i * D, (i + 1) * D);
        energies[i] = rastrigin(x);
        if (energies[i] < bestEnergy) {
          bestEnergy = energies[i];
          best.set(x);
        }
      }
      consensus = cboStep(positions, energies, {
        particles: N,
        dimension: D,
        alpha,
        lambda: 1,
        sigma: 10.1,
        dt: 0.01,
        noise: "anisotropic",
        rng,
        out: consensus,
      });
      alpha = Math.min(alpha * 1.05, 1e5);
    }
    finals.push(Array.from(consensus));
    const error = maxAbs(consensus);
    errors.push(error);
    if (error < SUCCESS_TOLERANCE) consensusSuccesses++;
    if (maxAbs(best) < SUCCESS_TOLERANCE) bestSuccesses++;
  }
  return {
    consensus: finals,
    consensusSuccesses,
    bestSuccesses,
    outsideShare: NaN,
    medianError: median(errors),
    seconds: (performance.now() - started) / 1000,
  };
}

function report(label: string, r: CaseResult): void {
  console.log(
    `${label}: ${r.consensusSuccesses}/${RUNS} runs with ‖consensus‖∞ < ${SUCCESS_TOLERANCE}` +
      ` (best point ever: ${r.bestSuccesses}/${RUNS}); median ‖consensus‖∞ ${
        r.medianError.toExponential(2)
      }` +
      (Number.isNaN(r.outsideShare)
        ? ""
        : `; evaluations at the box's face ${(100 * r.outsideShare).toFixed(3)}%`) +
      `; wall ${r.seconds.toFixed(1)} s`,
  );
}

/** Milliseconds of each of `reps` calls of `f` after `warmup` unmeasured ones. */
async function timeIt(reps: number, warmup: number, f: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let k = 0; k < warmup + reps; k++) {
    const t0 = performance.now();
    await f();
    if (k >= warmup) times.push(performance.now() - t0);
  }
  return times;
}

/** "median ms (min ms)": the minimum shows what a machine shared with other work hides. */
function ms(times: number[]): string {
  return `${median(times).toFixed(2)} ms (min ${Math.min(...times).toFixed(2)})`;
}

async function speed(): Promise<void> {
  const n = 1000, d = 100;
  const rng = Rng.fromSeed(7);
  const positions = new Float64Array(n * d);
  for (let k = 0; k < positions.length; k++) positions[k] = rng.next();
  const energies = new Float64Array(n);
  const options = {
    particles: n,
    dimension: d,
    alpha: 30,
    lambda: 1,
    sigma: 5.1,
    dt: 0.01,
    noise: "anisotropic" as const,
    rng,
    out: new Float64Array(d),
  };
  for (let i = 0; i < n; i++) energies[i] = rastrigin(positions.subarray(i * d, (i + 1) * d));
  // The step's cost does not depend on the energies or where the particles are.
  const anisotropic = await timeIt(SPEED_REPS, 20, () => cboStep(positions, energies, options));
  const isotropic = await timeIt(
    SPEED_REPS,
    20,
    () => cboStep(positions, energies, { ...options, noise: "isotropic" }),
  );
  console.log(
    `speed, N = ${n}, d = ${d}: pure cboStep ${ms(anisotropic)} per step anisotropic, ` +
      `${ms(isotropic)} isotropic (medians of ${SPEED_REPS})`,
  );

  const space = new Space(SpaceSchema.parse({
    parameters: Array.from(
      { length: d },
      (_, j) => ({ name: `x${j}`, type: "float", min: 0, max: 1 }),
    ),
  }));
  const designer = cboAlgorithm.create({
    space,
    config: CboConfigSchema.parse({ particles: n }),
    seed: 1,
  });
  const suggestTimes: number[] = [], updateTimes: number[] = [], totals: number[] = [];
  for (let k = 0; k < 20 + SPEED_REPS; k++) {
    const t0 = performance.now();
    const out = await designer.suggest(n, ctx());
    const t1 = performance.now();
    // Building the feedback (the service's work) is not timed.
    const feedback: Feedback[] = out.map((s, number) => ({
      kind: "value",
      trialId: "",
      number,
      point: s.point,
      tag: s.tag ?? null,
      loss: rastrigin(s.point),
      values: {},
    }));
    const t2 = performance.now();
    designer.update(feedback);
    const t3 = performance.now();
    if (out.length !== n) throw new Error(`expected a full generation, got ${out.length}`);
    if (k >= 20) {
      suggestTimes.push(t1 - t0);
      updateTimes.push(t3 - t2);
      totals.push(t1 - t0 + t3 - t2);
    }
  }
  console.log(
    `speed, N = ${n}, d = ${d}: designer generation ${ms(totals)} ` +
      `(suggest 1,000 ${ms(suggestTimes)} + update 1,000 with the step ` +
      `${ms(updateTimes)}; medians of ${SPEED_REPS})`,
  );
  const roundTrip = await timeIt(Math.min(SPEED_REPS, 50), 5, () => {
    const state = JSON.parse(JSON.stringify(designer.dump()));
    return cboAlgorithm.create({
      space,
      config: CboConfigSchema.parse({ particles: n }),
      seed: 1,
      state,
    });
  });
  console.log(
    `speed, N = ${n}, d = ${d}: state dump + JSON round trip + restore ${ms(roundTrip)}`,
  );
}

console.log(
  `cbo on Rastrigin d = ${D}, N = ${N}, σ = 10.1, α = 30 ×1.05 (cap 1e5), λ = 1, dt = 0.01, ` +
    `start U[−3, 3]^${D}; ${RUNS} runs; success: ‖consensus − 0‖∞ < ${SUCCESS_TOLERANCE}`,
);
console.log(
  `space [−${HALF_WIDTH}, ${HALF_WIDTH}]^${D}: x = −${HALF_WIDTH} + ${
    2 * HALF_WIDTH
  }·u scales every ` +
    `coordinate alike, and CBO's update commutes with such a map, so the designer in the unit ` +
    `cube follows CBXpy's dynamics in R^${D} except when particles leave the box`,
);
let headline: CaseResult | undefined;
if (CASES.includes("headline")) {
  headline = await designerCase("anisotropic", STEPS);
  report(`designer, anisotropic, ${STEPS} steps (CBXpy at 5,000: 100/100)`, headline);
}
if (CASES.includes("pure")) {
  const pure = pureCase(STEPS);
  report(`pure cboStep in R^${D}, anisotropic, ${STEPS} steps`, pure);
  if (headline) {
    // Same seeds, so the same draws: the box and rounding are the only differences.
    const gaps = headline.consensus.map((c, run) =>
      maxAbs(c.map((v, j) => v - pure.consensus[run][j]))
    );
    console.log(
      `designer vs pure, run by run: ${gaps.filter((g) => g < 1e-6).length}/${RUNS} final ` +
        `consensus points agree within 1e-6; largest difference ${
          Math.max(...gaps).toExponential(2)
        }`,
    );
  }
}
if (CASES.includes("isotropic")) {
  report(
    `designer, isotropic, ${STEPS} steps (CBXpy at 5,000: 0/100)`,
    await designerCase("isotropic", STEPS),
  );
}
if (CASES.includes("short")) {
  report(
    `designer, anisotropic, ${SHORT_STEPS} steps (CBXpy at 1,000: very few)`,
    await designerCase("anisotropic", SHORT_STEPS),
  );
}
if (!SKIP_SPEED) await speed();
