import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { SobolSequence } from "../../math/sobol.ts";
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import type { Designer, Feedback } from "../types.ts";
import { gpBoAlgorithm } from "./mod.ts";
import { prefersThompson, SEQUENTIAL_WORK, sequentialWork } from "./thompson.ts";

const space = new Space(SpaceSchema.parse({
  parameters: [
    { name: "x", type: "float", min: 0, max: 1 },
    { name: "y", type: "float", min: 0, max: 1 },
  ],
}));
const loss = (p: number[]) => (p[0] - 0.3) ** 2 + (p[1] - 0.7) ** 2;

/** A gp-bo designer fed 40 results at seeded random points. */
function designer(seed = 7): Designer {
  const d = gpBoAlgorithm.create({
    space,
    seed,
    config: gpBoAlgorithm.configSchema.parse({}),
    state: undefined,
  });
  const rng = Rng.fromSeed(3);
  const feedback: Feedback[] = Array.from({ length: 40 }, (_, i) => {
    const point = [rng.next(), rng.next()];
    const l = loss(point);
    return { kind: "value", trialId: `t${i}`, number: i, point, tag: null, loss: l, values: {} };
  });
  d.update(feedback);
  return d;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

Deno.test("the sequential strategy keeps small batches; large ones switch", () => {
  assert.equal(prefersThompson(1000, 1), false, "one point is always sequential");
  assert.equal(prefersThompson(30, 10), false);
  assert.equal(prefersThompson(100, 100), false);
  assert.equal(prefersThompson(1000, 2), false);
  assert.equal(prefersThompson(1000, 3), true);
  assert.equal(prefersThompson(40, 300), true);
  assert.equal(prefersThompson(5, 250), true);
  assert.equal(sequentialWork(10, 3), 100 + 121 + 144);
  assert.ok(sequentialWork(100, 100) <= SEQUENTIAL_WORK);
});

Deno.test("a large batch: distinct points where the posterior is low, seeded", async () => {
  const signal = new AbortController().signal;
  const [a, b] = [designer(), designer()];
  await a.suggest(1, { pending: [], signal }); // fits the GP
  await b.suggest(1, { pending: [], signal });
  const batch = (await a.suggest(300, { pending: [], signal })).map((s) => s.point);
  assert.equal(batch.length, 300);
  assert.equal(new Set(batch.map((p) => JSON.stringify(space.decode(p)))).size, 300);
  for (const p of batch) assert.ok(p.every((u) => u >= 0 && u <= 1));
  // Better than spreading the batch over the space: the samples' minima gather near (0.3, 0.7).
  const sobol = new SobolSequence(2, { scramble: true, seed: 1 });
  const spread = Array.from({ length: 300 }, () => loss(Array.from(sobol.next())));
  const drawn = median(batch.map(loss));
  assert.ok(drawn < median(spread) / 4, `median loss ${drawn} vs ${median(spread)} spread`);
  // The same state and seed give the same batch.
  assert.deepEqual((await b.suggest(300, { pending: [], signal })).map((s) => s.point), batch);
});

Deno.test("a large batch stops when its signal is aborted", async () => {
  const d = designer();
  const gone = new AbortController();
  let pauses = 0;
  await d.suggest(1, { pending: [], signal: gone.signal });
  const batch = d.suggest(300, {
    pending: [],
    signal: gone.signal,
    pause: () => {
      if (++pauses === 2) gone.abort();
      return Promise.resolve();
    },
  });
  await assert.rejects(batch, /cancelled/);
  assert.equal(pauses, 2, "it gives others a turn between blocks, and stopped at the next");
});

Deno.test("a large batch on a small discrete space hands out what there is, then repeats", async () => {
  const small = new Space(SpaceSchema.parse({
    parameters: [{ name: "k", type: "int", min: 0, max: 9 }, {
      name: "c",
      type: "categorical",
      values: ["a", "b"],
    }],
  }));
  const d = gpBoAlgorithm.create({
    space: small,
    seed: 1,
    config: gpBoAlgorithm.configSchema.parse({}),
    state: undefined,
  });
  const signal = new AbortController().signal;
  const first = await d.suggest(5, { pending: [], signal });
  d.update(first.map((s, i) => ({
    kind: "value",
    trialId: `t${i}`,
    number: i,
    point: s.point,
    tag: null,
    loss: s.point[0],
    values: {},
  })));
  const batch = await d.suggest(250, { pending: [], signal }); // Thompson sampling
  assert.equal(batch.length, 250);
  const keys = batch.map((s) => JSON.stringify(small.decode(s.point)));
  // 20 trials exist, 5 are evaluated: the first 15 are the others, each once.
  assert.equal(new Set(keys.slice(0, 15)).size, 15);
});
