/**
 * No secret at rest (issue 14, finding 3): API keys, labeler tokens and admin
 * keys minted with an Idempotency-Key are shown once and stored nowhere, not even in the
 * idempotency keys' stored answers; a replay of the mint is a 409 naming the
 * key's id instead of the key (and the audit log names keys by id). Every
 * table's text is scanned for the secrets:
 * `pg_dump --data-only` on the PostgreSQL server (when pg_dump is installed),
 * and every row of every table, as text, on both backends.
 */
import assert from "node:assert/strict";
import { sql } from "drizzle-orm";
import { query } from "../src/db/client.ts";
import { idempotencyKeys } from "../src/db/schema.ts";
import { expireIdempotencyKeys } from "../src/services/idempotency.ts";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, newStudy, type TestApp } from "./support/harness.ts";

/** Every row of every table of the database, each as PostgreSQL's text of the row. */
async function everyRowAsText(app: TestApp): Promise<string> {
  const tables = await query<{ schema: string; name: string }>(
    app.database.db,
    sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE'
          AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  assert.ok(tables.some((t) => t.name === "idempotency_keys"), "the scan sees idempotency_keys");
  const texts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = await query<{ row: string }>(
      app.database.db,
      sql.raw(`SELECT t::text AS row FROM "${schema}"."${name}" t`),
    );
    texts.push(...rows.map((r) => r.row));
  }
  return texts.join("\n");
}

/** The data of the server database as pg_dump writes it; undefined without pg_dump. */
async function pgDump(url: string): Promise<string | undefined> {
  try {
    const out = await new Deno.Command("pg_dump", { args: ["--data-only", url] }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    return new TextDecoder().decode(out.stdout);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

describeOnBackends("hardening: no secret at rest", testBackends(), async (t, app) => {
  const admin = { key: ADMIN_KEY };
  const secrets: string[] = [];

  await t.step(
    "a key minted with an Idempotency-Key is shown once; a replay is a 409",
    async () => {
      const headers = { "idempotency-key": "mint-key-1" };
      const path = `/v1/projects/${app.projectId}/keys`;
      const first = await app.request("POST", path, { name: "ci" }, { ...admin, headers });
      assert.equal(first.status, 201, first.text);
      assert.match(first.body.key, /^mk_/);
      secrets.push(first.body.key);
      const again = await app.request("POST", path, { name: "ci" }, { ...admin, headers });
      assert.equal(again.status, 409, again.text);
      assert.match(again.headers.get("content-type") ?? "", /application\/problem\+json/);
      assert.ok(!again.text.includes(first.body.key), "the replay does not show the key again");
      assert.ok(again.text.includes(first.body.id), "the replay names the key's id");
      assert.equal(again.body.errors[0].field, "Idempotency-Key");
      assert.equal(again.body.errors[0].rule, "shown_once");
      // One key was minted, and it works.
      const keys = await app.request("GET", path, undefined, admin);
      assert.equal(keys.body.items.filter((k: { name: string }) => k.name === "ci").length, 1);
      assert.equal(
        (await app.request("GET", "/v1/studies", undefined, { key: first.body.key }))
          .status,
        200,
      );
    },
  );

  await t.step("a labeler token minted with an Idempotency-Key likewise", async () => {
    const studyId = await newStudy(app);
    const headers = { "idempotency-key": "mint-labeler-1" };
    const path = `/v1/studies/${studyId}/labelers`;
    const first = await app.request("POST", path, { name: "ada" }, { headers });
    assert.equal(first.status, 201, first.text);
    secrets.push(first.body.key);
    const again = await app.request("POST", path, { name: "ada" }, { headers });
    assert.equal(again.status, 409, again.text);
    assert.ok(!again.text.includes(first.body.key));
    assert.ok(again.text.includes(first.body.id));
    assert.equal(again.body.errors[0].rule, "shown_once");
    const tokens = await app.request("GET", path);
    assert.equal(tokens.body.items.length, 1, "one token was minted");
    // Without a key, each call mints a token, as before.
    const plain = await app.request("POST", path, { name: "bob" });
    assert.equal(plain.status, 201, plain.text);
    secrets.push(plain.body.key);
  });

  await t.step("an admin key minted with an Idempotency-Key likewise", async () => {
    const headers = { "idempotency-key": "mint-admin-1" };
    const first = await app.request("POST", "/v1/admin/keys", { name: "ops" }, {
      ...admin,
      headers,
    });
    assert.equal(first.status, 201, first.text);
    secrets.push(first.body.key);
    const again = await app.request("POST", "/v1/admin/keys", { name: "ops" }, {
      ...admin,
      headers,
    });
    assert.equal(again.status, 409, again.text);
    assert.ok(!again.text.includes(first.body.key));
    assert.ok(again.text.includes(first.body.id));
    assert.equal(again.body.errors[0].rule, "shown_once");
    // It works, and what it mints is a secret too.
    const second = await app.request("POST", "/v1/admin/keys", { name: "ops-2" }, {
      key: first.body.key,
    });
    assert.equal(second.status, 201, second.text);
    secrets.push(second.body.key);
  });

  await t.step("an answer stored with its key by an earlier version is scrubbed", async () => {
    const legacy = "mk_legacy0123456789abcdefghijklmnopqrstu";
    await app.database.db.insert(idempotencyKeys).values({
      scope: "admin",
      key: "legacy-mint",
      operation: "createApiKey",
      requestHash: "x",
      status: 201,
      response: { id: "0f0e0d0c-0b0a-4908-8706-050403020100", key: legacy },
    });
    await expireIdempotencyKeys(app.database.db, new Date());
    const text = await everyRowAsText(app);
    assert.ok(text.includes("legacy-mint"), "the row is kept (it has not expired)");
    assert.ok(!text.includes(legacy), "its key is gone");
  });

  await t.step("no table holds any secret (every row's text)", async () => {
    const text = await everyRowAsText(app);
    assert.ok(text.includes("mint-key-1"), "the scan reads idempotency_keys' rows");
    assert.ok(text.includes("admin_key.created"), "the scan reads audit_events' rows");
    for (const secret of [...secrets, app.projectKey]) {
      assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 10)}…) is stored`);
      // Not even the part after the public prefix.
      assert.ok(!text.includes(secret.slice(10)), `part of ${secret.slice(0, 10)}… is stored`);
    }
  });

  if (app.database.url) {
    await t.step("pg_dump --data-only holds no secret", async () => {
      const dump = await pgDump(app.database.url!);
      if (dump === undefined) return; // no pg_dump here: the row scan above stands
      assert.ok(dump.includes("mint-key-1"), "the dump holds idempotency_keys");
      assert.ok(dump.includes("admin_key.created"), "the dump holds audit_events");
      for (const secret of [...secrets, app.projectKey]) {
        assert.ok(!dump.includes(secret.slice(10)), `${secret.slice(0, 10)}… is in the dump`);
      }
    });
  }
});
