import assert from "node:assert/strict";
import { type Params, Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import { MIXED_SPACE } from "../test_spaces.ts";
import type { Designer, Feedback, JsonValue, Point, ValueFeedback } from "../types.ts";
import { Embedding } from "./embed.ts";
import { Rng } from "../../math/rng.ts";
import { conditionGp, fitGp, predict } from "./gp.ts";
import { localSearch } from "./maximize.ts";
import { gpBoAlgorithm, type GpBoConfig } from "./mod.ts";

function spaceOf(parameters: unknown[]): Space {
  return new Space(SpaceSchema.parse({ parameters }));
}

function create(space: Space, seed: number, config: Partial<GpBoConfig> = {}, state?: JsonValue) {
  return gpBoAlgorithm.create({
    space,
    seed,
    config: gpBoAlgorithm.configSchema.parse(config),
    state,
  });
}

async function ask(designer: Designer, count: number, pending: Point[] = []): Promise<Point[]> {
  const suggestions = await designer.suggest(count, {
    pending,
    signal: new AbortController().signal,
  });
  return suggestions.map((s) => s.point);
}

let trialNumber = 0;

/** Feedback as the service builds it: the point re-encoded from its params. */
function value(
  space: Space,
  point: Point,
  loss: number,
  extra: Partial<ValueFeedback> = {},
): ValueFeedback {
  const number = trialNumber++;
  return {
    kind: "value",
    trialId: `trial-${number}`,
    number,
    point: space.encode(space.decode(point)),
    tag: null,
    loss,
    values: { loss },
    ...extra,
  };
}

/** An infeasible result, as the service builds it. */
function infeasible(space: Space, point: Point): Feedback {
  const { trialId, number, point: encoded, tag } = value(space, point, 0);
  return { kind: "infeasible", trialId, number, point: encoded, tag, reason: "constraint" };
}

/** Runs a sequential study; returns the number of evaluations until `hit` first held (or -1). */
async function evaluationsUntil(
  space: Space,
  f: (params: Params) => number,
  hit: (loss: number) => boolean,
  seed: number,
  budget: number,
  config: Partial<GpBoConfig>,
): Promise<number> {
  const designer = create(space, seed, config);
  for (let i = 1; i <= budget; i++) {
    const [point] = await ask(designer, 1);
    const loss = f(space.decode(point));
    if (hit(loss)) return i;
    designer.update([value(space, point, loss)]);
  }
  return -1;
}

const ONE_FLOAT_ONE_CATEGORY = (values: string[]) =>
  spaceOf([
    { name: "x", type: "float", min: 0, max: 1 },
    { name: "cat", type: "categorical", values },
  ]);

Deno.test("one-hot finds the middle category of (x − 0.3)² + {a: 1, b: 0, c: 1}", async () => {
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b", "c"]);
  const penalty: Record<string, number> = { a: 1, b: 0, c: 1 };
  const f = (p: Params) => ((p.x as number) - 0.3) ** 2 + penalty[p.cat as string];
  for (let seed = 1; seed <= 6; seed++) {
    const n = await evaluationsUntil(space, f, (l) => l < 0.01, seed, 12, { initialDesign: 4 });
    assert.ok(n > 0, `seed ${seed}: b with |x − 0.3| < 0.1 not found in 12 evaluations`);
  }
});

Deno.test("one-hot needs fewer evaluations than the ordinal index when the order misleads", async () => {
  // Good values at both ends and in the middle, bad ones in between: a
  // bumpy function of the index, a simple one of the category.
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b", "c", "d", "e"]);
  const penalty: Record<string, number> = { a: 0.2, b: 1, c: 0, d: 1, e: 0.2 };
  const f = (p: Params) => ((p.x as number) - 0.3) ** 2 + penalty[p.cat as string];
  const total = { "one-hot": 0, index: 0 };
  for (const categoricals of ["one-hot", "index"] as const) {
    for (let seed = 1; seed <= 10; seed++) {
      const config = { initialDesign: 4, categoricals };
      const n = await evaluationsUntil(space, f, (l) => l < 0.01, seed, 20, config);
      if (categoricals === "one-hot") assert.ok(n > 0, `seed ${seed}: c not found`);
      total[categoricals] += n > 0 ? n : 21;
    }
  }
  assert.ok(total["one-hot"] < total.index, JSON.stringify(total));
});

Deno.test("suggestions on the mixed space are snapped, valid and new", async () => {
  // localStarts 0: the winner is a Sobol candidate; else mostly a local search's end point.
  for (const localStarts of [10, 0]) {
    await mixedRounds({ initialDesign: 4, candidates: 512, localStarts });
  }
});

async function mixedRounds(config: Partial<GpBoConfig>): Promise<void> {
  const designer = create(MIXED_SPACE, 11, config);
  const embedding = new Embedding(MIXED_SPACE);
  const seen = new Set<string>();
  const lossAt = (p: Point) => p.reduce((s, u) => s + (u - 0.3) ** 2, 0);
  for (let round = 0; round < 5; round++) {
    const points = await ask(designer, 3);
    const feedback: Feedback[] = [];
    for (const [i, point] of points.entries()) {
      const params = MIXED_SPACE.decode(point);
      assert.deepEqual(MIXED_SPACE.check(params), []);
      const key = embedding.key(point);
      if (round > 1) {
        // GP suggestions: exactly what the service evaluates, never a repeat.
        assert.deepEqual(embedding.snap(point), point);
        const service = MIXED_SPACE.encode(params);
        for (const j of embedding.categorical) assert.equal(service[j], point[j]);
        assert.ok(!seen.has(key), `round ${round}: ${key} suggested twice`);
      }
      seen.add(key);
      feedback.push(
        i === 2
          ? infeasible(MIXED_SPACE, point)
          : value(MIXED_SPACE, point, lossAt(point), { noiseVariance: 1e-4 }),
      );
    }
    designer.update(feedback);
  }
}

Deno.test("local search moves the floats and swaps the category to the optimum", () => {
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b", "c", "d", "e"]);
  const embedding = new Embedding(space);
  const penalty = [0.5, 1, 0, 1, 0.5];
  const x: number[][] = [];
  const y: number[] = [];
  for (let k = 0; k < 5; k++) {
    for (const u of [0, 0.15, 0.3, 0.45, 0.6, 0.8, 1]) {
      x.push([u, (k + 0.5) / 5]);
      y.push((u - 0.3) ** 2 + penalty[k]);
    }
  }
  const model = fitGp(embedding.embed(x), Float64Array.from(y), {
    kernel: "matern52",
    prior: "legacy",
    restarts: 0,
    rng: Rng.fromSeed(1),
  });
  // Minimise the posterior mean (ucb with β = 0) from x = 0.9 in category a.
  const result = localSearch(model, embedding, { kind: "ucb", beta: 0, best: 0 }, [0.9, 0.1]);
  assert.equal(space.decode(result.point).cat, "c");
  assert.ok(Math.abs(result.point[0] - 0.3) < 0.03, JSON.stringify(result));
  assert.deepEqual(embedding.snap(result.point), result.point);
  const mean = predict(model, embedding.embed([result.point])).mean[0];
  assert.ok(Math.abs(result.value + mean) < 1e-12);
});

Deno.test("8 pending points give 8 distinct new suggestions", async () => {
  const space = spaceOf([
    { name: "n", type: "int", min: 1, max: 10 },
    { name: "cat", type: "categorical", values: ["a", "b", "c"] },
  ]);
  const embedding = new Embedding(space);
  const f = (p: Params) => ((p.n as number) - 4) ** 2 + (p.cat === "b" ? 0 : 3);
  for (const batch of ["kriging-believer", "constant-liar"] as const) {
    const designer = create(space, 21, { initialDesign: 6, batch });
    const evaluated = await ask(designer, 6);
    designer.update(evaluated.map((p) => value(space, p, f(space.decode(p)))));
    // 8 pending trials with params of their own.
    const taken = new Set(evaluated.map((p) => embedding.key(p)));
    const pending: Point[] = [];
    for (let n = 1; pending.length < 8; n++) {
      for (const cat of ["a", "b", "c"]) {
        const point = space.encode({ n, cat });
        if (pending.length < 8 && !taken.has(embedding.key(point))) {
          taken.add(embedding.key(point));
          pending.push(point);
        }
      }
    }
    assert.equal(pending.length, 8);
    const points = await ask(designer, 8, pending);
    assert.equal(points.length, 8);
    const keys = points.map((p) => embedding.key(p));
    assert.equal(new Set(keys).size, 8, `${batch}: ${keys.join(" ")}`);
    for (const key of keys) assert.ok(!taken.has(key), `${batch}: ${key} is already a trial`);
  }
});

Deno.test("a used-up discrete space still gets valid points", async () => {
  const space = spaceOf([
    { name: "n", type: "int", min: 1, max: 2 },
    { name: "bias", type: "categorical", values: [true, false] },
  ]);
  const designer = create(space, 4, { initialDesign: 2 });
  await ask(designer, 2); // the initial design
  const all = [[0.25, 0.25], [0.25, 0.75], [0.75, 0.25], [0.75, 0.75]];
  designer.update(all.map((p, i) => value(space, p, i)));
  const points = await ask(designer, 3); // from the GP, with every point taken
  assert.equal(points.length, 3);
  for (const p of points) assert.deepEqual(space.check(space.decode(p)), []);
});

/** y = sin 6x + x on 12 points of [0, 1], plus an outlier −10 at x = 0.55. */
async function outlierStudy(baseVariance: number | undefined, outlierVariance: number | undefined) {
  const space = spaceOf([{ name: "x", type: "float", min: 0, max: 1 }]);
  const designer = create(space, 1, { initialDesign: 2 });
  const feedback: Feedback[] = Array.from({ length: 12 }, (_, i) => {
    const x = i / 11;
    return value(space, [x], Math.sin(6 * x) + x, { noiseVariance: baseVariance });
  });
  feedback.push(value(space, [0.55], -10, { noiseVariance: outlierVariance }));
  designer.update(feedback);
  await ask(designer, 3); // two Sobol points, then a fit
  return designer.recommend!()!;
}

Deno.test("known noise: a huge variance barely moves the posterior, zero variance pins it", async () => {
  const space = spaceOf([{ name: "x", type: "float", min: 0, max: 1 }]);
  const clean = create(space, 1, { initialDesign: 2 });
  clean.update(
    Array.from({ length: 12 }, (_, i) => value(space, [i / 11], Math.sin(6 * (i / 11)) + i / 11)),
  );
  await ask(clean, 3);
  const reference = clean.recommend!()!;
  assert.deepEqual(reference.point, [8 / 11]);
  const meanOf = (r: { details?: Record<string, JsonValue> }) => r.details!.posteriorMean as number;
  // An outlier −10 with variance 1e6 (sd 1000): the fit all but ignores it.
  for (const base of [undefined, 0]) {
    const noisy = await outlierStudy(base, 1e6);
    assert.deepEqual(noisy.point, reference.point, `others' variance ${base}`);
    assert.ok(Math.abs(meanOf(noisy) - meanOf(reference)) < 0.01, JSON.stringify(noisy));
  }
  // The same outlier, noiseless among noiseless results: the posterior goes through it.
  const pinned = await outlierStudy(0, 0);
  assert.deepEqual(pinned.point, [0.55]);
  assert.ok(Math.abs(meanOf(pinned) + 10) < 1e-3, JSON.stringify(pinned));
  assert.ok((pinned.details!.posteriorSd as number) < 0.05);
});

Deno.test("recommend: the evaluated point with the best posterior mean, in the metric's units", async () => {
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b", "c"]);
  const embedding = new Embedding(space);
  const designer = create(space, 5, { initialDesign: 4 });
  assert.equal(designer.recommend!(), null);
  const accuracy = (p: Params) => 0.9 - ((p.x as number) - 0.3) ** 2 - (p.cat === "b" ? 0 : 0.3);
  for (let round = 0; round < 6; round++) {
    const points = await ask(designer, 2);
    designer.update(points.map((p, i) => {
      const acc = accuracy(space.decode(p));
      // A maximised metric: the loss is −accuracy; every other trial has a known variance.
      return {
        ...value(space, p, -acc, i === 0 ? { noiseVariance: 1e-3 } : {}),
        values: { accuracy: acc, seconds: 12 },
      };
    }));
  }
  await ask(designer, 1); // refit on every result
  const r = designer.recommend!()!;
  const state = designer.dump() as unknown as {
    x: number[][];
    y: number[];
    noise: (number | null)[];
    hyper: { logLengthscales: number[]; logOutputScale: number; logNoise: number; mean: number };
  };
  assert.equal(state.hyper.logLengthscales.length, 4); // x and three one-hot columns
  assert.ok(state.noise.some((v) => v === 1e-3) && state.noise.some((v) => v === null));
  // The same posterior, computed here.
  const model = conditionGp(
    embedding.embed(state.x),
    Float64Array.from(state.y),
    { ...state.hyper, logLengthscales: Float64Array.from(state.hyper.logLengthscales) },
    { kernel: "matern52", noiseVariances: Float64Array.from(state.noise, (v) => v ?? NaN) },
  );
  const { mean, variance } = predict(model, embedding.embed(state.x));
  const best = mean.indexOf(Math.min(...mean));
  assert.deepEqual(r.point, state.x[best]);
  assert.equal(r.details!.basis, "evaluated point with the best posterior mean");
  assert.equal(r.details!.of, "metric");
  assert.equal(r.details!.metric, "accuracy");
  assert.ok(Math.abs((r.details!.posteriorMean as number) - -mean[best]) < 1e-9);
  assert.ok(Math.abs((r.details!.posteriorSd as number) - Math.sqrt(variance[best])) < 1e-9);
  assert.equal(r.details!.observedValue, -state.y[best]);
  // It is the good category, and its mean is close to the true accuracy there.
  const params = space.decode(r.point);
  assert.equal(params.cat, "b");
  assert.ok(Math.abs((r.details!.posteriorMean as number) - accuracy(params)) < 0.02);
});

Deno.test("dump and restore are exact with categoricals and known variances", async () => {
  const config = { initialDesign: 4, candidates: 256 };
  const a = create(MIXED_SPACE, 9, config);
  const lossAt = (p: Point) => p.reduce((s, u) => s + (u - 0.3) ** 2, 0);
  for (let round = 0; round < 3; round++) {
    const points = await ask(a, 3);
    a.update(points.map((p, i) =>
      value(MIXED_SPACE, p, lossAt(p), {
        noiseVariance: [0.01, -1, Number.NaN][i],
      })
    ));
  }
  const saved = JSON.parse(JSON.stringify(a.dump()));
  assert.deepEqual(saved.noise, [0.01, null, null, 0.01, null, null, 0.01, null, null]);
  const b = create(MIXED_SPACE, 9, config, saved);
  assert.deepEqual(b.dump(), saved);
  const pending = [MIXED_SPACE.encode(MIXED_SPACE.decode(Array(12).fill(0.6)))];
  assert.deepEqual(await ask(b, 4, pending), await ask(a, 4, pending));
  assert.deepEqual(b.dump(), a.dump());
  assert.deepEqual(b.recommend!(), a.recommend!());
});

Deno.test("a state from before one-hot and known noise is restored and refitted", async () => {
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b", "c"]);
  const a = create(space, 2, { initialDesign: 4 });
  const points = await ask(a, 6);
  a.update(points.map((p) => value(space, p, p[0] + p[1])));
  await ask(a, 1);
  const old = a.dump() as Record<string, JsonValue>;
  delete old.noise;
  delete old.metricSigns;
  // Hyperparameters of the ordinal GP: one lengthscale per encoded coordinate.
  const hyper = old.hyper as Record<string, JsonValue>;
  hyper.logLengthscales = [0, 0];
  delete hyper.noiseMode;
  const b = create(space, 2, { initialDesign: 4 }, old);
  const r = b.recommend!()!;
  assert.equal(r.details!.basis, "best observed value");
  assert.equal(r.details!.of, "loss");
  const [point] = await ask(b, 1);
  assert.deepEqual(space.check(space.decode(point)), []);
  const state = b.dump() as { hyper: { logLengthscales: number[] }; noise: unknown[] };
  assert.equal(state.hyper.logLengthscales.length, 4);
  assert.deepEqual(state.noise, Array(6).fill(null));
});

Deno.test("corrupt noise and metric records are refused", () => {
  const space = ONE_FLOAT_ONE_CATEGORY(["a", "b"]);
  const good = create(space, 1).dump() as Record<string, JsonValue>;
  const cases: JsonValue[] = [
    { ...good, x: [[0.1, 0.2]], y: [1], noise: [] },
    { ...good, x: [[0.1, 0.2]], y: [1], noise: [-1] },
    { ...good, x: [[0.1, 0.2]], y: [1], noise: ["0.1"] },
    { ...good, metricSigns: { loss: 4 } },
    { ...good, infeasible: [[0.5]] },
  ];
  for (const state of cases) assert.throws(() => create(space, 1, {}, state), /corrupt "gp-bo"/);
  assert.doesNotThrow(() => create(space, 1, {}, { ...good, x: [[0.1, 0.2]], y: [1], noise: [0] }));
});
