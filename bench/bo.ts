/**
 * Quality of "gp-bo" against "random" and "sobol" (issue 3), the algorithm
 * driven directly: Branin (50 evaluations) and Hartmann-6 (100), 10 seeds
 * each; prints median and quartiles of the best value and of the simple
 * regret at 25/50/100 evaluations, and the ratio to random search.
 *
 *   node_modules/.bin/deno run -A bench/bo.ts [--seeds 10] [--functions branin,hartmann6]
 */
import { algorithms } from "../src/algorithms/mod.ts";
import type { Feedback } from "../src/algorithms/types.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";

interface TestFunction {
  name: string;
  space: Space;
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

const FUNCTIONS: TestFunction[] = [
  {
    name: "branin",
    minimum: 0.397887,
    budget: 50,
    space: new Space(SpaceSchema.parse({
      parameters: [
        { name: "x1", type: "float", min: -5, max: 10 },
        { name: "x2", type: "float", min: 0, max: 15 },
      ],
    })),
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
    space: new Space(SpaceSchema.parse({
      parameters: Array.from(
        { length: 6 },
        (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
      ),
    })),
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
  return i >= 0 ? Deno.args[i + 1] : fallback;
}

/** The best value after each evaluation, asking `batch` points at a time. */
async function run(
  algorithm: string,
  fn: TestFunction,
  seed: number,
  batch = 1,
  budget = fn.budget,
): Promise<number[]> {
  const definition = algorithms.get(algorithm)!;
  const config = definition.configSchema.parse({});
  const designer = definition.create({ space: fn.space, config, seed });
  const trace: number[] = [];
  let best = Infinity;
  while (trace.length < budget) {
    const asked = await designer.suggest(Math.min(batch, budget - trace.length), {
      pending: [],
      signal: new AbortController().signal,
    });
    const feedback: Feedback[] = asked.map((s) => {
      const params = fn.space.decode(s.point);
      const value = fn.f(params);
      best = Math.min(best, value);
      trace.push(best);
      const n = trace.length - 1;
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
  return trace;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}

const seeds = Number(arg("seeds", "10"));
const chosen = arg("functions", "branin,hartmann6").split(",");
for (const fn of FUNCTIONS.filter((f) => chosen.includes(f.name))) {
  console.log(
    `\n== ${fn.name} (minimum ${fn.minimum}), ${fn.budget} evaluations, ${seeds} seeds ==`,
  );
  const medians: Record<string, number> = {};
  for (const algorithm of ["gp-bo", "random", "sobol"]) {
    const started = performance.now();
    const traces: number[][] = [];
    for (let seed = 1; seed <= seeds; seed++) traces.push(await run(algorithm, fn, seed));
    const finals = traces.map((t) => t[t.length - 1]);
    const regret = (n: number) => traces.map((t) => t[Math.min(n, t.length) - 1] - fn.minimum);
    const at = [25, 50, 100].filter((n) => n <= fn.budget).map((n) =>
      `regret@${n} median ${quantile(regret(n), 0.5).toPrecision(3)} [${
        quantile(regret(n), 0.25).toPrecision(3)
      }, ${quantile(regret(n), 0.75).toPrecision(3)}]`
    ).join("; ");
    medians[algorithm] = quantile(regret(fn.budget), 0.5);
    const ok = fn.name === "branin"
      ? `${finals.filter((v) => v <= 0.4).length}/${seeds} seeds ≤ 0.40`
      : `median best ${quantile(finals, 0.5).toFixed(4)}`;
    console.log(
      `${algorithm.padEnd(7)} best median ${quantile(finals, 0.5).toFixed(4)} (${ok}); ${at}; ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  console.log(
    `ratio of median final regret, gp-bo / random: ${
      (medians["gp-bo"] / medians.random).toPrecision(3)
    }`,
  );
}

if (chosen.includes("branin")) {
  const branin = FUNCTIONS[0];
  const batch: number[] = [];
  const sequential: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    batch.push((await run("gp-bo", branin, seed, 4, 100)).at(-1)!);
    sequential.push((await run("gp-bo", branin, seed, 1, 60)).at(-1)!);
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
