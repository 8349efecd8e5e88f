import assert from "node:assert/strict";
import type { Designer } from "../types.ts";
import type { ZoRankSgdConfig } from "./mod.ts";
import { ctx, makeDesigner, quadratic, stateOf, trial, value } from "./test_helpers.ts";

/** Every suggestion of `rounds` rounds driven with values of f, as JSON, and the iterates. */
async function trajectory(
  designer: Designer,
  f: (x: number[]) => number,
  rounds: number,
): Promise<{ suggestions: string[]; iterates: number[][] }> {
  const suggestions: string[] = [];
  const iterates: number[][] = [stateOf(designer).x];
  for (let r = 0; r < rounds; r++) {
    // In pieces, as parallel workers would ask.
    const trials = [
      ...(await designer.suggest(2, ctx)),
      ...(await designer.suggest(100, ctx)),
    ].map(trial);
    suggestions.push(JSON.stringify(trials.map((t) => [t.point, t.tag])));
    designer.update(trials.map((t) => value(t, f(t.point))));
    const { x, t } = stateOf(designer);
    if (t === iterates.length) iterates.push(x);
  }
  return { suggestions, iterates };
}

const CONFIGS: Partial<ZoRankSgdConfig>[] = [
  {},
  { topK: 1 },
  { lineSearchSteps: 3, topK: 2 },
  { normalize: true, candidates: 4 },
];

Deno.test("the trajectory for f and for increasing transforms of f is the same", async () => {
  const f = quadratic([0.2, 0.8, 0.35, 0.6, 0.1]);
  const transforms: [string, (x: number[]) => number][] = [
    ["exp(f)", (x) => Math.exp(f(x))],
    ["(f − 1)³", (x) => (f(x) - 1) ** 3],
    ["−1/(1 + f)", (x) => -1 / (1 + f(x))],
  ];
  for (const config of CONFIGS) {
    const reference = await trajectory(makeDesigner(5, config, 21), f, 40);
    for (const [name, g] of transforms) {
      const other = await trajectory(makeDesigner(5, config, 21), g, 40);
      assert.deepEqual(other, reference, `${name} with ${JSON.stringify(config)}`);
    }
    // And a function that is not an increasing transform of f moves elsewhere.
    const reversed = await trajectory(makeDesigner(5, config, 21), (x) => -f(x), 40);
    assert.notDeepEqual(reversed.iterates, reference.iterates);
  }
});

Deno.test("line search: f(x_t) never increases on a quadratic, and falls by 90%", async () => {
  for (const seed of [1, 2, 3]) {
    const f = quadratic([0.15, 0.8, 0.3, 0.7, 0.25, 0.6]);
    const designer = makeDesigner(6, { lineSearchSteps: 3, stepSize: 0.1 }, seed);
    const { iterates } = await trajectory(designer, f, 80);
    const values = iterates.map(f);
    for (let t = 1; t < values.length; t++) {
      assert.ok(values[t] <= values[t - 1], `seed ${seed}: f rose at t=${t}`);
    }
    assert.ok(values.at(-1)! < 0.1 * values[0], `seed ${seed}: ${values[0]} → ${values.at(-1)}`);
  }
});

Deno.test("without line search: f(x_t) settles below 10% on a d=10 quadratic, k = m and k = 1", async () => {
  const centre = [0.2, 0.8, 0.3, 0.7, 0.25, 0.6, 0.15, 0.85, 0.4, 0.65];
  const f = quadratic(centre);
  for (const topK of [6, 1]) {
    for (const seed of [1, 2, 3]) {
      const { iterates } = await trajectory(makeDesigner(10, { topK }, seed), f, 60);
      const values = iterates.map(f);
      // Down from 0.61 to a noise floor that a fixed step leaves: ~0.015 for k = m, ~0.045 for k = 1.
      const mean = (from: number, to: number) =>
        values.slice(from, to).reduce((a, b) => a + b) / (to - from);
      assert.ok(mean(0, 10) > mean(10, 20), `k=${topK} seed ${seed}`);
      const floor = mean(30, 61);
      assert.ok(floor < 0.1 * values[0], `k=${topK} seed ${seed}: ${floor}`);
    }
  }
});
