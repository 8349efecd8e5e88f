import assert from "node:assert/strict";
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import type { Feedback, JsonValue, Suggestion, ValueFeedback } from "../types.ts";
import { cboAlgorithm, CboConfigSchema, type CboDesigner, consensusPoint } from "./mod.ts";
import { plainState, type SavedState } from "./state.ts";

/** Two floats in [0, 1]: encoded and decoded coordinates coincide. */
const SQUARE = new Space(SpaceSchema.parse({
  parameters: [
    { name: "x", type: "float", min: 0, max: 1 },
    { name: "y", type: "float", min: 0, max: 1 },
  ],
}));

function make(
  config: Record<string, unknown>,
  options: { seed?: number; state?: JsonValue; space?: Space } = {},
): CboDesigner {
  return cboAlgorithm.create({
    space: options.space ?? SQUARE,
    config: CboConfigSchema.parse(config),
    seed: options.seed ?? 1,
    state: options.state,
  }) as CboDesigner;
}

function ask(designer: CboDesigner, count: number): Promise<Suggestion[]> {
  return designer.suggest(count, { pending: [], signal: new AbortController().signal });
}

let trialNumber = 0;

function value(s: Suggestion, loss: number): ValueFeedback {
  const number = trialNumber++;
  return {
    kind: "value",
    trialId: `t${number}`,
    number,
    point: s.point,
    tag: s.tag ?? null,
    loss,
    values: { loss },
  };
}

function failed(s: Suggestion, cause: "FAILED" | "STALE"): Feedback {
  const number = trialNumber++;
  return {
    kind: "failed",
    trialId: `t${number}`,
    number,
    point: s.point,
    tag: s.tag ?? null,
    cause,
  };
}

function infeasible(s: Suggestion): Feedback {
  const number = trialNumber++;
  return { kind: "infeasible", trialId: `t${number}`, number, point: s.point, tag: s.tag ?? null };
}

/** A designer's state in its plain form (version 1), through JSON as the service stores it. */
function saved(designer: CboDesigner): SavedState {
  return plainState(JSON.parse(JSON.stringify(designer.dump())));
}

/** The dynamics' part of a state: everything but the best-ever and the evaluation count. */
function dynamics(designer: CboDesigner): Omit<SavedState, "best" | "evaluations"> {
  const { best: _b, evaluations: _e, ...rest } = saved(designer);
  return rest;
}

/** A designer restored from an edited copy of another's state. */
function edited(
  designer: CboDesigner,
  config: Record<string, unknown>,
  edit: (s: SavedState) => void,
) {
  const state = saved(designer);
  edit(state);
  return make(config, { state: state as unknown as JsonValue });
}

function assertNear(actual: number[], expected: readonly number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((u, k) => assert.ok(Math.abs(u - expected[k]) <= tol, `${actual} vs ${expected}`));
}

const sphere = (p: number[]) => p.reduce((s, u) => s + (u - 0.3) ** 2, 0);

Deno.test("a generation is handed out once: fewer, then no suggestions while it is out", async () => {
  const designer = make({ particles: 4 });
  const first = await ask(designer, 3);
  assert.deepEqual(first.map((s) => s.tag), [0, 1, 2].map((i) => ({ g: 0, r: 0, i })));
  const second = await ask(designer, 3);
  assert.deepEqual(second.map((s) => s.tag), [{ g: 0, r: 0, i: 3 }]);
  assert.deepEqual(await ask(designer, 5), []);
  for (const s of [...first, ...second]) {
    assert.equal(s.point.length, 2);
    for (const u of s.point) assert.ok(u >= 0 && u <= 1);
  }
});

Deno.test("the step runs only when every particle of the generation has an energy", async () => {
  const designer = make({ particles: 4 });
  const out = await ask(designer, 4);
  designer.update(out.slice(0, 3).map((s) => value(s, sphere(s.point))));
  assert.equal(saved(designer).generation, 0);
  assert.deepEqual(await ask(designer, 4), []);
  const before = saved(designer).positions;
  designer.update([value(out[3], sphere(out[3].point))]);
  const after = saved(designer);
  assert.equal(after.generation, 1);
  assert.notDeepEqual(after.positions, before);
  const next = await ask(designer, 10);
  assert.deepEqual(next.map((s) => s.tag), [0, 1, 2, 3].map((i) => ({ g: 1, r: 0, i })));
  const clamp = (u: number) => Math.min(1, Math.max(0, u));
  assert.deepEqual(
    next.map((s) => s.point),
    [0, 1, 2, 3].map((i) => after.positions.slice(2 * i, 2 * i + 2).map(clamp)),
  );
});

Deno.test("FAILED hands the particle out again; STALE does not", async () => {
  const designer = make({ particles: 3 });
  const out = await ask(designer, 3);
  designer.update([failed(out[1], "FAILED"), failed(out[2], "STALE")]);
  const again = await ask(designer, 5);
  assert.deepEqual(again, [out[1]]);
  assert.deepEqual(await ask(designer, 5), []);
  // The stale one comes back from the service with its tag: its report counts.
  designer.update([value(out[0], 1), value(again[0], 2), value(out[2], 3)]);
  assert.equal(saved(designer).generation, 1);
});

Deno.test("a particle that keeps failing counts as infeasible", async () => {
  const designer = make({ particles: 2, failuresBeforeInfeasible: 2 });
  const out = await ask(designer, 2);
  designer.update([value(out[0], 1), failed(out[1], "FAILED")]);
  const again = await ask(designer, 2);
  assert.deepEqual(again, [out[1]]);
  designer.update([failed(again[0], "FAILED")]);
  assert.equal(saved(designer).generation, 1, "the second failure completes the step");
  // The consensus is the feasible particle.
  assert.deepEqual(designer.recommend()!.point, out[0].point);
});

Deno.test("late, duplicate and foreign reports leave the dynamics alone but count as evaluations", async () => {
  const designer = make({ particles: 2 });
  const gen0 = await ask(designer, 2);
  designer.update(gen0.map((s, k) => value(s, 10 + k)));
  const gen1 = await ask(designer, 2);
  designer.update([value(gen1[0], 5)]);
  const reference = dynamics(designer);
  designer.update([
    value(gen1[0], -100), // duplicate: the first report (5) wins
    value(gen0[1], -200), // generation 0: over
    value({ point: [0.9, 0.9] }, -300), // a client's own trial, no tag
    value({ point: [0.1, 0.1], tag: { g: 1, r: 0, i: 7 } }, -1), // no such particle
    infeasible(gen1[0]),
  ]);
  assert.deepEqual(dynamics(designer), reference);
  const state = saved(designer);
  assert.equal(state.energies[0], 5);
  assert.equal(state.evaluations, 2 + 1 + 5);
  assert.deepEqual(state.best, { loss: -300, point: [0.9, 0.9] });
  const rec = designer.recommend()!;
  assert.equal(rec.details!.bestLoss, -300);
  assert.deepEqual(rec.points!.best, [0.9, 0.9]);
  assert.equal(rec.details!.evaluations, 8);
  // The particle still missing completes the step.
  designer.update([value(gen1[1], 6)]);
  assert.equal(saved(designer).generation, 2);
});

Deno.test("infeasible particles have no weight in the consensus", async () => {
  const config = { particles: 4, alpha: 2 };
  const designer = make(config);
  const out = await ask(designer, 4);
  const losses = [0.5, 0.2, Infinity, 0.9];
  designer.update(out.map((s, k) => k === 2 ? infeasible(s) : value(s, losses[k])));
  const feasible = [0, 1, 3];
  const expected = consensusPoint(
    Float64Array.from(feasible.flatMap((k) => out[k].point)),
    Float64Array.from(feasible.map((k) => losses[k])),
    { particles: 3, dimension: 2, alpha: 2 },
  )!;
  assert.deepEqual(designer.recommend()!.point, Array.from(expected));
  assert.equal(designer.recommend()!.details!.generation, 1);
});

Deno.test("a run with every particle infeasible keeps its consensus and steps on", async () => {
  // Without noise the particles move exactly toward the consensus.
  const config = {
    particles: 3,
    sigma: 0,
    lambda: 10,
    dt: 0.05,
    initialBox: { low: 0.2, high: 0.6 },
  };
  const designer = make(config);
  const out = await ask(designer, 3);
  designer.update(out.map(infeasible));
  const state = saved(designer);
  assert.equal(state.generation, 1);
  assert.deepEqual(designer.recommend()!.point, [0.4, 0.4], "the initial box's centre");
  const moved = out.flatMap((s) => s.point.map((u) => u - 0.5 * (u - 0.4)));
  assertNear(state.positions, moved);
  // Next time some particle is feasible the consensus moves there.
  const next = await ask(designer, 3);
  designer.update([infeasible(next[0]), value(next[1], 1), infeasible(next[2])]);
  assert.deepEqual(designer.recommend()!.point, next[1].point);
});

Deno.test("α grows by its factor each step up to the cap", async () => {
  const designer = make({ particles: 2, alpha: 30, alphaFactor: 1.5, alphaMax: 200 });
  const alphas: number[] = [];
  for (let step = 0; step < 7; step++) {
    const out = await ask(designer, 2);
    designer.update(out.map((s) => value(s, sphere(s.point))));
    alphas.push(designer.recommend()!.details!.alpha as number);
  }
  assert.deepEqual(alphas, [45, 67.5, 101.25, 151.875, 200, 200, 200]);
});

Deno.test("the step uses α of that step in the consensus weights", async () => {
  const config = { particles: 3, alpha: 3, alphaFactor: 2 };
  const designer = make(config);
  let out = await ask(designer, 3);
  designer.update(out.map((s) => value(s, sphere(s.point))));
  out = await ask(designer, 3);
  const losses = out.map((s) => sphere(s.point));
  designer.update(out.map((s, k) => value(s, losses[k])));
  const expected = consensusPoint(
    Float64Array.from(out.flatMap((s) => s.point)),
    Float64Array.from(losses),
    {
      particles: 3,
      dimension: 2,
      alpha: 6,
    },
  )!;
  assert.deepEqual(designer.recommend()!.point, Array.from(expected));
});

Deno.test("out of the box: project keeps the position, evaluates and averages its projection", async () => {
  const config = { particles: 2, alpha: 1e5, sigma: 0, lambda: 1, dt: 0.5 };
  const designer = edited(make(config), config, (s) => s.positions = [1.7, -0.4, 0.2, 0.6]);
  const out = await ask(designer, 2);
  assert.deepEqual(out.map((s) => s.point), [[1, 0], [0.2, 0.6]]);
  assert.deepEqual(saved(designer).positions, [1.7, -0.4, 0.2, 0.6]);
  designer.update([value(out[0], 0), value(out[1], 1)]);
  // The consensus is the evaluated point (1, 0), not the position (1.7, −0.4).
  assert.deepEqual(designer.recommend()!.point, [1, 0]);
  // x − ½(x − c): the position outside moves toward c and stays outside.
  assertNear(saved(designer).positions, [1.35, -0.2, 0.6, 0.3]);
});

Deno.test("out of the box: clip and reflect bring positions back into the cube", async () => {
  // λ·dt = 1.5 overshoots: x − 1.5·(x − c) = c − ½(x − c).
  for (
    const [boundary, expected] of [
      ["project", [-0.3, 1.2, 0.1, 0.8]],
      ["clip", [0, 1, 0.1, 0.8]],
      ["reflect", [0.3, 0.8, 0.1, 0.8]],
    ] as const
  ) {
    const config = { particles: 2, alpha: 1e5, sigma: 0, lambda: 150, dt: 0.01, boundary };
    const designer = edited(make(config), config, (s) => s.positions = [0.9, 0.0, 0.1, 0.8]);
    const out = await ask(designer, 2);
    designer.update([value(out[0], 1), value(out[1], 0)]);
    assertNear(saved(designer).positions, expected);
    const next = await ask(designer, 2);
    for (const s of next) for (const u of s.point) assert.ok(u >= 0 && u <= 1);
  }
});

Deno.test("every suggestion stays a valid point of the space under strong noise", async () => {
  const space = new Space(SpaceSchema.parse({
    parameters: [
      { name: "lr", type: "float", min: 1e-5, max: 1, scale: "log" },
      { name: "n", type: "int", min: 1, max: 9, step: 2 },
      { name: "q", type: "float", min: -3, max: 3, step: 0.25 },
    ],
  }));
  for (const boundary of ["project", "clip", "reflect"]) {
    const designer = make({ particles: 8, sigma: 40, boundary }, { space });
    let outside = 0;
    for (let step = 0; step < 30; step++) {
      const out = await ask(designer, 8);
      assert.equal(out.length, 8);
      for (const s of out) {
        for (const u of s.point) assert.ok(u >= 0 && u <= 1);
        assert.deepEqual(space.check(space.decode(s.point)), []);
      }
      designer.update(out.map((s) => value(s, sphere(s.point))));
      outside += saved(designer).positions.filter((u) => u < 0 || u > 1).length;
    }
    // The test makes particles leave the cube; only "project" lets them stay out.
    assert.equal(outside > 0, boundary === "project", `${boundary}: ${outside}`);
  }
});

Deno.test("mini-batches: only the batch is handed out and moves; every particle gets its turn", async () => {
  const designer = make({ particles: 6, batchSize: 2 });
  const seen: number[] = [];
  for (let step = 0; step < 3; step++) {
    const before = saved(designer).positions;
    const out = await ask(designer, 10);
    assert.equal(out.length, 2);
    const members = out.map((s) => (s.tag as { i: number }).i);
    seen.push(...members);
    designer.update(out.map((s) => value(s, sphere(s.point))));
    const after = saved(designer).positions;
    for (let i = 0; i < 6; i++) {
      const same = after[2 * i] === before[2 * i] && after[2 * i + 1] === before[2 * i + 1];
      assert.equal(same, !members.includes(i), `particle ${i} at step ${step}`);
    }
  }
  assert.deepEqual(seen.sort(), [0, 1, 2, 3, 4, 5]);
  // batchPartial false: every particle moves toward the batch's consensus.
  const all = make({ particles: 6, batchSize: 2, batchPartial: false });
  const before = saved(all).positions;
  const out = await ask(all, 10);
  all.update(out.map((s) => value(s, 1)));
  const after = saved(all).positions;
  for (let k = 0; k < 12; k++) assert.notEqual(after[k], before[k]);
});

Deno.test("resampling spreads a run whose consensus has stalled", async () => {
  // dt = λ = 1 and no noise: every particle jumps onto the consensus, which then stays put.
  const base = { particles: 3, sigma: 0, lambda: 1, dt: 1 };
  const spread = async (config: Record<string, unknown>) => {
    const designer = make(config);
    for (let step = 0; step < 3; step++) {
      const out = await ask(designer, 3);
      designer.update(out.map((s) => value(s, sphere(s.point))));
    }
    const p = saved(designer).positions;
    return Math.max(Math.abs(p[0] - p[2]), Math.abs(p[0] - p[4]), Math.abs(p[1] - p[3]));
  };
  assert.ok(await spread(base) < 1e-12);
  // The steps of generations 1 and 2 do not move the consensus: noise after the second.
  assert.ok(
    await spread({ ...base, resampling: { patience: 2, threshold: 1e-9, sigma: 0.5 } }) > 0.01,
  );
  // A patience it has not reached yet: still collapsed.
  assert.ok(await spread({ ...base, resampling: { patience: 3, threshold: 1e-9 } }) < 1e-12);
});

Deno.test("several runs: tags name the run; the recommendation is the best run's consensus", async () => {
  const config = { particles: 2, runs: 3, alpha: 1e5, sigma: 0 };
  const designer = make(config);
  const out = await ask(designer, 100);
  assert.deepEqual(
    out.map((s) => s.tag),
    [0, 1, 2].flatMap((r) => [0, 1].map((i) => ({ g: 0, r, i }))),
  );
  // Run 1 holds the lowest energy.
  designer.update(out.map((s, k) => value(s, [5, 6, 3, 0.5, 4, 7][k])));
  const rec = designer.recommend()!;
  assert.equal(rec.details!.run, 1);
  assert.deepEqual(rec.point, out[3].point);
  assert.equal((await ask(designer, 100)).length, 6);
});

Deno.test("recommend: null, then the partial consensus, then the last step's", async () => {
  const designer = make({ particles: 3, alpha: 1e5 });
  assert.equal(designer.recommend(), null);
  const out = await ask(designer, 3);
  designer.update([value(out[1], 2), value(out[2], 1)]);
  const partial = designer.recommend()!;
  assert.deepEqual(partial.point, out[2].point);
  assert.equal(partial.details!.generation, 0);
  designer.update([value(out[0], 0)]);
  const rec = designer.recommend()!;
  assert.deepEqual(rec.point, out[0].point);
  assert.deepEqual(
    Object.keys(rec.details!).sort(),
    ["alpha", "basis", "bestLoss", "evaluations", "generation", "run", "step"],
  );
  assert.equal(rec.details!.step, 1);
  assert.equal(rec.details!.bestLoss, 0);
});

Deno.test("a restored designer continues exactly like one that never stopped", async () => {
  const config = {
    particles: 5,
    runs: 2,
    batchSize: 3,
    resampling: { patience: 2, threshold: 0.05 },
    failuresBeforeInfeasible: 2,
  };
  // A script of asks and reports with failures, stale trials, infeasible and late reports.
  const script = async (reload: boolean) => {
    let designer = make(config, { seed: 5 });
    const log: string[] = [];
    const held: Suggestion[] = [];
    const again = () => {
      if (reload) {
        designer = make(config, { seed: 5, state: JSON.parse(JSON.stringify(designer.dump())) });
      }
    };
    for (let round = 0; round < 40; round++) {
      const out = await ask(designer, 1 + (round % 4));
      log.push(JSON.stringify(out));
      again();
      held.push(...out);
      const reports: Feedback[] = [];
      while (held.length > 0) {
        const s = held.shift()!;
        const k = trialNumber % 7;
        if (k === 3) reports.push(failed(s, "FAILED"));
        else if (k === 5) {
          reports.push(failed(s, "STALE"));
          held.push(s); // the service hands it out again with its tag
          break;
        } else if (k === 6) reports.push(infeasible(s));
        else reports.push(value(s, sphere(s.point)));
      }
      // Generation 0's once it is over; before that, a report for a particle not yet out.
      reports.push(value({ point: [0.5, 0.5], tag: { g: 0, r: 1, i: 0 } }, 0.5));
      designer.update(reports);
      log.push(JSON.stringify(designer.recommend()));
      again();
    }
    log.push(JSON.stringify(designer.dump()));
    return log;
  };
  trialNumber = 0;
  const continuous = await script(false);
  trialNumber = 0;
  const reloaded = await script(true);
  assert.deepEqual(reloaded, continuous);
  const last = plainState(JSON.parse(continuous.at(-1)!));
  assert.ok(last.generation >= 3, `only ${last.generation} steps`);
});

Deno.test("the same seed gives the same run, another seed another", async () => {
  const run = async (seed: number) => {
    const designer = make({ particles: 6 }, { seed });
    const points: number[][] = [];
    for (let step = 0; step < 5; step++) {
      const out = await ask(designer, 6);
      points.push(...out.map((s) => s.point));
      designer.update(out.map((s) => value(s, sphere(s.point))));
    }
    return points;
  };
  assert.deepEqual(await run(3), await run(3));
  assert.notDeepEqual(await run(3), await run(4));
});

Deno.test("converges on a quadratic through the designer", async () => {
  const space = new Space(SpaceSchema.parse({
    parameters: Array.from(
      { length: 5 },
      (_, j) => ({ name: `x${j}`, type: "float", min: -5, max: 5 }),
    ),
  }));
  const optimum = [1, -2, 0.5, 3, -1];
  const loss = (p: Record<string, unknown>) =>
    optimum.reduce((s, o, j) => s + ((p[`x${j}`] as number) - o) ** 2, 0);
  // Default dynamics (σ = 5.1, α = 1 growing ×1.05 per step): the swarm
  // collapses near the optimum within a few hundred steps.
  const designer = make({ particles: 30 }, { space, seed: 11 });
  for (let step = 0; step < 400; step++) {
    const out = await ask(designer, 30);
    designer.update(out.map((s) => value(s, loss(space.decode(s.point)))));
  }
  const rec = designer.recommend()!;
  const x = space.decode(rec.point);
  for (let j = 0; j < 5; j++) {
    assert.ok(Math.abs((x[`x${j}`] as number) - optimum[j]) < 0.02, JSON.stringify(x));
  }
  assert.ok((rec.details!.bestLoss as number) < 1e-3);
  assert.equal(rec.details!.evaluations, 400 * 30);
});

Deno.test("categorical parameters are refused", () => {
  const space = new Space(SpaceSchema.parse({
    parameters: [
      { name: "x", type: "float", min: 0, max: 1 },
      { name: "opt", type: "categorical", values: ["adam", "sgd"] },
    ],
  }));
  const reason = cboAlgorithm.checkSpace!(space);
  assert.match(reason!, /categorical parameters \(opt\) are not supported/);
  assert.equal(cboAlgorithm.checkSpace!(SQUARE), null);
  assert.throws(() => make({}, { space }), /categorical/);
});

Deno.test("config: defaults, and bad combinations refused", () => {
  const config = CboConfigSchema.parse({});
  assert.equal(config.particles, 20);
  assert.equal(config.noise, "anisotropic");
  assert.equal(config.sigma, 5.1);
  assert.equal(config.dt, 0.01);
  assert.equal(config.alphaMax, 1e5);
  assert.equal(CboConfigSchema.safeParse({ particles: 4, batchSize: 5 }).success, false);
  assert.equal(CboConfigSchema.safeParse({ initialBox: { low: 0.7, high: 0.2 } }).success, false);
  assert.equal(CboConfigSchema.safeParse({ initialBox: { low: 0.5, high: 0.5 } }).success, false);
  assert.equal(CboConfigSchema.safeParse({ particles: 1000, runs: 101 }).success, false);
  assert.equal(CboConfigSchema.safeParse({ noise: "cauchy" }).success, false);
  assert.deepEqual(CboConfigSchema.parse({ resampling: {} }).resampling, {
    patience: 5,
    threshold: 1e-4,
    sigma: 0.1,
  });
});

Deno.test("a state of another shape or with bad fields is refused", () => {
  const designer = make({ particles: 3 });
  const good = saved(designer);
  assert.throws(
    () => make({ particles: 4 }, { state: good as unknown as JsonValue }),
    /corrupt "cbo" state/,
  );
  const breakages: ((s: SavedState) => void)[] = [
    (s) => s.positions.pop(),
    (s) => s.phase[0] = 7,
    (s) => (s as { alpha: unknown }).alpha = "1",
    (s) => s.rng = [0, 0, 0, 0],
    (s) => s.batch = [[0]],
    (s) => (s as { best: unknown }).best = { loss: 1, point: [1] },
  ];
  // A batched state for an unbatched config, and duplicate batch members.
  const batchedConfig = { particles: 3, batchSize: 2 };
  const batched = saved(make(batchedConfig));
  assert.throws(() => make({ particles: 3 }, { state: batched as unknown as JsonValue }), /batch/);
  const twice = structuredClone(batched);
  twice.batch = [[1, 1]];
  assert.throws(() => make(batchedConfig, { state: twice as unknown as JsonValue }), /batch/);
  assert.doesNotThrow(() => make(batchedConfig, { state: batched as unknown as JsonValue }));
  for (const breakage of breakages) {
    const state = structuredClone(good);
    breakage(state);
    assert.throws(
      () => make({ particles: 3 }, { state: state as unknown as JsonValue }),
      /corrupt "cbo" state/,
    );
  }
});

Deno.test("the state is saved packed (version 2); plain (version 1) states still restore", async () => {
  const config = { particles: 3 };
  const designer = make(config, { seed: 9 });
  const out = await ask(designer, 3);
  designer.update([value(out[0], 0.5), infeasible(out[1])]);
  const packed = JSON.parse(JSON.stringify(designer.dump())) as Record<string, unknown>;
  assert.equal(packed.v, 2);
  for (const field of ["positions", "phase", "failures", "energies"]) {
    assert.equal(typeof packed[field], "string", field);
  }
  // Decoded by hand: 3 particles × 2 coordinates, little-endian float64.
  const bytes = Uint8Array.from(atob(packed.positions as string), (c) => c.charCodeAt(0));
  const positions = Array.from(new Float64Array(bytes.buffer));
  const plain = saved(designer);
  assert.deepEqual(positions, plain.positions);
  assert.equal(positions.length, 6);
  // The infeasible report is +∞ (null in the plain form); the missing one too.
  assert.deepEqual(plain.energies, [0.5, null, null]);
  assert.deepEqual(plain.phase, [2, 2, 1]);
  // A plain copy restores to a designer that continues exactly like the packed one.
  const fromPlain = make(config, { seed: 9, state: plain as unknown as JsonValue });
  const fromPacked = make(config, { seed: 9, state: packed as JsonValue });
  assert.deepEqual(fromPlain.dump(), fromPacked.dump());
  designer.update([value(out[2], 0.1)]);
  fromPlain.update([value(out[2], 0.1)]);
  assert.deepEqual(fromPlain.dump(), designer.dump());
  assert.deepEqual(await ask(fromPlain, 3), await ask(designer, 3));
  // A packed array of the wrong length or not base64 is refused.
  const damaged = (packed.positions as string).replace(/^./, "*");
  for (const broken of ["AAAA", 7, pack(new Float64Array(5)), damaged, `${packed.positions} `]) {
    assert.throws(
      () => make(config, { state: { ...packed, positions: broken } as JsonValue }),
      /corrupt "cbo" state/,
    );
  }
});

function pack(values: Float64Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(values.buffer)));
}
