/**
 * Many clients at once on a PostgreSQL server: no trial is handed out twice,
 * numbers are unique, and completions never wait behind a suggestion.
 */
import assert from "node:assert/strict";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { lockStudy, testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, studyBody } from "./support/harness.ts";
import { pollUntil, withDeadline } from "./support/wait.ts";

describeOnBackends("concurrency", ["postgres"], async (t, app) => {
  await t.step("32 clients asking at once: every trial handed out exactly once", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const replies = await Promise.all(
      Array.from(
        { length: 32 },
        (_, i) =>
          app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 4, clientId: `w${i}` }),
      ),
    );
    const ids: string[] = [];
    const numbers: number[] = [];
    for (const [i, r] of replies.entries()) {
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.trials.length, 4);
      for (const trial of r.body.trials) {
        assert.equal(trial.clientId, `w${i}`);
        ids.push(trial.id);
        numbers.push(trial.number);
      }
    }
    assert.equal(new Set(ids).size, 128);
    assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 128 }, (_, i) => i));
    const study = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(study.body.trialCounts.ACTIVE, 128);
  });

  await t.step("32 clients asking and telling in loops: no duplicates, nothing lost", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const told = new Map<string, number>();
    await Promise.all(Array.from({ length: 32 }, async (_, w) => {
      for (let round = 0; round < 5; round++) {
        const r = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
          clientId: `w${w}`,
        });
        assert.equal(r.status, 200, r.text);
        const [trial] = r.body.trials;
        assert.ok(!told.has(trial.id), "a trial was handed out twice");
        const value = w * 100 + round;
        told.set(trial.id, value);
        const done = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
          values: { value },
        });
        assert.equal(done.status, 200, done.text);
      }
    }));
    const study = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(study.body.trialCounts.COMPLETED, 160);
    const page = await app.request("GET", `/v1/studies/${id}/trials?limit=1000`);
    for (const trial of page.body.items) assert.equal(trial.values.value, told.get(trial.id));
  });

  await t.step("completions go through while a suggestion holds the study's lock", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const trials =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 6 })).body.trials;
    // The test's transaction holds the study's row lock, as a long suggestion would.
    const lock = await lockStudy(app.database.url!, id);
    try {
      let suggestionSettled = false;
      const suggestion = app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 1 })
        .finally(() => (suggestionSettled = true));
      // The suggestion waits for the lock: its backend shows up among those the
      // holder blocks, before the suggestion can have been answered.
      const waiting = await pollUntil(
        async () =>
          (await lock.waiting()).find((b) =>
            b.blockedBy.includes(lock.pid) && /\bFROM studies\b/.test(b.query)
          ),
        suggestion,
      );
      if (!waiting) {
        assert.fail(`the suggestion did not wait for the study's lock: ${(await suggestion).text}`);
      }
      // A wait in the app itself, behind the suggestion, would hang: the
      // deadline turns that into a failure.
      const completions = withDeadline(
        Promise.all([
          ...trials.slice(0, 4).map((x: { id: string }, i: number) =>
            app.request("POST", `/v1/studies/${id}/trials/${x.id}/complete`, {
              values: { value: i },
            })
          ),
          app.request("POST", `/v1/studies/${id}/trials/complete`, {
            items: trials.slice(4).map((x: { id: string }) => ({
              trialId: x.id,
              values: { value: 9 },
            })),
          }),
          app.request("POST", `/v1/studies/${id}/trials/${trials[0].id}/heartbeat`),
        ]),
        () => "completions waited behind the suggestion",
      );
      // Until they are all answered, no other backend may wait for the holder
      // or for the suggestion: one that does is a completion queued behind the
      // study's lock (PostgreSQL queues a second waiter for a row behind the
      // first). Completions may wait for each other (the heartbeat and the
      // completion of one trial), which is no wait behind the suggestion.
      const blocked = await pollUntil(async () => {
        const others = (await lock.waiting()).filter((b) =>
          b.pid !== waiting.pid &&
          (b.blockedBy.includes(lock.pid) || b.blockedBy.includes(waiting.pid))
        );
        return others.length > 0 ? others : undefined;
      }, completions);
      assert.equal(
        blocked,
        undefined,
        `completions waited behind the suggestion's lock: ${JSON.stringify(blocked)}`,
      );
      const replies = await completions;
      for (const r of replies.slice(0, 5)) assert.equal(r.status, 200, r.text);
      // The suggestion is still unanswered and still waiting for the lock.
      assert.equal(suggestionSettled, false, "the suggestion should wait for the lock");
      assert.deepEqual(
        (await lock.waiting()).map((b) => b.pid),
        [waiting.pid],
        "the suggestion should wait for the lock",
      );
      await lock.release();
      const answered = await suggestion;
      assert.equal(answered.status, 200, answered.text);
      assert.equal(answered.body.trials.length, 1);
    } finally {
      await lock.release();
    }
  });
});

describeOnBackends("grouped suggestions", testBackends(), async (t, app) => {
  await t.step("concurrent requests served together get what one-by-one requests get", async () => {
    const body = studyBody({ algorithm: { name: "random", seed: 99 } });
    const grouped = (await app.request("POST", "/v1/studies", body)).body.id;
    const single = (await app.request("POST", "/v1/studies", { ...body, name: `${body.name}-1` }))
      .body.id;
    const counts = Array.from({ length: 24 }, (_, i) => 1 + (i % 4));
    const replies = await Promise.all(
      counts.map((count, i) =>
        app.request("POST", `/v1/studies/${grouped}/trials/suggest`, {
          count,
          clientId: `c${i % 6}`,
        })
      ),
    );
    const byNumber = new Map<number, unknown>();
    for (const r of replies) {
      assert.equal(r.status, 200, r.text);
      for (const trial of r.body.trials) byNumber.set(trial.number, trial.params);
    }
    // Whatever order the group was served in, the numbers are 0..n-1 and the
    // points are the seeded sequence, as when the same trials are asked one by one.
    const n = byNumber.size;
    assert.deepEqual(
      [...byNumber.keys()].sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
    );
    const one = await app.request("POST", `/v1/studies/${single}/trials/suggest`, { count: n });
    for (const trial of one.body.trials) assert.deepEqual(byNumber.get(trial.number), trial.params);
    // A client asking several times at once gets its held trials back first.
    for (const [i, r] of replies.entries()) {
      assert.ok(r.body.trials.every((x: { clientId: string }) => x.clientId === `c${i % 6}`));
    }
  });
});

describeOnBackends("grouped requests of one client", testBackends(), async (t, app) => {
  await t.step(
    "a client asking twice at once gets the same trial twice, as one by one",
    async () => {
      for (let round = 0; round < 5; round++) {
        const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
        const [, a, b] = await Promise.all([
          app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 3, clientId: "other" }),
          app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 1, clientId: "w" }),
          app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 1, clientId: "w" }),
        ]);
        assert.equal(a.status, 200, a.text);
        assert.equal(b.status, 200, b.text);
        assert.equal(a.body.trials[0].id, b.body.trials[0].id);
        const study = await app.request("GET", `/v1/studies/${id}`);
        assert.equal(study.body.trialCounts.ACTIVE, 4);
      }
    },
  );
});

describeOnBackends("two service processes", ["postgres"], async (t, app) => {
  await t.step("two apps on one database never hand out a trial twice", async () => {
    const other = createApp({
      database: app.database,
      logger: createLogger("silent"),
      adminKey: ADMIN_KEY,
    });
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const viaOther = async (i: number) => {
      const r = await other.request(`/v1/studies/${id}/trials/suggest`, {
        method: "POST",
        headers: { authorization: `Bearer ${app.projectKey}`, "content-type": "application/json" },
        body: JSON.stringify({ count: 2, clientId: `o${i}` }),
      });
      assert.equal(r.status, 200);
      return (await r.json()).trials;
    };
    const viaFirst = async (i: number) =>
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
        count: 2,
        clientId: `f${i}`,
      }))
        .body.trials;
    const all = (await Promise.all(
      Array.from({ length: 32 }, (_, i) => (i % 2 ? viaOther(i) : viaFirst(i))),
    )).flat();
    assert.equal(all.length, 64);
    assert.equal(new Set(all.map((x: { id: string }) => x.id)).size, 64);
    assert.deepEqual(
      all.map((x: { number: number }) => x.number).sort((a: number, b: number) => a - b),
      Array.from({ length: 64 }, (_, i) => i),
    );
  });
});
