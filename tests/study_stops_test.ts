/**
 * Stop conditions through the HTTP app, on both backends: `settings.maxTrials`
 * reached by sequential and concurrent asks (exactly that many, never more),
 * a batch trimmed to what is left, the study-complete 409, held trials given
 * back after completion, failed trials not counted, `settings.deadline`
 * refused in the past and passed by moving the app's clock, getStudy's
 * progress and best, updateStudy re-opening a study, and runs that stop when
 * their study completes (or are refused on a complete one).
 */
// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import type { Reply, TestApp } from "./support/harness.ts";
import { studyBody } from "./support/harness.ts";
import {
  checkRunTrials,
  describeRuns,
  eventsToEnd,
  getRun,
  modelStudy,
  runsPath,
  runTrials,
  startRun,
} from "./support/runs.ts";

const COMPLETE_TYPE = "urn:minima:problem:study-complete";

async function createStudy(app: TestApp, settings: Record<string, unknown>): Promise<string> {
  const r = await app.expect<{ id: string }>(201, "POST", "/v1/studies", studyBody({ settings }));
  return r.body.id;
}

function ask(app: TestApp, studyId: string, body: Record<string, unknown>, key?: string) {
  return app.request("POST", `/v1/studies/${studyId}/trials/suggest`, body, {
    headers: key ? { "idempotency-key": key } : {},
  });
}

async function complete(app: TestApp, studyId: string, trialId: string, value: number) {
  await app.expect(200, "POST", `/v1/studies/${studyId}/trials/${trialId}/complete`, {
    values: { value },
  });
}

async function study(app: TestApp, studyId: string): Promise<any> {
  return (await app.expect(200, "GET", `/v1/studies/${studyId}`)).body;
}

/** Checks a study-complete 409 naming `field`. */
function assertComplete(r: Reply, field: string, reason: string): void {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.type, COMPLETE_TYPE);
  assert.equal(r.body.title, "The study is complete");
  assert.deepEqual(r.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]), [
    [field, "study_complete"],
  ]);
  assert.equal(r.body.completion.reason, reason);
}

describeRuns(
  "studies stop at maxTrials or their deadline",
  async (t, { app, branin, braninId }) => {
    await t.step("createStudy shows the stop conditions and the progress", async () => {
      const deadline = new Date(Date.now() + 3_600_000).toISOString();
      const r = await app.expect<Record<string, unknown>>(
        201,
        "POST",
        "/v1/studies",
        studyBody({ settings: { maxTrials: 4, deadline } }),
      );
      const s = r.body as any;
      assert.deepEqual(s.settings, { leaseSeconds: 3600, maxTrials: 4, deadline });
      assert.equal(s.state, "ACTIVE");
      assert.equal(s.completion, null);
      assert.equal(s.best, null);
      assert.equal(s.progress.trials, 0);
      assert.equal(s.progress.maxTrials, 4);
      assert.equal(s.progress.fraction, 0);
      assert.equal(s.progress.deadline, deadline);
      assert.ok(s.progress.remainingSeconds > 3500 && s.progress.remainingSeconds <= 3600);
      const plain = (await app.expect(201, "POST", "/v1/studies", studyBody())).body as any;
      assert.deepEqual(plain.progress, {
        trials: 0,
        maxTrials: null,
        fraction: null,
        deadline: null,
        remainingSeconds: null,
      });
    });

    await t.step("a deadline in the past, or not a moment, is a 422 naming it", async () => {
      const past = new Date(Date.now() - 1000).toISOString();
      for (const deadline of [past, "tomorrow", "2030-01-01T00:00:00"]) {
        const r = await app.request("POST", "/v1/studies", studyBody({ settings: { deadline } }));
        assert.equal(r.status, 422, r.text);
        assert.equal(r.body.errors[0].field, "settings.deadline", deadline);
      }
      const r = await app.request(
        "POST",
        "/v1/studies",
        studyBody({ settings: { deadline: past } }),
      );
      assert.equal(r.body.errors[0].rule, "future");
      const zero = await app.request(
        "POST",
        "/v1/studies",
        studyBody({ settings: { maxTrials: 0 } }),
      );
      assert.equal(zero.status, 422);
      assert.equal(zero.body.errors[0].field, "settings.maxTrials");
    });

    await t.step("sequential asks stop at maxTrials; the 409 names it and the best", async () => {
      const id = await createStudy(app, { maxTrials: 5 });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await ask(app, id, { count: 1 });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.trials.length, 1);
        assert.equal(r.body.stop, undefined, "asked for 1, got 1: nothing was cut");
        ids.push(r.body.trials[0].id);
        if (i < 4) await complete(app, id, ids[i], 10 - i);
      }
      const s = await study(app, id);
      assert.equal(s.state, "COMPLETED");
      assert.equal(s.completion.reason, "maxTrials");
      assert.ok(Date.parse(s.completion.completedAt) > 0);
      assert.deepEqual([s.progress.trials, s.progress.fraction], [5, 1]);
      const refused = await ask(app, id, { count: 1 });
      assertComplete(refused, "settings.maxTrials", "maxTrials");
      assert.deepEqual(refused.body.best, { trialId: ids[3], number: 3, value: 7 });
      assert.match(refused.body.detail, /maxTrials \(5\)/);
      assert.match(refused.body.detail, /best value is 7 \(trial 3\)/);
      // A trial handed out before completion is still completed normally, and becomes the best.
      await complete(app, id, ids[4], 1);
      const after = await study(app, id);
      assert.deepEqual(after.best, { trialId: ids[4], number: 4, value: 1 });
      assert.equal(after.trialCounts.COMPLETED, 5);
      assert.equal((await ask(app, id, { count: 3 })).status, 409);
      const listed = await app.expect<{ items: { id: string }[] }>(
        200,
        "GET",
        "/v1/studies?state=COMPLETED&limit=100",
      );
      assert.ok(listed.body.items.some((x) => x.id === id));
    });

    await t.step("concurrent asks hand out exactly maxTrials, never more", async () => {
      // Through the suggestion queue (served in groups, one transaction each), then each in a
      // transaction of its own (an Idempotency-Key): both must stop at exactly 7.
      for (const idempotent of [false, true]) {
        const id = await createStudy(app, { maxTrials: 7 });
        const replies = await Promise.all(
          Array.from(
            { length: 24 },
            (_, i) =>
              ask(
                app,
                id,
                { count: 1, clientId: `w${i}` },
                idempotent ? `stops-${id}-${i}` : undefined,
              ),
          ),
        );
        const served = replies.filter((r) => r.status === 200);
        const refused = replies.filter((r) => r.status === 409);
        assert.equal(served.length + refused.length, 24, replies.map((r) => r.status).join());
        const handed = served.flatMap((r) => r.body.trials);
        assert.equal(handed.length, 7, `idempotent: ${idempotent}`);
        assert.equal(new Set(handed.map((x: { id: string }) => x.id)).size, 7);
        for (const r of refused) assertComplete(r, "settings.maxTrials", "maxTrials");
        const s = await study(app, id);
        assert.equal(s.trialCounts.ACTIVE, 7);
        assert.equal(s.state, "COMPLETED");
      }
    });

    await t.step("concurrent batches are trimmed to what is left, and say so", async () => {
      const id = await createStudy(app, { maxTrials: 10 });
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => ask(app, id, { count: 3, clientId: `b${i}` })),
      );
      const handed = replies.filter((r) => r.status === 200).flatMap((r) => r.body.trials);
      assert.equal(handed.length, 10);
      const trimmed = replies.filter((r) => r.status === 200 && r.body.trials.length < 3);
      assert.equal(trimmed.length, 1, "one batch gets the last trial alone");
      const stop = trimmed[0].body.stop;
      assert.deepEqual([stop.condition, stop.remaining, stop.complete], ["maxTrials", 0, true]);
      assert.match(stop.detail, /3 trials asked for, settings\.maxTrials \(10\) allowed 1/);
      assert.equal(trimmed[0].headers.get("retry-after"), null, "asking again will not help");
      assert.equal(trimmed[0].body.retryAfterSeconds, undefined);
      assert.equal(replies.filter((r) => r.status === 409).length, 2);
    });

    await t.step(
      "a sequential batch is trimmed; held trials come back after completion",
      async () => {
        const id = await createStudy(app, { maxTrials: 5 });
        const first = await ask(app, id, { count: 3, clientId: "a" });
        assert.equal(first.body.trials.length, 3);
        const second = await ask(app, id, { count: 4, clientId: "b" });
        assert.equal(second.status, 200, second.text);
        assert.equal(second.body.trials.length, 2);
        assert.equal(second.body.stop.condition, "maxTrials");
        // The study is complete; a client still holding trials gets those (a restart), others a 409.
        const again = await ask(app, id, { count: 3, clientId: "a" });
        assert.equal(again.status, 200, again.text);
        assert.deepEqual(
          again.body.trials.map((x: { id: string }) => x.id),
          first.body.trials.map((x: { id: string }) => x.id),
        );
        assertComplete(
          await ask(app, id, { count: 1, clientId: "c" }),
          "settings.maxTrials",
          "maxTrials",
        );
      },
    );

    await t.step("failed trials do not count toward maxTrials", async () => {
      const id = await createStudy(app, { maxTrials: 3 });
      const r = await ask(app, id, { count: 2 });
      const failed = r.body.trials[0].id;
      await app.expect(200, "POST", `/v1/studies/${id}/trials/${failed}/fail`, { reason: "oom" });
      assert.equal((await study(app, id)).progress.trials, 1);
      const more = await ask(app, id, { count: 5 });
      assert.equal(more.body.trials.length, 2, "3 count: the failed one gave its slot back");
      const s = await study(app, id);
      assert.deepEqual([s.trialCounts.ACTIVE, s.trialCounts.FAILED], [3, 1]);
      assert.equal(s.state, "COMPLETED");
    });

    await t.step("updateStudy: raising maxTrials re-opens; lowering it completes", async () => {
      const id = await createStudy(app, { maxTrials: 2 });
      await ask(app, id, { count: 2 });
      assert.equal((await study(app, id)).state, "COMPLETED");
      // ACTIVE while maxTrials still stops it: a 409 naming the setting to change.
      const still = await app.request("PATCH", `/v1/studies/${id}`, { state: "ACTIVE" });
      assert.equal(still.status, 409, still.text);
      assert.equal(still.body.errors[0].field, "settings.maxTrials");
      const raised = await app.expect<any>(200, "PATCH", `/v1/studies/${id}`, {
        settings: { maxTrials: 5 },
      });
      assert.equal(raised.body.state, "ACTIVE");
      assert.equal(raised.body.completion, null);
      assert.equal(raised.body.settings.maxTrials, 5);
      const more = await ask(app, id, { count: 10 });
      assert.equal(more.body.trials.length, 3);
      assert.equal(more.body.stop.condition, "maxTrials");
      const removed = await app.expect<any>(200, "PATCH", `/v1/studies/${id}`, {
        settings: { maxTrials: null },
      });
      assert.equal(removed.body.state, "ACTIVE");
      assert.equal((await ask(app, id, { count: 10 })).body.trials.length, 10);
      const lowered = await app.expect<any>(200, "PATCH", `/v1/studies/${id}`, {
        settings: { maxTrials: 4 },
      });
      assert.equal(lowered.body.state, "COMPLETED");
      assert.equal(lowered.body.completion.reason, "maxTrials");
      assert.equal(lowered.body.progress.fraction, 1);
      // Completed by hand: the reason is `manual`, and the 409 names the state.
      const other = await createStudy(app, {});
      await app.expect(200, "PATCH", `/v1/studies/${other}`, { state: "COMPLETED" });
      assertComplete(await ask(app, other, { count: 1 }), "state", "manual");
    });

    await t.step(
      "past its deadline a study is complete; moving the deadline re-opens it",
      async () => {
        const deadline = new Date(Date.now() + 60_000 + 3_600_000).toISOString();
        const id = await createStudy(app, { deadline });
        const early = await ask(app, id, { count: 2, clientId: "d" });
        assert.equal(early.body.trials.length, 2);
        assert.ok((await study(app, id)).progress.remainingSeconds > 0);
        // The app's clock (the harness's) moves past the deadline: no wall-clock wait.
        app.advance(2 * 3600);
        const s = await study(app, id);
        assert.equal(s.state, "COMPLETED");
        assert.deepEqual(s.completion, { reason: "deadline", completedAt: deadline });
        assert.equal(s.progress.remainingSeconds, 0);
        const completed = await app.expect<{ items: { id: string }[] }>(
          200,
          "GET",
          "/v1/studies?state=COMPLETED&limit=100",
        );
        assert.ok(completed.body.items.some((x) => x.id === id));
        const active = await app.expect<{ items: { id: string }[] }>(
          200,
          "GET",
          "/v1/studies?state=ACTIVE&limit=100",
        );
        assert.ok(!active.body.items.some((x) => x.id === id));
        assertComplete(await ask(app, id, { count: 1 }), "settings.deadline", "deadline");
        // Results of trials handed out before the deadline are still accepted.
        await complete(app, id, early.body.trials[0].id, 3);
        assert.equal((await study(app, id)).best.value, 3);
        // A new deadline in the past is refused; one in the future re-opens the study.
        const past = await app.request("PATCH", `/v1/studies/${id}`, {
          settings: { deadline: new Date(Date.now()).toISOString() },
        });
        assert.equal(past.status, 422, past.text);
        assert.equal(past.body.errors[0].field, "settings.deadline");
        const later = new Date(Date.now() + 4 * 3600_000).toISOString();
        const moved = await app.expect<any>(200, "PATCH", `/v1/studies/${id}`, {
          settings: { deadline: later },
        });
        assert.equal(moved.body.state, "ACTIVE");
        assert.equal((await ask(app, id, { count: 1 })).status, 200);
      },
    );

    await t.step(
      "a run stops when its study reaches maxTrials; a complete study runs no more",
      async () => {
        const studyId = await modelStudy(app, branin, braninId, { name: "random" }, {
          maxTrials: 6,
        });
        const runId = await startRun(app, studyId, { budget: 20, batchSize: 4 });
        const events = await eventsToEnd(app, studyId, runId);
        const last = events[events.length - 1];
        assert.equal(last.data.state, "SUCCEEDED");
        assert.equal(last.data.stopReason, "study_complete");
        const run = await getRun(app, studyId, runId);
        assert.equal(run.stopReason, "study_complete");
        assert.match(run.reason, /maxTrials \(6\)/);
        const trials = await runTrials(app, studyId, runId);
        checkRunTrials(run, trials);
        assert.equal(trials.length, 6, "the study's 6 trials, not the run's budget of 20");
        assert.equal(run.completed, 6);
        const s = await study(app, studyId);
        assert.deepEqual([s.state, s.completion.reason, s.trialCounts.COMPLETED], [
          "COMPLETED",
          "maxTrials",
          6,
        ]);
        assert.equal(s.best.value, run.best.value);
        const refused = await app.request("POST", runsPath(studyId), { budget: 4 });
        assertComplete(refused, "settings.maxTrials", "maxTrials");
        // A run's own budget still ends it first when the study allows more.
        const roomy = await modelStudy(app, branin, braninId, { name: "random" }, {
          maxTrials: 50,
        });
        const small = await startRun(app, roomy, { budget: 4, batchSize: 2 });
        const ended = await eventsToEnd(app, roomy, small);
        assert.equal(ended[ended.length - 1].data.stopReason, "budget");
        assert.equal((await study(app, roomy)).state, "ACTIVE");
      },
    );
  },
);
