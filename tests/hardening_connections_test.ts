/**
 * Lost database connections (issue 14, finding 4), on the PostgreSQL server.
 *
 * - An idempotent request's transaction whose connection is lost before its
 *   COMMIT is run again, once, transparently; one whose connection is lost
 *   at the COMMIT is not (it may have committed): the client gets a 503 and
 *   retries with the same Idempotency-Key.
 * - Under load, against a real service process, with every session of the
 *   database terminated (`pg_terminate_backend`) a few times: no 500, every
 *   4xx and 5xx is problem+json (a 503 with Retry-After), and every trial
 *   whose completeTrial was answered 200 is COMPLETED in the database.
 */
import assert from "node:assert/strict";
import { sql as drizzleSql } from "drizzle-orm";
import postgres from "postgres";
import type { Database } from "../src/db/client.ts";
import { isConnectionLost, retryTransaction } from "../src/db/errors.ts";
import { runIdempotent } from "../src/services/idempotency.ts";
import { openTestDatabase } from "./support/db.ts";
import { ADMIN_KEY } from "./support/harness.ts";
import { call, startService } from "./support/server.ts";

const onPostgres = (name: string, fn: (t: Deno.TestContext) => Promise<void>) =>
  Deno.test({
    name: `${name} [postgres]`,
    ignore: !(Deno.env.get("MINIMA_TEST_BACKENDS") ?? "pglite,postgres").includes("postgres"),
    fn,
  });

onPostgres("hardening: a connection lost before the COMMIT is retried once", async () => {
  const database = await openTestDatabase("postgres");
  try {
    let attempts = 0;
    const answer = await runIdempotent(database.db, {
      scope: "admin",
      key: "lost-once",
      operation: "test",
      fingerprint: "x",
    }, async (tx) => {
      attempts++;
      // The first attempt's own session is terminated in the middle of its transaction.
      if (attempts === 1) {
        await tx.execute(drizzleSql`SELECT pg_terminate_backend(pg_backend_pid())`);
      }
      return { status: 200, body: { attempts } };
    });
    assert.equal(attempts, 2);
    assert.deepEqual(answer, { status: 200, body: { attempts: 2 }, replayed: false });
    const replay = await runIdempotent(database.db, {
      scope: "admin",
      key: "lost-once",
      operation: "test",
      fingerprint: "x",
    }, () => Promise.reject(new Error("not run again")));
    assert.deepEqual(replay, { status: 200, body: { attempts: 2 }, replayed: true });
  } finally {
    await database.close();
  }
});

Deno.test("hardening: a connection lost at the COMMIT (or twice) is not retried", async () => {
  const lost = () =>
    Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
  // A database whose COMMIT loses its connection, after the work has run.
  let runs = 0;
  const atCommit = {
    transaction: async <T>(work: (tx: never) => Promise<T>) => {
      await work(undefined as never);
      throw lost();
    },
  } as unknown as Database;
  await assert.rejects(
    retryTransaction(atCommit, () => Promise.resolve(runs++)),
    (e) => isConnectionLost(e),
  );
  assert.equal(runs, 1, "work that may have committed is not run again");
  // Lost before the COMMIT every time: run twice (one retry), then the error.
  runs = 0;
  const always = {
    transaction: () => {
      runs++;
      return Promise.reject(lost());
    },
  } as unknown as Database;
  await assert.rejects(
    retryTransaction(always, () => Promise.resolve(0)),
    (e) => isConnectionLost(e),
  );
  assert.equal(runs, 2);
});

/** A request's answer, with what the test checks of every one. */
interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  // deno-lint-ignore no-explicit-any
  body: any;
}

// The storm: a real service process under ask/tell load from 8 clients, and every session of its
// database terminated 5 times, each time after the clients have had more completions acknowledged
// (progress, not time, paces it). A request left waiting (a query the driver never settles) would
// hang the suite: each request is therefore bounded, and one that runs out fails the test with the
// service's output.
const REQUEST_BOUND_MS = 60_000;
onPostgres("hardening: pg_terminate_backend under ask/tell load", async () => {
  const database = await openTestDatabase("postgres");
  const service = await startService({ DATABASE_URL: database.url!, MINIMA_SCHEDULER: "false" });
  const admin = postgres(database.url!, { max: 1, onnotice: () => {} });
  const answers: Answer[] = [];
  try {
    const project = await call(service.url, ADMIN_KEY, "POST", "/v1/projects", { name: "lost" });
    const key =
      (await call(service.url, ADMIN_KEY, "POST", `/v1/projects/${project.body.id}/keys`, {
        name: "k",
      })).body.key;
    const study = await call(service.url, key, "POST", "/v1/studies", {
      name: "lost",
      space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "random", seed: 1 },
    });
    assert.equal(study.status, 201, JSON.stringify(study.body));
    const studyPath = `/v1/studies/${study.body.id}`;

    let stop = false;
    /** POSTs with an Idempotency-Key, retrying 503s with the same key. */
    const post = async (path: string, body: unknown, idempotencyKey: string): Promise<Answer> => {
      for (let attempt = 0;; attempt++) {
        const r = await fetch(`${service.url}${path}`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${key}`,
            "content-type": "application/json",
            "idempotency-key": idempotencyKey,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_BOUND_MS),
        }).catch((e) => {
          // The service died (its connection closed) or left the request waiting. Say which.
          stop = true;
          throw new Error(`${path}: ${e}; the service printed:\n${service.output()}`);
        });
        const text = await r.text();
        const answer = {
          status: r.status,
          contentType: r.headers.get("content-type") ?? "",
          retryAfter: r.headers.get("retry-after"),
          body: text ? JSON.parse(text) : null,
        };
        answers.push(answer);
        if (r.status !== 503 || attempt >= 100) return answer;
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50));
      }
    };

    const acknowledged: string[] = [];
    /** Resolves when `n` completions in all have been acknowledged (or the clients stopped). */
    const waiters: { n: number; resolve: () => void }[] = [];
    const acknowledge = (id: string) => {
      acknowledged.push(id);
      for (const w of waiters.filter((w) => acknowledged.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    };
    const reach = (n: number) =>
      acknowledged.length >= n ? Promise.resolve() : new Promise<void>((resolve) => {
        waiters.push({ n, resolve });
      });
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const ask = await post(`${studyPath}/trials/suggest`, { count: 1 }, `ask-${n}-${i}`);
        if (ask.status !== 200) continue;
        const trial = ask.body.trials[0];
        const tell = await post(
          `${studyPath}/trials/${trial.id}/complete`,
          { values: { value: trial.params.x } },
          `tell-${n}-${i}`,
        );
        if (tell.status === 200) acknowledge(trial.id);
      }
    };
    const clients = Array.from({ length: 8 }, (_, n) => client(n));
    const failed = Promise.all(clients).then(() => {
      throw new Error("the clients stopped before the storm ended");
    });
    let terminated = 0;
    for (let round = 0; round < 5; round++) {
      // Each round waits for 8 more acknowledged completions: the service recovered.
      await Promise.race([reach(8 * (round + 1)), failed]);
      const dropped = await admin`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                  WHERE datname = current_database() AND pid <> pg_backend_pid()`;
      terminated += dropped.length;
    }
    await Promise.race([reach(acknowledged.length + 8), failed]);
    stop = true;
    await Promise.all(clients);

    assert.ok(terminated >= 5, `sessions terminated: ${terminated}`);
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    const summary = JSON.stringify([...statuses]);
    for (const a of answers) {
      assert.ok(a.status < 500 || a.status === 503, `${a.status}: ${JSON.stringify(a.body)}`);
      if (a.status >= 400) {
        assert.match(a.contentType, /application\/problem\+json/, summary);
        assert.equal(a.body.status, a.status);
      }
      if (a.status === 503) assert.ok(a.retryAfter, "a 503 says when to retry");
    }
    // Nothing acknowledged is lost.
    const rows = await admin<{ id: string; state: string }[]>`
      SELECT id, state FROM trials WHERE id = ANY(${acknowledged})`;
    assert.equal(rows.length, acknowledged.length, summary);
    for (const row of rows) assert.equal(row.state, "COMPLETED", `trial ${row.id}`);
    // The service is still ready.
    const ready = await fetch(`${service.url}/readyz`);
    await ready.body?.cancel();
    assert.equal(ready.status, 200);
    console.log(`answers by status: ${summary}; terminated ${terminated} sessions`);
  } finally {
    await admin.end();
    await service.stop();
    await database.close();
  }
});
