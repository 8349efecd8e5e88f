/**
 * Projects, keys and who may see what.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, studyBody } from "./support/harness.ts";

describeOnBackends("projects and keys", testBackends(), async (t, app) => {
  await t.step("/v1 needs a key; a wrong key is a 401", async () => {
    const none = await app.request("GET", "/v1/studies", undefined, { key: null });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get("content-type"), "application/problem+json");
    assert.equal(
      (await app.request("GET", "/v1/studies", undefined, { key: "mk_nope" })).status,
      401,
    );
    assert.equal((await app.request("GET", "/healthz", undefined, { key: null })).status, 200);
  });

  await t.step("admin keys manage projects; project keys may not", async () => {
    const created = await app.request("POST", "/v1/projects", { name: "alpha" }, {
      key: ADMIN_KEY,
    });
    assert.equal(created.status, 201, created.text);
    const dup = await app.request("POST", "/v1/projects", { name: "alpha" }, { key: ADMIN_KEY });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errors[0].field, "name");
    assert.equal((await app.request("POST", "/v1/projects", { name: "beta" })).status, 403);
    assert.equal((await app.request("GET", "/v1/projects")).status, 403);
    assert.equal(
      (await app.request("GET", "/v1/studies", undefined, { key: ADMIN_KEY })).status,
      403,
    );
    const list = await app.request("GET", "/v1/projects?limit=1", undefined, { key: ADMIN_KEY });
    assert.equal(list.body.items.length, 1);
    assert.ok(list.body.nextCursor);
  });

  await t.step("a key is shown once and stored as a hash; revoked keys stop working", async () => {
    const { projectId, key } = await app.newProject("gamma");
    assert.match(key, /^mk_[A-Za-z0-9_-]{32}$/);
    const keys = await app.request("GET", `/v1/projects/${projectId}/keys`, undefined, {
      key: ADMIN_KEY,
    });
    assert.equal(keys.body.items.length, 1);
    assert.equal(keys.body.items[0].key, undefined);
    assert.equal(keys.body.items[0].prefix, key.slice(0, 10));
    const stored = JSON.stringify(await app.database.db.execute("SELECT * FROM api_keys" as never));
    assert.ok(!stored.includes(key), "the key itself must not be stored");
    assert.equal((await app.request("GET", "/v1/studies", undefined, { key })).status, 200);
    const revoked = await app.request(
      "DELETE",
      `/v1/projects/${projectId}/keys/${keys.body.items[0].id}`,
      undefined,
      { key: ADMIN_KEY },
    );
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    assert.equal((await app.request("GET", "/v1/studies", undefined, { key })).status, 401);
    const missing = await app.request("POST", `/v1/projects/${crypto.randomUUID()}/keys`, {
      name: "k",
    }, {
      key: ADMIN_KEY,
    });
    assert.equal(missing.status, 404);
  });

  await t.step("another project's study is a 404, never a 403", async () => {
    const mine = await app.request("POST", "/v1/studies", studyBody());
    const other = await app.newProject();
    const opts = { key: other.key };
    const id = mine.body.id;
    assert.equal((await app.request("GET", `/v1/studies/${id}`, undefined, opts)).status, 404);
    assert.equal(
      (await app.request("PATCH", `/v1/studies/${id}`, { name: "x" }, opts)).status,
      404,
    );
    assert.equal((await app.request("DELETE", `/v1/studies/${id}`, undefined, opts)).status, 404);
    assert.equal(
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {}, opts)).status,
      404,
    );
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const steal = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
      values: { value: 1 },
    }, opts);
    assert.equal(steal.status, 404);
    assert.equal((await app.request("GET", "/v1/studies", undefined, opts)).body.items.length, 0);
    assert.equal(
      (await app.request("GET", `/v1/studies/${id}/trials/${trial.id}`)).body.state,
      "ACTIVE",
    );
  });
});
