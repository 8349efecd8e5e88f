/**
 * What a production service also needs (issue 14): admin keys as objects
 * (minted, listed and revoked through the API, the bootstrap key from the
 * environment still working), an audit log of key, project and study
 * changes written in the change's transaction. Rate limits per key are in
 * rate_limits_test.ts.
 */
import assert from "node:assert/strict";
// The app first: it loads @hono/zod-openapi before any schema the routes extend is made.
import {
  ADMIN_KEY,
  describeOnBackends,
  newStudy,
  type Reply,
  type TestApp,
} from "./support/harness.ts";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";

const admin = { key: ADMIN_KEY };

/** The audit events matching a query, newest first (every page). */
async function auditEvents(app: TestApp, query = "", key = ADMIN_KEY) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const r: Reply = await app.expect(200, "GET", `/v1/admin/audit-events?${q}`, undefined, {
      key,
    });
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
}

describeOnBackends("admin keys and the audit log", testBackends(), async (t, app) => {
  let opsKey = { id: "", key: "" };

  await t.step(
    "the bootstrap key mints an admin key; it works, listed without the key",
    async () => {
      const minted = await app.request("POST", "/v1/admin/keys", { name: "ops" }, {
        ...admin,
        headers: { "x-request-id": "mint-ops-1" },
      });
      assert.equal(minted.status, 201, minted.text);
      assert.equal(minted.body.role, "admin");
      assert.equal(minted.body.projectId, null);
      assert.match(minted.body.key, /^mk_/);
      opsKey = { id: minted.body.id, key: minted.body.key };
      // The new key does what admin keys do, including minting admin keys.
      await app.expect(200, "GET", "/v1/projects", undefined, { key: opsKey.key });
      await app.expect(201, "POST", "/v1/admin/keys", { name: "spare" }, { key: opsKey.key });
      const list = await app.expect<{ items: Record<string, unknown>[] }>(
        200,
        "GET",
        "/v1/admin/keys",
        undefined,
        { key: opsKey.key },
      );
      assert.deepEqual(list.body.items.map((k) => k.name), ["ops", "spare"]);
      assert.ok(list.body.items.every((k) => !("key" in k)), "keys themselves are never listed");
      assert.equal(list.body.items[0].prefix, opsKey.key.slice(0, 10));
    },
  );

  await t.step("only admins manage admin keys and read the audit log", async () => {
    for (
      const [method, path, body] of [
        ["POST", "/v1/admin/keys", { name: "x" }],
        ["GET", "/v1/admin/keys", undefined],
        ["DELETE", `/v1/admin/keys/${opsKey.id}`, undefined],
        ["GET", "/v1/admin/audit-events", undefined],
      ] as const
    ) {
      const r = await app.request(method, path, body);
      assert.equal(r.status, 403, `${method} ${path} with a project key: ${r.text}`);
    }
    await app.expect(200, "GET", "/v1/studies", undefined, { key: app.projectKey });
  });

  await t.step("a replayed mint is a 409 (shown once), nothing minted twice", async () => {
    const headers = { "idempotency-key": "mint-admin-1" };
    const first = await app.request("POST", "/v1/admin/keys", { name: "ci" }, {
      ...admin,
      headers,
    });
    assert.equal(first.status, 201, first.text);
    const again = await app.request("POST", "/v1/admin/keys", { name: "ci" }, {
      ...admin,
      headers,
    });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.errors[0].rule, "shown_once");
    assert.ok(again.text.includes(first.body.id) && !again.text.includes(first.body.key));
    const list = await app.request("GET", "/v1/admin/keys", undefined, admin);
    assert.equal(list.body.items.filter((k: { name: string }) => k.name === "ci").length, 1);
    assert.equal(
      (await auditEvents(app, "action=admin_key.created")).filter((e) =>
        e.targetId === first.body.id
      )
        .length,
      1,
      "one event for one mint",
    );
  });

  await t.step("a revoked admin key stops working; twice is harmless; others 404", async () => {
    const spare = (await app.request("GET", "/v1/admin/keys", undefined, admin)).body.items
      .find((k: { name: string }) => k.name === "spare");
    const r = await app.expect<{ revokedAt: string }>(
      200,
      "DELETE",
      `/v1/admin/keys/${spare.id}`,
      undefined,
      { key: opsKey.key, headers: { "x-request-id": "revoke-spare" } },
    );
    assert.ok(r.body.revokedAt);
    const twice = await app.expect<{ revokedAt: string }>(
      200,
      "DELETE",
      `/v1/admin/keys/${spare.id}`,
      undefined,
      admin,
    );
    assert.equal(twice.body.revokedAt, r.body.revokedAt, "the first revocation stands");
    // A project key is no admin key, and an unknown id is no key.
    const projectKeys = await app.request(
      "GET",
      `/v1/projects/${app.projectId}/keys`,
      undefined,
      admin,
    );
    const projectKeyId = projectKeys.body.items[0].id;
    for (const id of [projectKeyId, crypto.randomUUID()]) {
      assert.equal(
        (await app.request("DELETE", `/v1/admin/keys/${id}`, undefined, admin)).status,
        404,
      );
    }
    await app.expect(200, "GET", "/v1/studies");
    const events = await auditEvents(app, "action=admin_key.revoked");
    assert.equal(events.length, 1, "revoking twice records one event");
    assert.equal(events[0].targetId, spare.id);
    assert.equal(events[0].actor, opsKey.id);
    assert.equal(events[0].requestId, "revoke-spare");
  });

  await t.step("the audit log: who, when, what and the request id, newest first", async () => {
    const projectId = (await app.expect<{ id: string }>(
      201,
      "POST",
      "/v1/projects",
      { name: "audited" },
      { key: opsKey.key, headers: { "x-request-id": "make-audited" } },
    )).body.id;
    const key = await app.expect<{ id: string; key: string }>(
      201,
      "POST",
      `/v1/projects/${projectId}/keys`,
      { name: "robot" },
      admin,
    );
    const studyId = await newStudy(app, { name: "audited" });
    const labeler = await app.expect<{ id: string; key: string }>(
      201,
      "POST",
      `/v1/studies/${studyId}/labelers`,
      { name: "ada" },
    );
    await app.expect(200, "DELETE", `/v1/studies/${studyId}/labelers/${labeler.body.id}`);
    await app.expect(204, "DELETE", `/v1/studies/${studyId}`, undefined, {
      headers: { "x-request-id": "drop-study" },
    });
    await app.expect(
      200,
      "DELETE",
      `/v1/projects/${projectId}/keys/${key.body.id}`,
      undefined,
      admin,
    );

    const all = await auditEvents(app);
    const times = all.map((e) => Date.parse(e.at as string));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), "newest first");
    const byAction = (action: string) => all.filter((e) => e.action === action);
    const created = byAction("project.created").find((e) => e.targetId === projectId)!;
    assert.equal(created.actor, opsKey.id);
    assert.equal(created.requestId, "make-audited");
    assert.deepEqual(created.details, { name: "audited" });
    const dropped = byAction("study.deleted")[0];
    assert.equal(dropped.targetId, studyId);
    assert.equal(dropped.projectId, app.projectId);
    assert.equal(dropped.requestId, "drop-study");
    assert.deepEqual(dropped.details, { name: "audited" });
    const projectKeyId =
      (await app.request("GET", `/v1/projects/${app.projectId}/keys`, undefined, admin))
        .body.items[0].id;
    assert.equal(dropped.actor, projectKeyId, "the project key that deleted it");
    for (
      const [action, targetId] of [
        ["api_key.created", key.body.id],
        ["api_key.revoked", key.body.id],
        ["labeler_token.created", labeler.body.id],
        ["labeler_token.revoked", labeler.body.id],
      ]
    ) {
      const e = byAction(action).find((e) => e.targetId === targetId);
      assert.ok(e, `${action} of ${targetId} is recorded`);
      assert.equal(e.targetType, action.split(".")[0]);
    }
    assert.equal(
      byAction("api_key.created").find((e) => e.targetId === key.body.id)!.actor,
      "bootstrap",
    );

    // Filters: by action, by project, by time.
    const inProject = await auditEvents(app, `projectId=${projectId}`);
    assert.deepEqual(
      inProject.map((e) => e.action),
      ["api_key.revoked", "api_key.created", "project.created"],
    );
    const deletions = await auditEvents(app, "action=study.deleted");
    assert.deepEqual(deletions.map((e) => e.targetId), [studyId]);
    const at = Date.parse(created.at as string);
    const since = await auditEvents(app, `since=${new Date(at).toISOString()}`);
    assert.ok(since.every((e) => Date.parse(e.at as string) >= at));
    assert.ok(since.some((e) => e.targetId === projectId));
    const until = await auditEvents(app, `until=${new Date(at).toISOString()}`);
    assert.ok(until.every((e) => Date.parse(e.at as string) < at));
    assert.ok(!until.some((e) => e.targetId === projectId));
  });

  await t.step("bad filters are 400s naming the parameter", async () => {
    for (
      const [query, field] of [
        ["action=study.created", "action"],
        ["projectId=nope", "projectId"],
        ["since=yesterday", "since"],
        ["cursor=bogus", "cursor"],
      ]
    ) {
      const r = await app.request("GET", `/v1/admin/audit-events?${query}`, undefined, admin);
      assert.equal(r.status, 400, `${query}: ${r.text}`);
      assert.equal(r.body.errors[0].field, field);
    }
  });

  await t.step(
    "without MINIMA_ADMIN_KEY the last admin key cannot be revoked; the refusal leaves no event",
    async () => {
      // A second app on the same database, started without MINIMA_ADMIN_KEY.
      const bare = createApp({ database: app.database, logger: createLogger("silent") });
      const call = async (method: string, path: string, key: string) => {
        const res = await bare.request(path, {
          method,
          headers: { authorization: `Bearer ${key}` },
        });
        return { status: res.status, body: await res.json() };
      };
      const live = (await call("GET", "/v1/admin/keys", opsKey.key)).body.items
        .filter((k: { revokedAt: string | null; id: string }) =>
          !k.revokedAt && k.id !== opsKey.id
        );
      for (const k of live) {
        assert.equal((await call("DELETE", `/v1/admin/keys/${k.id}`, opsKey.key)).status, 200);
      }
      const before = (await auditEvents(app, "action=admin_key.revoked")).length;
      const last = await call("DELETE", `/v1/admin/keys/${opsKey.id}`, opsKey.key);
      assert.equal(last.status, 409, JSON.stringify(last.body));
      assert.equal(last.body.errors[0].rule, "last_admin_key");
      assert.equal((await call("GET", "/v1/projects", opsKey.key)).status, 200, "it still works");
      assert.equal(
        (await auditEvents(app, "action=admin_key.revoked")).length,
        before,
        "the rolled-back revocation left no event",
      );
      // With MINIMA_ADMIN_KEY there is still a way in, so the last stored key may go.
      await app.expect(200, "DELETE", `/v1/admin/keys/${opsKey.id}`, undefined, admin);
      // (The other app trusts what it resolved for up to 5 s: see PrincipalCache.)
      const after = await app.request("GET", "/v1/projects", undefined, { key: opsKey.key });
      assert.equal(after.status, 401);
      assert.equal((await auditEvents(app, "action=admin_key.revoked")).length, before + 1);
    },
  );
});
