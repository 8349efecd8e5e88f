/**
 * Rate limits per key (issue 14): a 429 with Retry-After past a key's burst,
 * buckets refilled by the app's clock (the test moves it; real time refills
 * nothing), labelers' lower limits, and the MINIMA_RATE_LIMIT_* settings
 * parsed and refused as the configuration says.
 */
import assert from "node:assert/strict";
// The app first: it loads @hono/zod-openapi before any schema the routes extend is made.
import { ADMIN_KEY, newStudy, startTestApp, type TestApp } from "./support/harness.ts";
import { createApp } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";

const admin = { key: ADMIN_KEY };

/** Sends `n` requests as `key`; returns their statuses. */
async function burst(app: TestApp, n: number, path: string, key?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    statuses.push((await app.request("GET", path, undefined, { key })).status);
  }
  return statuses;
}

for (const backend of testBackends().slice(0, 1)) {
  Deno.test(`rate limits per key [${backend}]`, async (t) => {
    // The buckets' clock stands still unless the test moves it: real time refills nothing.
    let clock = 0;
    const advance = (seconds: number) => void (clock += seconds * 1000);
    const app = await startTestApp(backend, {
      rateLimits: { perKey: { rate: 10, burst: 5 }, perLabeler: { rate: 0.5, burst: 2 } },
      rateLimitClock: () => clock,
    });
    try {
      await t.step(
        "the (burst + 1)th request is a 429 with Retry-After; a refill lets one in",
        async () => {
          assert.deepEqual(await burst(app, 5, "/v1/studies"), [200, 200, 200, 200, 200]);
          const refused = await app.request("GET", "/v1/studies");
          assert.equal(refused.status, 429, refused.text);
          assert.equal(refused.headers.get("content-type"), "application/problem+json");
          assert.equal(refused.body.type, "urn:minima:problem:too-many-requests");
          assert.equal(
            refused.headers.get("retry-after"),
            "1",
            "0.1 s, rounded up to whole seconds",
          );
          assert.equal(refused.headers.get("ratelimit-limit"), "5");
          assert.equal(refused.headers.get("ratelimit-remaining"), "0");
          assert.ok(refused.headers.get("x-request-id"));
          // Another key has its own bucket.
          assert.equal((await app.request("GET", "/v1/projects", undefined, admin)).status, 200);
          advance(0.1);
          assert.deepEqual(await burst(app, 2, "/v1/studies"), [200, 429], "one token came back");
          advance(1);
          assert.deepEqual(await burst(app, 6, "/v1/studies"), [200, 200, 200, 200, 200, 429]);
        },
      );

      await t.step("labeler tokens have their own, lower limit", async () => {
        advance(10);
        const studyId = await newStudy(app, {
          space: {
            parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
          },
          algorithm: { name: "zo-rank-sgd", config: { candidates: 4 }, seed: 1 },
          labeling: { candidates: 4, renderer: { name: "color" } },
        });
        const labeler = await app.expect<{ key: string }>(
          201,
          "POST",
          `/v1/studies/${studyId}/labelers`,
          {
            name: "ada",
          },
        );
        const path = `/v1/studies/${studyId}/comparisons`;
        const [a, b, c] = await burst(app, 3, path, labeler.body.key);
        assert.notEqual(a, 429);
        assert.notEqual(b, 429);
        assert.equal(c, 429);
        const refused = await app.request("GET", path, undefined, { key: labeler.body.key });
        assert.equal(refused.headers.get("retry-after"), "2", "one token at 0.5 a second: 2 s");
        advance(1);
        const half = await app.request("GET", path, undefined, { key: labeler.body.key });
        assert.equal(half.status, 429);
        assert.equal(half.headers.get("retry-after"), "1");
        advance(1);
        assert.notEqual(
          (await app.request("GET", path, undefined, { key: labeler.body.key })).status,
          429,
        );
        // The project key's bucket is its own.
        assert.equal((await app.request("GET", "/v1/studies")).status, 200);
      });

      await t.step("what the README says holds: buckets are per process (per app)", async () => {
        advance(10);
        assert.deepEqual(await burst(app, 6, "/v1/studies"), [200, 200, 200, 200, 200, 429]);
        // Another process over the same database has buckets of its own: N processes, N × the limit.
        const other = createApp({
          database: app.database,
          logger: createLogger("silent"),
          rateLimits: { perKey: { rate: 10, burst: 5 } },
          rateLimitClock: () => clock,
        });
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await other.request("/v1/studies", {
            headers: { authorization: `Bearer ${app.projectKey}` },
          });
          await res.body?.cancel();
          statuses.push(res.status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
      });
    } finally {
      await app.close();
    }
  });
}

Deno.test("rate limits are off by default; MINIMA_RATE_LIMIT_* parse, labelers lower", () => {
  assert.deepEqual(loadConfig({}).rateLimits, {});
  assert.deepEqual(loadConfig({ MINIMA_RATE_LIMIT_PER_KEY: "50:100" }).rateLimits, {
    perKey: { rate: 50, burst: 100 },
    perLabeler: { rate: 5, burst: 20 },
  });
  assert.deepEqual(loadConfig({ MINIMA_RATE_LIMIT_PER_KEY: "2.5" }).rateLimits, {
    perKey: { rate: 2.5, burst: 3 },
    perLabeler: { rate: 2.5, burst: 3 },
  });
  assert.deepEqual(
    loadConfig({ MINIMA_RATE_LIMIT_PER_KEY: "50", MINIMA_RATE_LIMIT_PER_LABELER: "off" })
      .rateLimits,
    { perKey: { rate: 50, burst: 50 }, perLabeler: undefined },
  );
  assert.deepEqual(loadConfig({ MINIMA_RATE_LIMIT_PER_LABELER: "1:4" }).rateLimits, {
    perKey: undefined,
    perLabeler: { rate: 1, burst: 4 },
  });
  for (const bad of ["fast", "0", "10:0", "-1", "1:2:3"]) {
    assert.throws(
      () => loadConfig({ MINIMA_RATE_LIMIT_PER_KEY: bad }),
      (e) => e instanceof ConfigError && e.message.includes("MINIMA_RATE_LIMIT_PER_KEY"),
      bad,
    );
  }
});
