/**
 * The designer lifecycle's failures: a saved state that cannot be read is
 * rebuilt from the trials (on the event loop and in a worker); a worker
 * that crashes rejects the calls waiting on it and is replaced; a client
 * that disconnects cancels a computation only it was waiting for.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import { createApp } from "../src/app.ts";
import { query } from "../src/db/client.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import {
  DesignerLatch,
  FAULTY_WORKER_URL,
  SEED_CRASH,
  SEED_HOLD,
  SEED_SPIN,
} from "./support/faulty_designers.ts";
import { ADMIN_KEY, describeOnBackends, studyBody, type TestApp } from "./support/harness.ts";

const THREE = {
  parameters: Array.from(
    { length: 3 },
    (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
  ),
};

/** An app on the test app's database, with its own pool (or none) and a log we can read. */
function appOn(test: TestApp, pool?: DesignerPool) {
  const lines: string[] = [];
  const app = createApp({
    database: test.database,
    logger: createLogger("warn", (line) => lines.push(line)),
    adminKey: ADMIN_KEY,
    designers: pool,
  });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ) => {
    const r = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${test.projectKey}`,
        "content-type": "application/json",
        ...init.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    });
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch { /* plain text (metrics) */ }
    // deno-lint-ignore no-explicit-any
    return { status: r.status, body: parsed as any, text, type: r.headers.get("content-type") };
  };
  /** A counter's value in /metrics. */
  const counter = async (name: string) => {
    const text = (await call("GET", "/metrics")).text;
    const line = text.split("\n").find((l) => l.startsWith(`${name} `));
    assert.ok(line, `${name} is not in /metrics`);
    return Number(line.split(" ")[1]);
  };
  return { app, call, counter, lines };
}

/** Runs `rounds` suggest/complete rounds of `count` on a study (sphere at 0.3). */
async function drive(
  call: ReturnType<typeof appOn>["call"],
  studyId: string,
  rounds: number,
  count: number,
) {
  for (let round = 0; round < rounds; round++) {
    const r = await call("POST", `/v1/studies/${studyId}/trials/suggest`, { count });
    assert.equal(r.status, 200, r.text);
    const items = r.body.trials.map((x: { id: string; params: Record<string, number> }) => ({
      trialId: x.id,
      values: { value: Object.values(x.params).reduce((a, v) => a + (v - 0.3) ** 2, 0) },
    }));
    const done = await call("POST", `/v1/studies/${studyId}/trials/complete`, { items });
    assert.equal(done.status, 200, done.text);
  }
}

/** The study's saved algorithm state, as stored. */
async function savedState(test: TestApp, studyId: string): Promise<Record<string, unknown>> {
  const [row] = await query<{ state: unknown }>(
    test.database.db,
    sql`SELECT algorithm_state AS state FROM studies WHERE id = ${studyId}`,
  );
  return (typeof row.state === "string" ? JSON.parse(row.state) : row.state) as Record<
    string,
    unknown
  >;
}

/** Damages the study's saved state the way a bad write or an old version would. */
async function corrupt(
  test: TestApp,
  studyId: string,
  damaged = '{"v": 999, "x": "damaged"}',
): Promise<void> {
  await query(
    test.database.db,
    sql`UPDATE studies SET algorithm_state = ${damaged}::jsonb WHERE id = ${studyId}`,
  );
}

describeOnBackends("designer session", testBackends(), async (t, test) => {
  for (const place of ["event loop", "worker"] as const) {
    await t.step(`an unreadable gp-bo state is rebuilt from the trials (${place})`, async () => {
      const pool = place === "worker" ? new DesignerPool(1) : undefined;
      try {
        const { call, counter, lines } = appOn(test, pool);
        const body = studyBody({
          space: THREE,
          algorithm: { name: "gp-bo", seed: 7, config: { initialDesign: 4, candidates: 128 } },
        });
        const id = (await call("POST", "/v1/studies", body)).body.id;
        await drive(call, id, 3, 3);
        assert.equal((await savedState(test, id) as { y: unknown[] }).y.length, 6);
        await corrupt(test, id);

        // Before the fix, every later request failed: "corrupt gp-bo state".
        for (let i = 0; i < 2; i++) {
          const best = await call("GET", `/v1/studies/${id}/trials/best`);
          assert.equal(best.status, 200, best.text);
          assert.ok(best.body.recommendation, "the rebuilt designer recommends");
        }
        assert.equal(await counter("minima_designer_state_rebuilds_total"), 1);
        assert.equal(lines.filter((l) => l.includes("designer state unreadable")).length, 1);

        const r = await call("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.body.trials.length, 2);
        // The rebuilt designer was fed all 9 reported trials; its saved state replaced the damage.
        const state = await savedState(test, id) as { y: unknown[] };
        assert.equal(state.y.length, 9);
        await drive(call, id, 1, 1);
        assert.equal(await counter("minima_designer_state_rebuilds_total"), 1, "rebuilt once");
      } finally {
        pool?.close();
      }
    });
  }

  await t.step("an unreadable cbo state (a JSON string, not JSON text) is rebuilt", async () => {
    const { call, counter } = appOn(test);
    const id = (await call(
      "POST",
      "/v1/studies",
      studyBody({ space: THREE, algorithm: { name: "cbo", seed: 2, config: { particles: 8 } } }),
    )).body.id;
    await drive(call, id, 2, 8);
    await corrupt(test, id, '"not json at all"');
    await drive(call, id, 2, 8);
    assert.equal(await counter("minima_designer_state_rebuilds_total"), 1);
    const listed = await call("GET", `/v1/studies/${id}/trials?limit=100&state=COMPLETED`);
    assert.equal(listed.body.items.length, 32);
  });

  await t.step("a worker that crashes rejects its calls and is replaced", async () => {
    const pool = new DesignerPool(1, { workerUrl: FAULTY_WORKER_URL });
    try {
      const { call, counter } = appOn(test, pool);
      const crashing = (await call(
        "POST",
        "/v1/studies",
        studyBody({ space: THREE, algorithm: { name: "gp-bo", seed: SEED_CRASH } }),
      )).body.id;
      // Before: the call waited forever. Now: 503 problem+json, and nothing handed out.
      const r = await call("POST", `/v1/studies/${crashing}/trials/suggest`, { count: 2 });
      assert.equal(r.status, 503, r.text);
      assert.equal(r.type, "application/problem+json");
      assert.match(r.body.detail, /designer's worker failed/);
      assert.equal(pool.failures, 1);
      assert.equal(pool.workers, 0, "the crashed worker is gone");

      // Inside an idempotent request's transaction, which holds the study's lock.
      const again = await call("POST", `/v1/studies/${crashing}/trials/suggest`, { count: 1 }, {
        headers: { "idempotency-key": "crash-1" },
      });
      assert.equal(again.status, 503, again.text);
      assert.equal(pool.failures, 2);
      // The lock was released: a trial can be created on the study (it takes the lock).
      const made = await call("POST", `/v1/studies/${crashing}/trials`, {
        params: { x0: 0.1, x1: 0.2, x2: 0.3 },
      });
      assert.equal(made.status, 201, made.text);
      const listed = await call("GET", `/v1/studies/${crashing}/trials`);
      assert.equal(listed.body.items.length, 1, "the failed suggestions wrote nothing");

      // A new worker serves the next study.
      const healthy = (await call(
        "POST",
        "/v1/studies",
        studyBody({ space: THREE, algorithm: { name: "gp-bo", seed: 1 } }),
      )).body.id;
      await drive(call, healthy, 2, 2);
      assert.equal(pool.workers, 1);
      assert.equal(await counter("minima_designer_worker_failures_total"), 2);
    } finally {
      pool.close();
    }
  });

  await t.step("a client that disconnects cancels the computation only it waited for", async () => {
    const pool = new DesignerPool(1, { workerUrl: FAULTY_WORKER_URL });
    const latch = new DesignerLatch();
    const { app, call, counter } = appOn(test, pool);
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
    try {
      const url = `http://127.0.0.1:${server.addr.port}`;
      const spinning = (await call(
        "POST",
        "/v1/studies",
        studyBody({ space: THREE, algorithm: { name: "gp-bo", seed: SEED_SPIN } }),
      )).body.id;
      const gone = new AbortController();
      const request = fetch(`${url}/v1/studies/${spinning}/trials/suggest`, {
        method: "POST",
        headers: { authorization: `Bearer ${test.projectKey}`, "content-type": "application/json" },
        body: JSON.stringify({ count: 1 }),
        signal: gone.signal,
      });
      await latch.next("started");
      gone.abort();
      await assert.rejects(request);
      // The worker's designer saw the cancellation (it spins until it does, or a minute).
      await latch.next("cancelled");
      assert.equal(await counter("minima_designer_cancelled_total"), 1);
      const listed = await call("GET", `/v1/studies/${spinning}/trials`);
      assert.equal(listed.body.items.length, 0, "no trial for a caller that left");

      // Two callers share one computation: one leaving does not cancel it.
      const held = (await call(
        "POST",
        "/v1/studies",
        studyBody({ space: THREE, algorithm: { name: "gp-bo", seed: SEED_HOLD } }),
      )).body.id;
      const suggest = (signal?: AbortSignal) =>
        call("POST", `/v1/studies/${held}/trials/suggest`, { count: 1 }, { signal });
      const first = suggest();
      await latch.next("started");
      // Gone while still queued behind the first: it leaves the queue.
      const early = new AbortController();
      const leftQueue = suggest(early.signal);
      early.abort();
      assert.equal((await leftQueue).status, 499, "the caller that left is answered as gone");
      // These two wait behind the first and are then served by one computation.
      const leaving = new AbortController();
      const second = suggest(leaving.signal);
      const third = suggest();
      latch.release();
      assert.equal((await first).status, 200);
      await latch.next("started");
      leaving.abort();
      latch.release();
      const [a, b] = await Promise.all([second, third]);
      assert.equal(b.status, 200, b.text);
      assert.equal(b.body.trials.length, 1);
      assert.equal(a.status, 200, "the shared computation went on (its answer is unread)");
      assert.equal(await counter("minima_designer_cancelled_total"), 1, "nothing more cancelled");
      assert.deepEqual(latch.unclaimed.filter((m) => m === "cancelled"), []);
    } finally {
      await server.shutdown();
      latch.close();
      pool.close();
    }
  });
});
