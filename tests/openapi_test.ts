/**
 * The committed OpenAPI document matches the routes, and documents every
 * operation with its id, summary, examples and errors.
 */
import assert from "node:assert/strict";
import { renderOpenApiDocument } from "../src/openapi.ts";

/** An operation of the document, with where it lives. */
interface Operation {
  operationId: string;
  summary?: string;
  security?: unknown;
  path: string;
  method: string;
  responses: Record<string, { content?: Record<string, { example?: unknown }> }>;
  requestBody?: { content?: Record<string, { example?: unknown }> };
}

/** Every operation of the document, by id (ids must be present and unique). */
function operationsOf(doc: { paths: Record<string, Record<string, Operation>> }) {
  const ops = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      assert.ok(op.operationId, `${method} ${path} has no operationId`);
      assert.ok(!ops.has(op.operationId), `duplicate operationId ${op.operationId}`);
      ops.set(op.operationId, { ...op, path, method });
    }
  }
  return ops;
}

Deno.test("openapi/openapi.json is up to date (run `deno task openapi`)", async () => {
  const committed = await Deno.readTextFile(new URL("../openapi/openapi.json", import.meta.url));
  assert.equal(committed, renderOpenApiDocument());
});

Deno.test("every operation has its id, a summary, examples and error responses", () => {
  const ops = operationsOf(JSON.parse(renderOpenApiDocument()));
  const missing: string[] = [];
  for (const [id, op] of ops) {
    assert.ok(op.summary, `${id} has no summary`);
    for (const [status, response] of Object.entries(op.responses)) {
      const content = response.content;
      if (content && !Object.values(content).some((c) => c.example !== undefined)) {
        missing.push(`${id} ${status}`);
      }
    }
  }
  assert.deepEqual(missing, [], "responses without an example");
  // The API proper: every operation under /v1, as the document has them.
  const api = [...ops.values()].filter((op) => op.path.startsWith("/v1/"));
  assert.ok(api.length >= 30, `only ${api.length} operations under /v1`);
  for (const op of api) {
    const id = op.operationId;
    assert.deepEqual(op.security, [{ bearerAuth: [] }], `${id} does not need a key`);
    assert.ok(op.responses["401"], `${id} documents no 401`);
    assert.ok(op.responses["404"] || !op.path.includes("{"), `${id} documents no 404`);
    const ok = Object.entries(op.responses).find(([s]) => s.startsWith("2"));
    assert.ok(ok, `${id} has no success response`);
    const okContent = ok![1].content;
    if (okContent) {
      assert.ok(
        Object.values(okContent).some((c) => c.example !== undefined),
        `${id}: success response has no example`,
      );
    }
    const body = op.requestBody?.content?.["application/json"];
    if (body) assert.ok(body.example !== undefined, `${id}: request body has no example`);
    if (body) assert.ok(op.responses["422"], `${id} documents no 422`);
  }
});

Deno.test("the operations checked include the comparisons and labeler tokens", () => {
  const ids = new Set(operationsOf(JSON.parse(renderOpenApiDocument())).keys());
  for (
    const id of [
      "nextComparison",
      "submitRanking",
      "skipComparison",
      "undoRanking",
      "listComparisons",
      "getComparison",
      "renderCandidate",
      "createLabelerToken",
      "listLabelerTokens",
      "revokeLabelerToken",
    ]
  ) {
    assert.ok(ids.has(id), `operation ${id} is missing`);
  }
});
