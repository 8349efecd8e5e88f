/**
 * Studies through the HTTP app: create, get, list, update, delete.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, studyBody } from "./support/harness.ts";

describeOnBackends("studies", testBackends(), async (t, app) => {
  await t.step("createStudy fills defaults and counts trials by state", async () => {
    const r = await app.request("POST", "/v1/studies", studyBody({ metadata: { owner: "ada" } }));
    assert.equal(r.status, 201, r.text);
    const s = r.body;
    assert.equal(s.state, "ACTIVE");
    assert.equal(s.projectId, app.projectId);
    assert.deepEqual(s.metadata, { owner: "ada" });
    assert.equal(s.space.parameters[0].scale, "linear");
    assert.equal(s.space.parameters[1].scale, "log");
    assert.deepEqual(s.algorithm, { name: "random", config: {}, seed: 1 });
    assert.equal(s.settings.leaseSeconds, 3600);
    assert.deepEqual(s.trialCounts, {
      REQUESTED: 0,
      ACTIVE: 0,
      COMPLETED: 0,
      INFEASIBLE: 0,
      FAILED: 0,
      STALE: 0,
      RANKED: 0,
    });
    assert.equal(s.labeling, null);
    const got = await app.request("GET", `/v1/studies/${s.id}`);
    assert.deepEqual(got.body, s);
  });

  await t.step("a study without a seed gets one, shown in the study", async () => {
    const r = await app.request("POST", "/v1/studies", studyBody({ algorithm: { name: "sobol" } }));
    assert.equal(r.status, 201, r.text);
    assert.ok(Number.isInteger(r.body.algorithm.seed));
    assert.deepEqual(r.body.algorithm.config, { scramble: true });
  });

  await t.step("listStudies pages newest first and filters by state", async () => {
    const { key } = await app.newProject();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await app.request("POST", "/v1/studies", studyBody({ name: `s${i}` }), { key });
      ids.push(r.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await app.request("GET", `/v1/studies?limit=2${q}`, undefined, { key });
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((s: { id: string }) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    await app.request("PATCH", `/v1/studies/${ids[1]}`, { state: "COMPLETED" }, { key });
    const done = await app.request("GET", "/v1/studies?state=COMPLETED", undefined, { key });
    assert.deepEqual(done.body.items.map((s: { id: string }) => s.id), [ids[1]]);
  });

  await t.step("updateStudy renames, replaces metadata and moves state", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const r = await app.request("PATCH", `/v1/studies/${id}`, {
      name: "renamed",
      metadata: { a: 1 },
      state: "PAUSED",
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.name, "renamed");
    assert.deepEqual(r.body.metadata, { a: 1 });
    assert.equal(r.body.state, "PAUSED");
    assert.ok(Date.parse(r.body.updatedAt) >= Date.parse(r.body.createdAt));
    const bad = await app.request("PATCH", `/v1/studies/${id}`, { state: "RUNNING" });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, "state");
    const back = await app.request("PATCH", `/v1/studies/${id}`, { state: "ACTIVE" });
    assert.equal(back.body.state, "ACTIVE");
    assert.equal((await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).status, 200);
  });

  await t.step("deleteStudy removes the study and its trials", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    assert.equal((await app.request("DELETE", `/v1/studies/${id}`)).status, 204);
    assert.equal((await app.request("GET", `/v1/studies/${id}`)).status, 404);
    assert.equal((await app.request("GET", `/v1/studies/${id}/trials`)).status, 404);
    const late = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
      values: { value: 1 },
    });
    assert.equal(late.status, 404);
    assert.equal((await app.request("DELETE", `/v1/studies/${id}`)).status, 404);
  });

  await t.step(
    "listAlgorithms names each algorithm with its feedback kinds and config schema",
    async () => {
      const r = await app.request("GET", "/v1/algorithms");
      assert.equal(r.status, 200);
      type Algorithm = {
        name: string;
        description: string;
        feedbackKinds: string[];
        configSchema: { properties: Record<string, { type: string }> };
      };
      const byName = new Map<string, Algorithm>(
        r.body.items.map((a: Algorithm) => [a.name, a]),
      );
      const sobol = byName.get("sobol")!;
      assert.ok(sobol.description.length > 10);
      assert.ok(sobol.feedbackKinds.includes("value"));
      assert.equal(sobol.configSchema.properties.scramble.type, "boolean");
      assert.ok(byName.has("random"));
    },
  );
});
