import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import type { Feedback, JsonValue } from "../types.ts";
import { estimateFromPairs, pairsFromLosses, rankingPairs } from "./estimator.ts";
import { candidateTag, zoRankSgdAlgorithm } from "./mod.ts";
import { gradientCandidates } from "./state.ts";
import {
  ctx,
  makeDesigner,
  quadratic,
  ranking,
  reportValues,
  stateOf,
  trial,
  unitSpace,
  value,
} from "./test_helpers.ts";

/** x_t − η·estimate from the pairs, for the state's current gradient round. */
function expectedStep(
  state: ReturnType<typeof stateOf>,
  pairs: readonly (readonly [number, number])[],
  eta: number,
  mu: number,
): number[] {
  const { displacements } = gradientCandidates(state.x, state.xi, mu);
  const g = estimateFromPairs(displacements, pairs as [number, number][]);
  return state.x.map((u, j) => Math.min(1, Math.max(0, u - eta * g[j])));
}

Deno.test("config: defaults, topK ≤ candidates, unknown keys refused", () => {
  const config = zoRankSgdAlgorithm.configSchema.parse({});
  assert.deepEqual(config, {
    candidates: 6,
    smoothing: 0.05,
    stepSize: 0.05,
    normalize: false,
    lineSearchSteps: 0,
    lineSearchShrink: 0.5,
    accumulate: true,
  });
  const schema = zoRankSgdAlgorithm.configSchema;
  assert.equal(schema.safeParse({ candidates: 4, topK: 4 }).success, true);
  assert.equal(schema.safeParse({ candidates: 4, topK: 5 }).success, false);
  assert.equal(schema.safeParse({ candidates: 1 }).success, false);
  assert.equal(schema.safeParse({ lineSearchShrink: 1 }).success, false);
  assert.equal(schema.safeParse({ initialPoint: [0.5, 1.5] }).success, false);
  assert.equal(schema.safeParse({ m: 4 }).success, false);
});

Deno.test("the first round: m candidates around the initial point, tagged, in the cube", async () => {
  const designer = makeDesigner(3, { initialPoint: [0.1, 0.5, 1], smoothing: 0.2 }, 4);
  const state = stateOf(designer);
  assert.deepEqual(state.x, [0.1, 0.5, 1]);
  assert.equal(state.xi.length, 6);
  const suggestions = await designer.suggest(10, ctx);
  assert.equal(suggestions.length, 6);
  const { points } = gradientCandidates(state.x, state.xi, 0.2);
  suggestions.forEach((s, i) => {
    assert.deepEqual(s.tag, { t: 0, round: "gradient", i });
    assert.deepEqual(s.point, points[i]);
    assert.ok(s.point.every((u) => u >= 0 && u <= 1));
  });
  // The third coordinate starts at the upper bound: candidates above it are clipped to it.
  assert.ok(suggestions.some((s) => s.point[2] === 1));
  assert.throws(() => makeDesigner(2, { initialPoint: [0.5, 0.5, 0.5] }), /initialPoint/);
  assert.deepEqual(stateOf(makeDesigner(2)).x, [0.5, 0.5]);
});

Deno.test("clipped coordinates enter the estimate as the displacement shown", () => {
  const { points, displacements } = gradientCandidates([0.95, 0.5], [[2, 1], [-3, -1]], 0.1);
  const expectedPoints = [[1, 0.6], [0.65, 0.4]];
  points.flat().forEach((u, n) => assert.ok(Math.abs(u - expectedPoints.flat()[n]) < 1e-12));
  assert.equal(points[0][0], 1);
  assert.ok(Math.abs(displacements[0][0] - 0.5) < 1e-12); // (1 − 0.95)/0.1, not ξ = 2
  assert.deepEqual([displacements[0][1], displacements[1][0], displacements[1][1]], [1, -3, -1]);
});

Deno.test("round flow: fewer or no points while a round is out; FAILED re-issued", async () => {
  const designer = makeDesigner(2, {}, 5);
  const first = (await designer.suggest(2, ctx)).map(trial);
  assert.deepEqual(first.map((t) => candidateTag(t.tag)?.i), [0, 1]);
  const rest = (await designer.suggest(10, ctx)).map(trial);
  assert.deepEqual(rest.map((t) => candidateTag(t.tag)?.i), [2, 3, 4, 5]);
  assert.deepEqual(await designer.suggest(5, ctx), []);
  const f = quadratic([0.2, 0.7]);
  designer.update([...first, ...rest.slice(0, 2)].map((t) => value(t, f(t.point))));
  assert.deepEqual(await designer.suggest(5, ctx), []); // one still out
  // STALE: nothing here (the service hands the point out again, same tag).
  designer.update([{ kind: "failed", ...rest[3], cause: "STALE" }]);
  assert.deepEqual(await designer.suggest(5, ctx), []);
  // FAILED: handed out again, same point and tag.
  designer.update([{ kind: "failed", ...rest[3], cause: "FAILED" }]);
  const again = (await designer.suggest(5, ctx)).map(trial);
  assert.deepEqual(again.map((t) => [t.point, t.tag]), [[rest[3].point, rest[3].tag]]);
  assert.equal(stateOf(designer).t, 0);
  designer.update([value(again[0], f(again[0].point))]);
  assert.equal(stateOf(designer).t, 0); // candidate 4 has not reported yet
  designer.update([value(rest[2], f(rest[2].point))]);
  const state = stateOf(designer);
  assert.equal(state.t, 1);
  assert.equal(state.stats.valueRounds, 1);
  const next = await designer.suggest(100, ctx);
  assert.equal(next.length, 6);
  assert.ok(
    next.every((s, i) => JSON.stringify(s.tag) === JSON.stringify({ t: 1, round: "gradient", i })),
  );
});

Deno.test("feedback about an older round or unknown trials is ignored and counted", async () => {
  const designer = makeDesigner(2, {}, 6);
  const f = quadratic([0.3, 0.3]);
  const old = await reportValues(designer, f);
  const before = stateOf(designer);
  designer.update([
    value(old[0], -100),
    ranking([old[1], old[2]], old.slice(3)),
    { kind: "value", ...old[0], tag: null, loss: 0, values: {} },
    { kind: "value", ...old[0], tag: { t: 1, round: "gradient", i: 99 }, loss: 0, values: {} },
  ]);
  const after = stateOf(designer);
  assert.deepEqual({ ...after, stats: before.stats }, before);
  assert.equal(after.stats.ignored, 4);
  assert.equal(designer.recommend!()!.details!.ignoredFeedback, 4);
});

Deno.test("the first value of a candidate wins; infeasible is worse than any value", async () => {
  const designer = makeDesigner(2, { topK: 6 }, 7);
  const state = stateOf(designer);
  const trials = (await designer.suggest(6, ctx)).map(trial);
  const losses = [5, 2, 9, 1, 4, 3];
  designer.update([value(trials[0], losses[0]), value(trials[0], -50)]);
  designer.update([{ kind: "infeasible", ...trials[1] }]);
  designer.update(trials.slice(2).map((t, n) => value(t, losses[n + 2])));
  const { pairs } = pairsFromLosses([5, Infinity, 9, 1, 4, 3], 6);
  assert.deepEqual(stateOf(designer).x, expectedStep(state, pairs, 0.05, 0.05));
});

Deno.test("value and ranking feedback give the same step for the same order", async () => {
  for (const topK of [6, 2, 1]) {
    const byValues = makeDesigner(3, { topK }, 8);
    const byRanking = makeDesigner(3, { topK }, 8);
    const f = quadratic([0.1, 0.9, 0.4]);
    await reportValues(byValues, f);
    const trials = (await byRanking.suggest(6, ctx)).map(trial);
    const sorted = [...trials].sort((a, b) => f(a.point) - f(b.point));
    byRanking.update([ranking(sorted.slice(0, topK), sorted.slice(topK))]);
    const [a, b] = [stateOf(byValues), stateOf(byRanking)];
    assert.deepEqual(b.x, a.x, `topK ${topK}`);
    assert.deepEqual(b.xi, a.xi);
    assert.notDeepEqual(a.x, [0.5, 0.5, 0.5]);
    assert.equal(b.stats.comparisons, 1);
    assert.equal(a.stats.valueRounds, 1);
  }
});

Deno.test("partial rankings: pairs among the candidates shown", async () => {
  const designer = makeDesigner(2, {}, 9);
  const state = stateOf(designer);
  const trials = (await designer.suggest(6, ctx)).map(trial);
  // Shown: 4, 1, 3 (and a trial of no round, dropped); 4 picked as the best, the others unranked.
  const stranger = { ...trials[0], trialId: "x", tag: null };
  designer.update([ranking([trials[4]], [trials[1], stranger, trials[3], trials[4]])]);
  assert.deepEqual(
    stateOf(designer).x,
    expectedStep(state, rankingPairs([4], [1, 3]), 0.05, 0.05),
  );
  assert.equal(stateOf(designer).t, 1);
  // A ranking of a single candidate, or of none of the round's, says nothing: ignored.
  const next = (await designer.suggest(6, ctx)).map(trial);
  designer.update([ranking([next[0]]), ranking([stranger], [trials[2]])]);
  assert.equal(stateOf(designer).t, 1);
  assert.equal(stateOf(designer).stats.ignored, 2);
  // A ranked top 2 of 3 shown, and the same trial twice.
  const before = stateOf(designer);
  designer.update([ranking([next[5], next[2], next[5]], [next[0]])]);
  assert.deepEqual(
    stateOf(designer).x,
    expectedStep(before, rankingPairs([5, 2], [0]), 0.05, 0.05),
  );
});

Deno.test("a skipped comparison (shown, none ranked) draws fresh candidates around x_t", async () => {
  const designer = makeDesigner(2, { lineSearchSteps: 2 }, 19);
  const trials = (await designer.suggest(6, ctx)).map(trial);
  const before = stateOf(designer);
  designer.update([ranking([], trials)]);
  const after = stateOf(designer);
  assert.equal(after.t, 1);
  assert.deepEqual(after.x, before.x);
  assert.notDeepEqual(after.xi, before.xi);
  assert.equal(after.stats.skipped, 1);
  const fresh = await designer.suggest(10, ctx);
  assert.equal(fresh.length, 6);
  assert.ok(fresh.every((s) => candidateTag(s.tag!)?.t === 1));
  // The skipped round's ranking, arriving late, is ignored.
  designer.update([ranking(trials.slice(0, 2), trials.slice(2))]);
  assert.deepEqual(stateOf(designer).x, before.x);
  assert.equal(stateOf(designer).stats.ignored, 1);
  // A skipped line round keeps x_t too.
  const f = quadratic([0.2, 0.3]);
  designer.update(fresh.map((s) => value(trial(s), f(s.point))));
  assert.equal(stateOf(designer).round.kind, "line");
  const line = (await designer.suggest(10, ctx)).map(trial);
  designer.update([ranking([], line)]);
  const last = stateOf(designer);
  assert.deepEqual([last.t, last.x, last.round.kind], [2, before.x, "gradient"]);
  assert.equal(designer.recommend!()!.details!.skippedComparisons, 2);
});

Deno.test("values that are all equal give no step, and a fresh round", async () => {
  const designer = makeDesigner(2, {}, 10);
  await reportValues(designer, () => 3);
  const state = stateOf(designer);
  assert.equal(state.t, 1);
  assert.deepEqual(state.x, [0.5, 0.5]);
});

Deno.test("line search: x_t, the round's best and the steps; the top-1 is x_{t+1}", async () => {
  const config = { lineSearchSteps: 3, lineSearchShrink: 0.5, stepSize: 0.2 };
  const designer = makeDesigner(2, config, 11);
  const f = quadratic([0.9, 0.1]);
  const gradientTrials = await reportValues(designer, f);
  const state = stateOf(designer);
  assert.equal(state.round.kind, "line");
  assert.deepEqual(state.round.roles, ["current", "round-best", "step-0", "step-1", "step-2"]);
  const best = [...gradientTrials].sort((a, b) => f(a.point) - f(b.point))[0];
  const line = (await designer.suggest(10, ctx)).map(trial);
  assert.deepEqual(line.map((t) => t.tag), line.map((_, i) => ({ t: 0, round: "line", i })));
  assert.deepEqual(line[0].point, [0.5, 0.5]);
  assert.deepEqual(line[1].point, best.point);
  const g = state.direction!;
  [0.2, 0.1, 0.05].forEach((step, l) => {
    assert.deepEqual(line[2 + l].point, [0.5 - step * g[0], 0.5 - step * g[1]]);
  });
  // Values: the best point wins (here whichever is closest to the optimum).
  designer.update(line.map((t) => value(t, f(t.point))));
  const winner = [...line].sort((a, b) => f(a.point) - f(b.point))[0];
  const after = stateOf(designer);
  assert.deepEqual(after.x, winner.point);
  assert.equal(after.t, 1);
  assert.equal(after.round.kind, "gradient");
  assert.deepEqual(designer.recommend!()!.details!.lastLineSearch, {
    iteration: 0,
    winner: state.round.roles[candidateTag(winner.tag)!.i],
  });
  // Rankings: whatever is ranked first wins.
  await reportValues(designer, f);
  const line2 = (await designer.suggest(10, ctx)).map(trial);
  designer.update([ranking([line2[3], line2[0]], line2.slice(1, 3))]);
  assert.deepEqual(stateOf(designer).x, line2[3].point);
  assert.equal(stateOf(designer).lastLineSearch?.winner, "step-1");
  // Ties go to x_t.
  await reportValues(designer, f);
  const x2 = stateOf(designer).x;
  await reportValues(designer, () => 1);
  assert.deepEqual(stateOf(designer).x, x2);
  assert.equal(stateOf(designer).lastLineSearch?.winner, "current");
});

Deno.test("line search: while x_t wins, the direction is the mean of the estimates", async () => {
  for (const accumulate of [true, false]) {
    const designer = makeDesigner(2, { lineSearchSteps: 2, accumulate }, 12);
    const f = quadratic([0.2, 0.2]);
    const estimateOf = (state: ReturnType<typeof stateOf>, losses: number[]) =>
      estimateFromPairs(
        gradientCandidates(state.x, state.xi, 0.05).displacements,
        pairsFromLosses(losses, 6).pairs,
      );
    let state = stateOf(designer);
    let trials = await reportValues(designer, f);
    const g1 = estimateOf(state, trials.map((t) => f(t.point)));
    assert.deepEqual(stateOf(designer).direction, Array.from(g1));
    await reportValues(designer, (x) => (x[0] === 0.5 && x[1] === 0.5 ? 0 : 1)); // x_t wins
    state = stateOf(designer);
    trials = await reportValues(designer, f);
    const g2 = estimateOf(state, trials.map((t) => f(t.point)));
    const expected = accumulate ? Array.from(g1, (u, j) => (u + g2[j]) / 2) : Array.from(g2);
    const direction = stateOf(designer).direction!;
    direction.forEach((u, j) => assert.ok(Math.abs(u - expected[j]) < 1e-15, `${accumulate}`));
  }
});

Deno.test("normalize: every step has length η", async () => {
  const f = quadratic([0.1, 0.2, 0.3, 0.9]);
  for (const seed of [13, 14, 15]) {
    const plain = makeDesigner(4, { stepSize: 0.03 }, seed);
    const normalized = makeDesigner(4, { stepSize: 0.03, normalize: true }, seed);
    const state = stateOf(plain);
    const trials = await reportValues(plain, f);
    await reportValues(normalized, f);
    const g = estimateFromPairs(
      gradientCandidates(state.x, state.xi, 0.05).displacements,
      pairsFromLosses(trials.map((t) => f(t.point)), 6).pairs,
    );
    const norm = Math.hypot(...g);
    const step = (designer: typeof plain) => stateOf(designer).x.map((u) => u - 0.5);
    step(plain).forEach((u, j) => assert.ok(Math.abs(u + 0.03 * g[j]) < 1e-12));
    step(normalized).forEach((u, j) => assert.ok(Math.abs(u + 0.03 * g[j] / norm) < 1e-12));
    assert.ok(Math.abs(Math.hypot(...step(normalized)) - 0.03) < 1e-12);
  }
});

Deno.test("dump and restore: the same state, and the same continuation", async () => {
  const config = { lineSearchSteps: 2, topK: 3 };
  const f = quadratic([0.25, 0.75, 0.6]);
  const a = makeDesigner(3, config, 14);
  const round = async (designer: typeof a, n: number) => {
    const trials = (await designer.suggest(n, ctx)).map(trial);
    designer.update(trials.map((t) => value(t, f(t.point))));
  };
  // Stop at several places: mid gradient round, mid line round, after a failure.
  await round(a, 4);
  const trials = (await a.suggest(1, ctx)).map(trial);
  a.update([{ kind: "failed", ...trials[0], cause: "FAILED" }]);
  const script = async (designer: typeof a) => {
    for (const n of [3, 6, 2, 5, 6, 1, 6]) await round(designer, n);
    return stateOf(designer);
  };
  const dumped = a.dump();
  const b = zoRankSgdAlgorithm.create({
    space: unitSpace(3),
    config: zoRankSgdAlgorithm.configSchema.parse(config),
    seed: 999, // the state, not the seed, decides
    state: JSON.parse(JSON.stringify(dumped)) as JsonValue,
  });
  assert.deepEqual(b.dump(), dumped);
  assert.deepEqual(b.recommend!(), a.recommend!());
  assert.deepEqual(await script(b), await script(a));
  const corrupt = { ...stateOf(a), xi: [[1, 2, 3]] } as unknown as JsonValue;
  assert.throws(() => makeDesigner(3, config, 1, corrupt), /corrupt "zo-rank-sgd" state/);
  const wrongDimension = stateOf(a) as unknown as JsonValue;
  assert.throws(() => makeDesigner(2, config, 1, wrongDimension), /corrupt/);
});

Deno.test("the recommendation is x_t with the rounds that led there", async () => {
  const designer = makeDesigner(2, {}, 15);
  assert.deepEqual(designer.recommend!(), {
    point: [0.5, 0.5],
    details: {
      basis: "current iterate x_t",
      iteration: 0,
      comparisons: 0,
      valueRounds: 0,
      skippedComparisons: 0,
      ignoredFeedback: 0,
      lastLineSearch: null,
    },
  });
  const f = quadratic([0.1, 0.1]);
  await reportValues(designer, f);
  const trials = (await designer.suggest(6, ctx)).map(trial);
  designer.update([ranking(trials.slice(0, 2), trials.slice(2))]);
  const r = designer.recommend!()!;
  assert.deepEqual(r.point, stateOf(designer).x);
  assert.equal(r.details!.iteration, 2);
  assert.equal(r.details!.comparisons, 1);
  assert.equal(r.details!.valueRounds, 1);
});

Deno.test("target gradients are not for this algorithm: ignored", () => {
  const designer = makeDesigner(1, {}, 16);
  const before = stateOf(designer);
  const feedback: Feedback = {
    kind: "target_gradient",
    roundId: "r",
    rows: 1,
    inputs: new Float64Array([0.5]),
    targets: new Float64Array([0]),
    gradient: new Float64Array([1]),
    thetaVersion: 0,
  };
  designer.update([feedback]);
  assert.equal(stateOf(designer).stats.ignored, 1);
  assert.deepEqual(stateOf(designer).xi, before.xi);
});

Deno.test("different seeds draw different perturbations; the RNG is the seeded one", () => {
  const rng = Rng.fromSeed(17);
  const xi = Array.from({ length: 6 }, () => [rng.normal(), rng.normal()]);
  assert.deepEqual(stateOf(makeDesigner(2, {}, 17)).xi, xi);
  assert.notDeepEqual(stateOf(makeDesigner(2, {}, 18)).xi, xi);
});
