/**
 * The dashboard (/ui) in a real browser: where Chromium and playwright-core
 * are available (tests/support/browser.ts), every view over the real service
 * (PGlite) on studies seeded through the API, checked against the API's own
 * numbers, with screenshots at 1280×800 and 375×667 written to
 * MINIMA_UI_SCREENSHOTS (default /tmp/minima-ui-screenshots). What the server
 * sends (headers, nonces, assets) is in ui_test.ts.
 */
import assert from "node:assert/strict";
import {
  browserSupport,
  dataIs,
  type InPage,
  type Playwright,
  screenshots,
  textMatches,
  withServiceAndBrowser,
} from "./support/browser.ts";
import { branin } from "./support/onnx_models.ts";
import { modelStudyBody } from "./support/runs.ts";
import { call, projectApi } from "./support/server.ts";

const SHOTS = Deno.env.get("MINIMA_UI_SCREENSHOTS") ?? "/tmp/minima-ui-screenshots";

const support = await browserSupport();
if ("missing" in support) console.warn(`ui_test: the browser test is ignored: ${support.missing}`);

Deno.test({
  name: "dashboard in Chromium: sign-in, list, history, parallel, slices, importance, table, " +
    "runs, rankings; desktop and phone",
  ignore: "missing" in support,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { playwright } = support as { playwright: Playwright };
    await Deno.mkdir(SHOTS, { recursive: true });
    await withServiceAndBrowser(playwright, "minima-ui-", async ({ base, browser }) => {
      const { key, api } = await projectApi(base, "ui");

      // A study of f = 10·x0 + x1 + 0·x2 with 30 completed trials, 1 failed and 1 active.
      const study = await api("POST", "/v1/studies", {
        name: "linear",
        space: {
          parameters: [
            { name: "x0", type: "float", min: 0, max: 1 },
            { name: "x1", type: "float", min: 0, max: 1 },
            { name: "x2", type: "float", min: 0, max: 1 },
          ],
        },
        objective: { metrics: [{ name: "value", goal: "minimize" }] },
        algorithm: { name: "random", config: {}, seed: 3 },
      });
      const studyPath = `/v1/studies/${study.id}`;
      const f = (p: Record<string, number>) => 10 * p.x0 + p.x1;
      const complete = async (n: number) => {
        const { trials } = await api("POST", `${studyPath}/trials/suggest`, { count: n });
        for (const trial of trials) {
          await api("POST", `${studyPath}/trials/${trial.id}/complete`, {
            values: { value: f(trial.params) },
          });
        }
      };
      await complete(30);
      const [failed, active] = (await api("POST", `${studyPath}/trials/suggest`, { count: 2 }))
        .trials;
      await api("POST", `${studyPath}/trials/${failed.id}/fail`, { reason: "out of memory" });
      void active;
      // A second, empty study for the list.
      await api("POST", "/v1/studies", {
        name: "empty",
        space: { parameters: [{ name: "a", type: "float", min: 0, max: 1 }] },
        objective: { metrics: [{ name: "loss", goal: "maximize" }] },
        algorithm: { name: "random", config: {}, seed: 1 },
      });

      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e: Error) => problems.push(`page error: ${e.message}`));
      page.on("console", (m: { type(): string; text(): string }) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`console: ${m.text()}`);
      });
      const requested: string[] = [];
      page.on("request", (r: { url(): string }) => requested.push(r.url()));
      const shot = (name: string) => screenshots(page, SHOTS, name);

      await t.step(
        "sign-in: a wrong key is refused; the right one is kept in the tab",
        async () => {
          await page.goto(`${base}/ui`);
          await page.waitForSelector("#sign-in:not([hidden])");
          await shot("signin");
          await page.fill("#key-input", "mk_wrong-key");
          await page.click("#sign-in button[type=submit]");
          await page.waitForFunction(textMatches, {
            selector: "#messages",
            pattern: "^The key was refused",
          });
          await page.fill("#key-input", key);
          await page.click("#sign-in button[type=submit]");
          await page.waitForSelector("#studies:not([hidden])");
          assert.equal(await page.evaluate(() => sessionStorage.getItem("minima.ui.key")), key);
          assert.equal(await page.isHidden("#sign-in"), true);
          assert.ok(!requested.some((u) => u.includes(key)), "the key is in no URL");
        },
      );

      await t.step("the study list: name, algorithm, counts, best, last activity", async () => {
        await page.waitForFunction(() =>
          (globalThis as InPage).document.querySelectorAll("#study-table tbody tr").length === 2
        );
        const row = page.locator(`#study-table tr[data-study-id="${study.id}"]`);
        const best = (await api("GET", `${studyPath}/trials/best`)).trials[0];
        const text = await row.textContent();
        assert.ok(text.includes("linear") && text.includes("random"), text);
        assert.ok(text.includes("30 completed") && text.includes("1 failed"), text);
        assert.ok(text.includes("1 active"), text);
        assert.ok(text.includes(`#${best.number}`), `best trial ${best.number}: ${text}`);
        assert.ok(text.includes(String(+best.values.value.toPrecision(5))), text);
        assert.match(text, /\d+ s ago|min ago/);
        await shot("list");
      });

      await t.step("the study page: history and best so far", async () => {
        await page.click(`#study-table tr[data-study-id="${study.id}"] a`);
        await page.waitForSelector("#history:not([hidden])");
        await page.waitForFunction(dataIs, {
          selector: "#history-chart",
          name: "points",
          value: "30",
        });
        const best = (await api("GET", `${studyPath}/trials/best`)).trials[0];
        assert.equal(
          Number(await page.getAttribute("#history-chart", "data-best")),
          best.values.value,
        );
        assert.equal(await page.locator("#history-chart canvas").count(), 1);
        assert.match(await page.textContent("#study-facts"), new RegExp(`trial ${best.number}`));
      });

      await t.step(
        "parallel coordinates: a line per completed trial; slices per parameter",
        async () => {
          assert.equal(await page.getAttribute("#parallel-chart", "data-lines"), "30");
          assert.equal(await page.locator("#parallel-chart polyline").count(), 30);
          assert.deepEqual(
            await page.$$eval(
              "#parallel-chart text.axis-name",
              (els: InPage[]) => els.map((e) => e.textContent),
            ),
            ["x0", "x1", "x2", "value"],
          );
          assert.equal(await page.locator("#slice-charts figure").count(), 3);
          for (const p of ["x0", "x1", "x2"]) {
            assert.equal(await page.getAttribute(`#slice-${p}`, "data-points"), "30");
          }
        },
      );

      await t.step("importance: the API's numbers, x0 first", async () => {
        await page.waitForSelector("#importance-bars li");
        const shown = await page.$$eval(
          "#importance-bars li",
          (els: InPage[]) => els.map((e) => [e.dataset.name, Number(e.dataset.importance)]),
        );
        const r = await api("GET", `${studyPath}/importance`);
        const expected = r.parameters.map((
          p: { name: string; importance: number },
        ) => [p.name, p.importance]).sort((a: [string, number], b: [string, number]) =>
          b[1] - a[1]
        );
        assert.deepEqual(shown, expected);
        assert.equal(shown[0][0], "x0");
        assert.match(await page.textContent("#importance-note"), /Permutation importance/);
        await shot("study");
      });

      await t.step("trial table: all trials, sort by value, filter by state, exports", async () => {
        const rows = page.locator("#trial-table tbody tr");
        assert.equal(await rows.count(), 32);
        await page.click('#trial-table button[data-key="v:value"]');
        const best = (await api("GET", `${studyPath}/trials/best`)).trials[0];
        assert.equal(await rows.first().getAttribute("data-number"), String(best.number));
        await page.click('#trial-table button[data-key="v:value"]');
        assert.equal(
          await page.getAttribute('#trial-table button[data-key="v:value"]', "data-dir"),
          "desc",
        );
        await page.selectOption("#trial-state", "FAILED");
        assert.equal(await rows.count(), 1);
        assert.equal(await rows.first().getAttribute("data-number"), String(failed.number));
        assert.match(await page.textContent("#trial-count"), /^1 of 32 trials/);
        await page.selectOption("#trial-state", "");
        await page.fill("#trial-filter", "ACTIVE");
        assert.equal(await rows.count(), 1);
        await page.fill("#trial-filter", "");
        for (const format of ["csv", "jsonl"]) {
          const [download] = await Promise.all([
            page.waitForEvent("download"),
            page.click(`#export-${format}`),
          ]);
          assert.equal(download.suggestedFilename(), `linear-trials.${format}`);
          const got = await Deno.readTextFile(await download.path());
          const r = await fetch(`${base}${studyPath}/trials/export?format=${format}`, {
            headers: { authorization: `Bearer ${key}` },
          });
          assert.equal(got, await r.text(), `the ${format} export`);
        }
        await shot("table");
      });

      await t.step("live: a trial completed through the API appears without a reload", async () => {
        await complete(1);
        await page.waitForFunction(dataIs, {
          selector: "#history-chart",
          name: "points",
          value: "31",
        });
        assert.equal(await page.locator("#parallel-chart polyline").count(), 31);
      });

      await t.step(
        "runs and schedules: each run's progress, the schedule's next tick",
        async () => {
          const model = branin();
          const uploaded = await fetch(`${base}/v1/models?name=branin`, {
            method: "POST",
            headers: { authorization: `Bearer ${key}`, "content-type": "application/octet-stream" },
            body: model.bytes as Uint8Array<ArrayBuffer>,
          });
          assert.equal(uploaded.status, 201, await uploaded.clone().text());
          const modelId = (await uploaded.json()).id;
          const modelStudy = await api("POST", "/v1/studies", {
            ...modelStudyBody(model, modelId, { name: "random" }),
            name: "branin-model",
          });
          const runs = `/v1/studies/${modelStudy.id}/runs`;
          const run = await api("POST", runs, { budget: 12, batchSize: 4 });
          await api("POST", `/v1/studies/${modelStudy.id}/schedules`, {
            cron: "0 3 * * *",
            timezone: "UTC",
            run: { budget: 50 },
          });
          await page.goto(`${base}/ui/studies/${modelStudy.id}`);
          await page.waitForSelector("#runs:not([hidden])");
          // The page polls: it shows the run's end once the service has finished it.
          await page.waitForFunction(textMatches, {
            selector: "#run-table tbody",
            pattern: "SUCCEEDED.*12 / 12",
          });
          const done = await api("GET", `${runs}/${run.id}`);
          assert.equal(done.state, "SUCCEEDED");
          assert.equal(done.completed, 12);
          const row = await page.textContent("#run-table tbody tr");
          assert.ok(
            row.includes(run.id.slice(0, 8)) &&
              row.includes(String(+done.best.value.toPrecision(5))),
            row,
          );
          const schedule = await page.textContent("#schedule-table tbody tr");
          assert.ok(schedule.includes("0 3 * * * (UTC)") && schedule.includes("50"), schedule);
          await page.waitForFunction(dataIs, {
            selector: "#history-chart",
            name: "points",
            value: "12",
          });
          await shot("runs");
        },
      );

      await t.step("a ranked study: comparisons done and pending, x_t's movement", async () => {
        const colours = await api("POST", "/v1/studies", {
          name: "colours",
          space: {
            parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
          },
          objective: { metrics: [{ name: "value", goal: "minimize" }] },
          algorithm: { name: "zo-rank-sgd", config: { candidates: 4 }, seed: 7 },
          labeling: { candidates: 4, renderer: { name: "color" }, rankingsPerComparison: 2 },
        });
        const cmp = `/v1/studies/${colours.id}/comparisons`;
        const token = async (name: string) =>
          (await api("POST", `/v1/studies/${colours.id}/labelers`, { name })).key as string;
        const [ada, bob] = [await token("ada"), await token("bob")];
        const rank = async (labeler: string, order: (ids: string[]) => string[]) => {
          const next = await call(base, labeler, "POST", `${cmp}/next`);
          assert.equal(next.status, 200, JSON.stringify(next.body));
          const ids = next.body.comparison.candidates.map((c: { id: string }) => c.id);
          const r = await call(base, labeler, "POST", `${cmp}/${next.body.comparison.id}/ranking`, {
            ranking: order(ids),
          });
          assert.equal(r.status, 200, JSON.stringify(r.body));
          return next.body.comparison.number;
        };
        // Round 0: bob reverses ada's order (0 of 6 pairs agree); round 1: the same (6 of 6).
        for (const bobOrder of [(ids: string[]) => ids.slice().reverse(), (ids: string[]) => ids]) {
          const number = await rank(ada, (ids) => ids.slice().sort());
          assert.equal(await rank(bob, (ids) => bobOrder(ids.slice().sort())), number);
        }
        const agreement = await api("GET", `/v1/studies/${colours.id}/agreement`);
        assert.deepEqual(agreement, {
          studyId: colours.id,
          labelers: 2,
          comparisons: 2,
          compared: 12,
          agreement: 0.5,
        });
        const all = (await api("GET", `${cmp}?limit=1000`)).items as { state: string }[];
        const ranked = all.filter((c) => c.state === "RANKED").length;
        const open = all.filter((c) => c.state === "OPEN").length;
        assert.equal(ranked, 2);
        await page.goto(`${base}/ui/studies/${colours.id}`);
        await page.waitForSelector("#ranking:not([hidden])");
        await page.waitForFunction(dataIs, {
          selector: "#xt-chart",
          name: "rounds",
          value: String(all.length),
        });
        const facts = await page.textContent("#ranking-facts");
        assert.ok(facts.includes(`comparisons ranked${ranked}`), facts);
        assert.ok(facts.includes(`pending${open}`), facts);
        assert.ok(facts.includes("labelers2"), facts);
        assert.ok(facts.includes("50% of 12 candidate pairs, over 2 comparisons"), facts);
        const best = await api("GET", `/v1/studies/${colours.id}/trials/best`);
        const r = best.recommendation.params.r as number;
        assert.ok(facts.includes(`r ${+r.toPrecision(5)}`), `x_t now: ${facts}`);
        assert.equal(await page.isHidden("#history"), true, "no value history for a ranked study");
        await shot("ranking");
      });

      await t.step("signing out forgets the key", async () => {
        await page.click("#sign-out");
        await page.waitForSelector("#sign-in:not([hidden])");
        assert.equal(await page.evaluate(() => sessionStorage.getItem("minima.ui.key")), null);
        assert.equal(await page.isHidden("#history"), true);
      });

      // The wrong key's 401 is expected.
      assert.deepEqual(problems.filter((p) => !/status of 401\b/.test(p)), []);
      await context.close();
    });
  },
});
