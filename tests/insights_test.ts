/**
 * The dashboard's JSON views (getStudySummary, getParameterImportance) over
 * the real app and database: the best value and last activity agree with the
 * trials, the importance ranks the parameters of f = 10·x0 + x1 + 0·x2 in
 * order, and both are a project's own (another project's study is a 404).
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy, type TestApp } from "./support/harness.ts";

/** Completes `n` suggested trials of `studyId` with f's value; their numbers and values. */
async function evaluate(
  app: TestApp,
  studyId: string,
  n: number,
  f: (p: Record<string, number>) => number,
) {
  const suggested = await app.expect<
    { trials: { id: string; number: number; params: Record<string, number> }[] }
  >(
    200,
    "POST",
    `/v1/studies/${studyId}/trials/suggest`,
    { count: n },
  );
  const done: { number: number; value: number }[] = [];
  for (const t of suggested.body.trials) {
    const value = f(t.params);
    await app.expect(200, "POST", `/v1/studies/${studyId}/trials/${t.id}/complete`, {
      values: { value },
    });
    done.push({ number: t.number, value });
  }
  return done;
}

describeOnBackends("study summary and importance", testBackends(), async (t, app) => {
  const studyId = await newStudy(app, {
    name: "linear",
    space: {
      parameters: ["x0", "x1", "x2"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
    },
  });

  await t.step("no trials: no best, no activity, no importance", async () => {
    const s = await app.expect<Record<string, unknown>>(
      200,
      "GET",
      `/v1/studies/${studyId}/summary`,
    );
    assert.deepEqual(s.body, {
      studyId,
      metric: "value",
      goal: "minimize",
      best: null,
      lastActivityAt: null,
    });
    const i = await app.expect<Record<string, unknown>>(
      200,
      "GET",
      `/v1/studies/${studyId}/importance`,
    );
    assert.equal(i.body.trials, 0);
    assert.equal(i.body.completed, 0);
    assert.equal(i.body.r2, null);
    assert.deepEqual(i.body.parameters, []);
  });

  const done = await evaluate(app, studyId, 40, (p) => 10 * p.x0 + p.x1);

  await t.step("the summary's best is the smallest value, its trial the API's best", async () => {
    const s = await app.expect<
      { best: { value: number; trialNumber: number }; lastActivityAt: string }
    >(
      200,
      "GET",
      `/v1/studies/${studyId}/summary`,
    );
    const min = done.reduce((a, b) => (b.value < a.value ? b : a));
    assert.deepEqual(s.body.best, { value: min.value, trialNumber: min.number });
    const best = await app.expect<{ trials: { number: number; completedAt: string }[] }>(
      200,
      "GET",
      `/v1/studies/${studyId}/trials/best`,
    );
    assert.equal(best.body.trials[0].number, min.number);
    const trials = await app.expect<{ items: { completedAt: string }[] }>(
      200,
      "GET",
      `/v1/studies/${studyId}/trials?limit=1000`,
    );
    const latest = trials.body.items.map((x) => Date.parse(x.completedAt)).reduce(
      (a, b) => Math.max(a, b),
    );
    assert.equal(Date.parse(s.body.lastActivityAt), latest);
  });

  await t.step("importance: x0 first, x1 second, x2 near zero", async () => {
    const r = await app.expect<{
      method: string;
      trials: number;
      completed: number;
      r2: number;
      parameters: { name: string; importance: number }[];
    }>(200, "GET", `/v1/studies/${studyId}/importance`);
    assert.equal(r.body.method, "gp-permutation");
    assert.equal(r.body.completed, 40);
    assert.equal(r.body.trials, 40);
    assert.ok(r.body.r2 > 0.99, `R² ${r.body.r2}`);
    const [x0, x1, x2] = r.body.parameters;
    assert.deepEqual(r.body.parameters.map((p) => p.name), ["x0", "x1", "x2"]);
    assert.ok(x0.importance > 20 * x1.importance, JSON.stringify(r.body.parameters));
    assert.ok(x1.importance > 5 * x2.importance, JSON.stringify(r.body.parameters));
  });

  await t.step("a new completion is counted in the next importance (no stale answer)", async () => {
    const before = await app.expect<{ completed: number; trials: number }>(
      200,
      "GET",
      `/v1/studies/${studyId}/importance`,
    );
    assert.equal(before.body.completed, 40);
    await evaluate(app, studyId, 1, (p) => 10 * p.x0 + p.x1);
    const after = await app.expect<{ completed: number; trials: number }>(
      200,
      "GET",
      `/v1/studies/${studyId}/importance`,
    );
    assert.equal(after.body.completed, 41);
    assert.equal(after.body.trials, 41);
  });

  await t.step("another project's study is a 404; no key is a 401", async () => {
    const other = await app.newProject("other");
    for (const path of ["summary", "importance"]) {
      const r = await app.request("GET", `/v1/studies/${studyId}/${path}`, undefined, {
        key: other.key,
      });
      assert.equal(r.status, 404, r.text);
      const anonymous = await app.request("GET", `/v1/studies/${studyId}/${path}`, undefined, {
        key: null,
      });
      assert.equal(anonymous.status, 401);
    }
  });
});
