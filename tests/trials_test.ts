/**
 * The trial lifecycle through the HTTP app, on PGlite and on PostgreSQL.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy } from "./support/harness.ts";

describeOnBackends("trials", testBackends(), async (t, app) => {
  await t.step("suggest hands out ACTIVE trials with leases, numbered from 0", async () => {
    const id = await newStudy(app);
    const r = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 3 });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.trials.map((x: { number: number }) => x.number), [0, 1, 2]);
    for (const trial of r.body.trials) {
      assert.equal(trial.state, "ACTIVE");
      assert.ok(Date.parse(trial.leaseExpiresAt) > Date.now() + 3500_000);
      assert.equal(typeof trial.params.x1, "number");
      assert.ok(["adam", "sgd"].includes(trial.params.opt));
      assert.ok(Number.isInteger(trial.params.layers));
    }
    const study = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(study.body.trialCounts.ACTIVE, 3);
  });

  await t.step("a client that asks again gets its ACTIVE trials back first", async () => {
    const id = await newStudy(app);
    const first = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
      count: 2,
      clientId: "w1",
    });
    const again = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
      count: 3,
      clientId: "w1",
    });
    const ids = again.body.trials.map((x: { id: string }) => x.id);
    assert.deepEqual(ids.slice(0, 2), first.body.trials.map((x: { id: string }) => x.id));
    assert.equal(again.body.trials[2].number, 2);
    const other = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
      count: 1,
      clientId: "w2",
    });
    assert.equal(other.body.trials[0].number, 3);
  });

  await t.step("complete, repeat the same result, conflict on a different one", async () => {
    const id = await newStudy(app);
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const path = `/v1/studies/${id}/trials/${trial.id}/complete`;
    const done = await app.request("POST", path, { values: { value: 0.41 } });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.state, "COMPLETED");
    assert.deepEqual(done.body.values, { value: 0.41 });
    assert.equal(done.body.leaseExpiresAt, null);
    assert.equal((await app.request("POST", path, { values: { value: 0.41 } })).status, 200);
    const clash = await app.request("POST", path, { values: { value: 0.5 } });
    assert.equal(clash.status, 409);
    assert.equal(clash.headers.get("content-type"), "application/problem+json");
    assert.equal(
      (await app.request("GET", `/v1/studies/${id}/trials/${trial.id}`)).body.values.value,
      0.41,
    );
  });

  await t.step("known noise variances are kept with the values and checked", async () => {
    const id = await newStudy(app);
    const trials = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 4 }))
      .body.trials;
    const path = (i: number) => `/v1/studies/${id}/trials/${trials[i].id}/complete`;
    const done = await app.request("POST", path(0), {
      values: { value: 0.41 },
      variances: { value: 0.0004 },
    });
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.body.variances, { value: 0.0004 });
    const read = await app.request("GET", `/v1/studies/${id}/trials/${trials[0].id}`);
    assert.deepEqual(read.body.variances, { value: 0.0004 });
    // The same report again is a retry; another variance is a different report.
    assert.equal(
      (await app.request("POST", path(0), {
        values: { value: 0.41 },
        variances: { value: 0.0004 },
      })).status,
      200,
    );
    assert.equal(
      (await app.request("POST", path(0), {
        values: { value: 0.41 },
        variances: { value: 0.1 },
      })).status,
      409,
    );
    const bad: [unknown, string][] = [
      [{ values: { value: 1 }, variances: { value: -1 } }, "variances.value"],
      [{ values: { value: 1 }, variances: { loss: 1 } }, "variances.loss"],
      [{ infeasible: true, variances: { value: 1 } }, "variances"],
      [{ values: { value: 1 }, variances: { value: "big" } }, "variances.value"],
    ];
    for (const [body, field] of bad) {
      const r = await app.request("POST", path(1), body);
      assert.ok(r.status === 400 || r.status === 422, `${JSON.stringify(body)}: ${r.status}`);
      assert.ok(
        r.body.errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(body)}: ${r.text}`,
      );
    }
    assert.equal(
      (await app.request("GET", `/v1/studies/${id}/trials/${trials[1].id}`)).body.state,
      "ACTIVE",
    );
    const batch = await app.request("POST", `/v1/studies/${id}/trials/complete`, {
      items: [
        { trialId: trials[2].id, values: { value: 2 }, variances: { value: 0.5 } },
        { trialId: trials[3].id, values: { value: 3 } },
      ],
    });
    assert.equal(batch.status, 200, batch.text);
    const listed = (await app.request("GET", `/v1/studies/${id}/trials?state=COMPLETED`)).body;
    const byId = new Map(
      listed.items.map((x: { id: string; variances: unknown }) => [x.id, x.variances]),
    );
    assert.deepEqual(byId.get(trials[2].id), { value: 0.5 });
    assert.equal(byId.get(trials[3].id), null);
    const warm = await app.request("POST", `/v1/studies/${id}/trials`, {
      params: { x1: 1, lr: 0.01, layers: 2, opt: "sgd" },
      values: { value: 5 },
      variances: { value: 0.25 },
    });
    assert.equal(warm.status, 201, warm.text);
    assert.deepEqual(warm.body.variances, { value: 0.25 });
  });

  await t.step("infeasible and failed trials", async () => {
    const id = await newStudy(app);
    const [a, b] =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 })).body.trials;
    const inf = await app.request("POST", `/v1/studies/${id}/trials/${a.id}/complete`, {
      infeasible: true,
      reason: "diverged",
    });
    assert.equal(inf.body.state, "INFEASIBLE");
    assert.equal(inf.body.reason, "diverged");
    const failed = await app.request("POST", `/v1/studies/${id}/trials/${b.id}/fail`, {
      reason: "OOM",
    });
    assert.equal(failed.body.state, "FAILED");
    assert.equal(
      (await app.request("POST", `/v1/studies/${id}/trials/${b.id}/fail`, {})).status,
      200,
    );
    const counts = (await app.request("GET", `/v1/studies/${id}`)).body.trialCounts;
    assert.equal(counts.INFEASIBLE, 1);
    assert.equal(counts.FAILED, 1);
    // A result that arrives after the client gave up is kept, not dropped.
    const late = await app.request("POST", `/v1/studies/${id}/trials/${b.id}/complete`, {
      values: { value: 1 },
    });
    assert.equal(late.status, 200, late.text);
    assert.equal(late.body.state, "COMPLETED");
    const refail = await app.request("POST", `/v1/studies/${id}/trials/${b.id}/fail`, {});
    assert.equal(refail.status, 409);
  });

  await t.step(
    "leases: heartbeat extends, expiry makes STALE, the point goes out again, late results are kept",
    async () => {
      const id = await newStudy(app, { settings: { leaseSeconds: 60 } });
      const [trial] =
        (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { clientId: "a" })).body
          .trials;
      app.advance(50);
      const hb = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/heartbeat`);
      assert.equal(hb.status, 200, hb.text);
      assert.ok(Date.parse(hb.body.leaseExpiresAt) > Date.parse(trial.leaseExpiresAt));
      app.advance(61);
      const stale = await app.request("GET", `/v1/studies/${id}/trials/${trial.id}`);
      assert.equal(stale.body.state, "STALE");
      assert.equal(
        (await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/heartbeat`)).status,
        409,
      );
      const again = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
        clientId: "b",
      });
      assert.equal(again.body.trials[0].number, 1);
      assert.deepEqual(again.body.trials[0].params, trial.params);
      const late = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
        values: { value: 3 },
      });
      assert.equal(late.status, 200, late.text);
      assert.equal(late.body.state, "COMPLETED");
      const listed = await app.request("GET", `/v1/studies/${id}/trials?state=COMPLETED`);
      assert.equal(listed.body.items.length, 1);
    },
  );

  await t.step(
    "createTrial: REQUESTED points go out first; results make finished trials",
    async () => {
      const id = await newStudy(app);
      const req = await app.request("POST", `/v1/studies/${id}/trials`, {
        params: { x1: 1, lr: 0.01, layers: 2, opt: "sgd" },
      });
      assert.equal(req.status, 201, req.text);
      assert.equal(req.body.state, "REQUESTED");
      const warm = await app.request("POST", `/v1/studies/${id}/trials`, {
        params: { x1: 2, lr: 0.001, layers: 3, opt: "adam" },
        values: { value: -1 },
      });
      assert.equal(warm.body.state, "COMPLETED");
      assert.equal(warm.body.number, 1);
      const got = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 });
      assert.equal(got.body.trials[0].id, req.body.id);
      assert.equal(got.body.trials[0].state, "ACTIVE");
      assert.equal(got.body.trials[1].number, 2);
    },
  );

  await t.step("completeTrials: all or nothing, the bad item named", async () => {
    const id = await newStudy(app);
    const trials =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 5 })).body.trials;
    const items = trials.map((x: { id: string }, i: number) => ({
      trialId: x.id,
      values: { value: i },
    }));
    const bad = structuredClone(items);
    bad[3].values = { nope: 1 };
    const rejected = await app.request("POST", `/v1/studies/${id}/trials/complete`, { items: bad });
    assert.equal(rejected.status, 422);
    assert.ok(
      rejected.body.errors.some((e: { field: string }) => e.field.startsWith("items[3].values")),
    );
    const unknown = structuredClone(items);
    unknown[4].trialId = crypto.randomUUID();
    const missing = await app.request("POST", `/v1/studies/${id}/trials/complete`, {
      items: unknown,
    });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.errors[0].field, "items[4].trialId");
    assert.equal((await app.request("GET", `/v1/studies/${id}`)).body.trialCounts.COMPLETED, 0);
    const ok = await app.request("POST", `/v1/studies/${id}/trials/complete`, { items });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.trials.length, 5);
    assert.equal((await app.request("GET", `/v1/studies/${id}`)).body.trialCounts.COMPLETED, 5);
  });

  await t.step(
    "completeTrials with Prefer: return=minimal answers 204 and applies all",
    async () => {
      const id = await newStudy(app);
      const trials =
        (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 4 })).body.trials;
      const items = trials.map((x: { id: string }, i: number) => ({
        trialId: x.id,
        values: { value: 10 + i },
      }));
      const complete = (body: unknown, headers: Record<string, string>) =>
        app.request("POST", `/v1/studies/${id}/trials/complete`, body, { headers });
      const minimal = { prefer: "return=minimal" };
      // A bad item still rejects the whole request, with the problem named.
      const bad = structuredClone(items);
      bad[2].values = { value: "high" };
      const rejected = await complete({ items: bad }, minimal);
      assert.equal(rejected.status, 422);
      assert.ok(
        rejected.body.errors.some((e: { field: string }) => e.field === "items[2].values.value"),
      );
      const first = items.slice(0, 2);
      const r = await complete({ items: first }, minimal);
      assert.equal(r.status, 204, r.text);
      assert.equal(r.text, "");
      assert.equal(r.headers.get("preference-applied"), "return=minimal");
      for (const [i, item] of first.entries()) {
        const trial = (await app.request("GET", `/v1/studies/${id}/trials/${item.trialId}`)).body;
        assert.equal(trial.state, "COMPLETED");
        assert.deepEqual(trial.values, { value: 10 + i });
      }
      // A retry with the same results is accepted; another result is a conflict.
      assert.equal((await complete({ items: first }, minimal)).status, 204);
      const changed = [{ ...first[0], values: { value: 99 } }];
      const conflict = await complete({ items: changed }, minimal);
      assert.equal(conflict.status, 409);
      assert.equal(conflict.body.errors[0].field, "items[0].trialId");
      // Among other preferences; and with an Idempotency-Key, a replay answers the same way.
      const keyed = { prefer: 'respond-async, return="minimal"', "idempotency-key": `k-${id}` };
      const third = await complete({ items: [items[2]] }, keyed);
      assert.equal(third.status, 204, third.text);
      const replay = await complete({ items: [items[2]] }, keyed);
      assert.equal(replay.status, 204);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      // return=representation (or no header) echoes the trials.
      const full = await complete({ items: [items[3]] }, { prefer: "return=representation" });
      assert.equal(full.status, 200);
      assert.equal(full.body.trials[0].values.value, 13);
      assert.equal((await app.request("GET", `/v1/studies/${id}`)).body.trialCounts.COMPLETED, 4);
    },
  );

  await t.step("getBestTrials follows the goal", async () => {
    for (const goal of ["minimize", "maximize"]) {
      const id = await newStudy(app, {
        objective: { metrics: [{ name: "acc", goal }, { name: "t", goal: "minimize" }] },
      });
      const trials =
        (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 4 })).body.trials;
      const values = [0.3, 0.9, 0.1, 0.5];
      await app.request("POST", `/v1/studies/${id}/trials/complete`, {
        items: trials.map((x: { id: string }, i: number) => ({
          trialId: x.id,
          values: { acc: values[i], t: 1 },
        })),
      });
      const best = await app.request("GET", `/v1/studies/${id}/trials/best?limit=2`);
      assert.equal(best.status, 200, best.text);
      const got = best.body.trials.map((x: { values: { acc: number } }) => x.values.acc);
      assert.deepEqual(got, goal === "minimize" ? [0.1, 0.3] : [0.9, 0.5]);
    }
  });

  await t.step("listTrials pages by number and filters by state", async () => {
    const id = await newStudy(app);
    const trials =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 7 })).body.trials;
    await app.request("POST", `/v1/studies/${id}/trials/${trials[2].id}/complete`, {
      values: { value: 1 },
    });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await app.request("GET", `/v1/studies/${id}/trials?limit=3${q}`);
      assert.equal(page.status, 200, page.text);
      seen.push(...page.body.items.map((x: { number: number }) => x.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6]);
    const active = await app.request("GET", `/v1/studies/${id}/trials?state=ACTIVE`);
    assert.equal(active.body.items.length, 6);
  });

  await t.step("exportTrials streams CSV and JSON Lines", async () => {
    const id = await newStudy(app);
    const trials =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 3 })).body.trials;
    await app.request("POST", `/v1/studies/${id}/trials/${trials[0].id}/complete`, {
      values: { value: 0.5 },
      variances: { value: 0.0004 },
    });
    const csv = await app.request("GET", `/v1/studies/${id}/trials/export?format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type")!, /text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    assert.equal(lines.length, 4);
    assert.equal(
      lines[0],
      "number,id,state,clientId,createdAt,startedAt,completedAt,params.x1,params.lr,params.layers,params.opt,values.value,variances.value,reason",
    );
    assert.ok(lines[1].startsWith(`0,${trials[0].id},COMPLETED,`));
    assert.ok(lines[1].endsWith(",0.5,0.0004,"), lines[1]);
    assert.ok(lines[2].endsWith(",,,"), "no value, no variance, no reason");
    const jsonl = await app.request("GET", `/v1/studies/${id}/trials/export?format=jsonl`);
    const rows = jsonl.text.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(rows.map((r) => r.number), [0, 1, 2]);
    assert.deepEqual(rows[1].params, trials[1].params);
  });

  await t.step("paused studies hand out nothing but still take results", async () => {
    const id = await newStudy(app);
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const paused = await app.request("PATCH", `/v1/studies/${id}`, { state: "PAUSED" });
    assert.equal(paused.body.state, "PAUSED");
    assert.equal((await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).status, 409);
    const done = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
      values: { value: 1 },
    });
    assert.equal(done.status, 200);
  });
});
