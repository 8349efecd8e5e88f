/**
 * "zo-rank-sgd" driven directly with values (issue 5): on the quadratic
 * f(x) = Σ (xⱼ − cⱼ)² in d = 10 (c uniform in [0.1, 0.9]^d per seed, x_0 the
 * centre), how many rounds (rankings) and evaluations it takes to bring
 * f(x_t) below 10% of f(x_0), with a full ranking (k = m) and with "pick the
 * best" (k = 1). Prints the median and quartiles over the seeds, one line
 * per setting.
 *
 *   node_modules/.bin/deno run -A bench/rank.ts [--seeds 20] [--dimension 10] [--rounds 2000]
 *     [--candidates 6] [--step 0.05] [--smoothing 0.05] [--line-search 0] [--normalize]
 */
import { Rng } from "../src/math/rng.ts";
import { zoRankSgdAlgorithm } from "../src/algorithms/zo_rank_sgd/mod.ts";
import type { Feedback } from "../src/algorithms/types.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";

/** `--name value` from the command line, or the default. */
function option(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Number(Deno.args[at + 1]) : fallback;
}

const seeds = option("seeds", 20);
const dimension = option("dimension", 10);
const maxRounds = option("rounds", 2000);
const candidates = option("candidates", 6);
const stepSize = option("step", 0.05);
const smoothing = option("smoothing", 0.05);
const lineSearchSteps = option("line-search", 0);
const normalize = Deno.args.includes("--normalize");

const space = new Space(SpaceSchema.parse({
  parameters: Array.from({ length: dimension }, (_, j) => ({
    name: `x${j}`,
    type: "float",
    min: 0,
    max: 1,
  })),
}));

/** Rounds and evaluations until f(x_t) ≤ 0.1·f(x_0), or null past the budget. */
async function run(seed: number, topK: number): Promise<{ rounds: number; evals: number } | null> {
  const rng = Rng.fromSeed(1000 + seed);
  const centre = Array.from({ length: dimension }, () => 0.1 + 0.8 * rng.next());
  const f = (x: number[]) => x.reduce((s, u, j) => s + (u - centre[j]) ** 2, 0);
  const config = zoRankSgdAlgorithm.configSchema.parse({
    candidates,
    topK,
    stepSize,
    smoothing,
    lineSearchSteps,
    normalize,
  });
  const designer = zoRankSgdAlgorithm.create({ space, config, seed });
  const ctx = { pending: [], signal: new AbortController().signal };
  const target = 0.1 * f(designer.recommend!()!.point);
  let evals = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const suggestions = await designer.suggest(100, ctx);
    evals += suggestions.length;
    const feedback: Feedback[] = suggestions.map((s, n) => {
      const loss = f(s.point);
      const ref = { trialId: `${round}-${n}`, number: evals + n, point: s.point, tag: s.tag! };
      return { kind: "value", ...ref, loss, values: { f: loss } };
    });
    designer.update(feedback);
    if (f(designer.recommend!()!.point) <= target) return { rounds: round, evals };
  }
  return null;
}

/** Median and quartiles, "—" for runs that did not get there. */
function summary(xs: (number | null)[]): string {
  const sorted = xs.map((x) => x ?? Infinity).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const show = (x: number) => (Number.isFinite(x) ? String(x) : "—");
  return `median ${show(at(0.5))} (quartiles ${show(at(0.25))}–${show(at(0.75))})`;
}

console.log(
  `zo-rank-sgd, quadratic d=${dimension}, m=${candidates}, η=${stepSize}, μ=${smoothing}, ` +
    `L=${lineSearchSteps}${normalize ? ", normalized" : ""}, ${seeds} seeds: ` +
    `rounds to reduce f by 90%`,
);
for (const topK of [candidates, 1]) {
  const results = [];
  for (let seed = 0; seed < seeds; seed++) results.push(await run(seed, topK));
  const label = topK === 1 ? "k=1 (pick the best)" : `k=m=${candidates} (full ranking)`;
  console.log(
    `${label}: rounds ${summary(results.map((r) => r?.rounds ?? null))}; evaluations ${
      summary(results.map((r) => r?.evals ?? null))
    }; reached ${results.filter((r) => r !== null).length}/${seeds}`,
  );
}
