import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import type { Feedback, JsonValue } from "../types.ts";
import { randomAlgorithm } from "./mod.ts";

const space = new Space(SpaceSchema.parse({
  parameters: [
    { name: "a", type: "float", min: 0, max: 1 },
    { name: "b", type: "int", min: 1, max: 4 },
    { name: "c", type: "categorical", values: ["x", "y"] },
  ],
}));
const ctx = { pending: [], signal: new AbortController().signal };
const config = randomAlgorithm.configSchema.parse({});

Deno.test("points are the seeded Rng's draws, coordinate by coordinate", async () => {
  const designer = randomAlgorithm.create({ space, config, seed: 12 });
  const rng = Rng.fromSeed(12);
  const suggestions = await designer.suggest(5, ctx);
  assert.deepEqual(
    suggestions.map((s) => s.point),
    Array.from({ length: 5 }, () => [rng.next(), rng.next(), rng.next()]),
  );
  assert.ok(suggestions.every((s) => s.tag === undefined));
});

Deno.test("the state is the version and the Rng's state", async () => {
  const designer = randomAlgorithm.create({ space, config, seed: 3 });
  assert.deepEqual(designer.dump(), { v: 1, rng: Rng.fromSeed(3).state() });
  await designer.suggest(2, ctx);
  const rng = Rng.fromSeed(3);
  for (let i = 0; i < 6; i++) rng.next();
  assert.deepEqual(designer.dump(), { v: 1, rng: rng.state() });
});

Deno.test("feedback does not change the state", async () => {
  const designer = randomAlgorithm.create({ space, config, seed: 3 });
  const [s] = await designer.suggest(1, ctx);
  const before = designer.dump();
  const feedback: Feedback[] = [{
    kind: "value",
    trialId: "t",
    number: 0,
    point: s.point,
    tag: null,
    loss: 1,
    values: { y: 1 },
  }];
  designer.update(feedback);
  assert.deepEqual(designer.dump(), before);
  assert.equal(randomAlgorithm.learnsFromFeedback, false);
});

Deno.test("coordinates are uniform on [0, 1)", async () => {
  const designer = randomAlgorithm.create({ space, config, seed: 8 });
  const suggestions = await designer.suggest(20_000, ctx);
  const counts = [0, 0, 0, 0];
  let sum = 0;
  for (const { point } of suggestions) {
    for (const u of point) {
      assert.ok(u >= 0 && u < 1);
      sum += u;
    }
    counts[space.decode(point).b as number - 1]++;
  }
  assert.ok(Math.abs(sum / 60_000 - 0.5) < 0.005);
  // Each of the 4 integers about equally often (sd of a count: 61).
  for (const c of counts) assert.ok(Math.abs(c - 5000) < 300, `${counts}`);
});

Deno.test("config takes no options", () => {
  assert.deepEqual(randomAlgorithm.configSchema.parse({}), {});
  assert.equal(randomAlgorithm.configSchema.safeParse({ seed: 1 }).success, false);
});

Deno.test("corrupt states are refused with a message naming the algorithm", () => {
  const bad: [JsonValue, RegExp][] = [
    [null, /expected an object/],
    [[1, 2], /expected an object/],
    [{ v: 2, rng: [1, 2, 3, 4] }, /unknown version 2/],
    [{ rng: [1, 2, 3, 4] }, /unknown version/],
    [{ v: 1 }, /RNG state/],
    [{ v: 1, rng: [0, 0, 0, 0] }, /all zero/],
    [{ v: 1, rng: [1, 2, 3, 4.5] }, /integers/],
  ];
  for (const [state, message] of bad) {
    assert.throws(
      () => randomAlgorithm.create({ space, config, seed: 1, state }),
      (e: Error) => /^corrupt "random" state/.test(e.message) && message.test(e.message),
      JSON.stringify(state),
    );
  }
});
