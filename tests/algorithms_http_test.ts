/**
 * Every registered algorithm, through the HTTP app: a short ask/tell run
 * gives valid points, and a seeded study is deterministic across requests
 * (its state is saved and restored on every suggestion).
 */
import assert from "node:assert/strict";
import { listAlgorithms } from "../src/algorithms/mod.ts";
import { Space } from "../src/space/mod.ts";
import { SpaceSchema } from "../src/space/schema.ts";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, studyBody, type TestApp } from "./support/harness.ts";

const SPACE = {
  parameters: [
    { name: "x", type: "float", min: -5, max: 10 },
    { name: "lr", type: "float", min: 1e-5, max: 0.1, scale: "log" },
    { name: "q", type: "float", min: 0, max: 1, step: 0.1 },
    { name: "n", type: "int", min: 1, max: 8 },
    { name: "m", type: "int", min: 0, max: 100, step: 5 },
    { name: "opt", type: "categorical", values: ["adam", "sgd", 3, false] },
  ],
};

function objective(p: Record<string, unknown>): number {
  return (p.x as number) ** 2 + Math.log10(p.lr as number) + (p.n as number) +
    (p.opt === "adam" ? 0 : 1);
}

/** The same space without its categorical, for algorithms that refuse categoricals. */
const NUMERIC_SPACE = { parameters: SPACE.parameters.filter((p) => p.type !== "categorical") };

/** The space an algorithm takes: SPACE, or NUMERIC_SPACE when it refuses categoricals. */
async function spaceFor(app: TestApp, algorithm: string): Promise<typeof SPACE> {
  const r = await app.request(
    "POST",
    "/v1/studies",
    studyBody({ space: SPACE, algorithm: { name: algorithm } }),
  );
  if (r.status === 201) return SPACE;
  assert.equal(r.status, 422, r.text);
  assert.match(r.body.detail, /categorical/, r.text);
  return NUMERIC_SPACE;
}

async function run(
  app: TestApp,
  algorithm: string,
  seed: number,
  rounds: number,
  space: typeof SPACE = SPACE,
) {
  const id = (await app.request(
    "POST",
    "/v1/studies",
    studyBody({
      space,
      algorithm: { name: algorithm, seed },
    }),
  )).body.id;
  const seen: Record<string, unknown>[] = [];
  for (let round = 0; round < rounds; round++) {
    const r = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 3 });
    assert.equal(r.status, 200, r.text);
    const items = r.body.trials.map((t: { id: string; params: Record<string, unknown> }) => {
      seen.push(t.params);
      return { trialId: t.id, values: { value: objective(t.params) } };
    });
    const done = await app.request("POST", `/v1/studies/${id}/trials/complete`, { items });
    assert.equal(done.status, 200, done.text);
  }
  return { id, seen };
}

describeOnBackends("algorithms through HTTP", testBackends(), async (t, app) => {
  // Algorithms driven by rounds (sso) hand out no trials: tests/sso_*_test.ts drive them.
  for (const algorithm of listAlgorithms().filter((a) => a.protocol !== "rounds")) {
    await t.step(`${algorithm.name}: valid points, deterministic per seed`, async () => {
      const spec = await spaceFor(app, algorithm.name);
      const space = new Space(SpaceSchema.parse(spec));
      const a = await run(app, algorithm.name, 42, 6, spec);
      assert.ok(a.seen.length >= 6, `${a.seen.length} points in 6 rounds`);
      for (const params of a.seen) {
        assert.deepEqual(space.check(params), [], JSON.stringify(params));
      }
      const b = await run(app, algorithm.name, 42, 6, spec);
      assert.deepEqual(b.seen, a.seen);
      const c = await run(app, algorithm.name, 43, 2, spec);
      assert.notDeepEqual(c.seen, a.seen.slice(0, c.seen.length));
      const best = await app.request("GET", `/v1/studies/${a.id}/trials/best`);
      const min = Math.min(...a.seen.map(objective));
      assert.equal(best.body.trials[0].values.value, min);
    });
  }
});
