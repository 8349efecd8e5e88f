import assert from "node:assert/strict";
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import { DesignMemoryExceeded } from "../design_memory.ts";
import { Rng } from "../../math/rng.ts";
import { gpBoAlgorithm } from "./mod.ts";
import { Embedding } from "./embed.ts";
import { fitGp } from "./gp.ts";
import { maximizeAcquisition } from "./maximize.ts";
import {
  blockRows,
  checkGpBoCall,
  checkGpBoStudy,
  gpBoMemory,
  MAX_BLOCK_ROWS,
  MIN_BLOCK_ROWS,
} from "./memory.ts";

const MiB = 1024 ** 2;
const shape = { dimension: 10, width: 10 };

Deno.test("blocks take what the budget leaves, between the least and the most rows", () => {
  const call = { trials: 100, pending: 0, count: 1 };
  assert.equal(checkGpBoCall(shape, call, 512 * MiB), MAX_BLOCK_ROWS);
  const m = gpBoMemory(shape, call);
  const tight = m.fixed + 100 * m.perRow;
  assert.equal(blockRows(m, tight), 100);
  assert.equal(blockRows(m, m.fixed + (MIN_BLOCK_ROWS - 1) * m.perRow), 0);
});

Deno.test("a call over the budget is refused before it allocates, naming count when it helps", () => {
  // 1,000 results: about 36 MB of kernel matrices; 3,000 points asked for more than triple N.
  const budget = 64 * MiB;
  assert.ok(checkGpBoCall(shape, { trials: 1000, pending: 0, count: 1 }, budget) > 0);
  assert.throws(
    () => checkGpBoCall(shape, { trials: 1000, pending: 0, count: 3000 }, budget),
    (e) =>
      e instanceof DesignMemoryExceeded && e.field === "count" &&
      /ask for at most \d+ at once/.test(e.message) && /MINIMA_DESIGN_MEMORY_BYTES/.test(e.message),
  );
  assert.throws(
    () => checkGpBoCall(shape, { trials: 5000, pending: 0, count: 1 }, budget),
    (e) => e instanceof DesignMemoryExceeded && e.field === null && /outgrown/.test(e.message),
  );
});

Deno.test("createStudy's check names initialDesign, or the space when nothing fits", () => {
  const space = new Space(SpaceSchema.parse({
    parameters: [{ name: "x", type: "float", min: 0, max: 1 }],
  }));
  const config = (initialDesign?: number) =>
    gpBoAlgorithm.configSchema.parse(initialDesign ? { initialDesign } : {});
  assert.equal(checkGpBoStudy(space, config(), 512 * MiB), null);
  const refused = checkGpBoStudy(space, config(10_000), 512 * MiB);
  assert.equal(refused?.field, "algorithm.config.initialDesign");
  const most = Number(/at most (\d+)/.exec(refused!.message)![1]);
  assert.equal(checkGpBoStudy(space, config(most), 512 * MiB), null);
  assert.notEqual(checkGpBoStudy(space, config(most + 1), 512 * MiB), null);
  assert.equal(checkGpBoStudy(space, config(), 1024)?.field, "space.parameters");
  assert.equal(
    gpBoAlgorithm.checkMemory?.(space, config(10_000), 512 * MiB)?.field,
    "algorithm.config.initialDesign",
  );
});

Deno.test("scoring in blocks finds the same point as scoring at once", () => {
  const space = new Space(SpaceSchema.parse({
    parameters: [
      { name: "x", type: "float", min: 0, max: 1 },
      { name: "n", type: "int", min: 0, max: 20 },
      { name: "c", type: "categorical", values: ["a", "b", "c", "d", "e", "f"] },
    ],
  }));
  const embedding = new Embedding(space);
  const rng = Rng.fromSeed(3);
  const x = Array.from({ length: 12 }, () => [rng.next(), rng.next(), rng.next()]);
  const y = x.map((p) => (p[0] - 0.3) ** 2 + (p[1] - 0.6) ** 2 + (p[2] < 0.5 ? 0 : 0.5));
  const model = fitGp(embedding.embed(x), Float64Array.from(y), {
    kernel: "matern52",
    prior: "legacy",
    restarts: 0,
    rng: Rng.fromSeed(1),
  });
  const taken = new Set(x.map((p) => embedding.key(p)));
  const run = (blockRows?: number) =>
    maximizeAcquisition(model, embedding, {
      kind: "logei",
      best: Math.min(...y),
      beta: 4,
      candidates: 300,
      localStarts: 4,
      rng: Rng.fromSeed(9),
      taken,
      blockRows,
    });
  const once = run();
  for (const rows of [1, 7, 64]) assert.deepEqual(run(rows), once, `blocks of ${rows}`);
});

Deno.test("a gp-bo suggestion over the budget throws before it computes", async () => {
  const space = new Space(SpaceSchema.parse({
    parameters: [{ name: "x", type: "float", min: 0, max: 1 }],
  }));
  const designer = gpBoAlgorithm.create({
    space,
    config: gpBoAlgorithm.configSchema.parse({ initialDesign: 2 }),
    seed: 1,
  });
  const signal = new AbortController().signal;
  const first = await designer.suggest(2, { pending: [], signal });
  designer.update(first.map((s, i) => ({
    kind: "value" as const,
    trialId: `t${i}`,
    number: i,
    point: s.point,
    tag: null,
    loss: i,
    values: { loss: i },
  })));
  const saved = Deno.env.get("MINIMA_DESIGN_MEMORY_BYTES");
  Deno.env.set("MINIMA_DESIGN_MEMORY_BYTES", "4096");
  try {
    await assert.rejects(
      designer.suggest(1, { pending: [], signal }),
      (e) => e instanceof DesignMemoryExceeded,
    );
  } finally {
    if (saved === undefined) Deno.env.delete("MINIMA_DESIGN_MEMORY_BYTES");
    else Deno.env.set("MINIMA_DESIGN_MEMORY_BYTES", saved);
  }
  assert.equal((await designer.suggest(1, { pending: [], signal })).length, 1);
});
