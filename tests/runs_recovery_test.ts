/**
 * What a run survives without failing or miscounting, on both backends: a
 * worker lost with a batch in flight (its trials given up when the run is
 * cancelled; taken back by the next worker even after the study's lease
 * turned them STALE, so the run's trials number exactly its budget), a
 * database blip and a busy model (retried in place: the same claim), and
 * progress events written at most every `progressSeconds`.
 *
 * The app serves the API only (no worker of its own); the test drives the
 * run as workers would (claimBatch, executeBatch), with a context of its
 * own whose clock it moves and whose database it can make fail.
 */
import assert from "node:assert/strict";
import type { Database } from "../src/db/client.ts";
import { expireLeases } from "../src/db/queries/suggest.ts";
import { Problem } from "../src/errors.ts";
import { createServiceContext, type ServiceContext } from "../src/services/context.ts";
import { suggestTrials } from "../src/services/suggest.ts";
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
import type { TestApp } from "./support/harness.ts";
import type { OnnxRuntime } from "../src/evaluators/onnx/mod.ts";
// After the harness (support/runs.ts), whose app extends zod before the services make schemas.
import { claimBatch } from "../src/services/runs/claim.ts";
import { executeBatch } from "../src/services/runs/executor.ts";

/** A worker's context over the app's database: its own clock, and a database that fails on demand. */
function workerContext(app: TestApp, onnx: OnnxRuntime) {
  let offset = 0;
  let failing = 0;
  const real = app.database.db;
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === "transaction" && failing > 0) {
        failing--;
        return () =>
          Promise.reject(
            Object.assign(new Error("terminating connection due to administrator command"), {
              code: "57P01",
            }),
          );
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Database;
  const ctx: ServiceContext = createServiceContext({
    db,
    now: () => new Date(Date.now() + offset),
    defaultLeaseSeconds: 3600,
    onnx,
  });
  return {
    ctx,
    advance: (seconds: number) => void (offset += seconds * 1000),
    /** The next `n` transactions fail as if the connection had been terminated. */
    failTransactions: (n: number) => void (failing = n),
  };
}

/** Claims batches as `workerId` (asserting they are `runId`'s) and executes them until none is left. */
async function drive(ctx: ServiceContext, runId: string, workerId: string, progressSeconds = 0) {
  const stop = new AbortController().signal;
  const progress = { at: -Infinity };
  for (;;) {
    const claimed = await claimBatch(ctx, { workerId, leaseSeconds: 30, gpu: false });
    if (!claimed) return;
    assert.equal(claimed.run.id, runId);
    await executeBatch(ctx, claimed, {
      workerId,
      leaseSeconds: 30,
      stop,
      progressSeconds,
      progress,
    });
  }
}

/** A worker that opens the run's first batch and dies at once (its lease, of 0 s, lapses). */
async function dyingClaim(ctx: ServiceContext, workerId: string) {
  return await claimBatch(ctx, { workerId, leaseSeconds: 0, gpu: false });
}

describeRuns(
  "runs survive lost workers, database blips and busy models",
  async (t, { app, onnx, branin: b, braninId }) => {
    await t.step("cancelling a run whose worker is gone gives up its trials", async () => {
      const { ctx } = workerContext(app, onnx);
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const runId = await startRun(app, studyId, { budget: 6, batchSize: 3 });
      // A worker claims a batch, takes its trials, and dies.
      await dyingClaim(ctx, "dead");
      const { trials: batch } = await suggestTrials(ctx, ctx.db, app.projectId, studyId, {
        count: 3,
        clientId: `run:${runId}/0`,
      }, new AbortController().signal);
      assert.equal(batch.length, 3);
      const cancelled = await app.expect<{ state: string }>(
        200,
        "POST",
        `${runsPath(studyId)}/${runId}/cancel`,
      );
      assert.equal(cancelled.body.state, "CANCELLED");
      const trials = await runTrials(app, studyId, runId);
      assert.deepEqual(trials.map((t) => t.state), ["STALE", "STALE", "STALE"]);
    });

    await t.step(
      "a takeover after the study's lease ran out: the run's trials number its budget",
      async () => {
        const { ctx, advance } = workerContext(app, onnx);
        const studyId = await modelStudy(app, b, braninId, { name: "random" }, {
          leaseSeconds: 5,
        });
        const runId = await startRun(app, studyId, { budget: 6, batchSize: 3 });
        await dyingClaim(ctx, "dead");
        await suggestTrials(ctx, ctx.db, app.projectId, studyId, {
          count: 3,
          clientId: `run:${runId}/0`,
        }, new AbortController().signal);
        // Longer than the study's lease: another client's suggestion makes the batch STALE.
        advance(60);
        await expireLeases(ctx.db, studyId, ctx.now(), false);
        assert.deepEqual((await runTrials(app, studyId, runId)).map((t) => t.state), [
          "STALE",
          "STALE",
          "STALE",
        ]);
        await drive(ctx, runId, "alive");
        const run = await getRun(app, studyId, runId);
        assert.deepEqual([run.state, run.completed, run.claims], ["SUCCEEDED", 6, 2]);
        const trials = await runTrials(app, studyId, runId);
        assert.equal(trials.length, 6, "the dead worker's batch was taken back, not copied");
        checkRunTrials(run, trials);
      },
    );

    await t.step(
      "a database blip and a busy model are retried in place: the same claim",
      async () => {
        const { ctx, failTransactions } = workerContext(app, onnx);
        const studyId = await modelStudy(app, b, braninId, { name: "random" });
        const runId = await startRun(app, studyId, { budget: 6, batchSize: 3 });
        // The same worker takes its own lapsed batch again: no worker was lost.
        await dyingClaim(ctx, "w");
        const evaluate = onnx.evaluate.bind(onnx);
        let calls = 0;
        onnx.evaluate = async (...args) => {
          calls++;
          // A shared worker's 503, then the batch's transaction cut off once.
          if (calls === 1) throw new Problem("unavailable", "the model's worker is busy");
          if (calls === 2) failTransactions(1);
          return await evaluate(...args);
        };
        try {
          await drive(ctx, runId, "w");
        } finally {
          onnx.evaluate = evaluate;
        }
        const run = await getRun(app, studyId, runId);
        assert.deepEqual([run.state, run.completed, run.claims], ["SUCCEEDED", 6, 1], run.reason);
        assert.ok(calls >= 3);
        const trials = await runTrials(app, studyId, runId);
        assert.equal(trials.length, 6);
        checkRunTrials(run, trials);
        const events = await eventsToEnd(app, studyId, runId);
        assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1), "ids 1..n");
      },
    );

    await t.step("a run that requires a GPU is left to workers that have one", async () => {
      const { ctx } = workerContext(app, onnx);
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      // The older run comes first in the queue, for any worker that may take it.
      const gpuRun = await startRun(app, studyId, { budget: 4, batchSize: 2, requires: "gpu" });
      const cpuRun = await startRun(app, studyId, { budget: 4, batchSize: 2 });
      // A worker without a GPU takes only the later run, to its end.
      await drive(ctx, cpuRun, "cpu-only");
      assert.equal((await getRun(app, studyId, cpuRun)).state, "SUCCEEDED");
      const waiting = await getRun(app, studyId, gpuRun);
      assert.deepEqual([waiting.state, waiting.requires, waiting.claims], ["QUEUED", "gpu", 0]);
      // One that has a GPU takes it.
      const claimed = await claimBatch(ctx, { workerId: "gpu", leaseSeconds: 30, gpu: true });
      assert.equal(claimed?.run.id, gpuRun);
      await app.expect(200, "POST", `${runsPath(studyId)}/${gpuRun}/cancel`);
    });

    await t.step("progress events at most every progressSeconds; the last one kept", async () => {
      const { ctx } = workerContext(app, onnx);
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const runId = await startRun(app, studyId, { budget: 5, batchSize: 1 });
      await drive(ctx, runId, "w", 3600);
      const events = await eventsToEnd(app, studyId, runId);
      assert.deepEqual(
        events.map((e) => [e.id, e.event, e.data.state ?? e.data.completed]),
        [[1, "state", "QUEUED"], [2, "state", "RUNNING"], [3, "progress", 1], [
          4,
          "progress",
          5,
        ], [5, "state", "SUCCEEDED"]],
      );
    });
  },
  0,
);
