/**
 * How runs stop and fail, through the HTTP app on ONNX models, on both
 * backends: the target, the deadline (the app's clock moves past it),
 * cancellation (live, and of a QUEUED run in an API-only app), a model that
 * throws at run time, and the checks before a run starts. Also: requests are
 * answered while a run's model evaluates.
 */
import assert from "node:assert/strict";
import { encodeModel } from "../src/evaluators/onnx/mod.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";
import {
  checkRunTrials,
  describeRuns,
  eventsToEnd,
  firstEvent,
  getRun,
  liveEvents,
  modelStudy,
  type RunEvent,
  runsPath,
  runTrials,
  startRun,
  uploadModel,
} from "./support/runs.ts";

/** A model that throws at run time for x ≥ 2: Gather from a table of 2 at index floor(x). */
function throwingModel(): Uint8Array {
  return encodeModel({
    name: "gather",
    inputs: [{ name: "x", type: "float32", shape: ["N", 1] }],
    outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
    initializers: [{ name: "table", type: "float32", dims: [2], data: [3, 1] }],
    nodes: [
      { op: "Floor", inputs: ["x"], outputs: ["f"] },
      { op: "Cast", inputs: ["f"], outputs: ["i"], attributes: { to: { int: 7 } } },
      { op: "Gather", inputs: ["table", "i"], outputs: ["g"], attributes: { axis: { int: 0 } } },
      { op: "Add", inputs: ["g", "x"], outputs: ["y"] },
    ],
  });
}

describeRuns(
  "runs stop at their target, deadline or cancellation; a model may fail them",
  async (t, { app, onnx, branin: b, braninId }) => {
    let succeeded: { studyId: string; runId: string } | undefined;
    await t.step("requests are answered while a run's model evaluates", async () => {
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const evaluating = Promise.withResolvers<void>();
      const release = Promise.withResolvers<void>();
      const evaluate = onnx.evaluate.bind(onnx);
      onnx.evaluate = async (...args) => {
        evaluating.resolve();
        await release.promise;
        return await evaluate(...args);
      };
      try {
        const runId = await startRun(app, studyId, { budget: 4, batchSize: 4 });
        await withDeadline(evaluating.promise, () => "the run never evaluated");
        // The worker waits inside the model's evaluation; the app goes on answering.
        const run = await getRun(app, studyId, runId);
        assert.deepEqual([run.state, run.completed], ["RUNNING", 0]);
        await app.expect(200, "GET", `/v1/studies/${studyId}/trials`);
        release.resolve();
        const events = await eventsToEnd(app, studyId, runId);
        assert.equal(events.at(-1)!.data.state, "SUCCEEDED");
      } finally {
        onnx.evaluate = evaluate;
        release.resolve();
      }
    });

    await t.step("the target stops a run after the batch that reached it", async () => {
      const studyId = await modelStudy(app, b, braninId, { name: "random", seed: 3 });
      const runId = await startRun(app, studyId, {
        budget: 2000,
        batchSize: 4,
        stopAtValue: 2,
      });
      await eventsToEnd(app, studyId, runId);
      const run = await getRun(app, studyId, runId);
      assert.equal(run.state, "SUCCEEDED");
      assert.equal(run.stopReason, "target");
      assert.ok(run.best.value <= 2);
      assert.ok(run.completed > 4, `the first batch reached the target: ${run.completed}`);
      assert.ok(run.completed < 2000 && run.completed % 4 === 0, `${run.completed}`);
      const trials = await runTrials(app, studyId, runId);
      checkRunTrials(run, trials);
      const before = trials.slice(0, -4).map((t) => t.values!.value);
      assert.ok(before.every((v) => v > 2), "no earlier batch reached the target");
      succeeded = { studyId, runId };
    });

    await t.step("the deadline stops a run (the app's clock moves past it)", async () => {
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const runId = await startRun(app, studyId, {
        budget: 1_000_000,
        batchSize: 1,
        maxSeconds: 60,
      });
      await firstEvent(liveEvents(app, studyId, runId), (e) => e.event === "progress");
      app.advance(120);
      const events = await eventsToEnd(app, studyId, runId);
      assert.equal(events.at(-1)!.data.state, "SUCCEEDED");
      const run = await getRun(app, studyId, runId);
      assert.equal(run.stopReason, "deadline");
      assert.ok(run.completed >= 1 && run.completed < 1_000_000);
      checkRunTrials(run, await runTrials(app, studyId, runId));
    });

    await t.step("cancel: a RUNNING run ends CANCELLED at once, its batch dropped", async () => {
      const studyId = await modelStudy(app, b, braninId, { name: "random" });
      const runId = await startRun(app, studyId, { budget: 1_000_000, batchSize: 2 });
      // Watched live from the start; resumed after the third event with Last-Event-ID.
      const firstThree: RunEvent[] = [];
      const live = liveEvents(app, studyId, runId);
      await firstEvent(live, (e) => firstThree.push(e) === 3);
      assert.equal(firstThree.at(-1)!.event, "progress");
      const cancelled = await app.expect<{ state: string; inFlight: number }>(
        200,
        "POST",
        `${runsPath(studyId)}/${runId}/cancel`,
      );
      assert.deepEqual([cancelled.body.state, cancelled.body.inFlight], ["CANCELLED", 0]);
      const rest = await eventsToEnd(app, studyId, runId, 3);
      assert.equal(rest[0].id, 4);
      assert.deepEqual([...firstThree, ...rest], await eventsToEnd(app, studyId, runId));
      assert.deepEqual(rest.at(-1)!.data.state, "CANCELLED");
      const run = await getRun(app, studyId, runId);
      assert.equal(run.stopReason, "cancelled");
      // A batch whose suggestion raced the cancel (its trials committed after the cancel made the
      // run's ACTIVE trials STALE) is given up by its worker as soon as it hears that the run
      // ended (docs/runs.md): wait for that, then no trial of the run is left ACTIVE.
      const trials = (await withDeadline(
        pollUntil(async () => {
          const all = await runTrials(app, studyId, runId);
          return all.some((t) => t.state === "ACTIVE") ? undefined : all;
        }, new Promise(() => {})),
        () => "a trial of the cancelled run stayed ACTIVE",
      ))!;
      // The batch being evaluated at the cancel is given up (STALE), not recorded.
      const dropped = trials.filter((t) => t.state === "STALE");
      assert.ok(dropped.length <= 2, `at most one batch of 2 dropped: ${dropped.length}`);
      assert.equal(trials.length, run.completed + dropped.length);
      checkRunTrials(run, trials);
      const again = await app.expect<{ state: string }>(
        200,
        "POST",
        `${runsPath(studyId)}/${runId}/cancel`,
      );
      assert.equal(again.body.state, "CANCELLED");
      const done = await app.expect<{ title: string }>(
        409,
        "POST",
        `${runsPath(succeeded!.studyId)}/${succeeded!.runId}/cancel`,
      );
      assert.equal(done.body.title, "Conflict");
    });

    await t.step(
      "a model that throws at run time: FAILED with its reason, nothing lost",
      async () => {
        const modelId = await uploadModel(app, "gather", throwingModel());
        const created = await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
          name: `throws-${crypto.randomUUID().slice(0, 8)}`,
          space: { parameters: [{ name: "x", type: "float", min: 0, max: 3 }] },
          objective: {
            metrics: [{ name: "value", goal: "minimize" }],
            evaluator: { model: modelId, input: "x", outputs: { value: "y" } },
          },
          algorithm: { name: "sobol", config: {}, seed: 1 },
        });
        const studyId = created.body.id;
        const runId = await startRun(app, studyId, { budget: 50, batchSize: 1 });
        const events = await eventsToEnd(app, studyId, runId);
        const run = await getRun(app, studyId, runId);
        assert.equal(run.state, "FAILED");
        assert.match(run.reason, /^the model failed: .*(indices|out of|bounds)/i);
        assert.equal(events.at(-1)!.data.reason, run.reason);
        const trials = await runTrials(app, studyId, runId);
        checkRunTrials(run, trials);
        assert.ok(run.completed >= 1, "trials before the failure were completed");
        const failed = trials.filter((t) => t.state === "FAILED");
        assert.equal(failed.length, 1);
        assert.equal(failed[0].reason, run.reason);
        assert.ok((failed[0].params.x as number) >= 2);
        for (const t of trials.filter((t) => t.state === "COMPLETED")) {
          assert.ok((t.params.x as number) < 2);
        }
      },
    );
  },
);

describeRuns(
  "an API-only app queues runs; checks before a run starts",
  async (_t, { app, branin: b, braninId: modelId }) => {
    const studyId = await modelStudy(app, b, modelId, { name: "random" });
    const runId = await startRun(app, studyId, { budget: 5 });
    const queued = await getRun(app, studyId, runId);
    assert.equal(queued.state, "QUEUED");
    assert.equal(queued.batchSize, 5, "the batch is at most the budget");
    const cancelled = await app.expect<{ state: string; stopReason: string }>(
      200,
      "POST",
      `${runsPath(studyId)}/${runId}/cancel`,
    );
    assert.equal(cancelled.body.state, "CANCELLED");
    assert.equal(cancelled.body.stopReason, "cancelled");
    const events = await eventsToEnd(app, studyId, runId);
    assert.deepEqual(events.map((e) => [e.id, e.data.state]), [[1, "QUEUED"], [2, "CANCELLED"]]);

    const plain = await app.expect<{ id: string }>(201, "POST", "/v1/studies", {
      name: `no model-${crypto.randomUUID().slice(0, 8)}`,
      space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "random" },
    });
    const noModel = await app.expect<{ detail: string }>(409, "POST", runsPath(plain.body.id), {
      budget: 5,
    });
    assert.match(noModel.body.detail, /has no model to evaluate/);
    const bad = await app.expect<{ errors: { field: string }[] }>(422, "POST", runsPath(studyId), {
      budget: 0,
      batchSize: 2000,
      extra: 1,
    });
    assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ["batchSize", "budget", "extra"]);
    await app.expect(404, "GET", `${runsPath(studyId)}/${crypto.randomUUID()}`);
    await app.expect(404, "GET", `${runsPath(plain.body.id)}/${runId}`);
    await app.expect(200, "PATCH", `/v1/studies/${studyId}`, { state: "PAUSED" });
    await app.expect(409, "POST", runsPath(studyId), { budget: 5 });
  },
  0,
);
