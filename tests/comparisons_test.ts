/**
 * Comparisons and labeler tokens through the HTTP app, on PGlite and on
 * PostgreSQL: people rank groups of candidates and zo-rank-sgd learns from it.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, newStudy, type TestApp } from "./support/harness.ts";

const SPACE = {
  parameters: [
    { name: "r", type: "float", min: 0, max: 1 },
    { name: "g", type: "float", min: 0, max: 1 },
    { name: "b", type: "float", min: 0, max: 1 },
  ],
};

interface Candidate {
  id: string;
  params: Record<string, number>;
  renderingUrl: string | null;
}

async function rankingStudy(
  app: TestApp,
  labeling: Record<string, unknown> = {},
  config: Record<string, unknown> = {},
): Promise<string> {
  return await newStudy(app, {
    name: `colours-${crypto.randomUUID().slice(0, 8)}`,
    space: SPACE,
    algorithm: { name: "zo-rank-sgd", config, seed: 7 },
    labeling,
  });
}

async function labelerToken(app: TestApp, studyId: string, name = "ada"): Promise<string> {
  const r = await app.request("POST", `/v1/studies/${studyId}/labelers`, { name });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.role, "labeler");
  assert.equal(r.body.studyId, studyId);
  return r.body.key;
}

/** Squared distance of a candidate to a target colour: the "person's" taste. */
function distance(c: Candidate, target: number[]): number {
  return (c.params.r - target[0]) ** 2 + (c.params.g - target[1]) ** 2 +
    (c.params.b - target[2]) ** 2;
}

describeOnBackends("comparisons", testBackends(), async (t, app) => {
  await t.step("labeling needs an algorithm that learns from rankings", async () => {
    const bad = await app.request("POST", "/v1/studies", {
      name: `x-${crypto.randomUUID().slice(0, 8)}`,
      space: SPACE,
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "random" },
      labeling: { rankingsPerComparison: 2 },
    });
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.body.errors[0].field, "labeling");
    const id = await rankingStudy(app);
    const study = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(study.body.labeling.rankingsPerComparison, 1);
    assert.equal(study.body.labeling.maxOpen, 1);
    const plain = await newStudy(app);
    const none = await app.request("POST", `/v1/studies/${plain}/comparisons/next`);
    assert.equal(none.status, 409, none.text);
    // A comparison shows a whole round of the algorithm.
    const split = await app.request("POST", "/v1/studies", {
      name: `x-${crypto.randomUUID().slice(0, 8)}`,
      space: SPACE,
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "zo-rank-sgd", config: { candidates: 5 } },
      labeling: { candidates: 3 },
    });
    assert.equal(split.status, 422, split.text);
    assert.equal(split.body.errors[0].field, "labeling.candidates");
    // The algorithm's topK is the study's ranking length unless labeling says otherwise.
    const top2 = await rankingStudy(app, {}, { candidates: 4, topK: 2 });
    assert.equal((await app.request("GET", `/v1/studies/${top2}`)).body.labeling.topK, 2);
    const c = (await app.request("POST", `/v1/studies/${top2}/comparisons/next`)).body.comparison;
    assert.equal(c.rankingLength, 2);
  });

  await t.step("a labeler token ranks its study's comparisons and does nothing else", async () => {
    const id = await rankingStudy(app);
    const other = await rankingStudy(app);
    const token = await labelerToken(app, id);
    const as = { key: token };
    const next = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, as);
    assert.equal(next.status, 200, next.text);
    const comparison = next.body.comparison;
    assert.ok(comparison.candidates.length >= 2);
    const [trial] = comparison.candidates;
    const forbidden: [string, string, unknown?][] = [
      ["GET", "/v1/studies"],
      ["GET", `/v1/studies/${id}`],
      ["POST", "/v1/studies", { name: "x" }],
      ["PATCH", `/v1/studies/${id}`, { name: "mine" }],
      ["DELETE", `/v1/studies/${id}`],
      ["POST", `/v1/studies/${id}/trials/suggest`, { count: 1 }],
      ["GET", `/v1/studies/${id}/trials`],
      ["GET", `/v1/studies/${id}/trials/${trial.id}`],
      ["POST", `/v1/studies/${id}/trials/${trial.id}/complete`, { values: { value: 1 } }],
      ["POST", `/v1/studies/${id}/trials`, { params: { r: 0, g: 0, b: 0 } }],
      ["GET", `/v1/studies/${id}/trials/best`],
      ["GET", `/v1/studies/${id}/trials/export`],
      ["POST", `/v1/studies/${id}/labelers`, { name: "mallory" }],
      ["GET", `/v1/studies/${id}/labelers`],
      ["GET", "/v1/projects"],
      ["POST", `/v1/projects/${app.projectId}/keys`, { name: "k" }],
      ["POST", `/v1/studies/${other}/comparisons/next`],
      ["GET", `/v1/studies/${other}/comparisons`],
    ];
    for (const [method, path, body] of forbidden) {
      const r = await app.request(method, path, body, as);
      assert.equal(r.status, 403, `${method} ${path}: ${r.status} ${r.text}`);
      assert.equal(r.headers.get("content-type"), "application/problem+json");
    }
    // The list of the labeler's own study works.
    const list = await app.request("GET", `/v1/studies/${id}/comparisons`, undefined, as);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.items.length, 1);
    // A revoked token stops working.
    const tokens = await app.request("GET", `/v1/studies/${id}/labelers`);
    assert.equal(tokens.body.items.length, 1);
    const revoked = await app.request(
      "DELETE",
      `/v1/studies/${id}/labelers/${tokens.body.items[0].id}`,
    );
    assert.equal(revoked.status, 200, revoked.text);
    assert.ok(revoked.body.revokedAt);
    await new Promise((r) => setTimeout(r, 10));
    const refused = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, as);
    assert.equal(refused.status, 401, refused.text);
  });

  await t.step("next: candidates are the designer's round, held by one labeler", async () => {
    const id = await rankingStudy(app, {}, { candidates: 5 });
    const ada = { key: await labelerToken(app, id, "ada") };
    const bob = { key: await labelerToken(app, id, "bob") };
    const first = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada);
    const c = first.body.comparison;
    assert.equal(c.candidates.length, 5);
    assert.equal(new Set(c.candidates.map((x: Candidate) => x.id)).size, 5);
    assert.equal(c.rankingLength, 5);
    assert.equal(c.heldByYou, true);
    assert.equal(c.state, "OPEN");
    assert.equal(first.body.progress.open, 1);
    // Asking again gives the same held comparison back.
    const again = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada);
    assert.equal(again.body.comparison.id, c.id);
    // maxOpen = 1: another labeler gets nothing for now, with a hint.
    const busy = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, bob);
    assert.equal(busy.status, 200, busy.text);
    assert.equal(busy.body.comparison, null);
    assert.ok(busy.body.retryAfterSeconds > 0);
    assert.ok(Number(busy.headers.get("retry-after")) >= 1);
    // The candidates are ACTIVE trials without a lease: they never go STALE.
    app.advance(30 * 24 * 3600);
    const trial = await app.request("GET", `/v1/studies/${id}/trials/${c.candidates[0].id}`);
    assert.equal(trial.body.state, "ACTIVE");
    assert.equal(trial.body.leaseExpiresAt, null);
    // The hold expired long ago: bob may take it now, and ada's ranking is refused.
    const taken = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, bob);
    assert.equal(taken.body.comparison.id, c.id);
    const late = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/${c.id}/ranking`,
      { ranking: c.candidates.map((x: Candidate) => x.id) },
      ada,
    );
    assert.equal(late.status, 409, late.text);
  });

  await t.step("bad rankings are clear 4xx errors and change nothing", async () => {
    const id = await rankingStudy(app, { topK: 2 }, { candidates: 4 });
    const ada = { key: await labelerToken(app, id) };
    const c = (await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada))
      .body.comparison;
    assert.equal(c.rankingLength, 2);
    const ids = c.candidates.map((x: Candidate) => x.id);
    const path = `/v1/studies/${id}/comparisons/${c.id}/ranking`;
    const unknown = "00000000-0000-4000-8000-000000000000";
    const cases: [unknown, number, string][] = [
      [{ ranking: [ids[0], unknown] }, 422, "ranking[1]"],
      [{ ranking: [ids[0], ids[0]] }, 422, "ranking[1]"],
      [{ ranking: [ids[0]] }, 422, "ranking"],
      [{ ranking: [...ids, ids[0]] }, 422, "ranking"],
      [{ ranking: [] }, 422, "ranking"],
      [{ ranking: "first" }, 422, "ranking"],
      [{ ranking: [ids[0], ids[1]], extra: 1 }, 422, "extra"],
    ];
    for (const [body, status, field] of cases) {
      const r = await app.request("POST", path, body, ada);
      assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.text}`);
      assert.ok(
        r.body.errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(body)}: ${r.text}`,
      );
    }
    const missing = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/${unknown}/ranking`,
      { ranking: [ids[0], ids[1]] },
      ada,
    );
    assert.equal(missing.status, 404);
    const still = await app.request("GET", `/v1/studies/${id}/comparisons/${c.id}`, undefined, ada);
    assert.equal(still.body.state, "OPEN");
    assert.equal(still.body.rankingsReceived, 0);
    // A valid top-2 ranking closes it; the same again is a retry (the first answer), another
    // ranking a conflict.
    const ok = await app.request("POST", path, { ranking: [ids[2], ids[0]] }, ada);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.state, "RANKED");
    assert.deepEqual(ok.body.ranking, [ids[2], ids[0]]);
    const retry = await app.request("POST", path, { ranking: [ids[2], ids[0]] }, ada);
    assert.deepEqual([retry.status, retry.body], [200, ok.body]);
    assert.equal((await app.request("POST", path, { ranking: [ids[0], ids[2]] }, ada)).status, 409);
    for (const x of ids) {
      const trial = await app.request("GET", `/v1/studies/${id}/trials/${x}`);
      assert.equal(trial.body.state, "RANKED");
    }
  });

  await t.step("undo works until the algorithm has moved past the ranking", async () => {
    const id = await rankingStudy(app, {}, { candidates: 3 });
    const ada = { key: await labelerToken(app, id) };
    const c = (await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada))
      .body.comparison;
    const ids = c.candidates.map((x: Candidate) => x.id);
    const base = `/v1/studies/${id}/comparisons/${c.id}`;
    assert.equal((await app.request("POST", `${base}/undo`, undefined, ada)).status, 409);
    await app.request("POST", `${base}/ranking`, { ranking: ids }, ada);
    const undone = await app.request("POST", `${base}/undo`, undefined, ada);
    assert.equal(undone.status, 200, undone.text);
    assert.equal(undone.body.state, "OPEN");
    assert.equal(undone.body.heldByYou, true);
    assert.equal(undone.body.ranking, null);
    const trial = await app.request("GET", `/v1/studies/${id}/trials/${ids[0]}`);
    assert.equal(trial.body.state, "ACTIVE");
    // Rank again (another order), then the next comparison uses it: too late to undo.
    const reversed = [...ids].reverse();
    const ranked = await app.request("POST", `${base}/ranking`, { ranking: reversed }, ada);
    assert.deepEqual(ranked.body.ranking, reversed);
    const next = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada);
    assert.notEqual(next.body.comparison.id, c.id);
    assert.equal(next.body.progress.answeredByYou, 1);
    const tooLate = await app.request("POST", `${base}/undo`, undefined, ada);
    assert.equal(tooLate.status, 409, tooLate.text);
    assert.match(tooLate.body.detail, /moved past/);
  });

  await t.step("several labelers per comparison: Borda count decides", async () => {
    const id = await rankingStudy(app, { rankingsPerComparison: 3 }, { candidates: 4 });
    const tokens = [];
    for (const name of ["ada", "bob", "cy"]) {
      tokens.push({ key: await labelerToken(app, id, name) });
    }
    const first = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/next`,
      undefined,
      tokens[0],
    );
    const c = first.body.comparison;
    const [a, b, x, y] = c.candidates.map((z: Candidate) => z.id);
    const orders = [[a, b, x, y], [b, a, y, x], [b, x, a, y]];
    // Scores (n − 1 − rank): a 3+2+1 = 6, b 2+3+3 = 8, x 1+0+2 = 3, y 0+1+0 = 1.
    const expected = [b, a, x, y];
    for (let i = 0; i < 3; i++) {
      const got: { body: { comparison: { id: string } } } = i === 0 ? first : await app.request(
        "POST",
        `/v1/studies/${id}/comparisons/next`,
        undefined,
        tokens[i],
      );
      assert.equal(got.body.comparison.id, c.id, `labeler ${i} gets the open comparison`);
      const r = await app.request(
        "POST",
        `/v1/studies/${id}/comparisons/${c.id}/ranking`,
        { ranking: orders[i] },
        tokens[i],
      );
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.rankingsReceived, i + 1);
      assert.equal(r.body.state, i < 2 ? "OPEN" : "RANKED");
    }
    const done = await app.request("GET", `/v1/studies/${id}/comparisons/${c.id}`);
    assert.deepEqual(done.body.ranking, expected);
  });

  await t.step(
    "undo leaves another labeler's hold alone; a closing skip keeps rankings",
    async () => {
      const id = await rankingStudy(app, { rankingsPerComparison: 3 }, { candidates: 3 });
      const [ada, bob, cy] = [
        { key: await labelerToken(app, id, "ada") },
        { key: await labelerToken(app, id, "bob") },
        { key: await labelerToken(app, id, "cy") },
      ];
      const next = (who: { key: string }) =>
        app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, who);
      const c = (await next(ada)).body.comparison;
      const ids = c.candidates.map((x: Candidate) => x.id);
      const base = `/v1/studies/${id}/comparisons/${c.id}`;
      assert.equal(
        (await app.request("POST", `${base}/ranking`, { ranking: ids }, ada)).status,
        200,
      );
      assert.equal((await next(bob)).body.comparison.id, c.id);
      // ada takes her ranking back while bob holds the comparison: bob keeps it.
      const undone = await app.request("POST", `${base}/undo`, undefined, ada);
      assert.equal(undone.status, 200, undone.text);
      assert.equal(undone.body.heldByYou, false);
      assert.equal(undone.body.rankingsReceived, 0);
      const reversed = [...ids].reverse();
      assert.equal(
        (await app.request("POST", `${base}/ranking`, { ranking: reversed }, bob)).status,
        200,
      );
      // ada ranks again, then cy skips: the comparison closes with the two rankings aggregated.
      assert.equal((await next(ada)).body.comparison.id, c.id);
      assert.equal(
        (await app.request("POST", `${base}/ranking`, { ranking: ids }, ada)).status,
        200,
      );
      assert.equal((await next(cy)).body.comparison.id, c.id);
      const skipped = await app.request("POST", `${base}/skip`, undefined, cy);
      assert.equal(skipped.status, 200, skipped.text);
      assert.equal(skipped.body.state, "RANKED");
      // bob: [c, b, a], ada: [a, b, c]: every candidate scores 2; the first ranking (bob's) decides.
      assert.deepEqual(skipped.body.ranking, reversed);
    },
  );

  await t.step("a skipped comparison closes and the algorithm moves on", async () => {
    const id = await rankingStudy(app, {}, { candidates: 3 });
    const ada = { key: await labelerToken(app, id) };
    const c = (await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada))
      .body.comparison;
    const skipped = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/${c.id}/skip`,
      undefined,
      ada,
    );
    assert.equal(skipped.status, 200, skipped.text);
    assert.equal(skipped.body.state, "SKIPPED");
    const next = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada);
    assert.equal(next.status, 200, next.text);
    assert.ok(next.body.comparison, next.text);
    assert.notEqual(next.body.comparison.id, c.id);
    const listed = await app.request("GET", `/v1/studies/${id}/comparisons?state=SKIPPED`);
    assert.deepEqual(listed.body.items.map((i: { id: string }) => i.id), [c.id]);
  });

  await t.step("renderings: the study's renderer draws each candidate", async () => {
    const id = await rankingStudy(app, { renderer: { name: "color" } }, { candidates: 3 });
    const ada = { key: await labelerToken(app, id) };
    const c = (await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada))
      .body.comparison;
    for (const candidate of c.candidates as Candidate[]) {
      assert.ok(candidate.renderingUrl);
      const image = await app.request("GET", candidate.renderingUrl!, undefined, ada);
      assert.equal(image.status, 200, image.text);
      assert.equal(image.headers.get("content-type"), "image/svg+xml");
      const hex = (v: number) => Math.round(v * 255).toString(16).padStart(2, "0");
      const colour = `#${hex(candidate.params.r)}${hex(candidate.params.g)}${
        hex(candidate.params.b)
      }`;
      assert.ok(image.text.includes(`fill="${colour}"`), `${colour} in ${image.text}`);
    }
    const stranger = "00000000-0000-4000-8000-000000000000";
    const wrong = await app.request(
      "GET",
      `/v1/studies/${id}/comparisons/${c.id}/candidates/${stranger}/rendering`,
      undefined,
      ada,
    );
    assert.equal(wrong.status, 404);
    const plain = await rankingStudy(app, {}, { candidates: 3 });
    const p = (await app.request("POST", `/v1/studies/${plain}/comparisons/next`)).body.comparison;
    assert.equal(p.candidates[0].renderingUrl, null);
  });

  await t.step("rankings steer the search toward what the labeler prefers", async () => {
    const target = [0.9, 0.2, 0.7];
    const id = await rankingStudy(app, {}, { candidates: 4, stepSize: 0.1, smoothing: 0.05 });
    const ada = { key: await labelerToken(app, id) };
    let start: number | undefined;
    let last = Infinity;
    for (let round = 0; round < 30; round++) {
      const next = await app.request("POST", `/v1/studies/${id}/comparisons/next`, undefined, ada);
      assert.equal(next.status, 200, next.text);
      const c = next.body.comparison;
      const sorted = [...c.candidates as Candidate[]].sort((u, v) =>
        distance(u, target) - distance(v, target)
      );
      const mean = sorted.reduce((s, x) => s + distance(x, target), 0) / sorted.length;
      start ??= mean;
      last = mean;
      const r = await app.request(
        "POST",
        `/v1/studies/${id}/comparisons/${c.id}/ranking`,
        { ranking: sorted.map((x) => x.id) },
        ada,
      );
      assert.equal(r.status, 200, r.text);
    }
    assert.ok(last < 0.5 * start!, `mean squared distance ${start} → ${last}`);
    // The recommendation is x_t after all 30 rankings (the last one included), nearer the
    // target than the start (the centre of the cube).
    const best = await app.request("GET", `/v1/studies/${id}/trials/best`);
    assert.equal(best.status, 200, best.text);
    const rec = best.body.recommendation;
    assert.equal(rec.details.comparisons, 30, JSON.stringify(rec));
    const d = (p: Record<string, number>) =>
      (p.r - target[0]) ** 2 + (p.g - target[1]) ** 2 + (p.b - target[2]) ** 2;
    assert.ok(d(rec.params) < 0.5 * d({ r: 0.5, g: 0.5, b: 0.5 }), JSON.stringify(rec));
  });
});
