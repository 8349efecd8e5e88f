/**
 * A run's workers against its study's stop conditions (settings.maxTrials),
 * on both backends, with the run driven as two workers would (claimBatch,
 * executeBatch) and the model held by a latch:
 *
 * - a worker that finds the study complete while another worker's batch
 *   still evaluates the last slots does not throw that batch away: the run
 *   stops (no batch opens on it), and ends SUCCEEDED `study_complete` once
 *   the batch is recorded, with exactly maxTrials COMPLETED trials;
 * - a worker that takes over a lapsed batch takes its STALE trials back
 *   only as far as maxTrials leaves room, and under the study's row lock,
 *   as a suggestion counts them (on PostgreSQL: it waits for a suggestion
 *   holding that lock; PGlite's one connection serialises them anyway).
 */
import assert from "node:assert/strict";
import { expireLeases } from "../src/db/queries/suggest.ts";
import { createServiceContext, type ServiceContext } from "../src/services/context.ts";
import { suggestTrials } from "../src/services/suggest.ts";
import type { OnnxRuntime } from "../src/evaluators/onnx/mod.ts";
import { lockStudy } from "./support/db.ts";
import type { TestApp } from "./support/harness.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";
import {
  checkRunTrials,
  describeRuns,
  eventsToEnd,
  getRun,
  modelStudy,
  runTrials,
  startRun,
} from "./support/runs.ts";
// After the harness (support/runs.ts), whose app extends zod before the services make schemas.
import { claimBatch, type ClaimedBatch } from "../src/services/runs/claim.ts";
import { executeBatch } from "../src/services/runs/executor.ts";

/** A worker's context over the app's database, with a clock the test moves. */
function workerContext(app: TestApp, onnx: OnnxRuntime) {
  let offset = 0;
  const ctx: ServiceContext = createServiceContext({
    db: app.database.db,
    now: () => new Date(Date.now() + offset),
    defaultLeaseSeconds: 3600,
    onnx,
  });
  return { ctx, advance: (seconds: number) => void (offset += seconds * 1000) };
}

const claimer = (workerId: string, leaseSeconds = 30) => ({ workerId, leaseSeconds, gpu: false });

/** Executes a batch `workerId` claimed, to its end. */
async function execute(ctx: ServiceContext, claimed: ClaimedBatch, workerId: string) {
  const stop = new AbortController().signal;
  const lease = { workerId, leaseSeconds: 30, stop, progressSeconds: 0, progress: { at: 0 } };
  return await executeBatch(ctx, claimed, lease);
}

/** Claims one batch as `workerId` and executes it to its end (undefined: nothing to claim). */
async function claimAndExecute(ctx: ServiceContext, workerId: string) {
  const claimed = await claimBatch(ctx, claimer(workerId));
  if (!claimed) return undefined;
  return { claimed, outcome: await execute(ctx, claimed, workerId) };
}

/** The study's trials by state. */
async function studyCounts(app: TestApp, studyId: string): Promise<Record<string, number>> {
  const { trialCounts } = (await app.expect<{ trialCounts: Record<string, number> }>(
    200,
    "GET",
    `/v1/studies/${studyId}`,
  )).body;
  return Object.fromEntries(Object.entries(trialCounts).filter(([, n]) => n > 0));
}

describeRuns(
  "runs and their study's maxTrials, with two workers",
  async (t, { app, onnx, branin: b, braninId }) => {
    await t.step(
      "a study complete while another worker evaluates the last slots: those are recorded",
      async () => {
        const { ctx } = workerContext(app, onnx);
        const studyId = await modelStudy(app, b, braninId, { name: "random" }, { maxTrials: 3 });
        const runId = await startRun(app, studyId, { budget: 10, batchSize: 2 });
        // Worker A's model waits on a latch: its batch holds 2 of the study's 3 slots.
        const evaluating = Promise.withResolvers<void>();
        const release = Promise.withResolvers<void>();
        const evaluate = onnx.evaluate.bind(onnx);
        let calls = 0;
        onnx.evaluate = async (...args) => {
          if (++calls === 1) {
            evaluating.resolve();
            await release.promise;
          }
          return await evaluate(...args);
        };
        try {
          const a = claimAndExecute(ctx, "a");
          await withDeadline(evaluating.promise, () => "worker a never evaluated");
          // Worker B gets the last slot (its batch cut to 1) and records it.
          const first = await claimAndExecute(ctx, "b");
          assert.ok(first, "worker b claimed a batch");
          assert.deepEqual(await studyCounts(app, studyId), { ACTIVE: 2, COMPLETED: 1 });
          // B's next batch finds the study complete: only B's own empty batch closes.
          const second = await claimAndExecute(ctx, "b");
          assert.ok(second, "worker b claimed a second batch");
          const stopping = await getRun(app, studyId, runId);
          assert.deepEqual(
            [stopping.state, stopping.stopReason, stopping.completed, stopping.inFlight],
            ["RUNNING", null, 1, 2],
            "the run waits for worker a's batch",
          );
          // No batch opens on a stopping run.
          assert.equal(await claimAndExecute(ctx, "b"), undefined);
          release.resolve();
          await a;
        } finally {
          release.resolve();
          onnx.evaluate = evaluate;
        }
        const run = await getRun(app, studyId, runId);
        assert.deepEqual(
          [run.state, run.stopReason, run.completed, run.inFlight],
          ["SUCCEEDED", "study_complete", 3, 0],
          run.reason,
        );
        assert.match(run.reason, /maxTrials \(3\)/);
        const trials = await runTrials(app, studyId, runId);
        assert.deepEqual(trials.map((x) => x.state), ["COMPLETED", "COMPLETED", "COMPLETED"]);
        checkRunTrials(run, trials);
        assert.deepEqual(await studyCounts(app, studyId), { COMPLETED: 3 });
        const events = await eventsToEnd(app, studyId, runId);
        assert.equal(events.at(-1)?.data.stopReason, "study_complete");
      },
    );

    await t.step(
      "a takeover takes back STALE trials only as far as maxTrials leaves room",
      async () => {
        const { ctx, advance } = workerContext(app, onnx);
        const studyId = await modelStudy(app, b, braninId, { name: "random" }, {
          leaseSeconds: 5,
          maxTrials: 3,
        });
        const runId = await startRun(app, studyId, { budget: 3, batchSize: 3 });
        // A worker takes a batch of 3 and dies; the study's lease turns its trials STALE.
        await claimBatch(ctx, claimer("dead", 0));
        await suggestTrials(ctx, ctx.db, app.projectId, studyId, {
          count: 3,
          clientId: `run:${runId}/0`,
        }, new AbortController().signal);
        advance(60);
        await expireLeases(ctx.db, studyId, ctx.now(), false);
        // STALE trials do not count: two results added meanwhile take two of the 3 slots.
        for (const x0 of [1, 2]) {
          await app.expect(201, "POST", `/v1/studies/${studyId}/trials`, {
            params: { x0, x1: 3 },
            values: { value: x0 },
          });
        }
        let taken: ClaimedBatch | undefined;
        let lock: Awaited<ReturnType<typeof lockStudy>> | undefined;
        if (app.database.url) {
          // A suggestion holds the study's lock: the takeover waits for it.
          lock = await lockStudy(app.database.url, studyId);
        }
        try {
          let claimed = false;
          const claim = claimBatch(ctx, claimer("alive")).finally(() => (claimed = true));
          if (lock) {
            const held = lock;
            const waiting = await pollUntil(
              async () =>
                (await held.waiting()).find((w) =>
                  w.blockedBy.includes(held.pid) && /\bFROM "?studies"?\b/.test(w.query)
                ),
              claim,
            );
            assert.ok(waiting, "the takeover did not wait for the study's row lock");
            assert.equal(claimed, false);
            await lock.release();
          }
          taken = await claim;
          assert.equal(taken?.batch.seq, 0, "the dead worker's batch was taken over");
        } finally {
          await lock?.release();
        }
        assert.deepEqual(
          (await runTrials(app, studyId, runId)).map((x) => x.state).sort(),
          ["ACTIVE", "STALE", "STALE"],
          "one trial taken back: the study had room for one",
        );
        assert.deepEqual(await studyCounts(app, studyId), { ACTIVE: 1, COMPLETED: 2, STALE: 2 });
        // The batch evaluates its one trial; the next finds the study complete and ends the run.
        await execute(ctx, taken!, "alive");
        assert.ok(await claimAndExecute(ctx, "alive"));
        const run = await getRun(app, studyId, runId);
        assert.deepEqual(
          [run.state, run.stopReason, run.completed],
          ["SUCCEEDED", "study_complete", 1],
          run.reason,
        );
        assert.deepEqual(await studyCounts(app, studyId), { COMPLETED: 3, STALE: 2 });
      },
    );
  },
  0,
);
