/**
 * Runs through the HTTP app on ONNX models, on both backends: each
 * algorithm's protocol in a run (cbo generations, zo-rank-sgd rounds ranked
 * from the values, gp-bo batches with pending points), the events and their
 * replay with Last-Event-ID, and a gp-bo run equal, seed for seed, to the
 * same study driven over HTTP with the same model.
 */
import assert from "node:assert/strict";
import type { Trial } from "./support/harness.ts";
import { hartmann6, rastrigin } from "./support/onnx_models.ts";
import {
  checkRunTrials,
  describeRuns,
  eventsToEnd,
  getRun,
  modelStudy,
  progressOf,
  type RunEvent,
  runsPath,
  runTrials,
  startRun,
  uploadModel,
} from "./support/runs.ts";

describeRuns(
  "runs drive each algorithm on ONNX models",
  async (t, { app, branin: b, braninId }) => {
    let finished: { studyId: string; runId: string; events: RunEvent[] } | undefined;
    await t.step("random: the budget, in batches, trials completed once each", async () => {
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const runId = await startRun(app, studyId, { budget: 20, batchSize: 8 });
      const events = await eventsToEnd(app, studyId, runId);
      assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1), "ids 1..n");
      assert.deepEqual(
        events.filter((e) => e.event === "state").map((e) => e.data.state),
        ["QUEUED", "RUNNING", "SUCCEEDED"],
      );
      assert.deepEqual(progressOf(events), [8, 16, 20]);
      const run = await getRun(app, studyId, runId);
      assert.equal(run.state, "SUCCEEDED");
      assert.equal(run.stopReason, "budget");
      assert.equal(run.completed, 20);
      assert.equal(run.claims, 1);
      const trials = await runTrials(app, studyId, runId);
      assert.equal(trials.length, 20);
      checkRunTrials(run, trials);
      for (const trial of trials) {
        const want = b.reference([trial.params.x0 as number, trial.params.x1 as number])[0];
        assert.ok(Math.abs(trial.values!.value - want) < 1e-3 * Math.max(1, Math.abs(want)));
      }
      const listed = await app.expect<{ items: { id: string }[] }>(
        200,
        "GET",
        runsPath(studyId),
      );
      assert.deepEqual(listed.body.items.map((r) => r.id), [runId]);
      finished = { studyId, runId, events };
    });

    await t.step("Last-Event-ID replays exactly what was missed", async () => {
      const { studyId, runId, events } = finished!;
      for (const last of [0, 2, events.length - 1, events.length]) {
        assert.deepEqual(await eventsToEnd(app, studyId, runId, last), events.slice(last));
      }
      // Ended, nothing after Last-Event-ID: 204, which stops an EventSource's reconnections.
      const path = `${runsPath(studyId)}/${runId}/events`;
      for (const last of [events.length, events.length + 5]) {
        const ended = await app.request("GET", path, undefined, {
          headers: { "last-event-id": String(last) },
        });
        assert.equal(ended.status, 204);
        assert.equal(ended.text, "");
      }
      const bad = await app.request("GET", `${runsPath(studyId)}/${runId}/events`, undefined, {
        headers: { "last-event-id": "x" },
      });
      assert.equal(bad.status, 400);
    });

    await t.step("cbo: one generation of N particles per batch", async () => {
      const r = rastrigin(3);
      const modelId = await uploadModel(app, "rastrigin3", r.bytes);
      const studyId = await modelStudy(app, r, modelId, {
        name: "cbo",
        config: { particles: 6 },
      });
      const runId = await startRun(app, studyId, { budget: 18, batchSize: 16 });
      const events = await eventsToEnd(app, studyId, runId);
      assert.deepEqual(progressOf(events), [6, 12, 18]);
      const run = await getRun(app, studyId, runId);
      assert.equal(run.state, "SUCCEEDED");
      const trials = await runTrials(app, studyId, runId);
      assert.equal(trials.length, 18);
      checkRunTrials(run, trials);
    });

    await t.step("zo-rank-sgd: rounds ranked from the values move the point", async () => {
      const h = hartmann6();
      const modelId = await uploadModel(app, "hartmann6", h.bytes);
      const studyId = await modelStudy(app, h, modelId, {
        name: "zo-rank-sgd",
        config: { candidates: 4, stepSize: 0.2 },
      });
      const runId = await startRun(app, studyId, { budget: 12, batchSize: 8 });
      const events = await eventsToEnd(app, studyId, runId);
      assert.deepEqual(progressOf(events), [4, 8, 12]);
      const trials = await runTrials(app, studyId, runId);
      assert.equal(trials.length, 12);
      checkRunTrials(await getRun(app, studyId, runId), trials);
      const best = await app.expect<{ recommendation: { params: Record<string, number> } }>(
        200,
        "GET",
        `/v1/studies/${studyId}/trials/best`,
      );
      const x = Object.values(best.body.recommendation.params);
      assert.ok(x.some((v) => Math.abs(v - 0.5) > 1e-6), `x_t still at the centre: ${x}`);
    });

    await t.step("gp-bo: batches with pending points", async () => {
      const studyId = await modelStudy(app, b, braninId, {
        name: "gp-bo",
        config: { initialDesign: 3, candidates: 256, restarts: 0, localStarts: 2 },
      });
      const runId = await startRun(app, studyId, { budget: 8, batchSize: 4 });
      const events = await eventsToEnd(app, studyId, runId);
      assert.deepEqual(progressOf(events), [4, 8]);
      const trials = await runTrials(app, studyId, runId);
      assert.equal(trials.length, 8);
      checkRunTrials(await getRun(app, studyId, runId), trials);
      const points = new Set(trials.map((t) => JSON.stringify(t.params)));
      assert.equal(points.size, 8, "each point of a batch differs from those pending");
    });

    await t.step("gp-bo: a run gives, seed for seed, the trials HTTP clients get", async () => {
      const algorithm = {
        name: "gp-bo",
        seed: 11,
        config: { initialDesign: 3, candidates: 256, restarts: 0, localStarts: 2 },
      };
      const [budget, batchSize] = [7, 2];
      const ranStudy = await modelStudy(app, b, braninId, algorithm);
      const runId = await startRun(app, ranStudy, { budget, batchSize });
      await eventsToEnd(app, ranStudy, runId);
      const ran = await runTrials(app, ranStudy, runId);

      // The same protocol over HTTP: ask a batch, evaluate it with the model, tell it.
      const httpStudy = await modelStudy(app, b, braninId, algorithm);
      for (let done = 0; done < budget;) {
        const count = Math.min(batchSize, budget - done);
        const asked = await app.expect<{ trials: Trial[] }>(
          200,
          "POST",
          `/v1/studies/${httpStudy}/trials/suggest`,
          { count, clientId: "http" },
        );
        const trials = asked.body.trials;
        const evaluated = await app.expect<{ outputs: { y: { data: number[] } } }>(
          200,
          "POST",
          `/v1/models/${braninId}/evaluate`,
          {
            inputs: {
              x: {
                shape: [trials.length, 2],
                data: trials.flatMap((t) => [t.params.x0, t.params.x1]),
              },
            },
          },
        );
        await app.expect(200, "POST", `/v1/studies/${httpStudy}/trials/complete`, {
          items: trials.map((t, i) => ({
            trialId: t.id,
            values: { value: evaluated.body.outputs.y.data[i] },
          })),
        });
        done += trials.length;
      }
      const http = await app.expect<{ items: Trial[] }>(
        200,
        "GET",
        `/v1/studies/${httpStudy}/trials`,
      );
      assert.equal(ran.length, budget);
      assert.deepEqual(
        ran.map((t) => [t.number, t.params, t.values]),
        http.body.items.map((t) => [t.number, t.params, t.values]),
      );
    });
  },
);
