/**
 * Inputs and timings that once produced 500s or lost writes: overlapping
 * batches (deadlocks), upper-case ids, text PostgreSQL cannot store, forged
 * cursors, reserved names, -0, reordered retries, oversized suggestions,
 * server settings, and a PGlite directory opened twice.
 */
import assert from "node:assert/strict";
import postgres from "postgres";
import { createApp } from "../src/app.ts";
import { openDatabase } from "../src/db/client.ts";
import { createLogger } from "../src/log.ts";
import { encodeCursor } from "../src/services/ids.ts";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, newStudy, studyBody } from "./support/harness.ts";

describeOnBackends("robustness", testBackends(), async (t, app) => {
  await t.step("overlapping batches in opposite orders never deadlock into a 500", async () => {
    const id = await newStudy(app, { settings: { leaseSeconds: 5 } });
    for (let round = 0; round < 3; round++) {
      const trials =
        (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 300 })).body
          .trials;
      const items = trials.map((x: { id: string; number: number }) => ({
        trialId: x.id,
        values: { value: x.number },
      }));
      app.advance(10); // the leases run out: the next suggestion sweeps them to STALE
      const replies = await Promise.all([
        app.request("POST", `/v1/studies/${id}/trials/complete`, { items }),
        app.request("POST", `/v1/studies/${id}/trials/complete`, { items: [...items].reverse() }),
        app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 5 }),
      ]);
      for (const r of replies) assert.equal(r.status, 200, r.text);
    }
    const counts = (await app.request("GET", `/v1/studies/${id}`)).body.trialCounts;
    assert.ok(counts.COMPLETED >= 900, JSON.stringify(counts));
  });

  await t.step("upper-case ids are the same ids", async () => {
    const id = await newStudy(app);
    const [a, b] =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 })).body.trials;
    const one = await app.request(
      "POST",
      `/v1/studies/${id.toUpperCase()}/trials/${a.id.toUpperCase()}/complete`,
      {
        values: { value: 1 },
      },
    );
    assert.equal(one.status, 200, one.text);
    assert.equal(one.body.id, a.id);
    const batch = await app.request("POST", `/v1/studies/${id}/trials/complete`, {
      items: [{ trialId: b.id.toUpperCase(), values: { value: 2 } }],
    });
    assert.equal(batch.status, 200, batch.text);
    const got = await app.request("GET", `/v1/studies/${id}/trials/${b.id.toUpperCase()}`);
    assert.equal(got.body.values.value, 2);
  });

  await t.step("NUL characters and unpaired surrogates are named, not 500s", async () => {
    for (
      const [body, field] of [
        [studyBody({ name: "a\u0000b" }), "name"],
        [studyBody({ metadata: { note: "x\ud800y" } }), "metadata.note"],
        [studyBody({ metadata: { "k\u0000": 1 } }), "metadata.k\u0000"],
        [
          studyBody({
            space: { parameters: [{ name: "c", type: "categorical", values: ["\u0000"] }] },
          }),
          "space.parameters[0].values[0]",
        ],
      ] as const
    ) {
      const r = await app.request("POST", "/v1/studies", body);
      assert.equal(r.status, 422, r.text);
      assert.equal(r.body.errors[0].field, field);
      assert.equal(r.body.errors[0].rule, "text");
    }
    const id = await newStudy(app);
    const r = await app.request("POST", `/v1/studies/${id}/trials/suggest`, {
      clientId: "w\u0000",
    });
    assert.equal(r.status, 422);
    const p = await app.request("POST", "/v1/projects", { name: "\ud800" }, { key: ADMIN_KEY });
    assert.equal(p.status, 422);
  });

  await t.step("forged cursors are 400s", async () => {
    const id = await newStudy(app);
    for (
      const cursor of [
        encodeCursor(["2020-01-01T00:00:00.000Z", "zzz"]),
        encodeCursor(["+275760-09-13T00:00:00.000Z", crypto.randomUUID()]),
        encodeCursor(["nonsense", crypto.randomUUID()]),
      ]
    ) {
      assert.equal((await app.request("GET", `/v1/studies?cursor=${cursor}`)).status, 400);
    }
    for (const n of [1e20, -1e20, 2 ** 31, 1.5]) {
      const r = await app.request("GET", `/v1/studies/${id}/trials?cursor=${encodeCursor(n)}`);
      assert.equal(r.status, 400, r.text);
    }
    const r = await app.request(
      "GET",
      `/v1/projects?cursor=${encodeCursor("a\u0000b")}`,
      undefined,
      {
        key: ADMIN_KEY,
      },
    );
    assert.equal(r.status, 400);
  });

  await t.step("names of Object's own properties work; __proto__ is refused", async () => {
    const id = await newStudy(app, {
      objective: { metrics: [{ name: "constructor", goal: "minimize" }] },
    });
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const empty = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
      values: {},
    });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.errors[0].rule, "missing_metric");
    const ok = await app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
      values: { constructor: 3 },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.deepEqual(ok.body.values, { constructor: 3 });
    const proto = await app.request(
      "POST",
      "/v1/studies",
      studyBody({
        space: { parameters: [{ name: "__proto__", type: "float", min: 0, max: 1 }] },
      }),
    );
    assert.equal(proto.status, 422);
    assert.equal(proto.body.errors[0].field, "space.parameters[0].name");
  });

  await t.step("a result of -0 can be retried", async () => {
    const id = await newStudy(app);
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const path = `/v1/studies/${id}/trials/${trial.id}/complete`;
    assert.equal(
      (await app.request("POST", path, undefined, { raw: '{"values":{"value":-0}}' })).status,
      200,
    );
    assert.equal(
      (await app.request("POST", path, undefined, { raw: '{"values":{"value":-0}}' })).status,
      200,
    );
  });

  await t.step("an idempotent retry may order its keys differently", async () => {
    const id = await newStudy(app, {
      objective: {
        metrics: [{ name: "value", goal: "minimize" }, { name: "time", goal: "minimize" }],
      },
    });
    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const path = `/v1/studies/${id}/trials/${trial.id}/complete`;
    const headers = { "idempotency-key": "reorder" };
    const a = await app.request("POST", path, undefined, {
      raw: '{"values":{"value":1,"time":2}}',
      headers,
    });
    const b = await app.request("POST", path, undefined, {
      raw: '{"values":{"time":2,"value":1}}',
      headers,
    });
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(b.headers.get("idempotent-replayed"), "true");
  });

  await t.step("one suggestion hands out at most 250,000 parameter values", async () => {
    const parameters = Array.from(
      { length: 1000 },
      (_, i) => ({ name: `x${i}`, type: "float", min: 0, max: 1 }),
    );
    const id = await newStudy(app, { space: { parameters } });
    const big = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 251 });
    assert.equal(big.status, 422);
    assert.equal(big.body.errors[0].rule, "max_coordinates");
    const ok = await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 2 });
    assert.equal(ok.status, 200);
  });

  await t.step("docs assets are only the listed files", async () => {
    for (const file of ["constructor", "toString", "..%2Fpackage.json"]) {
      const r = await app.request("GET", `/docs/assets/${file}`, undefined, { key: null });
      assert.equal(r.status, 404, file);
    }
  });
});

Deno.test({
  name: "a server with another DateStyle and time zone reads times right [postgres]",
  ignore: !testBackends().includes("postgres"),
  async fn() {
    const { openTestDatabase } = await import("./support/db.ts");
    const base = await openTestDatabase("postgres");
    const name = new URL(base.url!).pathname.slice(1);
    const admin = postgres(base.url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`ALTER DATABASE ${name} SET datestyle = 'SQL, DMY'`);
    await admin.unsafe(`ALTER DATABASE ${name} SET timezone = 'America/Chicago'`);
    await admin.end();
    const database = await openDatabase({ url: base.url, poolSize: 2 });
    try {
      const app = createApp({ database, logger: createLogger("silent"), adminKey: ADMIN_KEY });
      const r = await app.request("/v1/projects", {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "dates" }),
      });
      assert.equal(r.status, 201, await r.clone().text());
      const body = await r.json();
      assert.ok(Math.abs(Date.parse(body.createdAt) - Date.now()) < 60_000, body.createdAt);
    } finally {
      await database.close();
      await base.close();
    }
  },
});

Deno.test({
  name: "a PGlite data directory opens in one process at a time",
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "minima-lock-" });
    const first = await openDatabase({ dataDir: dir });
    try {
      const child = await new Deno.Command(Deno.execPath(), {
        args: [
          "eval",
          `import { openDatabase } from "${new URL("../src/db/client.ts", import.meta.url).href}";
           await openDatabase({ dataDir: ${JSON.stringify(dir)} });`,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.notEqual(child.code, 0);
      assert.match(new TextDecoder().decode(child.stderr), /in use by another process/);
    } finally {
      await first.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
