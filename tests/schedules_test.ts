/**
 * Schedules through the HTTP app, on both backends: CRUD and validation, and
 * ticks acted on by schedulers driven by hand (`tick()`) on clocks the test
 * moves, never by waiting: one run per tick with two apps (two schedulers,
 * on two connection pools where the backend has them) ticking one schedule,
 * overlap, catch-up, pause and resume. No run worker runs, so the runs a
 * schedule starts stay QUEUED until the test cancels them.
 */
import assert from "node:assert/strict";
import { createApp } from "../src/app.ts";
import { type DatabaseHandle, openDatabase } from "../src/db/client.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { startTestApp } from "./support/harness.ts";
import { branin } from "./support/onnx_models.ts";
import { modelStudy, runsPath, runtime, uploadModel } from "./support/runs.ts";
// After the harness, whose app extends zod with `.openapi` before the services make schemas.
import { Scheduler, type TickOutcome } from "../src/services/schedules_ticks.ts";
import { createServiceContext } from "../src/services/context.ts";
import { claimBatch } from "../src/services/runs/claim.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const path = (studyId: string) => `/v1/studies/${studyId}/schedules`;

for (const backend of testBackends()) {
  Deno.test({
    name: `schedules [${backend}]`,
    async fn(t) {
      const onnx = runtime();
      const scheduler = new Scheduler({ pollMs: 0 });
      const app = await startTestApp(backend, { onnx, scheduler });
      // A second app on the same database, with its own scheduler and clock (moved with the first).
      let offset = 0;
      const scheduler2 = new Scheduler({ pollMs: 0 });
      let second: DatabaseHandle | undefined;
      if (app.database.url) second = await openDatabase({ url: app.database.url, poolSize: 4 });
      createApp({
        database: second ?? app.database,
        logger: createLogger("silent"),
        now: () => new Date(Date.now() + offset),
        scheduler: scheduler2,
      });
      const advance = (seconds: number) => {
        app.advance(seconds);
        offset += seconds * 1000;
      };
      try {
        const model = branin();
        const modelId = await uploadModel(app, "branin", model.bytes);
        const studyId = await modelStudy(app, model, modelId, { name: "random" });
        const create = async (body: Record<string, unknown>) =>
          (await app.expect<Json>(201, "POST", path(studyId), { run: { budget: 4 }, ...body }))
            .body;
        const get = async (id: string) =>
          (await app.expect<Json>(200, "GET", `${path(studyId)}/${id}`)).body;
        const patch = async (id: string, body: Record<string, unknown>) =>
          (await app.expect<Json>(200, "PATCH", `${path(studyId)}/${id}`, body)).body;
        const runsOf = async (scheduleId: string) =>
          ((await app.expect<Json>(200, "GET", `${runsPath(studyId)}?limit=1000`)).body
            .items as Json[])
            .filter((r) => r.scheduleId === scheduleId);
        /** One pass of the first app's scheduler; the outcomes that are the schedule's. */
        const pass = async (scheduleId: string) => {
          const before = new Set((await runsOf(scheduleId)).map((r) => r.id));
          const outcomes = await scheduler.tick();
          const after = await runsOf(scheduleId);
          return { outcomes, started: after.filter((r) => !before.has(r.id)) };
        };

        await t.step("CRUD and validation", async () => {
          const s = await create({ cron: "0 3 * * *" });
          assert.equal(s.timezone, "UTC");
          assert.equal(s.overlap, "skip");
          assert.equal(s.catchUp, "none");
          assert.equal(s.paused, false);
          assert.deepEqual(s.run, { budget: 4 });
          const detail = await get(s.id);
          assert.equal(detail.nextTicks.length, 5);
          assert.equal(detail.nextTicks[0], s.nextTickAt);
          for (const tick of detail.nextTicks) assert.match(tick, /T03:00:00\.000Z$/);
          assert.deepEqual(detail.lastRuns, []);
          const paris = await patch(s.id, { timezone: "Europe/Paris", overlap: "queue" });
          assert.equal(paris.overlap, "queue");
          assert.match(paris.nextTickAt, /T0[12]:00:00\.000Z$/);
          const listed = await app.expect<Json>(200, "GET", path(studyId));
          assert.deepEqual(listed.body.items.map((i: Json) => i.id), [s.id]);

          const field = async (body: Record<string, unknown>, name: string) => {
            const r = await app.request("POST", path(studyId), { run: { budget: 4 }, ...body });
            assert.equal(r.status, 422, r.text);
            assert.ok(r.body.errors.some((e: Json) => e.field === name), r.text);
          };
          await field({ cron: "61 * * * *" }, "cron");
          await field({ cron: "* * *" }, "cron");
          await field({ cron: "0 3 * * *", timezone: "Mars/Olympus_Mons" }, "timezone");
          await field({ cron: "0 3 * * *", run: { budget: 0 } }, "run.budget");
          await field({ cron: "0 3 * * *", overlap: "later" }, "overlap");
          const bad = await app.request("PATCH", `${path(studyId)}/${s.id}`, { cron: "x" });
          assert.equal(bad.status, 422);
          assert.equal(bad.body.errors[0].field, "cron");

          // A study without a model: a schedule of it could never start a run.
          const plain = await app.expect<Json>(201, "POST", "/v1/studies", {
            name: `plain-${crypto.randomUUID().slice(0, 8)}`,
            space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
            objective: { metrics: [{ name: "value", goal: "minimize" }] },
            algorithm: { name: "random", config: {}, seed: 1 },
          });
          await app.expect(409, "POST", path(plain.body.id), {
            cron: "0 3 * * *",
            run: { budget: 4 },
          });
          // The schedule's study uses the model: deleteModel refuses it.
          await app.expect(409, "DELETE", `/v1/models/${modelId}`);

          await app.expect(204, "DELETE", `${path(studyId)}/${s.id}`);
          await app.expect(404, "GET", `${path(studyId)}/${s.id}`);
          await app.expect(404, "DELETE", `${path(studyId)}/${s.id}`);
        });

        await t.step("two apps: exactly one run per tick", async () => {
          const s = await create({ cron: "*/10 * * * * *", overlap: "queue" });
          const all: TickOutcome[] = [];
          for (let i = 0; i < 6; i++) {
            advance(10);
            const [a, b] = await Promise.all([scheduler.tick(), scheduler2.tick()]);
            all.push(...a, ...b);
          }
          const runs = await runsOf(s.id);
          const started = all.filter((o) => o.kind === "started");
          assert.equal(started.length, 6, JSON.stringify(all));
          assert.equal(runs.length, 6);
          const ticks = runs.map((r) => r.tick);
          assert.equal(new Set(ticks).size, 6, "one run per tick");
          for (const r of runs) {
            assert.equal(r.scheduleId, s.id);
            assert.equal(r.state, "QUEUED");
            assert.equal(new Date(r.tick).getUTCSeconds() % 10, 0);
          }
          const detail = await get(s.id);
          assert.equal(detail.lastRuns.length, 5);
          assert.equal(detail.lastRuns[0].tick, [...ticks].sort().at(-1));
          assert.ok(detail.lastTicks.every((t: Json) => t.outcome === "started"));
          await app.expect(204, "DELETE", `${path(studyId)}/${s.id}`);
        });

        await t.step("overlap: skip, queue, cancel-previous", async () => {
          const skip = await create({ cron: "*/10 * * * * *", overlap: "skip" });
          const queue = await create({ cron: "*/10 * * * * *", overlap: "queue" });
          const cancel = await create({ cron: "*/10 * * * * *", overlap: "cancel-previous" });
          advance(10);
          await scheduler.tick();
          advance(10);
          await scheduler.tick();

          const skipped = await runsOf(skip.id);
          assert.equal(skipped.length, 1);
          const skipTicks = (await get(skip.id)).lastTicks;
          assert.deepEqual(skipTicks.map((t: Json) => t.outcome), ["skipped", "started"]);
          assert.match(skipTicks[0].reason, /still QUEUED/);
          // Once the previous run has ended, the next tick starts one again.
          await app.expect(200, "POST", `${runsPath(studyId)}/${skipped[0].id}/cancel`);
          advance(10);
          const after = await pass(skip.id);
          assert.equal(after.started.length, 1);

          const queued = await runsOf(queue.id);
          assert.deepEqual(queued.map((r) => r.state), ["QUEUED", "QUEUED", "QUEUED"]);

          const cancelled = await runsOf(cancel.id);
          assert.deepEqual(cancelled.map((r) => r.state), ["QUEUED", "CANCELLED", "CANCELLED"]);
          for (const s of [skip, queue, cancel]) {
            await app.expect(204, "DELETE", `${path(studyId)}/${s.id}`);
          }
        });

        await t.step("catchUp: none drops missed ticks, one runs once for them", async () => {
          const none = await create({ cron: "0 * * * *", catchUp: "none" });
          const one = await create({ cron: "0 * * * *", catchUp: "one" });
          // Three hours and a half with no scheduler running.
          advance(3.5 * 3600);
          const outcomes = await scheduler.tick();
          assert.deepEqual(outcomes.map((o) => o.kind).sort(), ["missed", "started"]);
          assert.deepEqual(await runsOf(none.id), []);
          const noneNext = Date.parse((await get(none.id)).nextTickAt);
          const caught = await runsOf(one.id);
          assert.equal(caught.length, 1, "one run for the missed ticks");
          const tick = new Date(caught[0].tick);
          assert.equal(tick.getUTCMinutes(), 0);
          // The latest missed tick: the next one is still to come.
          assert.equal(Date.parse((await get(one.id)).nextTickAt), tick.getTime() + 3600_000);
          assert.equal(noneNext, tick.getTime() + 3600_000);
          // Nothing more is owed.
          const again = await scheduler.tick();
          assert.deepEqual(again, []);
          assert.equal((await runsOf(one.id)).length, 1);
          for (const s of [none, one]) await app.expect(204, "DELETE", `${path(studyId)}/${s.id}`);
        });

        await t.step("pause and resume", async () => {
          const s = await create({ cron: "*/10 * * * * *", overlap: "queue" });
          const paused = await patch(s.id, { paused: true });
          assert.equal(paused.paused, true);
          assert.equal(paused.nextTickAt, null);
          assert.deepEqual((await get(s.id)).nextTicks, []);
          advance(60);
          assert.equal((await pass(s.id)).started.length, 0);
          const resumed = await patch(s.id, { paused: false });
          assert.equal(resumed.paused, false);
          assert.ok(resumed.nextTickAt !== null);
          // The ticks of the pause are not owed: the next pass after a tick starts one run.
          advance(10);
          const { started } = await pass(s.id);
          assert.equal(started.length, 1);
          assert.equal(started[0].scheduleId, s.id);
          assert.ok(Date.parse(started[0].tick) >= Date.parse(resumed.nextTickAt));
          await app.expect(204, "DELETE", `${path(studyId)}/${s.id}`);
        });

        await t.step("overlap queue: the next run waits for the previous one to end", async () => {
          const s = await create({ cron: "*/10 * * * * *", overlap: "queue" });
          advance(10);
          await pass(s.id);
          advance(10);
          await pass(s.id);
          const [first, next] = (await runsOf(s.id)).reverse();
          assert.deepEqual([first.state, next.state], ["QUEUED", "QUEUED"]);
          // A worker claims everything it may (each claim takes a whole run: budget 4).
          const ctx = createServiceContext({
            db: app.database.db,
            now: () => new Date(),
            defaultLeaseSeconds: 3600,
          });
          const claimAll = async () => {
            const ids: string[] = [];
            for (;;) {
              const c = await claimBatch(ctx, { workerId: "w", leaseSeconds: 3600, gpu: false });
              if (!c) return ids;
              ids.push(c.run.id);
            }
          };
          const claimed = await claimAll();
          assert.ok(claimed.includes(first.id), "the first run is taken");
          assert.ok(!claimed.includes(next.id), "the next one waits while the first is going");
          await app.expect(200, "POST", `${runsPath(studyId)}/${first.id}/cancel`);
          assert.deepEqual(await claimAll(), [next.id], "then it is taken");
          await app.expect(200, "POST", `${runsPath(studyId)}/${next.id}/cancel`);
        });
      } finally {
        await scheduler.stop();
        await scheduler2.stop();
        await second?.close();
        await app.close();
        await onnx.close();
      }
    },
  });
}
