/**
 * Labeling's edges that involve other parts of the service, through the HTTP
 * app on PGlite and on PostgreSQL: Idempotency-Keys are each labeler's own
 * (two labelers sending the same key and ranking are two answers, not a
 * retry), the labeling page's keys are 128 random bits even where
 * crypto.randomUUID is missing, and a ranking study's stop conditions end
 * its labeling with `reason: "study_complete"` instead of getting stuck.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy, type TestApp } from "./support/harness.ts";

const SPACE = {
  parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
};

async function rankingStudy(
  app: TestApp,
  extra: { labeling?: Record<string, unknown>; settings?: Record<string, unknown> } = {},
) {
  return await newStudy(app, {
    name: `tomatoes-${crypto.randomUUID().slice(0, 8)}`,
    space: SPACE,
    algorithm: { name: "zo-rank-sgd", config: { candidates: 3 }, seed: 3 },
    labeling: extra.labeling ?? {},
    ...(extra.settings ? { settings: extra.settings } : {}),
  });
}

async function labeler(app: TestApp, studyId: string, name: string) {
  const r = await app.request("POST", `/v1/studies/${studyId}/labelers`, { name });
  assert.equal(r.status, 201, r.text);
  return { key: r.body.key as string, id: r.body.id as string };
}

const next = (app: TestApp, studyId: string, key: string) =>
  app.request("POST", `/v1/studies/${studyId}/comparisons/next`, undefined, { key });

describeOnBackends("labeling limits", testBackends(), async (t, app) => {
  await t.step("two labelers with one Idempotency-Key and ranking: two answers", async () => {
    const id = await rankingStudy(app, { labeling: { rankingsPerComparison: 2 } });
    const ada = await labeler(app, id, "ada");
    const bob = await labeler(app, id, "bob");
    const c = (await next(app, id, ada.key)).body.comparison;
    const order = c.candidates.map((x: { id: string }) => x.id);
    const path = `/v1/studies/${id}/comparisons/${c.id}/ranking`;
    const headers = { "idempotency-key": "rank-1" };
    const first = await app.request("POST", path, { ranking: order }, { key: ada.key, headers });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.rankingsReceived, 1);
    assert.equal((await next(app, id, bob.key)).body.comparison.id, c.id, "bob's turn");
    const second = await app.request("POST", path, { ranking: order }, { key: bob.key, headers });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.headers.get("idempotent-replayed"), null, "not ada's answer replayed");
    assert.equal(second.body.rankingsReceived, 2, "bob's ranking is recorded");
    // Each one's retry replays their own answer.
    const again = await app.request("POST", path, { ranking: order }, { key: ada.key, headers });
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.body, first.body);
    const exported = await app.request(
      "GET",
      `/v1/studies/${id}/comparisons/export?format=jsonl`,
    );
    assert.equal(exported.status, 200, exported.text);
    const answers = exported.text.trim().split("\n").map((l) => JSON.parse(l))
      .flatMap((row) => row.answers ?? []);
    const by = answers.map((a: { labelerId: string }) => a.labelerId).sort();
    assert.deepEqual(by, [ada.id, bob.id].sort(), exported.text);
  });

  await t.step("maxTrials below a comparison's room: next says study_complete", async () => {
    const id = await rankingStudy(app, { settings: { maxTrials: 4 } });
    const ada = await labeler(app, id, "ada");
    const c = (await next(app, id, ada.key)).body.comparison;
    assert.equal(c.candidates.length, 3);
    const order = c.candidates.map((x: { id: string }) => x.id);
    const ranked = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/${c.id}/ranking`,
      { ranking: order },
      { key: ada.key },
    );
    assert.equal(ranked.status, 200, ranked.text);
    for (let i = 0; i < 2; i++) {
      const r = await next(app, id, ada.key);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.comparison, null);
      assert.equal(r.body.reason, "study_complete", r.text);
      assert.match(r.body.detail, /settings\.maxTrials \(4\)/);
      assert.equal(r.body.retryAfterSeconds, undefined, "nothing to wait for");
      assert.equal(r.headers.get("retry-after"), null);
    }
    const s = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(s.body.state, "COMPLETED", s.text);
    assert.equal(s.body.completion.reason, "maxTrials");
    assert.equal(s.body.progress.trials, 3, "no lone trial was handed out");
  });

  await t.step("a ranking study completed by hand: next is a 200 study_complete", async () => {
    const id = await rankingStudy(app);
    const ada = await labeler(app, id, "ada");
    const done = await app.request("PATCH", `/v1/studies/${id}`, { state: "COMPLETED" });
    assert.equal(done.status, 200, done.text);
    const r = await next(app, id, ada.key);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.comparison, null);
    assert.equal(r.body.reason, "study_complete");
    assert.match(r.body.detail, /complete/);
    const paused = await rankingStudy(app);
    const bob = await labeler(app, paused, "bob");
    await app.request("PATCH", `/v1/studies/${paused}`, { state: "PAUSED" });
    assert.equal((await next(app, paused, bob.key)).status, 409, "a paused study is still a 409");
  });
});

Deno.test("the labeling page's Idempotency-Keys: 128 random bits without randomUUID", async () => {
  const source = await Deno.readTextFile(
    new URL("../src/routes/label/client/api.js", import.meta.url),
  );
  assert.doesNotMatch(source, /Math\.random/);
  // api.js runs against a page whose crypto has getRandomValues only (a non-secure origin).
  const L: Record<string, unknown> = { state: {} };
  let filled = 0;
  const insecureCrypto = {
    getRandomValues: (a: Uint8Array) => {
      filled += a.length;
      return crypto.getRandomValues(a);
    },
  };
  new Function("globalThis", "crypto", source)({ minimaLabel: L }, insecureCrypto);
  const newKey = L.newKey as () => string;
  const keys = new Set(Array.from({ length: 100 }, () => newKey()));
  assert.equal(keys.size, 100);
  for (const key of keys) assert.match(key, /^[0-9a-f]{32}$/);
  assert.equal(filled, 1600, "16 bytes from getRandomValues per key");
  // With randomUUID (secure origins), that.
  const secure = { minimaLabel: { state: {} } as Record<string, unknown> };
  new Function("globalThis", "crypto", source)(secure, crypto);
  assert.match((secure.minimaLabel.newKey as () => string)(), /^[0-9a-f-]{36}$/);
});
