/**
 * The TypeScript client's contract with the repository, without a service:
 * its generated types are what openapi-typescript makes of the committed
 * OpenAPI document, the README shows the example the HTTP tests run, and
 * what it retries agrees with the operations the document says are safe to
 * repeat (./client_typescript_test.ts runs the client over HTTP).
 */
import assert from "node:assert/strict";
import { retryAfterMs, safeToRepeat } from "../clients/typescript/src/client.ts";
import { DOCUMENT, generateSchema, SCHEMA_FILE } from "../clients/typescript/scripts/generate.ts";

Deno.test("the committed schema.d.ts is what openapi-typescript makes of openapi/openapi.json (deno task client:ts)", async () => {
  const document = JSON.parse(await Deno.readTextFile(DOCUMENT));
  const committed = await Deno.readTextFile(SCHEMA_FILE);
  assert.ok(
    committed === await generateSchema(document),
    "clients/typescript/src/schema.d.ts is stale: run `deno task client:ts` and commit it",
  );
});

Deno.test("the README's TypeScript example is clients/typescript/examples/branin.ts", async () => {
  const readme = await Deno.readTextFile(new URL("../README.md", import.meta.url));
  const section = readme.slice(readme.indexOf("## TypeScript client"));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  const example = await Deno.readTextFile(
    new URL("../clients/typescript/examples/branin.ts", import.meta.url),
  );
  assert.equal(block, example.replace('"../src/client.ts"', '"@minima/client"'));
});

Deno.test("the client retries a POST after a lost answer exactly where the document makes it safe", async () => {
  // The independent expectation: POSTs that document an Idempotency-Key, and those idempotent by
  // nature. Any other POST (a labeler's ranking, skip, undo, next) must not be repeated.
  const byNature = new Set(["heartbeatTrial", "cancelRun", "evaluateModel"]);
  const document = JSON.parse(await Deno.readTextFile(DOCUMENT));
  let posts = 0;
  for (const [path, item] of Object.entries<Record<string, unknown>>(document.paths)) {
    const post = item.post as
      | { operationId: string; parameters?: { name: string; in: string }[] }
      | undefined;
    if (!post) continue;
    posts++;
    const keyed = (post.parameters ?? []).some((p) =>
      p.in === "header" && p.name.toLowerCase() === "idempotency-key"
    );
    const concrete = path.replace(/\{[^}]+\}/g, "0c1d2e3f-0000-4000-8000-000000000000");
    assert.deepEqual(
      safeToRepeat("POST", concrete),
      keyed || byNature.has(post.operationId),
      `${post.operationId} (${path})`,
    );
  }
  assert.ok(posts > 20);
  for (const method of ["GET", "PUT", "PATCH", "DELETE"]) assert.ok(safeToRepeat(method, "/v1/x"));
});

Deno.test("Retry-After is read as seconds or as an HTTP date", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");
  assert.equal(retryAfterMs("2", now), 2000);
  assert.equal(retryAfterMs("0.5", now), 500);
  assert.equal(retryAfterMs("Wed, 02 Dec 2026 12:00:07 GMT", now), 7000);
  assert.equal(retryAfterMs("Wed, 02 Dec 2026 11:00:00 GMT", now), 0);
  assert.equal(retryAfterMs("soon", now), undefined);
  assert.equal(retryAfterMs("", now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});
