/**
 * The TypeScript client's contract with the repository, without a service:
 * its generated types are what openapi-typescript makes of the committed
 * OpenAPI document, the README shows the example the HTTP tests run, and
 * what it retries agrees with the operations the document says are safe to
 * repeat, and a try that gets no answer times out (./client_typescript_test.ts
 * runs the client against the service over HTTP).
 */
import assert from "node:assert/strict";
import {
  createMinimaClient,
  MinimaError,
  retryAfterMs,
  safeToRepeat,
  Study,
} from "../clients/typescript/src/client.ts";
import { DOCUMENT, generateSchema, SCHEMA_FILE } from "../clients/typescript/scripts/generate.ts";
import { withDeadline } from "./support/wait.ts";

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
  assert.equal(block, example);
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

Deno.test("a try without an answer times out, and is retried only where repeating is safe", async () => {
  // A server that takes every request and never answers (until the test lets it go).
  let release!: () => void;
  const never = new Promise<void>((resolve) => release = resolve);
  const received: string[] = [];
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, async (request) => {
    received.push(`${request.method} ${new URL(request.url).pathname}`);
    await never;
    return new Response(null, { status: 204 });
  });
  try {
    const minima = createMinimaClient({
      url: `http://127.0.0.1:${server.addr.port}`,
      apiKey: "mk_test",
      retry: { attempts: 3, baseDelayMs: 1, timeoutMs: 50 },
    });
    const study = "0c1d2e3f-0000-4000-8000-000000000000";
    // A GET is safe to repeat: three tries, then a MinimaError of status 0.
    let error: unknown;
    // The deadline only turns a hang (no time limit on a try) into a failure.
    await withDeadline(
      Study.get(minima, study).catch((e) => error = e),
      () => "a try without an answer hung",
      30_000,
    );
    assert.ok(error instanceof MinimaError, String(error));
    assert.equal(error.status, 0);
    assert.match(error.detail, /no answer within 50 ms/);
    assert.deepEqual(received, Array(3).fill(`GET /v1/studies/${study}`));
    // A skip is not (the service does not deduplicate it): one try, then the same error.
    received.length = 0;
    const skip = await withDeadline(
      minima.POST("/v1/studies/{studyId}/comparisons/{comparisonId}/skip", {
        params: { path: { studyId: study, comparisonId: study } },
      }).then(() => null, (e) => e),
      () => "a try without an answer hung",
      30_000,
    );
    assert.equal(skip?.name, "TimeoutError");
    assert.deepEqual(received, [`POST /v1/studies/${study}/comparisons/${study}/skip`]);
  } finally {
    release();
    await server.shutdown();
  }
});

Deno.test("createMinimaClient() reads MINIMA_URL and MINIMA_API_KEY", () => {
  const saved = ["MINIMA_URL", "MINIMA_API_KEY"].map((n) => [n, Deno.env.get(n)] as const);
  try {
    Deno.env.set("MINIMA_URL", "http://minima.test:9/");
    Deno.env.set("MINIMA_API_KEY", "mk_from_env");
    assert.equal(createMinimaClient().url, "http://minima.test:9");
    Deno.env.delete("MINIMA_API_KEY");
    assert.throws(() => createMinimaClient(), /MINIMA_API_KEY/);
  } finally {
    for (const [n, v] of saved) v === undefined ? Deno.env.delete(n) : Deno.env.set(n, v);
  }
});
