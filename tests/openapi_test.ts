/**
 * The committed OpenAPI document matches the routes, and documents every
 * operation with its id, summary, examples and errors.
 */
import assert from "node:assert/strict";
import { renderOpenApiDocument } from "../src/openapi.ts";

const OPERATIONS = [
  "createProject",
  "listProjects",
  "createApiKey",
  "listApiKeys",
  "revokeApiKey",
  "listAlgorithms",
  "createStudy",
  "listStudies",
  "getStudy",
  "updateStudy",
  "deleteStudy",
  "suggestTrials",
  "createTrial",
  "listTrials",
  "getTrial",
  "completeTrial",
  "completeTrials",
  "heartbeatTrial",
  "failTrial",
  "getBestTrials",
  "exportTrials",
];

Deno.test("openapi/openapi.json is up to date (run `deno task openapi`)", async () => {
  const committed = await Deno.readTextFile(new URL("../openapi/openapi.json", import.meta.url));
  assert.equal(committed, renderOpenApiDocument());
});

Deno.test("every operation has its id, a summary, examples and error responses", () => {
  const doc = JSON.parse(renderOpenApiDocument());
  // deno-lint-ignore no-explicit-any
  const ops = new Map<string, any>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { operationId: string }>)) {
      assert.ok(op.operationId, `${method} ${path} has no operationId`);
      assert.ok(!ops.has(op.operationId), `duplicate operationId ${op.operationId}`);
      ops.set(op.operationId, { ...op, path, method });
    }
  }
  const missing: string[] = [];
  for (const [id, op] of ops) {
    for (const [status, response] of Object.entries(op.responses)) {
      const content = (response as { content?: Record<string, { example?: unknown }> }).content;
      if (content && !Object.values(content).some((c) => c.example !== undefined)) {
        missing.push(`${id} ${status}`);
      }
    }
  }
  assert.deepEqual(missing, [], "responses without an example");
  for (const id of OPERATIONS) {
    const op = ops.get(id);
    assert.ok(op, `operation ${id} is missing`);
    assert.ok(op.summary, `${id} has no summary`);
    assert.ok(op.path.startsWith("/v1/"), `${id} is not under /v1`);
    assert.deepEqual(op.security, [{ bearerAuth: [] }], `${id} does not need a key`);
    assert.ok(op.responses["401"], `${id} documents no 401`);
    const ok = Object.entries(op.responses).find(([s]) => s.startsWith("2"));
    assert.ok(ok, `${id} has no success response`);
    const okContent = (ok![1] as { content?: Record<string, { example?: unknown }> }).content;
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
