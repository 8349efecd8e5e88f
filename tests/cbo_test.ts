/**
 * "cbo" through the HTTP app, on PGlite and on PostgreSQL: one generation of
 * particles at a time, handed out to any number of clients.
 */
import assert from "node:assert/strict";
import { completeTrial } from "../src/services/reports.ts";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy, type TestApp } from "./support/harness.ts";

interface Trial {
  id: string;
  params: Record<string, number>;
  state: string;
}

const SPACE = {
  parameters: [
    { name: "x", type: "float", min: -3, max: 3 },
    { name: "y", type: "float", min: -3, max: 3 },
  ],
};

async function cboStudy(app: TestApp, config: Record<string, unknown> = {}): Promise<string> {
  return await newStudy(app, {
    name: `cbo-${crypto.randomUUID().slice(0, 8)}`,
    space: SPACE,
    algorithm: { name: "cbo", config: { particles: 4, ...config }, seed: 3 },
  });
}

async function suggest(app: TestApp, id: string, count: number, clientId?: string) {
  const r = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count, clientId });
  assert.equal(r.status, 200, r.text);
  return r;
}

function value(t: Trial): number {
  return t.params.x ** 2 + t.params.y ** 2;
}

describeOnBackends("cbo", testBackends(), async (t, app) => {
  await t.step("categorical parameters are refused at study creation", async () => {
    const r = await app.request("POST", "/v1/studies", {
      name: `cat-${crypto.randomUUID().slice(0, 8)}`,
      space: {
        parameters: [...SPACE.parameters, { name: "c", type: "categorical", values: [1, 2] }],
      },
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "cbo" },
    });
    assert.equal(r.status, 422, r.text);
    assert.equal(r.body.errors[0].field, "space", r.text);
    assert.equal(r.body.errors[0].rule, "supported_space", r.text);
    assert.match(r.body.detail, /categorical/);
    // A swarm whose state would be too large to save with every generation.
    const huge = await app.request("POST", "/v1/studies", {
      name: `huge-${crypto.randomUUID().slice(0, 8)}`,
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "cbo", config: { particles: 1000, runs: 1 } },
      space: {
        parameters: Array.from(
          { length: 1001 },
          (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
        ),
      },
    });
    assert.equal(huge.status, 422, huge.text);
    assert.match(huge.body.detail, /particles × runs × parameters/);
  });

  await t.step("one generation at a time; nothing more until it is reported", async () => {
    const id = await cboStudy(app);
    const first = await suggest(app, id, 10, "a");
    const generation: Trial[] = first.body.trials;
    assert.equal(generation.length, 4);
    assert.ok(first.body.retryAfterSeconds > 0, "fewer than asked: a hint to ask again");
    assert.ok(Number(first.headers.get("retry-after")) >= 1);
    // Another client asks while the generation is out: an empty list, not a wait.
    const empty = await suggest(app, id, 2, "b");
    assert.deepEqual(empty.body.trials, []);
    assert.ok(empty.body.retryAfterSeconds > 0);
    // Three reported, one failed: the failed particle is handed out again.
    for (const trial of generation.slice(0, 3)) {
      const r = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
        values: { value: value(trial) },
      });
      assert.equal(r.status, 200, r.text);
    }
    const failed = await app.request("POST", `/v1/studies/${id}/trials/${generation[3].id}/fail`, {
      reason: "node lost",
    });
    assert.equal(failed.status, 200, failed.text);
    const again = await suggest(app, id, 4, "b");
    assert.equal(again.body.trials.length, 1);
    assert.deepEqual(again.body.trials[0].params, generation[3].params);
    // Until that one is in, the next generation does not exist.
    assert.deepEqual((await suggest(app, id, 4, "c")).body.trials, []);
    await app.request("POST", `/v1/studies/${id}/trials/${again.body.trials[0].id}/complete`, {
      values: { value: value(again.body.trials[0]) },
    });
    const next = await suggest(app, id, 4, "c");
    assert.equal(next.body.trials.length, 4);
    assert.equal(next.body.retryAfterSeconds, undefined);
    const before = new Set(generation.map((g) => JSON.stringify(g.params)));
    assert.ok(next.body.trials.every((x: Trial) => !before.has(JSON.stringify(x.params))));
    const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
    assert.equal(best.status, 200, best.text);
    assert.ok(best.body.recommendation, best.text);
    assert.equal(best.body.recommendation.details.generation, 1);
    // The best point ever, as params of the space.
    const all = [...generation, again.body.trials[0]];
    const bestEver = all.reduce((a, b) => value(a) <= value(b) ? a : b);
    assert.deepEqual(best.body.recommendation.points.best, bestEver.params);
    // Report the second generation without asking again: the recommendation already
    // includes it (the designer is fed what it has not seen).
    await app.request("POST", `/v1/studies/${id}/trials/complete`, {
      items: next.body.trials.map((x: Trial) => ({ trialId: x.id, values: { value: value(x) } })),
    });
    const later = await app.request("GET", `/v1/studies/${id}/trials/best`);
    assert.equal(later.body.recommendation.details.generation, 2);
  });

  await t.step(
    "a stale particle is handed out again; its late result is not counted twice",
    async () => {
      const id = await cboStudy(app);
      const generation: Trial[] = (await suggest(app, id, 4, "a")).body.trials;
      for (const trial of generation.slice(0, 3)) {
        await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
          values: { value: value(trial) },
        });
      }
      app.advance(2 * 3600);
      const retry = await suggest(app, id, 4, "b");
      assert.equal(retry.body.trials.length, 1);
      assert.deepEqual(retry.body.trials[0].params, generation[3].params);
      // Both the stale original (late) and its retry report: one step, one generation.
      for (const trial of [generation[3], retry.body.trials[0]]) {
        const r = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
          values: { value: value(trial) },
        });
        assert.equal(r.status, 200, r.text);
      }
      const next = await suggest(app, id, 10, "b");
      assert.equal(next.body.trials.length, 4);
      const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
      assert.equal(best.body.recommendation.details.generation, 1);
    },
  );

  await t.step("a result posted with createTrial reaches the designer once", async () => {
    const id = await cboStudy(app);
    const first = (await suggest(app, id, 4)).body.trials as Trial[];
    const done = await app.request("POST", `/v1/studies/${id}/trials/complete`, {
      items: first.map((x) => ({ trialId: x.id, values: { value: value(x) } })),
    });
    assert.equal(done.status, 200, done.text);
    // A warm start with a result better than any particle's.
    const warm = await app.request("POST", `/v1/studies/${id}/trials`, {
      params: { x: 0.5, y: -0.25 },
      values: { value: -1 },
    });
    assert.equal(warm.status, 201, warm.text);
    const details = async () => {
      const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
      assert.equal(best.status, 200, best.text);
      return best.body.recommendation;
    };
    // getBestTrials feeds what the designer has not seen without consuming it …
    for (let i = 0; i < 2; i++) {
      const r = await details();
      assert.equal(r.details.evaluations, 5);
      assert.equal(r.details.bestLoss, -1);
      assert.deepEqual(r.points.best, { x: 0.5, y: -0.25 });
    }
    // … and the next suggestion consumes it: still counted once.
    assert.equal((await suggest(app, id, 4)).body.trials.length, 4);
    assert.equal((await details()).details.evaluations, 5);
  });

  if (app.backend === "postgres") {
    await t.step(
      "a late value reported while a suggestion hands over the trial's STALE report is kept",
      async () => {
        const id = await cboStudy(app);
        const first = (await suggest(app, id, 4, "a")).body.trials as Trial[];
        app.advance(2 * 3600);
        // All four go STALE and are handed out again; no new point is needed, so the
        // designer is not restored: the STALE reports wait in the queue.
        assert.equal((await suggest(app, id, 4, "b")).body.trials.length, 4);
        const ctx = {
          db: app.database.db,
          now: () => new Date(Date.now() + 2 * 3600_000),
          defaultLeaseSeconds: 3600,
        };
        // The late value's transaction is open while a suggestion takes the queue.
        await app.database.db.transaction(async (tx) => {
          await completeTrial(ctx, tx, app.projectId, id, first[0].id, {
            values: { value: -7 },
          });
          const r = await suggest(app, id, 4, "c");
          assert.equal(r.body.trials.length, 0, "the generation is out");
        });
        const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
        assert.equal(best.status, 200, best.text);
        assert.ok(best.body.recommendation, "the late value reached the designer");
        assert.equal(best.body.recommendation.details.evaluations, 1);
        assert.equal(best.body.recommendation.details.bestLoss, -7);
      },
    );
  }

  await t.step("a batch client runs generations with suggest and completeTrials", async () => {
    const id = await cboStudy(app, {
      particles: 20,
      sigma: 1,
      alpha: 30,
      initialBox: { low: 0.2, high: 0.8 },
    });
    for (let step = 0; step < 60; step++) {
      const { trials } = (await suggest(app, id, 20, "batch")).body;
      assert.equal(trials.length, 20);
      for (const trial of trials as Trial[]) {
        assert.ok(Math.abs(trial.params.x) <= 3 && Math.abs(trial.params.y) <= 3);
      }
      // Every other generation is reported without the echo (Prefer: return=minimal).
      const minimal = step % 2 === 1;
      const r = await app.request("POST", `/v1/studies/${id}/trials/complete`, {
        items: trials.map((x: Trial) => ({ trialId: x.id, values: { value: value(x) } })),
      }, minimal ? { headers: { prefer: "return=minimal" } } : {});
      assert.equal(r.status, minimal ? 204 : 200, r.text);
    }
    const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
    const c = best.body.recommendation.params;
    assert.ok(Math.hypot(c.x, c.y) < 0.3, JSON.stringify(best.body.recommendation));
  });
});
