/**
 * Health, readiness, metrics, docs and request ids.
 */
import assert from "node:assert/strict";
import { createApp } from "../src/app.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, studyBody } from "./support/harness.ts";

describeOnBackends("operations", testBackends(), async (t, app) => {
  await t.step("/healthz and /readyz", async () => {
    const h = await app.request("GET", "/healthz", undefined, { key: null });
    assert.deepEqual(h.body, { status: "ok" });
    const r = await app.request("GET", "/readyz", undefined, { key: null });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { status: "ok", checks: { database: "ok", migrations: "ok" } });
  });

  await t.step("/metrics counts requests by route and trials by state", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    const [a] =
      (await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 3 })).body.trials;
    await app.request("POST", `/v1/studies/${id}/trials/${a.id}/complete`, {
      values: { value: 1 },
    });
    const m = await app.request("GET", "/metrics", undefined, { key: null });
    assert.equal(m.status, 200);
    assert.match(m.headers.get("content-type")!, /^text\/plain; version=0\.0\.4/);
    assert.match(
      m.text,
      /minima_http_requests_total\{method="POST",route="\/v1\/studies\/:studyId\/trials\/suggest",status="200"\} 1\n/,
    );
    assert.match(
      m.text,
      /minima_http_request_duration_seconds_count\{method="POST",route="\/v1\/studies"\} 1\n/,
    );
    assert.match(m.text, /minima_trials\{state="COMPLETED"\} 1\n/);
    assert.match(m.text, /minima_trials\{state="ACTIVE"\} 2\n/);
  });

  await t.step("every answer carries a request id; a sane incoming one is kept", async () => {
    const r = await app.request("GET", "/healthz", undefined, { key: null });
    assert.match(r.headers.get("x-request-id")!, /^[0-9a-f-]{36}$/);
    const mine = await app.request("GET", "/v1/nope", undefined, {
      headers: { "x-request-id": "abc-123" },
    });
    assert.equal(mine.headers.get("x-request-id"), "abc-123");
    assert.equal(mine.body.requestId, "abc-123");
  });

  await t.step(
    "/docs serves Swagger UI from local assets, /openapi.json the document",
    async () => {
      const page = await app.request("GET", "/docs", undefined, { key: null });
      assert.equal(page.status, 200);
      assert.match(page.text, /swagger-ui-bundle\.js/);
      const js = await app.request("GET", "/docs/assets/swagger-ui-bundle.js", undefined, {
        key: null,
      });
      assert.equal(js.status, 200);
      assert.ok(js.text.length > 100_000);
      const doc = await app.request("GET", "/openapi.json", undefined, { key: null });
      assert.equal(doc.body.openapi, "3.1.0");
      assert.ok(doc.body.paths["/v1/studies/{studyId}/trials/suggest"].post);
    },
  );

  await t.step("each request is logged as one JSON line with its request id", async () => {
    const lines: string[] = [];
    const logged = createApp({
      database: app.database,
      logger: createLogger("info", (line) => lines.push(line)),
    });
    const res = await logged.request("/healthz", { headers: { "x-request-id": "req-42" } });
    await res.body?.cancel();
    const record = JSON.parse(lines.at(-1)!);
    assert.equal(record.level, "info");
    assert.equal(record.msg, "request");
    assert.equal(record.requestId, "req-42");
    assert.equal(record.status, 200);
    assert.equal(record.route, "/healthz");
    assert.equal(typeof record.ms, "number");
    assert.ok(!Number.isNaN(Date.parse(record.time)));
    const quiet: string[] = [];
    const warnOnly = createApp({
      database: app.database,
      logger: createLogger("warn", (l) => quiet.push(l)),
    });
    await (await warnOnly.request("/healthz")).body?.cancel();
    assert.equal(quiet.length, 0);
  });
});
