/**
 * Workers on other hosts, as real processes on one PostgreSQL server: two
 * API processes (no run workers) and two worker processes (`deno task
 * worker`). A worker serves only its operations endpoints; both workers
 * take batches of one run; a worker SIGKILLed in the middle of a batch
 * loses nothing (the other takes the batch over once its lease lapses, and
 * the run ends with exactly `budget` trials, each completed once); and
 * connections dropped under the workers (`pg_terminate_backend`) are
 * reconnected, the runs going on.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY } from "./support/harness.ts";
import { killHoldingBatch } from "./support/kill.ts";
import { branin } from "./support/onnx_models.ts";
import { modelStudyBody, runWhen } from "./support/runs.ts";
import {
  call,
  type ServiceProcess,
  startService,
  startWorker,
  uploadModelAt,
} from "./support/server.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";

/** A counter of a process's /metrics. */
async function counter(proc: ServiceProcess, name: string): Promise<number> {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} in /metrics`);
  return Number(line.split(" ")[1]);
}

Deno.test({
  name: "two API and two worker processes share runs; SIGKILL and dropped connections [postgres]",
  async fn(t) {
    const database = await openTestDatabase("postgres");
    const cacheDir = await Deno.makeTempDir({ prefix: "minima-models-" });
    const env = {
      DATABASE_URL: database.url!,
      MINIMA_RUN_LEASE_SECONDS: "2",
      MINIMA_ONNX_PROVIDERS: "cpu",
      MINIMA_MODEL_CACHE_DIR: cacheDir,
      MINIMA_SCHEDULER: "false",
    };
    const api = [
      await startService({ ...env, MINIMA_RUN_WORKERS: "0" }),
      await startService({ ...env, MINIMA_RUN_WORKERS: "0" }),
    ];
    const workers = [
      await startWorker({ ...env, MINIMA_RUN_WORKERS: "1" }),
      await startWorker({ ...env, MINIMA_RUN_WORKERS: "1" }),
    ];
    const sql = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const project = await call(api[0].url, ADMIN_KEY, "POST", "/v1/projects", { name: "w" });
      const key = (await call(
        api[0].url,
        ADMIN_KEY,
        "POST",
        `/v1/projects/${project.body.id}/keys`,
        { name: "k" },
      )).body.key;
      const modelId = await uploadModelAt(api[1].url, key, "branin", branin().bytes);
      const study = async (name: string) => {
        const r = await call(api[0].url, key, "POST", "/v1/studies", {
          ...modelStudyBody(branin(), modelId, {
            // Generations of 16 in batches of 8: both workers evaluate halves of one generation.
            name: "cbo",
            config: { particles: 16 },
            seed: 3,
          }),
          name,
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body.id as string;
      };
      /** Starts a run on one API process; returns its id and path. */
      const start = async (studyId: string, budget: number) => {
        const r = await call(api[1].url, key, "POST", `/v1/studies/${studyId}/runs`, {
          budget,
          batchSize: 8,
        });
        assert.equal(r.status, 202, JSON.stringify(r.body));
        return { id: r.body.id as string, path: `/v1/studies/${studyId}/runs/${r.body.id}` };
      };
      /** Every trial of the study COMPLETED once, numbered 0..budget-1, by the run's batches. */
      const exactlyBudget = async (studyId: string, runId: string, budget: number) => {
        const trials = await sql`SELECT number, state, client_id FROM trials
                                 WHERE study_id = ${studyId} ORDER BY number`;
        assert.equal(trials.length, budget, "the trial count is the budget");
        assert.deepEqual(trials.map((r) => r.number), Array.from({ length: budget }, (_, i) => i));
        for (const r of trials) {
          assert.equal(r.state, "COMPLETED");
          assert.match(r.client_id, new RegExp(`^run:${runId}/\\d+$`));
        }
        const [run] = await sql`SELECT completed, in_flight FROM runs WHERE id = ${runId}`;
        assert.deepEqual([run.completed, run.in_flight], [budget, 0], "each counted once");
        const left = await sql`SELECT 1 FROM run_batches WHERE run_id = ${runId}`;
        assert.equal(left.length, 0, "no batch left behind");
      };

      await t.step("a worker process serves only its operations endpoints", async () => {
        for (const path of ["/healthz", "/readyz"]) {
          const r = await fetch(`${workers[0].url}${path}`);
          assert.equal(r.status, 200, path);
          await r.body?.cancel();
        }
        const refused = await call(workers[0].url, key, "GET", "/v1/studies");
        assert.equal(refused.status, 404);
        assert.equal(await counter(workers[0], "minima_run_batches_claimed_total"), 0);
      });

      await t.step("both workers take batches of one run", async () => {
        const studyId = await study("shared");
        const run = await start(studyId, 1_000_000);
        const evaluated = () =>
          Promise.all(workers.map((w) => counter(w, "minima_run_trials_evaluated_total")));
        // Until each worker process has evaluated trials of the run (one that never shares hangs here).
        await withDeadline(
          pollUntil(
            async () => (await evaluated()).every((n) => n > 0) || undefined,
            api[0].exited,
          ),
          () => "the workers never shared the run",
        );
        // Stopped on the other API process, which never evaluated anything.
        const cancelled = await call(api[0].url, key, "POST", `${run.path}/cancel`);
        assert.deepEqual([cancelled.status, cancelled.body.state], [200, "CANCELLED"]);
        // A suggestion that raced the cancel gives its trials up once its worker hears of it.
        const counts = () =>
          sql`SELECT state, count(*)::int AS n FROM trials
                                 WHERE study_id = ${studyId} GROUP BY state`;
        const trials = (await withDeadline(
          pollUntil(async () => {
            const rows = await counts();
            return rows.some((r) => r.state === "ACTIVE") ? undefined : rows;
          }, api[0].exited),
          () => "trials were left ACTIVE after the cancel",
        ))!;
        const count = (state: string) => trials.find((r) => r.state === state)?.n ?? 0;
        const [row] = await sql`SELECT completed, in_flight FROM runs WHERE id = ${run.id}`;
        assert.deepEqual([row.completed, row.in_flight], [count("COMPLETED"), 0]);
        // What the workers say they recorded is what the run counted (once their counters catch up).
        const sum = async () => (await evaluated()).reduce((a, b) => a + b, 0);
        await withDeadline(
          pollUntil(async () => (await sum()) === row.completed || undefined, api[0].exited),
          () => `the workers recorded other than the run counted (${row.completed})`,
        );
      });

      await t.step("a worker SIGKILLed mid-batch: the other takes the batch over", async () => {
        const studyId = await study("killed");
        const budget = 800;
        const run = await start(studyId, budget);
        let dead;
        for (let attempt = 0; attempt < 5 && !dead; attempt++) {
          if (attempt > 0) workers[0] = await startWorker({ ...env, MINIMA_RUN_WORKERS: "1" });
          dead = await killHoldingBatch(workers[0], sql, run.id, async () => {
            const [r] = await sql`SELECT completed FROM runs WHERE id = ${run.id}`;
            return r.completed >= 48 * (attempt + 1);
          });
        }
        assert.ok(dead, "a kill landed in the middle of a batch");
        const ended = await runWhen(api[1], key, run.path, (r) => r.state !== "RUNNING");
        assert.deepEqual([ended.state, ended.completed], ["SUCCEEDED", budget], ended.reason);
        assert.ok(ended.claims >= 2, "the dead worker's batch was taken over");
        await exactlyBudget(studyId, run.id, budget);
        workers[0] = await startWorker({ ...env, MINIMA_RUN_WORKERS: "1" });
      });

      await t.step("connections dropped under the workers: they reconnect and go on", async () => {
        const studyId = await study("dropped");
        const budget = 800;
        const run = await start(studyId, budget);
        for (const at of [48, 240]) {
          await runWhen(api[0], key, run.path, (r) => r.completed >= at);
          // Every other session on the database: both workers' and both API processes'.
          const dropped = await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                    WHERE datname = current_database() AND pid <> pg_backend_pid()`;
          assert.ok(dropped.length >= 2, `sessions dropped: ${dropped.length}`);
        }
        const ended = await runWhen(api[0], key, run.path, (r) => r.state !== "RUNNING");
        assert.deepEqual([ended.state, ended.completed], ["SUCCEEDED", budget], ended.reason);
        await exactlyBudget(studyId, run.id, budget);
        for (const w of workers) {
          const ready = await fetch(`${w.url}/readyz`).catch((error) => {
            throw new Error(`the worker is gone (${error}):\n${w.output()}`);
          });
          assert.equal(ready.status, 200, "the worker is up and reconnected");
          await ready.body?.cancel();
        }
      });
    } finally {
      await sql.end();
      for (const p of [...api, ...workers]) await p.stop("SIGKILL");
      await database.close();
      await Deno.remove(cacheDir, { recursive: true });
    }
  },
});
