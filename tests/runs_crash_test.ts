/**
 * A run survives its service: SIGKILLed in the middle of a run, a restarted
 * service takes the dead worker's batch over once its lease lapses and
 * finishes the run, with exactly `budget` trials, each completed once.
 * SIGTERM finishes the batch being evaluated and gives back one that waits
 * (the next process takes it without waiting for a lease). Real service
 * processes on a PostgreSQL server.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY } from "./support/harness.ts";
import { branin } from "./support/onnx_models.ts";
import { killHoldingBatch } from "./support/kill.ts";
import { modelStudyBody, runWhen } from "./support/runs.ts";
import { call, startService, uploadModelAt } from "./support/server.ts";

Deno.test({
  name:
    "SIGKILL in the middle of a run: a restarted service finishes it, each trial once [postgres]",
  async fn() {
    const database = await openTestDatabase("postgres");
    const cacheDir = await Deno.makeTempDir({ prefix: "minima-models-" });
    const env = {
      DATABASE_URL: database.url!,
      MINIMA_RUN_LEASE_SECONDS: "2",
      MINIMA_ONNX_PROVIDERS: "cpu",
      MINIMA_MODEL_CACHE_DIR: cacheDir,
    };
    let service = await startService(env);
    try {
      const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "runs" });
      const key = (await call(
        service.url,
        ADMIN_KEY,
        "POST",
        `/v1/projects/${project.body.id}/keys`,
        { name: "k" },
      )).body.key;
      const model = branin();
      const modelId = await uploadModelAt(service.url, key, "branin", model.bytes);
      const study = await call(
        service.url,
        key,
        "POST",
        "/v1/studies",
        modelStudyBody(model, modelId, { name: "cbo", config: { particles: 8 }, seed: 2 }),
      );
      assert.equal(study.status, 201, JSON.stringify(study.body));
      const runs = `/v1/studies/${study.body.id}/runs`;
      const budget = 1000;
      const started = await call(service.url, key, "POST", runs, { budget, batchSize: 8 });
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const run = `${runs}/${started.body.id}`;

      const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
      try {
        // Killed holding a batch, with the run in full flight (again if a kill lands between two).
        let dead;
        for (let attempt = 0; attempt < 5 && !dead; attempt++) {
          if (attempt > 0) service = await startService(env);
          dead = await killHoldingBatch(service, sql, started.body.id, async () => {
            const [r] = await sql`SELECT completed FROM runs WHERE id = ${started.body.id}`;
            return r.completed >= 40 * (attempt + 1);
          });
        }
        assert.ok(dead, "a kill landed in the middle of a batch");

        service = await startService(env);
        const after = await runWhen(
          service,
          key,
          run,
          (r) => r.state !== "RUNNING" || r.claims > 1,
        );
        const ended = await runWhen(service, key, run, (r) => r.state !== "RUNNING");
        assert.ok(after.claims >= 2, "a second worker took the dead worker's batch over");
        assert.equal(ended.state, "SUCCEEDED", JSON.stringify(ended));
        assert.equal(ended.stopReason, "budget");
        assert.equal(ended.completed, budget);
        const trials = await sql`SELECT number, state, client_id FROM trials
                                 WHERE study_id = ${study.body.id} ORDER BY number`;
        assert.equal(trials.length, budget, "the trial count is the budget");
        assert.deepEqual(trials.map((t) => t.number), Array.from({ length: budget }, (_, i) => i));
        for (const t of trials) {
          assert.equal(t.state, "COMPLETED");
          assert.match(t.client_id, new RegExp(`^run:${started.body.id}/\\d+$`));
        }
        const [row] = await sql`SELECT completed, claims, last_event_id FROM runs
                                WHERE id = ${started.body.id}`;
        assert.equal(row.completed, budget, "each trial counted once: none completed twice");
        const events = await sql`SELECT seq FROM run_events WHERE run_id = ${started.body.id}
                                 ORDER BY seq`;
        assert.deepEqual(
          events.map((e) => e.seq),
          Array.from({ length: row.last_event_id }, (_, i) => i + 1),
          "every event id once, none skipped",
        );

        // SIGTERM: the worker finishes the batch it evaluates; the run waits for the next worker.
        const second = await call(service.url, key, "POST", runs, {
          budget: 100_000,
          batchSize: 8,
        });
        const path = `${runs}/${second.body.id}`;
        await runWhen(service, key, path, (r) => r.completed >= 8);
        const status = await service.stop("SIGTERM");
        assert.equal(status.code, 0, service.output());
        const [released] = await sql`SELECT state, completed, in_flight FROM runs
                                     WHERE id = ${second.body.id}`;
        assert.equal(released.state, "RUNNING");
        const held = await sql`SELECT released FROM run_batches WHERE run_id = ${second.body.id}`;
        assert.ok(held.every((b) => b.released), "no batch left under a live lease");
        const [{ active }] = await sql`SELECT count(*)::int AS active FROM trials
                                       WHERE client_id LIKE ${`run:${second.body.id}/%`}
                                         AND state = 'ACTIVE'`;
        assert.equal(active, 0, "the batch being evaluated was finished");
        service = await startService(env);
        const resumed = await runWhen(service, key, path, (r) => r.completed > released.completed);
        assert.equal(resumed.state, "RUNNING");
        assert.equal(resumed.claims, 1, "a batch given back cleanly counts no lost worker");
        const cancelled = await call(service.url, key, "POST", `${path}/cancel`);
        assert.equal(cancelled.status, 200);
        await runWhen(service, key, path, (r) => r.state === "CANCELLED");
      } finally {
        await sql.end();
      }
    } finally {
      await service.stop("SIGKILL");
      await database.close();
      await Deno.remove(cacheDir, { recursive: true });
    }
  },
});
