/**
 * Issue 14, finding 2: the design workers are shared fairly, and a
 * suggestion whose every caller left writes nothing.
 *
 * - Fairness: a big gp-bo batch of project A computes in the pool's only
 *   worker; a small study of project B opens, is fed and gets its point
 *   before the batch ends (before, it waited for the whole batch): in the
 *   same worker, between the batch's steps, or on a spare worker. Known by
 *   events (the worker says when the batch starts), not by clocks.
 * - Cancellation: a client asks a gp-bo study for trials over real HTTP; the
 *   points are computed and the suggestion waits for the study's lock (held
 *   by the test); the client disconnects; the lock is released. No trial was
 *   created for it (before, its trials were leased to nobody for the lease).
 */
import assert from "node:assert/strict";
import { DesignerPool } from "../src/algorithms/remote/mod.ts";
import type { Feedback } from "../src/algorithms/types.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { Rng } from "../src/math/rng.ts";
import type { SpaceSpec } from "../src/space/schema.ts";
import { lockStudy, testBackends } from "./support/db.ts";
import {
  DesignerLatch,
  FAULTY_WORKER_URL,
  SEED_ANNOUNCE,
  SEED_HOLD,
} from "./support/faulty_designers.ts";
import { ADMIN_KEY, describeOnBackends, studyBody } from "./support/harness.ts";

const THREE: SpaceSpec = {
  parameters: Array.from(
    { length: 3 },
    (_, i) => ({ name: `x${i}`, type: "float" as const, min: 0, max: 1 }),
  ),
} as SpaceSpec;

/** `n` results of a sphere at 0.3, at seeded random points. */
function results(n: number, seed: number): Feedback[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: n }, (_, i) => {
    const point = [rng.next(), rng.next(), rng.next()];
    const loss = point.reduce((s, v) => s + (v - 0.3) ** 2, 0);
    return { kind: "value", trialId: `t${i}`, number: i, point, tag: null, loss, values: { loss } };
  });
}

const never = new AbortController().signal;

/** Polls `condition` until it holds (a few ms apart); fails after a minute. */
async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const give = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > give) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A big batch of project A computes in the pool's only worker (`spare`
 * workers allowed beyond it); a small study of project B is then opened, fed
 * and asked for a point. Returns whether the batch had ended by then, and
 * how many workers the pool ran.
 */
async function smallDuringBig(spare: number): Promise<{ bigDone: boolean; workers: number }> {
  const pool = new DesignerPool(1, { workerUrl: FAULTY_WORKER_URL, spare });
  const latch = new DesignerLatch();
  try {
    const big = await pool.open({
      algorithm: "gp-bo",
      space: THREE,
      config: {},
      seed: SEED_ANNOUNCE,
      state: undefined,
      owner: { project: "A", study: "big" },
    });
    await big.update(results(60, 1));
    // The GP is fitted here, so that what follows is the batch's sequential search.
    await big.suggest(1, { pending: [], signal: never });
    await latch.next("started");
    let bigDone = false;
    const batch = big.suggest(40, { pending: [], signal: never }).then((points) => {
      bigDone = true;
      return points;
    });
    await latch.next("started");
    // The batch computes in the only worker now.
    const small = await pool.open({
      algorithm: "gp-bo",
      space: THREE,
      config: {},
      seed: 1,
      state: undefined,
      owner: { project: "B", study: "small" },
    });
    await small.update(results(6, 2));
    const point = await small.suggest(1, { pending: [], signal: never });
    assert.equal(point.length, 1);
    const answer = { bigDone, workers: pool.workers };
    assert.equal((await batch).length, 40);
    small.close();
    big.close();
    return answer;
  } finally {
    latch.close();
    pool.close();
  }
}

Deno.test("in one worker, a small study is served between the steps of another's big batch", async () => {
  const { bigDone, workers } = await smallDuringBig(0);
  assert.equal(workers, 1);
  assert.equal(bigDone, false, "the small study waited for the whole batch of the other project");
});

Deno.test("a spare worker serves a small study while every worker is held", async () => {
  // A big computation that holds its worker's turn without a break (as a long fit does):
  // gp-bo with SEED_HOLD waits in its turn until the test releases it.
  const pool = new DesignerPool(1, { workerUrl: FAULTY_WORKER_URL });
  const latch = new DesignerLatch();
  try {
    const big = await pool.open({
      algorithm: "gp-bo",
      space: THREE,
      config: {},
      seed: SEED_HOLD,
      state: undefined,
      owner: { project: "A", study: "big" },
    });
    let bigDone = false;
    const held = big.suggest(1, { pending: [], signal: never }).then(() => (bigDone = true));
    await latch.next("started");
    const small = await pool.open({
      algorithm: "gp-bo",
      space: THREE,
      config: {},
      seed: 1,
      state: undefined,
      owner: { project: "B", study: "small" },
    });
    await small.update(results(6, 2));
    assert.equal((await small.suggest(1, { pending: [], signal: never })).length, 1);
    assert.equal(bigDone, false);
    assert.equal(pool.workers, 2, "the small study's designer was opened on a spare worker");
    latch.release();
    await held;
    small.close();
    big.close();
  } finally {
    latch.close();
    pool.close();
  }
});

describeOnBackends(
  "a suggestion whose caller left",
  testBackends().filter((b) => b === "postgres"),
  async (t, test) => {
    await t.step("writes no trial, even when it was computed before the caller left", async () => {
      const pool = new DesignerPool(1);
      const app = createApp({
        database: test.database,
        logger: createLogger("silent"),
        adminKey: ADMIN_KEY,
        designers: pool,
      });
      const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
      const headers = {
        authorization: `Bearer ${test.projectKey}`,
        "content-type": "application/json",
      };
      const call = async (method: string, path: string, body?: unknown) => {
        const r = await app.request(path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        return { status: r.status, text, json: () => JSON.parse(text) };
      };
      const counter = async (name: string) => {
        const line = (await call("GET", "/metrics")).text.split("\n")
          .find((l) => l.startsWith(`${name} `));
        assert.ok(line, `${name} is not in /metrics`);
        return Number(line.split(" ")[1]);
      };
      try {
        const created = await call(
          "POST",
          "/v1/studies",
          studyBody({ space: THREE, algorithm: { name: "gp-bo", seed: 1 } }),
        );
        assert.equal(created.status, 201, created.text);
        const study = created.json().id;
        const lock = await lockStudy(test.database.url!, study);
        const gone = new AbortController();
        let request: Promise<Response> | undefined;
        try {
          request = fetch(
            `http://127.0.0.1:${server.addr.port}/v1/studies/${study}/trials/suggest`,
            {
              method: "POST",
              headers,
              body: JSON.stringify({ count: 5 }),
              signal: gone.signal,
            },
          );
          request.catch(() => {});
          // Its points are computed (before the lock) and it waits for the study's lock.
          await until(
            async () => (await lock.waiting()).some((w) => w.blockedBy.includes(lock.pid)),
            "the suggestion waits for the study's lock",
          );
          gone.abort();
          await assert.rejects(request);
          await until(
            async () => await counter("minima_suggest_abandoned_total") === 1,
            "the service saw its only caller leave",
          );
        } finally {
          await lock.release();
        }
        // Served after the abandoned one (one queue per study): it has ended by then.
        const next = await call("POST", `/v1/studies/${study}/trials/suggest`, { count: 1 });
        assert.equal(next.status, 200, next.text);
        const listed = await call("GET", `/v1/studies/${study}/trials`);
        assert.equal(listed.json().items.length, 1, "trials were created for a caller that left");
        assert.equal(next.json().trials[0].number, 0, "the trial numbers were not given out");
      } finally {
        await server.shutdown();
        pool.close();
      }
    });
  },
);
