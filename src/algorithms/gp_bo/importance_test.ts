/**
 * Permutation importance validated where the answer is known.
 */
import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { Space } from "../../space/mod.ts";
import { MIN_TRIALS, type Observation, permutationImportance } from "./importance.ts";

const floats = (names: string[]) =>
  new Space({
    parameters: names.map((name) => ({ name, type: "float", min: 0, max: 1, scale: "linear" })),
  });

/** n uniform points of `space`'s floats with f's value. */
function sample(
  names: string[],
  n: number,
  f: (x: Record<string, number>) => number,
  seed = 1,
): Observation[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, () => {
    const params = Object.fromEntries(names.map((k) => [k, rng.next()]));
    return { params, value: f(params) };
  });
}

Deno.test("f = 10·x0 + x1 + 0·x2: x0 first, x1 second, x2 near zero", () => {
  const names = ["x0", "x1", "x2"];
  const result = permutationImportance(
    floats(names),
    sample(names, 60, (x) => 10 * x.x0 + x.x1),
  );
  assert.equal(result.method, "gp-permutation");
  assert.equal(result.trials, 60);
  assert.ok(result.r2 > 0.99, `the GP explains a linear function: R² ${result.r2}`);
  const [x0, x1, x2] = result.parameters;
  assert.deepEqual(result.parameters.map((p) => p.name), names);
  // For a linear f with uniform inputs, shuffling x_j costs 2·a_j²·var(x_j) of the
  // variance: 2·100/101 ≈ 1.98 for x0, 2/101 ≈ 0.0198 for x1, 0 for x2.
  assert.ok(Math.abs(x0.importance - 2 * 100 / 101) < 0.4, `x0: ${x0.importance}`);
  assert.ok(x1.importance > 0.005 && x1.importance < 0.06, `x1: ${x1.importance}`);
  assert.ok(x2.importance < 0.002, `x2: ${x2.importance}`);
  assert.ok(x0.importance > 20 * x1.importance, "x0 dominates x1");
  assert.ok(x1.importance > 5 * x2.importance, "x1 above the irrelevant x2");
});

Deno.test("a categorical counts as one parameter; the irrelevant float does not", () => {
  const space = new Space({
    parameters: [
      { name: "opt", type: "categorical", values: ["sgd", "adam", "lbfgs"] },
      { name: "noise", type: "float", min: 0, max: 1, scale: "linear" },
    ],
  });
  const rng = Rng.fromSeed(3);
  const level: Record<string, number> = { sgd: 0, adam: 5, lbfgs: 2 };
  const observations = Array.from({ length: 45 }, (_, i) => {
    const opt = ["sgd", "adam", "lbfgs"][i % 3];
    return { params: { opt, noise: rng.next() }, value: level[opt] };
  });
  const [opt, noise] = permutationImportance(space, observations).parameters;
  assert.ok(opt.importance > 1, `opt: ${opt.importance}`);
  assert.ok(noise.importance < 0.01, `noise: ${noise.importance}`);
});

Deno.test("bounded: at most maxTrials are fitted; deterministic per seed", () => {
  const names = ["a", "b"];
  const observations = sample(names, 300, (x) => Math.sin(6 * x.a) + 0.1 * x.b);
  const one = permutationImportance(floats(names), observations, { maxTrials: 50, seed: 9 });
  const two = permutationImportance(floats(names), observations, { maxTrials: 50, seed: 9 });
  assert.equal(one.trials, 50);
  assert.deepEqual(one, two);
  assert.ok(one.parameters[0].importance > one.parameters[1].importance);
});

Deno.test("too few trials, a constant value, non-finite values", () => {
  const names = ["a"];
  assert.throws(
    () => permutationImportance(floats(names), sample(names, MIN_TRIALS - 1, (x) => x.a)),
    RangeError,
  );
  const flat = permutationImportance(floats(names), sample(names, 10, () => 3));
  assert.deepEqual(flat.parameters, [{ name: "a", importance: 0, sd: 0 }]);
  const withNaN = sample(names, 10, (x) => x.a).concat([{ params: { a: 0.5 }, value: NaN }]);
  assert.equal(permutationImportance(floats(names), withNaN).trials, 10);
});
