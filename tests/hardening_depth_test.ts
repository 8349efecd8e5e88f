/**
 * Deeply nested JSON (issue 14, finding 6): a body nested past the depth
 * limit (64) is a 400 problem+json naming the field, at any depth up to
 * 100,000 levels, in every free-form field (a study's metadata, an
 * algorithm's config, a trial's params) and in the body itself; nothing
 * recursive sees it first, so nothing overflows a stack (no 500). Operations
 * without a body document these refusals too (the limits run before routing).
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy, studyBody, type TestApp } from "./support/harness.ts";

/** `[[[…1…]]]`, `levels` arrays deep, as JSON text (built without recursion). */
function deepArray(levels: number): string {
  return "[".repeat(levels) + "1" + "]".repeat(levels);
}

/** `{"a":{"a":…1…}}`, `levels` objects deep, as JSON text. */
function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
}

/** Sends a raw JSON body and checks the 400 problem+json that names `field`. */
async function refused(
  app: TestApp,
  method: string,
  path: string,
  raw: string,
  field: string,
): Promise<void> {
  const r = await app.request(method, path, undefined, { raw });
  assert.equal(r.status, 400, `${method} ${path} (${field}): ${r.text.slice(0, 300)}`);
  assert.match(r.headers.get("content-type") ?? "", /application\/problem\+json/);
  assert.equal(r.body.errors[0].rule, "max_depth", r.text);
  assert.equal(r.body.errors[0].field, field, r.text);
  assert.match(r.body.detail, /64/);
}

describeOnBackends("hardening: deeply nested JSON", testBackends(), async (t, app) => {
  const studyId = await newStudy(app);
  const study = studyBody();
  /** Every free-form field of a request body, with the body that holds `deep` there. */
  const cases = (deep: string): [string, string, string, string][] => [
    [
      "POST",
      "/v1/studies",
      JSON.stringify({ ...study, metadata: { note: "__" } }).replace('"__"', deep),
      "metadata.note",
    ],
    [
      "POST",
      "/v1/studies",
      JSON.stringify({ ...study, algorithm: { name: "random", config: { x: "__" } } })
        .replace('"__"', deep),
      "algorithm.config.x",
    ],
    [
      "PATCH",
      `/v1/studies/${studyId}`,
      JSON.stringify({ metadata: { note: "__" } }).replace('"__"', deep),
      "metadata.note",
    ],
    [
      "POST",
      `/v1/studies/${studyId}/trials`,
      JSON.stringify({ params: { x1: "__" } }).replace('"__"', deep),
      "params.x1",
    ],
    ["POST", `/v1/studies/${studyId}/trials`, deep, "(body)"],
  ];

  for (const levels of [65, 3_000, 100_000]) {
    await t.step(`${levels} levels of arrays and of objects: 400, naming the field`, async () => {
      for (const deep of [deepArray(levels), deepObject(levels)]) {
        for (const [method, path, raw, field] of cases(deep)) {
          // The object case names the path down to the limit; the field is where it starts.
          const r = await app.request(method, path, undefined, { raw });
          assert.equal(r.status, 400, `${method} ${path} (${field}): ${r.text.slice(0, 300)}`);
          assert.match(r.headers.get("content-type") ?? "", /application\/problem\+json/);
          assert.equal(r.body.errors[0].rule, "max_depth", r.text);
          assert.ok(
            r.body.errors[0].field.startsWith(field === "(body)" ? "" : field),
            `${field}: ${r.body.errors[0].field}`,
          );
        }
      }
    });
  }

  await t.step("the field is named exactly for arrays", async () => {
    for (const [method, path, raw, field] of cases(deepArray(100_000))) {
      await refused(app, method, path, raw, field);
    }
  });

  await t.step("nesting within the limit is accepted", async () => {
    // The body is level 1, metadata level 2: 62 more levels make 64, one more is too many.
    const at = (levels: number) =>
      JSON.stringify({ ...study, metadata: { note: "__" } }).replace('"__"', deepArray(levels));
    const r = await app.request("POST", "/v1/studies", undefined, { raw: at(62) });
    assert.equal(r.status, 201, r.text.slice(0, 300));
    await refused(app, "POST", "/v1/studies", at(63), "metadata.note");
    // Brackets inside strings are not nesting.
    const text = JSON.stringify({
      ...study,
      name: `${study.name}-strings`,
      metadata: { note: "[{".repeat(10_000) },
    });
    const s = await app.request("POST", "/v1/studies", undefined, { raw: text });
    assert.equal(s.status, 201, s.text.slice(0, 300));
  });

  await t.step(
    "operations without a body document the refusals of one (found by fuzzing)",
    async () => {
      // The depth and size limits run before routing, so any /v1 operation can answer them;
      // the harness fails a status the operation does not document.
      const trial = (await app.expect<{ trials: { id: string }[] }>(
        200,
        "POST",
        `/v1/studies/${studyId}/trials/suggest`,
        { count: 1 },
      )).body.trials[0];
      const heartbeat = `/v1/studies/${studyId}/trials/${trial.id}/heartbeat`;
      await refused(app, "POST", heartbeat, deepArray(65), "(body)");
      await refused(app, "DELETE", `/v1/studies/${studyId}`, deepArray(70), "(body)");
      const big = await app.request("DELETE", `/v1/studies/${studyId}`, undefined, {
        raw: JSON.stringify({ pad: "x".repeat(4 * 1024 * 1024) }),
      });
      assert.equal(big.status, 413, big.text.slice(0, 300));
      // A labeler token outside its study's comparisons: 403, documented everywhere.
      const ranked = await newStudy(app, {
        space: { parameters: [{ name: "r", type: "float", min: 0, max: 1 }] },
        algorithm: { name: "zo-rank-sgd", config: { candidates: 3 } },
        labeling: {},
      });
      const token = await app.expect<{ key: string }>(
        201,
        "POST",
        `/v1/studies/${ranked}/labelers`,
        {
          name: "fuzz",
        },
      );
      const refusedLabeler = await app.request("GET", "/v1/algorithms", undefined, {
        key: token.body.key,
      });
      assert.equal(refusedLabeler.status, 403, refusedLabeler.text);
    },
  );
});
