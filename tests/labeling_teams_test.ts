/**
 * Labeling for real teams, through the HTTP app on PGlite and on PostgreSQL:
 * a study's title and prompt for labelers, rankings that are safe to retry,
 * why nothing is available, the comparisons' export, and CORS for labeling
 * frontends on other origins (MINIMA_CORS_ORIGINS).
 */
import assert from "node:assert/strict";
import { createApp } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, newStudy, startTestApp, type TestApp } from "./support/harness.ts";

const SPACE = {
  parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
};
const FRONTEND = "https://label.example.org";
const STRANGER = "https://evil.example.com";

interface Candidate {
  id: string;
}

async function rankingStudy(app: TestApp, labeling: Record<string, unknown> = {}) {
  return await newStudy(app, {
    name: `tomatoes-${crypto.randomUUID().slice(0, 8)}`,
    space: SPACE,
    algorithm: { name: "zo-rank-sgd", config: { candidates: 3 }, seed: 3 },
    labeling,
  });
}

async function labeler(app: TestApp, studyId: string, name: string) {
  const r = await app.request("POST", `/v1/studies/${studyId}/labelers`, { name });
  assert.equal(r.status, 201, r.text);
  return { key: r.body.key as string, id: r.body.id as string };
}

const next = (app: TestApp, studyId: string, key: string) =>
  app.request("POST", `/v1/studies/${studyId}/comparisons/next`, undefined, { key });

const ids = (c: { candidates: Candidate[] }) => c.candidates.map((x) => x.id);

for (const backend of testBackends()) {
  Deno.test(`labeling for teams [${backend}]`, async (t) => {
    const app = await startTestApp(backend, { corsOrigins: [FRONTEND, "http://localhost:5173"] });
    try {
      await steps(t, app);
    } finally {
      await app.close();
    }
  });
}

async function steps(t: Deno.TestContext, app: TestApp) {
  await t.step("title and prompt: set at createStudy, checked, given to labelers", async () => {
    const title = '  Tomatoes <b>ripe</b> & "red"  ';
    const prompt = "Which looks most like a ripe tomato?\nTake your time.";
    const id = await rankingStudy(app, { title, prompt });
    const study = await app.request("GET", `/v1/studies/${id}`);
    assert.equal(study.body.labeling.title, 'Tomatoes <b>ripe</b> & "red"', "trimmed, as given");
    assert.equal(study.body.labeling.prompt, prompt);
    const ada = await labeler(app, id, "ada");
    const got = await next(app, id, ada.key);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.body.study, { title: 'Tomatoes <b>ripe</b> & "red"', prompt });
    const plain = await rankingStudy(app);
    assert.deepEqual((await next(app, plain, app.projectKey)).body.study, {
      title: null,
      prompt: null,
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ title: "" }, "labeling.title"],
      [{ title: "   " }, "labeling.title"],
      [{ title: "x".repeat(121) }, "labeling.title"],
      [{ title: "two\nlines" }, "labeling.title"],
      [{ title: "bell\u0007" }, "labeling.title"],
      [{ prompt: "x".repeat(501) }, "labeling.prompt"],
      [{ prompt: "tab\there" }, "labeling.prompt"],
      [{ prompt: "nul\u0000" }, "labeling.prompt"],
      [{ prompt: 42 }, "labeling.prompt"],
    ];
    for (const [labeling, field] of bad) {
      const r = await app.request("POST", "/v1/studies", {
        name: `x-${crypto.randomUUID().slice(0, 8)}`,
        space: SPACE,
        algorithm: { name: "zo-rank-sgd", config: { candidates: 3 } },
        labeling,
      });
      assert.equal(r.status, 422, `${JSON.stringify(labeling)}: ${r.text}`);
      assert.ok(
        r.body.errors.some((e: { field: string }) => e.field === field),
        `${JSON.stringify(labeling)}: ${r.text}`,
      );
    }
    const longest = await rankingStudy(app, { title: "t".repeat(120), prompt: "p".repeat(500) });
    assert.equal(
      (await app.request("GET", `/v1/studies/${longest}`)).body.labeling.title.length,
      120,
    );
  });

  await t.step("the same ranking again answers as the first time; another is a 409", async () => {
    const id = await rankingStudy(app, { rankingsPerComparison: 2 });
    const ada = await labeler(app, id, "ada");
    const bob = await labeler(app, id, "bob");
    const c = (await next(app, id, ada.key)).body.comparison;
    const order = ids(c);
    const path = `/v1/studies/${id}/comparisons/${c.id}/ranking`;
    const first = await app.request("POST", path, { ranking: order }, { key: ada.key });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.rankingsReceived, 1);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    const retry = await app.request("POST", path, { ranking: order }, { key: ada.key });
    assert.equal(retry.status, 200, retry.text);
    assert.deepEqual(retry.body, first.body, "the same body");
    assert.equal(retry.headers.get("idempotent-replayed"), "true");
    // bob's ranking closes it; ada's retry still answers what her ranking answered.
    assert.equal((await next(app, id, bob.key)).body.comparison.id, c.id);
    const closing = await app.request("POST", path, { ranking: [...order].reverse() }, {
      key: bob.key,
    });
    assert.equal(closing.body.state, "RANKED", closing.text);
    const late = await app.request("POST", path, { ranking: order }, { key: ada.key });
    assert.equal(late.status, 200, late.text);
    assert.deepEqual(late.body, first.body);
    // Another ranking of an answered comparison: a 409 naming it.
    const other = await app.request("POST", path, { ranking: [order[1], order[0], order[2]] }, {
      key: ada.key,
    });
    assert.equal(other.status, 409, other.text);
    assert.match(other.body.detail, new RegExp(`comparison ${c.number} \\(${c.id}\\) differently`));
    assert.equal(other.body.errors[0].field, "ranking");
    assert.equal(
      (await app.request("GET", `/v1/studies/${id}/comparisons/${c.id}`)).body
        .rankingsReceived,
      2,
      "nothing was counted twice",
    );
  });

  await t.step("with an Idempotency-Key too; a skip or an undo is respected", async () => {
    const id = await rankingStudy(app);
    const ada = await labeler(app, id, "ada");
    const c = (await next(app, id, ada.key)).body.comparison;
    const order = ids(c);
    const base = `/v1/studies/${id}/comparisons/${c.id}`;
    const as = (key: string) => ({ key: ada.key, headers: { "idempotency-key": key } });
    const first = await app.request("POST", `${base}/ranking`, { ranking: order }, as("k1"));
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.state, "RANKED");
    for (const key of ["k1", "k2"]) {
      const again = await app.request("POST", `${base}/ranking`, { ranking: order }, as(key));
      assert.equal(again.status, 200, `${key}: ${again.text}`);
      assert.deepEqual(again.body, first.body, key);
      assert.equal(again.headers.get("idempotent-replayed"), "true", key);
    }
    const reused = await app.request("POST", `${base}/ranking`, {
      ranking: [...order].reverse(),
    }, as("k1"));
    assert.equal(reused.status, 409, reused.text);
    assert.equal(reused.body.errors[0].field, "Idempotency-Key");
    // After an undo the labeler may rank it another way.
    assert.equal(
      (await app.request("POST", `${base}/undo`, undefined, { key: ada.key })).status,
      200,
    );
    const reversed = [...order].reverse();
    const second = await app.request("POST", `${base}/ranking`, { ranking: reversed }, {
      key: ada.key,
    });
    assert.equal(second.status, 200, second.text);
    assert.deepEqual(second.body.ranking, reversed);
    // A skipped comparison is not ranked by a retry of some ranking.
    const s = await rankingStudy(app, { rankingsPerComparison: 2, skipsToClose: 2 });
    const cy = await labeler(app, s, "cy");
    const sc = (await next(app, s, cy.key)).body.comparison;
    const sBase = `/v1/studies/${s}/comparisons/${sc.id}`;
    assert.equal(
      (await app.request("POST", `${sBase}/skip`, undefined, { key: cy.key })).status,
      200,
    );
    const after = await app.request("POST", `${sBase}/ranking`, { ranking: ids(sc) }, {
      key: cy.key,
    });
    assert.equal(after.status, 409, after.text);
    assert.match(after.body.detail, /already skipped comparison 0/);
  });

  await t.step("nothing available: the answer says why", async () => {
    const id = await rankingStudy(app, { rankingsPerComparison: 2 });
    const [ada, bob, cy] = [
      await labeler(app, id, "ada"),
      await labeler(app, id, "bob"),
      await labeler(app, id, "cy"),
    ];
    const c = (await next(app, id, ada.key)).body.comparison;
    const held = await next(app, id, bob.key);
    assert.equal(held.body.comparison, null);
    assert.equal(held.body.reason, "held_by_others");
    assert.equal(held.body.detail, "The one open comparison is being labeled by others");
    assert.ok(held.body.retryAfterSeconds > 0);
    await app.request("POST", `/v1/studies/${id}/comparisons/${c.id}/ranking`, {
      ranking: ids(c),
    }, { key: ada.key });
    const mine = await next(app, id, ada.key);
    assert.equal(mine.body.comparison, null);
    assert.equal(mine.body.reason, "answered_by_you");
    assert.match(mine.body.detail, /^You have answered the one open comparison/);
    // bob takes it; cy finds it held; for ada it is still one she answered.
    assert.equal((await next(app, id, bob.key)).body.comparison.id, c.id);
    assert.equal((await next(app, id, cy.key)).body.reason, "held_by_others");
    assert.equal((await next(app, id, ada.key)).body.reason, "answered_by_you");
    // A comparison handed out: no reason.
    const shown = await next(app, id, bob.key);
    assert.equal(shown.body.reason, undefined);
    assert.equal(shown.body.detail, undefined);
    // maxOpen 3 while zo-rank-sgd waits for its round's ranking: the algorithm has nothing new.
    const wide = await rankingStudy(app, { maxOpen: 3 });
    const dee = await labeler(app, wide, "dee");
    assert.ok((await next(app, wide, app.projectKey)).body.comparison);
    const none = await next(app, wide, dee.key);
    assert.equal(none.body.comparison, null);
    assert.equal(none.body.reason, "no_candidates", none.text);
    assert.match(none.body.detail, /^Nothing left to label for now/);
  });

  await t.step(
    "export: every comparison, its candidates, each answer (CSV, JSON Lines)",
    async () => {
      const id = await rankingStudy(app, { rankingsPerComparison: 2 });
      const ada = await labeler(app, id, "ada");
      const mallory = await labeler(app, id, '=HYPERLINK("http://x")');
      const c0 = (await next(app, id, ada.key)).body.comparison;
      const rankingPath = (c: { id: string }) => `/v1/studies/${id}/comparisons/${c.id}/ranking`;
      await app.request("POST", rankingPath(c0), { ranking: ids(c0) }, { key: ada.key });
      assert.equal((await next(app, id, mallory.key)).body.comparison.id, c0.id);
      const theirs = [...ids(c0)].reverse();
      const closed = await app.request("POST", rankingPath(c0), { ranking: theirs }, {
        key: mallory.key,
      });
      assert.equal(closed.body.state, "RANKED");
      const c1 = (await next(app, id, ada.key)).body.comparison; // open, nobody answered
      assert.equal(c1.number, 1);

      const jsonl = await app.request("GET", `/v1/studies/${id}/comparisons/export?format=jsonl`);
      assert.equal(jsonl.status, 200, jsonl.text);
      assert.equal(jsonl.headers.get("content-type"), "application/x-ndjson");
      assert.match(jsonl.headers.get("content-disposition")!, /comparisons-.*\.jsonl"$/);
      const lines = jsonl.text.trimEnd().split("\n").map((l) => JSON.parse(l));
      assert.deepEqual(lines.map((l) => [l.number, l.state]), [[0, "RANKED"], [1, "OPEN"]]);
      assert.deepEqual(lines[0].candidates.map((x: Candidate) => x.id), ids(c0));
      assert.deepEqual(lines[0].candidates[0].params, c0.candidates[0].params);
      assert.deepEqual(lines[0].ranking, closed.body.ranking);
      assert.deepEqual(
        lines[0].answers.map((a: Record<string, unknown>) => [a.labelerId, a.labeler, a.ranking]),
        [[ada.id, "ada", ids(c0)], [mallory.id, '=HYPERLINK("http://x")', theirs]],
      );
      assert.ok(
        lines[0].answers.every((a: { answeredAt: string }) => !isNaN(Date.parse(a.answeredAt))),
      );
      assert.equal(lines[0].closedAt, closed.body.closedAt);
      assert.deepEqual(lines[1].answers, []);

      const csv = await app.request("GET", `/v1/studies/${id}/comparisons/export`);
      assert.equal(csv.status, 200, csv.text);
      assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
      const rows = csv.text.split("\r\n");
      assert.equal(rows.pop(), "", "every record ends in CRLF");
      assert.equal(
        rows[0],
        "number,id,state,createdAt,closedAt,candidates,ranking,labelerId,labeler,answer," +
          "answerRanking,answeredAt",
      );
      assert.equal(rows.length, 4, "two answers to #0, none to #1");
      const adaRow = rows[1].split(",");
      assert.deepEqual(adaRow.slice(0, 3), ["0", c0.id, "RANKED"]);
      assert.equal(adaRow[5], ids(c0).join(" "));
      assert.equal(adaRow[6], closed.body.ranking.join(" "));
      assert.deepEqual(adaRow.slice(7, 11), [ada.id, "ada", "ranking", ids(c0).join(" ")]);
      // A name a spreadsheet would run is exported as text (export.ts's csvField).
      assert.ok(
        rows[2].includes(`${mallory.id},"'=HYPERLINK(""http://x"")",ranking,${theirs.join(" ")}`),
        rows[2],
      );
      assert.ok(rows[3].startsWith(`1,${c1.id},OPEN,`) && rows[3].endsWith(",,,,,"), rows[3]);

      // Labelers see no one else's answers; other studies are 404s and 409s.
      const refused = await app.request("GET", `/v1/studies/${id}/comparisons/export`, undefined, {
        key: ada.key,
      });
      assert.equal(refused.status, 403, refused.text);
      const missing = "00000000-0000-4000-8000-000000000000";
      assert.equal(
        (await app.request("GET", `/v1/studies/${missing}/comparisons/export`)).status,
        404,
      );
      const plain = await newStudy(app);
      assert.equal(
        (await app.request("GET", `/v1/studies/${plain}/comparisons/export`)).status,
        409,
      );
      const badFormat = await app.request("GET", `/v1/studies/${id}/comparisons/export?format=xml`);
      assert.equal(badFormat.status, 400, badFormat.text);
    },
  );

  await t.step("CORS: listed origins reach the comparisons API, nothing else does", async () => {
    const id = await rankingStudy(app);
    const ada = await labeler(app, id, "ada");
    const nextPath = `/v1/studies/${id}/comparisons/next`;
    const preflight = (origin: string, path = nextPath) =>
      app.app.request(path, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type,idempotency-key",
        },
      });
    const ok = await preflight(FRONTEND);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get("access-control-allow-origin"), FRONTEND);
    const allowed = (ok.headers.get("access-control-allow-headers") ?? "").toLowerCase().split(",");
    for (const h of ["authorization", "content-type", "idempotency-key"]) {
      assert.ok(allowed.includes(h), `${h} in ${allowed}`);
    }
    assert.ok((ok.headers.get("access-control-allow-methods") ?? "").split(",").includes("POST"));
    assert.equal(ok.headers.get("access-control-allow-credentials"), null, "credentials off");
    assert.match(ok.headers.get("vary") ?? "", /Origin/);
    const other = await preflight(STRANGER);
    assert.equal(other.headers.get("access-control-allow-origin"), null);
    const prefix = await preflight("https://label.example.org.evil.com");
    assert.equal(prefix.headers.get("access-control-allow-origin"), null, "exact origins only");

    // Actual requests: the allowed origin can read answers, errors included.
    const as = (origin: string, extra: Record<string, string> = {}) => ({
      key: ada.key,
      headers: { origin, ...extra },
    });
    const got = await app.request("POST", nextPath, undefined, as(FRONTEND));
    assert.equal(got.status, 200, got.text);
    assert.equal(got.headers.get("access-control-allow-origin"), FRONTEND);
    assert.match(got.headers.get("access-control-expose-headers") ?? "", /Retry-After/);
    const c = got.body.comparison;
    const wrong = await app.request(
      "POST",
      `/v1/studies/${id}/comparisons/${c.id}/ranking`,
      { ranking: [ids(c)[0]] },
      as(FRONTEND),
    );
    assert.equal(wrong.status, 422);
    assert.equal(wrong.headers.get("access-control-allow-origin"), FRONTEND, "on a problem too");
    const noKey = await app.request("POST", nextPath, undefined, {
      key: null,
      headers: { origin: FRONTEND },
    });
    assert.equal(noKey.status, 401);
    assert.equal(noKey.headers.get("access-control-allow-origin"), FRONTEND);
    const stranger = await app.request("POST", nextPath, undefined, as(STRANGER));
    assert.equal(stranger.headers.get("access-control-allow-origin"), null);
    // The rest of the API stays same-origin, preflights included.
    const studies = await app.request("GET", "/v1/studies", undefined, {
      headers: { origin: FRONTEND },
    });
    assert.equal(studies.status, 200);
    assert.equal(studies.headers.get("access-control-allow-origin"), null);
    const keysPreflight = await preflight(FRONTEND, `/v1/studies/${id}/labelers`);
    assert.equal(keysPreflight.status, 401);
    assert.equal(keysPreflight.headers.get("access-control-allow-origin"), null);

    // Without MINIMA_CORS_ORIGINS (the default): same-origin only, the comparisons too.
    const plain = createApp({
      database: app.database,
      logger: createLogger("silent"),
      adminKey: ADMIN_KEY,
    });
    const closedPreflight = await plain.request(nextPath, {
      method: "OPTIONS",
      headers: { origin: FRONTEND, "access-control-request-method": "POST" },
    });
    assert.equal(closedPreflight.status, 401);
    assert.equal(closedPreflight.headers.get("access-control-allow-origin"), null);
    const closedGet = await plain.request(`/v1/studies/${id}/comparisons`, {
      headers: { origin: FRONTEND, authorization: `Bearer ${ada.key}` },
    });
    assert.equal(closedGet.status, 200);
    assert.equal(closedGet.headers.get("access-control-allow-origin"), null);
    await closedGet.body?.cancel();
  });
}

Deno.test("MINIMA_CORS_ORIGINS: exact origins, checked at start", () => {
  assert.deepEqual(loadConfig({}).corsOrigins, []);
  assert.deepEqual(
    loadConfig({ MINIMA_CORS_ORIGINS: " https://label.example.org, http://localhost:5173 ," })
      .corsOrigins,
    ["https://label.example.org", "http://localhost:5173"],
  );
  for (
    const bad of [
      "*",
      "https://a.example/",
      "https://a.example/label",
      "ftp://a.example",
      "label.example.org",
      "HTTPS://A.EXAMPLE",
      "https://a.example:443",
      "null",
    ]
  ) {
    assert.throws(
      () => loadConfig({ MINIMA_CORS_ORIGINS: bad }),
      (e: Error) => e instanceof ConfigError && /MINIMA_CORS_ORIGINS/.test(e.message),
      bad,
    );
  }
});
