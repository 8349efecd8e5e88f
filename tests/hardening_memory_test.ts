/**
 * Memory of one gp-bo suggestion (issue 14, finding 1), against a real
 * service process whose peak resident memory (VmHWM) is read from /proc.
 *
 * On the PostgreSQL server (so that the process is the service alone), a
 * study of 1,000 categoricals of 32 values each (gp-bo, two Sobol points,
 * two results), and one of a single categorical of 10,000 values one-hot
 * (`maxOneHot`) with 100,000 `candidates`: before the fix, the next
 * suggestion built one dense points × one-hot-width array and grew the
 * process past 7 GB. Now each such study is either refused at createStudy
 * with a 422 naming the field, or its suggestion is answered while the
 * process stays under 1 GiB. A watchdog kills the process at 1.5 GiB so the
 * failure cannot take the machine with it (it is a guard, not the claim).
 *
 * Also: a config whose first GP call cannot fit in the design memory budget
 * (MINIMA_DESIGN_MEMORY_BYTES) is a 422 at createStudy naming it; a
 * suggestion over the budget (in a designer worker or on the event loop)
 * is a 422 naming `count` when fewer points would fit, else a 409, and hands
 * nothing out. One
 * service serves every case (its peak only grows: each case is held to
 * the same 1 GiB).
 */
import assert from "node:assert/strict";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { openTestDatabase, testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends } from "./support/harness.ts";
import { call, type ServiceProcess, startService } from "./support/server.ts";

const GiB = 1024 ** 3;
/** The watchdog's limit: above it the service is killed (a failure, not a measurement). */
const KILL_AT = 1.5 * GiB;

/** A /proc/<pid>/status field in bytes (VmRSS, VmHWM). */
function statusBytes(pid: number, field: "VmRSS" | "VmHWM"): number {
  const text = Deno.readTextFileSync(`/proc/${pid}/status`);
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Kills the service as soon as its resident memory passes KILL_AT; `stop` ends the watch. */
function watchdog(service: ServiceProcess): { killed: () => number | null; stop: () => void } {
  const pid = service.process.pid;
  let killed: number | null = null;
  const timer = setInterval(() => {
    try {
      const rss = statusBytes(pid, "VmRSS");
      if (rss > KILL_AT && killed === null) {
        killed = rss;
        service.process.kill("SIGKILL");
      }
    } catch { /* exited */ }
  }, 50);
  return { killed: () => killed, stop: () => clearInterval(timer) };
}

/** A service with a project key, the watchdog on it; `body` runs, then all is stopped. */
async function withService(
  env: Record<string, string>,
  body: (service: ServiceProcess, key: string, peak: () => number) => Promise<void>,
): Promise<void> {
  // On the PostgreSQL server: the process then holds the service alone. With the embedded
  // database its resident memory starts near 0.8 GiB (PGlite's own), which is not what this
  // finding is about (the process grew from 0.4 GB).
  const database = await openTestDatabase("postgres");
  const service = await startService({
    DATABASE_URL: database.url!,
    MINIMA_DESIGN_WORKERS: "1",
    MINIMA_RUN_WORKERS: "0",
    MINIMA_SCHEDULER: "false",
    ...env,
  });
  const dog = watchdog(service);
  try {
    const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "mem" });
    const key =
      (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
        name: "k",
      })).body.key;
    await body(service, key, () => statusBytes(service.process.pid, "VmHWM"));
  } catch (error) {
    const rss = dog.killed();
    if (rss !== null) {
      throw new Error(
        `the service passed ${(rss / GiB).toFixed(2)} GiB and was killed (${
          (error as Error).message
        })`,
      );
    }
    throw error;
  } finally {
    dog.stop();
    await service.stop("SIGKILL");
    await database.close();
  }
}

/** createStudy, then either the 422 naming a field, or two results and one more suggestion. */
async function refusedOrAnsweredUnder1GiB(
  service: ServiceProcess,
  key: string,
  peak: () => number,
  study: Record<string, unknown>,
  fields: string[],
): Promise<void> {
  const created = await call(service.url, key, "POST", "/v1/studies", study);
  if (created.status === 422) {
    assert.equal(created.body.status, 422);
    assert.match(created.body.type, /validation/);
    const named = created.body.errors.map((e: { field: string }) => e.field);
    assert.ok(named.some((f: string) => fields.some((g) => f.startsWith(g))), named.join(", "));
    return;
  }
  assert.equal(created.status, 201, JSON.stringify(created.body).slice(0, 500));
  const id = created.body.id;
  const first = await call(service.url, key, "POST", `/v1/studies/${id}/trials/suggest`, {
    count: 2,
  });
  assert.equal(first.status, 200, JSON.stringify(first.body).slice(0, 500));
  for (const [i, t] of first.body.trials.entries()) {
    const done = await call(service.url, key, "POST", `/v1/studies/${id}/trials/${t.id}/complete`, {
      values: { loss: i },
    });
    assert.equal(done.status, 200, JSON.stringify(done.body).slice(0, 500));
  }
  const next = await call(service.url, key, "POST", `/v1/studies/${id}/trials/suggest`, {
    count: 1,
  });
  assert.equal(next.status, 200, JSON.stringify(next.body).slice(0, 500));
  assert.equal(next.body.trials.length, 1);
  const hwm = peak();
  assert.ok(hwm < GiB, `peak resident memory ${(hwm / GiB).toFixed(2)} GiB`);
  console.log(`peak resident memory of the service: ${(hwm / 2 ** 20).toFixed(0)} MiB`);
}

const objective = { metrics: [{ name: "loss", goal: "minimize" }] };
const values = (k: number) => Array.from({ length: k }, (_, i) => `v${i}`);

Deno.test({
  name: "hardening: gp-bo studies too large for memory are refused or stay under 1 GiB [postgres]",
  ignore: !testBackends().includes("postgres"),
}, async (t) => {
  await withService({}, async (service, key, peak) => {
    await t.step("a config whose first GP cannot fit the budget: 422 naming it", async () => {
      // 10,000 Sobol points first: the first GP is over 10,000 results (n² kernel matrices,
      // about 3.6 GB), over the default budget of 512 MiB.
      const r = await call(service.url, key, "POST", "/v1/studies", {
        name: "big-design",
        space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
        objective,
        algorithm: { name: "gp-bo", config: { initialDesign: 10_000 }, seed: 1 },
      });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.errors[0].field, "algorithm.config.initialDesign");
      assert.equal(r.body.errors[0].rule, "design_memory");
      assert.match(r.body.detail, /MINIMA_DESIGN_MEMORY_BYTES/);
      assert.match(r.body.detail, /at most \d+/);
    });

    await t.step("1,000 categoricals of 32 values", async () => {
      await refusedOrAnsweredUnder1GiB(service, key, peak, {
        name: "wide",
        space: {
          parameters: Array.from({ length: 1000 }, (_, i) => ({
            name: `c${i}`,
            type: "categorical",
            values: values(32),
          })),
        },
        objective,
        algorithm: { name: "gp-bo", config: { initialDesign: 2 }, seed: 1 },
      }, ["space.parameters", "algorithm.config"]);
    });

    await t.step("one categorical of 10,000 values one-hot, 100,000 candidates", async () => {
      await refusedOrAnsweredUnder1GiB(service, key, peak, {
        name: "long",
        space: { parameters: [{ name: "c", type: "categorical", values: values(10_000) }] },
        objective,
        algorithm: {
          name: "gp-bo",
          config: { initialDesign: 2, maxOneHot: 10_000, candidates: 100_000 },
          seed: 1,
        },
      }, ["space.parameters", "algorithm.config"]);
    });
  });
});

describeOnBackends(
  "hardening: a suggestion over the memory budget",
  testBackends(),
  async (t, app) => {
    const pool = new DesignerPool(1);
    const pooled = createApp({
      database: app.database,
      logger: createLogger("silent"),
      adminKey: ADMIN_KEY,
      designers: pool,
    });
    const inWorker = async (method: string, path: string, body?: unknown) => {
      const r = await pooled.request(path, {
        method,
        headers: { authorization: `Bearer ${app.projectKey}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    };
    const onLoop = (method: string, path: string, body?: unknown) =>
      app.request(method, path, body);
    const budget = (bytes: string | undefined) =>
      bytes === undefined
        ? Deno.env.delete("MINIMA_DESIGN_MEMORY_BYTES")
        : Deno.env.set("MINIMA_DESIGN_MEMORY_BYTES", bytes);
    try {
      for (
        const [where, send] of [["in a worker", inWorker], ["on the event loop", onLoop]] as const
      ) {
        await t.step(`${where}: 422 naming count when fewer fit, else 409`, async () => {
          const id = (await send("POST", "/v1/studies", {
            name: `budget-${crypto.randomUUID().slice(0, 8)}`,
            space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
            objective,
            algorithm: { name: "gp-bo", config: { initialDesign: 2 }, seed: 1 },
          })).body.id;
          const first = await send("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 });
          for (const [i, trial] of first.body.trials.entries()) {
            await send("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
              values: { loss: i },
            });
          }
          try {
            // 1 MiB: one point fits (about 8 KB), 1,000 (n² kernel matrices, 36 MB) do not.
            budget(String(1024 ** 2));
            const many = await send("POST", `/v1/studies/${id}/trials/suggest`, { count: 1000 });
            assert.equal(many.status, 422, JSON.stringify(many.body));
            assert.equal(many.body.errors[0].field, "count");
            assert.equal(many.body.errors[0].rule, "design_memory");
            assert.match(many.body.detail, /ask for at most \d+ at once/);
            const one = await send("POST", `/v1/studies/${id}/trials/suggest`, { count: 1 });
            assert.equal(one.status, 200, JSON.stringify(one.body));
            // 4 KiB: nothing fits; the study has outgrown the budget.
            budget("4096");
            const none = await send("POST", `/v1/studies/${id}/trials/suggest`, { count: 1 });
            assert.equal(none.status, 409, JSON.stringify(none.body));
            assert.match(none.body.detail, /MINIMA_DESIGN_MEMORY_BYTES/);
          } finally {
            budget(undefined);
          }
          // Nothing was handed out by the refused calls.
          const again = await send("POST", `/v1/studies/${id}/trials/suggest`, { count: 1 });
          assert.equal(again.status, 200);
          assert.equal(again.body.trials[0].number, 3);
        });
      }
    } finally {
      pool.close();
    }
  },
);
