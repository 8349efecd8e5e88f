import assert from "node:assert/strict";
import { SobolSequence } from "../../math/sobol.ts";
import { Space, type SpaceSpec } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import type { JsonValue } from "../types.ts";
import { sobolAlgorithm } from "./mod.ts";

const space = new Space(SpaceSchema.parse({
  parameters: [
    { name: "a", type: "int", min: 1, max: 8 },
    { name: "b", type: "int", min: 1, max: 8 },
    { name: "c", type: "categorical", values: [1, 2, 3, 4, 5, 6, 7, 8] },
    { name: "d", type: "float", min: 0, max: 7, step: 1 },
  ],
}));
const ctx = { pending: [], signal: new AbortController().signal };
const scrambled = sobolAlgorithm.configSchema.parse({});

Deno.test("scrambling is on by default", () => {
  assert.deepEqual(scrambled, { scramble: true });
  assert.deepEqual(sobolAlgorithm.configSchema.parse({ scramble: false }), { scramble: false });
  assert.equal(sobolAlgorithm.configSchema.safeParse({ scramble: "yes" }).success, false);
  assert.equal(sobolAlgorithm.configSchema.safeParse({ bits: 30 }).success, false);
});

Deno.test("points are those of the seeded Sobol' sequence", async () => {
  const designer = sobolAlgorithm.create({ space, config: scrambled, seed: 5 });
  const sequence = new SobolSequence(4, { scramble: true, seed: 5 });
  const suggestions = [...await designer.suggest(3, ctx), ...await designer.suggest(10, ctx)];
  assert.deepEqual(
    suggestions.map((s) => s.point),
    Array.from({ length: 13 }, () => Array.from(sequence.next())),
  );
});

Deno.test("the state is the index of the next point", async () => {
  const designer = sobolAlgorithm.create({ space, config: scrambled, seed: 5 });
  assert.deepEqual(designer.dump(), { v: 1, index: 0 });
  await designer.suggest(7, ctx);
  assert.deepEqual(designer.dump(), { v: 1, index: 7 });
  designer.update([]);
  assert.deepEqual(designer.dump(), { v: 1, index: 7 });
  const restored = sobolAlgorithm.create({
    space,
    config: scrambled,
    seed: 5,
    state: { v: 1, index: 1000 },
  });
  const sequence = new SobolSequence(4, { scramble: true, seed: 5 });
  sequence.skipTo(1000);
  assert.deepEqual((await restored.suggest(1, ctx))[0].point, Array.from(sequence.next()));
});

Deno.test("8 points give each of 8 values exactly once in every parameter", async () => {
  for (const config of [scrambled, { scramble: false }]) {
    const designer = sobolAlgorithm.create({ space, config, seed: 9 });
    const params = (await designer.suggest(8, ctx)).map((s) => space.decode(s.point));
    for (const p of space.parameters) {
      const values = new Set(params.map((x) => x[p.name]));
      assert.equal(values.size, 8, `${p.name}: ${[...values]}`);
    }
  }
});

Deno.test("without scrambling the first point is the lower corner", async () => {
  const designer = sobolAlgorithm.create({ space, config: { scramble: false }, seed: 1 });
  const [first, second] = await designer.suggest(2, ctx);
  assert.deepEqual(space.decode(first.point), { a: 1, b: 1, c: 1, d: 0 });
  assert.deepEqual(second.point, [0.5, 0.5, 0.5, 0.5]);
});

Deno.test("the sequence ends after 2^30 points", async () => {
  const state = { v: 1, index: 2 ** 30 - 2 };
  const designer = sobolAlgorithm.create({ space, config: scrambled, seed: 1, state });
  await assert.rejects(designer.suggest(3, ctx), /exhausted/);
  assert.equal((await designer.suggest(2, ctx)).length, 2);
  await assert.rejects(designer.suggest(1, ctx), /exhausted/);
  assert.deepEqual(await designer.suggest(0, ctx), []);
});

Deno.test("spaces beyond the direction-number table are refused at create()", () => {
  const parameters = Array.from({ length: SobolSequence.MAX_DIMENSION + 1 }, (_, j) => ({
    name: `p${j}`,
    type: "float" as const,
    min: 0,
    max: 1,
    scale: "linear" as const,
  }));
  const huge = new Space({ parameters } as SpaceSpec);
  assert.throws(
    () => sobolAlgorithm.create({ space: huge, config: scrambled, seed: 1 }),
    /"sobol" algorithm supports at most 10000 parameters; this space has 10001/,
  );
});

Deno.test("corrupt states are refused with a message naming the algorithm", () => {
  const bad: [JsonValue, RegExp][] = [
    [null, /expected an object/],
    ["x", /expected an object/],
    [{ v: 2, index: 0 }, /unknown version 2/],
    [{ v: 1 }, /index must be an integer/],
    [{ v: 1, index: -1 }, /index must be an integer/],
    [{ v: 1, index: 1.5 }, /index must be an integer/],
    [{ v: 1, index: "3" }, /index must be an integer/],
    [{ v: 1, index: 2 ** 30 + 1 }, /index must be an integer/],
  ];
  for (const [state, message] of bad) {
    assert.throws(
      () => sobolAlgorithm.create({ space, config: scrambled, seed: 1, state }),
      (e: Error) => /^corrupt "sobol" state/.test(e.message) && message.test(e.message),
      JSON.stringify(state),
    );
  }
});
