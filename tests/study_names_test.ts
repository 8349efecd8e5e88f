/**
 * Habits users bring from Optuna and Vizier (issue 15): study names unique
 * in a project, `"ifExists": "return"` (load_if_exists), listStudies by
 * name, a default algorithm explained, and unknown query parameters refused.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, studyBody } from "./support/harness.ts";

describeOnBackends("study names and defaults", testBackends(), async (t, app) => {
  await t.step("a taken name is a 409 that says how to get the study back", async () => {
    const body = studyBody();
    const first = await app.request("POST", "/v1/studies", body);
    assert.equal(first.status, 201, first.text);
    const again = await app.request("POST", "/v1/studies", body);
    assert.equal(again.status, 409, again.text);
    assert.match(again.headers.get("content-type") ?? "", /problem\+json/);
    assert.match(again.body.detail, /ifExists/);
    assert.deepEqual(again.body.errors.map((e: { field: string }) => e.field), ["name"]);
    // Another project may use the name.
    const other = await app.newProject();
    const there = await app.request("POST", "/v1/studies", body, { key: other.key });
    assert.equal(there.status, 201, there.text);
  });

  await t.step('ifExists "return" answers the existing study when it matches', async () => {
    const body = studyBody({ ifExists: "return" });
    const first = await app.request("POST", "/v1/studies", body);
    assert.equal(first.status, 201, first.text);
    const again = await app.request("POST", "/v1/studies", body);
    assert.equal(again.status, 200, again.text);
    assert.equal(again.body.id, first.body.id);
    // Metadata does not count, and a request that leaves the seed out matches any seed.
    const { seed: _, ...algorithm } = body.algorithm as Record<string, unknown>;
    const loose = await app.request("POST", "/v1/studies", {
      ...body,
      algorithm,
      metadata: { run: 2 },
    });
    assert.equal(loose.status, 200, loose.text);
    assert.equal(loose.body.id, first.body.id);
    const listed = await app.request(
      "GET",
      `/v1/studies?name=${encodeURIComponent(body.name as string)}`,
    );
    assert.equal(listed.status, 200, listed.text);
    assert.deepEqual(listed.body.items.map((s: { id: string }) => s.id), [first.body.id]);
  });

  await t.step('ifExists "return" names each difference in a 409', async () => {
    const body = studyBody({ ifExists: "return" });
    assert.equal((await app.request("POST", "/v1/studies", body)).status, 201);
    const space = structuredClone(body.space) as { parameters: Record<string, unknown>[] };
    space.parameters[0].max = 20;
    const changed = await app.request("POST", "/v1/studies", {
      ...body,
      space,
      algorithm: { name: "random", seed: 2 },
      settings: { leaseSeconds: 60 },
    });
    assert.equal(changed.status, 409, changed.text);
    const fields = changed.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, [
      "algorithm.seed",
      "settings.leaseSeconds",
      "space.parameters[0].max",
    ]);
    const max = changed.body.errors.find((e: { field: string }) => e.field.endsWith(".max"));
    assert.match(max.message, /has 10, the request 20/);
    // A different algorithm, config defaults compared as stored.
    const other = await app.request("POST", "/v1/studies", {
      ...body,
      algorithm: { name: "sobol", seed: 1 },
    });
    assert.equal(other.status, 409, other.text);
    const otherFields = other.body.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(otherFields, ["algorithm.config.scramble", "algorithm.name"]);
  });

  await t.step("concurrent creates of one name make one study", async () => {
    const body = studyBody({ ifExists: "return" });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => app.request("POST", "/v1/studies", body)),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 201], answers.map((a) => a.text).join());
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
  });

  await t.step("renaming onto a taken name is a 409, and nothing changes", async () => {
    const a = await app.request("POST", "/v1/studies", studyBody());
    const b = await app.request("POST", "/v1/studies", studyBody());
    const r = await app.request("PATCH", `/v1/studies/${b.body.id}`, {
      name: a.body.name,
      metadata: { x: 1 },
    });
    assert.equal(r.status, 409, r.text);
    const still = await app.request("GET", `/v1/studies/${b.body.id}`);
    assert.equal(still.body.name, b.body.name);
    assert.deepEqual(still.body.metadata, {});
  });

  await t.step(
    "without an algorithm: gp-bo for a small space, random past it, with why",
    async () => {
      const { algorithm: _, ...body } = studyBody();
      const small = await app.request("POST", "/v1/studies", body);
      assert.equal(small.status, 201, small.text);
      assert.equal(small.body.algorithm.name, "gp-bo");
      assert.match(small.body.algorithm.reason, /4 parameters/);
      const got = await app.request("GET", `/v1/studies/${small.body.id}`);
      assert.equal(got.body.algorithm.name, "gp-bo");
      assert.equal(got.body.algorithm.reason, undefined);
      const wide = await app.request("POST", "/v1/studies", {
        ...body,
        name: `${body.name}-wide`,
        space: {
          parameters: Array.from({ length: 21 }, (_, i) => ({
            name: `x${i}`,
            type: "float",
            min: 0,
            max: 1,
          })),
        },
      });
      assert.equal(wide.status, 201, wide.text);
      assert.equal(wide.body.algorithm.name, "random");
      assert.match(wide.body.algorithm.reason, /21 parameters/);
      // Named, there is no reason to give.
      const named = await app.request("POST", "/v1/studies", studyBody());
      assert.equal(named.body.algorithm.reason, undefined);
    },
  );

  await t.step(
    "friendlier errors: did you mean, the algorithms listed, a 415 that says how",
    async () => {
      const typo = await app.request(
        "POST",
        "/v1/studies",
        studyBody({ algorithm: { name: "gpbo" } }),
      );
      assert.equal(typo.status, 422, typo.text);
      assert.equal(typo.body.errors[0].field, "algorithm.name");
      assert.match(typo.body.detail, /did you mean "gp-bo"\?/);
      assert.match(typo.body.detail, /random/);
      assert.match(typo.body.detail, /cbo/);
      const far = await app.request(
        "POST",
        "/v1/studies",
        studyBody({ algorithm: { name: "xyzzy" } }),
      );
      assert.equal(far.status, 422, far.text);
      assert.doesNotMatch(far.body.detail, /did you mean/);
      const form = await app.request("POST", "/v1/studies", undefined, {
        raw: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(form.status, 415, form.text);
      assert.match(form.body.detail, /Content-Type: application\/json/);
      const root = await app.request("GET", "/");
      assert.equal(root.status, 302);
      assert.equal(root.headers.get("location"), "/ui");
    },
  );

  await t.step("unknown query parameters are a 400 naming the parameter", async () => {
    const typo = await app.request("GET", "/v1/studies?stat=ACTIVE");
    assert.equal(typo.status, 400, typo.text);
    assert.match(typo.headers.get("content-type") ?? "", /problem\+json/);
    assert.equal(typo.body.errors[0].field, "stat");
    assert.match(typo.body.errors[0].message, /`state`/);
    const study = await app.request("POST", "/v1/studies", studyBody());
    const onGet = await app.request("GET", `/v1/studies/${study.body.id}?verbose=1`);
    assert.equal(onGet.status, 400, onGet.text);
    assert.match(onGet.body.errors[0].message, /takes none/);
    // Known ones still work, and an empty query string is no parameter.
    const ok = await app.request("GET", "/v1/studies?state=ACTIVE&limit=5");
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await app.request("GET", `/v1/studies/${study.body.id}?`)).status, 200);
  });
});
