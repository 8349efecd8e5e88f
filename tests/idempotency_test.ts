/**
 * Idempotency-Key: a retry returns the first answer; another body is a 409.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, studyBody } from "./support/harness.ts";

describeOnBackends("idempotency keys", testBackends(), async (t, app) => {
  await t.step("createStudy retried with the same key makes one study", async () => {
    const headers = { "idempotency-key": "create-1" };
    const body = studyBody({ name: "once" });
    const a = await app.request("POST", "/v1/studies", body, { headers });
    const b = await app.request("POST", "/v1/studies", body, { headers });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(b.body.id, a.body.id);
    assert.equal(b.headers.get("idempotent-replayed"), "true");
    const all = await app.request("GET", "/v1/studies");
    assert.equal(all.body.items.filter((s: { name: string }) => s.name === "once").length, 1);
    const clash = await app.request("POST", "/v1/studies", studyBody({ name: "twice" }), {
      headers,
    });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.errors[0].field, "Idempotency-Key");
  });

  await t.step("suggestTrials retried returns the same trials, concurrently too", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const headers = { "idempotency-key": "ask-1" };
    const replies = await Promise.all(
      Array.from(
        { length: 4 },
        () => app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 }, { headers }),
      ),
    );
    for (const r of replies) {
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(
        r.body.trials.map((x: { id: string }) => x.id),
        replies[0].body.trials.map((x: { id: string }) => x.id),
      );
    }
    assert.equal((await app.request("GET", `/v1/studies/${id}`)).body.trialCounts.ACTIVE, 2);
  });

  await t.step("keys are per project, and a failed request does not use up its key", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const headers = { "idempotency-key": "tell-1" };
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const path = `/v1/studies/${id}/trials/${trial.id}/complete`;
    assert.equal(
      (await app.request("POST", path, { values: { wrong: 1 } }, { headers })).status,
      422,
    );
    assert.equal(
      (await app.request("POST", path, { values: { value: 1 } }, { headers })).status,
      200,
    );
    const other = await app.newProject();
    const otherStudy = await app.request("POST", "/v1/studies", studyBody(), {
      key: other.key,
      headers: { "idempotency-key": "create-1" },
    });
    assert.equal(otherStudy.status, 201);
    assert.equal(otherStudy.headers.get("idempotent-replayed"), null);
  });
});
