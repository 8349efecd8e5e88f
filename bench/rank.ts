/**
 * "zo-rank-sgd" quality from rankings (issue: ZO-RankSGD, docs/algorithms.md §5).
 *
 * Rankings are simulated from a known f: the sphere f(x) = ‖x‖² in d = 100,
 * x₀ ~ N(0, I) per seed (f(x₀) ≈ 100), m = 10 candidates, μ = 0.01, a budget
 * of 500 comparisons, 5 seeds. Targets (median final f(x_t)): ≤ 1.0 with
 * complete rankings (k = 10), ≤ 2.0 with top-5 rankings, ≤ 0.2 with line
 * search (complete rankings; its line rounds are comparisons too).
 *
 * The designer is driven directly, the way the service does with people's
 * answers (create, suggest a round, answer it with one `ranking` feedback
 * whose trials carry the suggestions' tags: the top k by f, best first,
 * the rest unranked; repeat). One comparison is one ranked round of
 * candidates, gradient or line. f is evaluated at the decoded params. The
 * space is [−10, 10]^100, so the unit cube maps by x = −10 + 20·u and
 * every length in x is 20 times its length in the cube: μ = 0.01 is
 * `smoothing` 0.0005 and a step η in x is `stepSize` η/20 (the estimate g
 * is made of the ξ, which do not scale). The box never matters: x₀ is
 * within ±5 and the iterates only shrink towards 0 (the number of clipped
 * coordinates is printed).
 *
 * Settings (tuned once on these seeds, stated in the output):
 * - plain steps x ← x − η·g with η = 0.04 (in x). On the sphere with
 *   μ ≪ ‖x‖ a complete ranking of m = 10 gives E[g·∇f/‖∇f‖] ≈ 1.13 and
 *   E‖g‖² ≈ 17.4 (k = 5: 1.25 and 24.9), whatever ‖x‖: a fixed η moves
 *   ‖x‖ by about −1.13·η per comparison until the noise balances it near
 *   ‖x‖ ≈ 7.7·η (k = 5: 10·η), so η trades speed for the final level; 0.04
 *   reaches that level in about 250 of the 500 comparisons.
 * - line search: η = 0.64, L = 5 steps, γ = 0.5 (steps 0.64·g … 0.04·g),
 *   accumulate on (the default), so each gradient round takes about the
 *   best of five step lengths and x_t never gets worse.
 *
 * Baselines with the same budget (500 oracle calls of m = 10 points each):
 * - random search around x₀: each call draws x₀ + σ·N(0, I), σ = 0.35 (the
 *   best σ for 5,000 draws at ‖x₀‖ ≈ 10: f ≈ ‖x₀‖² − 2σ‖x₀‖·3.5 + dσ²),
 *   and the best point ever seen is kept;
 * - a (1, m)-ES that keeps the top 1 of m offspring x + σᵢ·N(0, I) with
 *   self-adapted step sizes σᵢ = σ·exp(τ·N(0, 1)) (τ = 1/√(2d), σ₀ = 0.15;
 *   the winner's σᵢ becomes σ): it needs only the top 1 of each call, as a
 *   "pick the best" oracle gives. Its final f is its last parent's, as the
 *   designer's is its x_t.
 * Ratios are f_baseline / f_zo (median over median): above 1, zo-rank-sgd
 * ends lower.
 *
 *   node_modules/.bin/deno run -A bench/rank.ts [--seeds 5] [--comparisons 500]
 *     [--step 0.04] [--line-step 0.64] [--line-steps 5] [--line-shrink 0.5]
 *     [--rs-sigma 0.35] [--es-sigma 0.15] [--normalize]
 *
 * `--normalize` steps along g/‖g‖ (then η is the length of a step, in x).
 */
import { Rng } from "../src/math/rng.ts";
import { zoRankSgdAlgorithm } from "../src/algorithms/zo_rank_sgd/mod.ts";
import type { Feedback, TrialRef } from "../src/algorithms/types.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";

/** `--name value` from the command line, or the default. */
function option(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(Deno.args[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
  return value;
}

const seeds = option("seeds", 5);
const comparisons = option("comparisons", 500);
const D = 100;
const M = 10;
const MU = 0.01;
const BOX = 10; // the space is [−BOX, BOX]^D
const step = option("step", 0.04);
const lineStep = option("line-step", 0.64);
const lineSteps = option("line-steps", 5);
const lineShrink = option("line-shrink", 0.5);
const normalize = Deno.args.includes("--normalize");
const rsSigma = option("rs-sigma", 0.35);
const esSigma = option("es-sigma", 0.15);
const esTau = 1 / Math.sqrt(2 * D);

const space = new Space(SpaceSchema.parse({
  parameters: Array.from({ length: D }, (_, j) => ({
    name: `x${j}`,
    type: "float",
    min: -BOX,
    max: BOX,
  })),
}));

/** f(x) = ‖x‖². */
function sphere(x: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) s += x[j] * x[j];
  return s;
}

/** The params' values in coordinate order. */
function values(params: Record<string, unknown>): number[] {
  return Array.from({ length: D }, (_, j) => params[`x${j}`] as number);
}

/** x₀ of a seed: N(0, I). */
function startPoint(seed: number): number[] {
  const rng = Rng.fromSeed(1000 + seed);
  return Array.from({ length: D }, () => rng.normal());
}

/** Indices by f, best first (equal values by index, so earlier wins). */
function order(fs: readonly number[]): number[] {
  return fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b] || a - b);
}

/** The comparisons at which f(x_t) is recorded along the way. */
const checkpoints = [50, 100, 200, 300, 400].filter((c) => c < comparisons);

interface ZoCase {
  label: string;
  target: number;
  topK: number;
  stepSize: number; // in x
  lineSearchSteps: number;
}

interface ZoRun {
  final: number;
  trace: number[];
  gradientRounds: number;
  lineRounds: number;
  winners: Map<string, number>;
  clipped: number;
}

/** One run of the designer: `comparisons` ranked rounds; f(x_t) at the end. */
async function runZo(c: ZoCase, seed: number): Promise<ZoRun> {
  const x0 = startPoint(seed);
  const config = zoRankSgdAlgorithm.configSchema.parse({
    candidates: M,
    topK: c.topK,
    smoothing: MU / (2 * BOX),
    stepSize: c.stepSize / (2 * BOX),
    normalize,
    lineSearchSteps: c.lineSearchSteps,
    lineSearchShrink: lineShrink,
    initialPoint: space.encode(Object.fromEntries(x0.map((u, j) => [`x${j}`, u]))),
  });
  const designer = zoRankSgdAlgorithm.create({ space, config, seed });
  const ctx = { pending: [], signal: new AbortController().signal };
  const current = () => sphere(values(space.decode(designer.recommend!()!.point)));
  const run: ZoRun = {
    final: NaN,
    trace: [],
    gradientRounds: 0,
    lineRounds: 0,
    winners: new Map(),
    clipped: 0,
  };
  let trials = 0;
  for (let n = 1; n <= comparisons; n++) {
    const suggestions = await designer.suggest(64, ctx);
    if (suggestions.length < 2) throw new Error(`round ${n}: ${suggestions.length} candidates`);
    const refs: TrialRef[] = [];
    const fs: number[] = [];
    for (const s of suggestions) {
      run.clipped += s.point.filter((u) => u <= 0 || u >= 1).length;
      const params = space.decode(s.point);
      fs.push(sphere(values(params)));
      refs.push({
        trialId: `t${trials}`,
        number: trials++,
        point: space.encode(params),
        tag: s.tag!,
      });
    }
    const kind = (suggestions[0].tag as { round: string }).round;
    if (kind === "line") run.lineRounds++;
    else run.gradientRounds++;
    const ranking = order(fs);
    const k = Math.min(c.topK, refs.length);
    const feedback: Feedback = {
      kind: "ranking",
      comparisonId: `c${n}`,
      ranked: ranking.slice(0, k).map((i) => refs[i]),
      unranked: ranking.slice(k).map((i) => refs[i]),
    };
    designer.update([feedback]);
    if (kind === "line") {
      const details = designer.recommend!()!.details as {
        lastLineSearch: { winner: string } | null;
      };
      const winner = details.lastLineSearch?.winner ?? "?";
      run.winners.set(winner, (run.winners.get(winner) ?? 0) + 1);
    }
    if (checkpoints.includes(n)) run.trace.push(current());
  }
  run.final = current();
  return run;
}

/** Random search around x₀: the best f of `comparisons`·m draws x₀ + σ·N(0, I). */
function randomSearch(seed: number): number {
  const x0 = startPoint(seed);
  const rng = Rng.fromSeed(2000 + seed);
  let best = sphere(x0);
  const y = new Float64Array(D);
  for (let n = 0; n < comparisons * M; n++) {
    for (let j = 0; j < D; j++) y[j] = x0[j] + rsSigma * rng.normal();
    best = Math.min(best, sphere(y));
  }
  return best;
}

/** A (1, m)-ES with self-adapted σ: f of the last parent. */
function evolutionStrategy(seed: number): number {
  let x = startPoint(seed);
  let sigma = esSigma;
  const rng = Rng.fromSeed(3000 + seed);
  for (let n = 0; n < comparisons; n++) {
    let best: { f: number; y: number[]; sigma: number } | null = null;
    for (let i = 0; i < M; i++) {
      const s = sigma * Math.exp(esTau * rng.normal());
      const y = x.map((u) => u + s * rng.normal());
      const f = sphere(y);
      if (best === null || f < best.f) best = { f, y, sigma: s };
    }
    x = best!.y;
    sigma = best!.sigma;
  }
  return sphere(x);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const fmt = (x: number) => (x >= 0.01 && x < 1e4 ? x.toFixed(x < 1 ? 4 : 2) : x.toExponential(2));
const list = (xs: readonly number[]) => xs.map(fmt).join(", ");

const started = performance.now();
const f0 = Array.from({ length: seeds }, (_, s) => sphere(startPoint(s)));
console.log(
  `zo-rank-sgd on the sphere ‖x‖², d=${D}, x0 ~ N(0, I) (f(x0): median ${fmt(median(f0))}), ` +
    `m=${M}, μ=${MU}, ${comparisons} comparisons, ${seeds} seeds; space [−${BOX}, ${BOX}]^${D}`,
);

const cases: ZoCase[] = [
  {
    label: `complete rankings (k=${M}), η=${step}`,
    target: 1.0,
    topK: M,
    stepSize: step,
    lineSearchSteps: 0,
  },
  {
    label: `top-5 rankings (k=5), η=${step}`,
    target: 2.0,
    topK: 5,
    stepSize: step,
    lineSearchSteps: 0,
  },
  {
    label: `line search (k=${M}), η=${lineStep}, L=${lineSteps}, γ=${lineShrink}, accumulate`,
    target: 0.2,
    topK: M,
    stepSize: lineStep,
    lineSearchSteps: lineSteps,
  },
];
if (normalize) console.log("steps along g/‖g‖ (normalize)");

const rs: number[] = [];
const es: number[] = [];
{
  const t = performance.now();
  for (let s = 0; s < seeds; s++) rs.push(randomSearch(s));
  for (let s = 0; s < seeds; s++) es.push(evolutionStrategy(s));
  console.log(
    `baseline random search around x0 (σ=${rsSigma}, best of ${comparisons * M} draws): ` +
      `median ${fmt(median(rs))} [${list(rs)}]`,
  );
  console.log(
    `baseline (1,${M})-ES, top-1 of ${M} offspring, self-adapted σ (σ0=${esSigma}, ` +
      `τ=${esTau.toFixed(3)}): median ${fmt(median(es))} [${list(es)}] ` +
      `(${((performance.now() - t) / 1000).toFixed(1)} s both)`,
  );
}

let allPass = true;
for (const c of cases) {
  const t = performance.now();
  const runs: ZoRun[] = [];
  for (let s = 0; s < seeds; s++) runs.push(await runZo(c, s));
  const finals = runs.map((r) => r.final);
  const med = median(finals);
  const pass = med <= c.target;
  allPass &&= pass;
  console.log(
    `${c.label}: median f ${fmt(med)} (target ≤ ${c.target}: ${pass ? "PASS" : "FAIL"}) ` +
      `[${list(finals)}]; ratios random search/zo ${fmt(median(rs) / med)}, ` +
      `ES/zo ${fmt(median(es) / med)} (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const trace = checkpoints.map((n, i) => `${n}: ${fmt(median(runs.map((r) => r.trace[i])))}`);
  const rounds = `gradient rounds ${runs[0].gradientRounds}, line rounds ${runs[0].lineRounds}`;
  const winners = new Map<string, number>();
  for (const r of runs) for (const [w, n] of r.winners) winners.set(w, (winners.get(w) ?? 0) + n);
  const won = [...winners].sort().map(([w, n]) => `${w} ${n}`).join(", ");
  const clipped = runs.reduce((s, r) => s + r.clipped, 0);
  console.log(
    `  median f along the way (${trace.join(", ")}); ${rounds} (seed 0)` +
      (won ? `; line winners ${won}` : "") + `; clipped coordinates ${clipped}`,
  );
}
console.log(
  `${allPass ? "all targets met" : "some targets missed"}; wall time ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s`,
);
