/**
 * The labeling page (GET /label/{studyId}): served outside /v1 without a key,
 * with a per-response CSP nonce on its one inline script, no secret in the
 * HTML, a 404 page for a malformed id; and, where Chromium and playwright-core
 * are available, a real browser ranking, dragging, skipping and undoing on a
 * phone-sized screen.
 *
 * The browser test needs `playwright-core` (importable as "playwright-core",
 * or a path to its index.mjs in MINIMA_PLAYWRIGHT_CORE) and Chromium at
 * /usr/bin/chromium (or MINIMA_CHROMIUM); without either it is ignored, and
 * says why.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { ADMIN_KEY, describeOnBackends, newStudy } from "./support/harness.ts";
import {
  browserSupport,
  checkHeaders,
  type InPage,
  type Playwright,
  tags,
  withServiceAndBrowser,
} from "./support/browser.ts";
import {
  imagesShown,
  labelingProject,
  SHOTS,
  shownKeyHints,
  undoEnabled,
  waitForText,
} from "./support/label_page.ts";
import { call } from "./support/server.ts";

describeOnBackends("labeling page", testBackends(), async (t, app) => {
  const studyId = await newStudy(app, {
    name: `colors-${crypto.randomUUID().slice(0, 8)}`,
    space: {
      parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
    },
    algorithm: { name: "zo-rank-sgd", config: { candidates: 4 }, seed: 1 },
    labeling: { candidates: 4, renderer: { name: "color" } },
  });
  const labeler = await app.request("POST", `/v1/studies/${studyId}/labelers`, { name: "ada" });
  assert.equal(labeler.status, 201, labeler.text);

  await t.step("GET /label/{id}: HTML without a key, CSP nonce on its script", async () => {
    const r = await app.request("GET", `/label/${studyId}`, undefined, { key: null });
    assert.equal(r.status, 200, r.text);
    const nonce = checkHeaders(r);
    const html: string = r.text;
    assert.match(html, /^<!doctype html>/i);
    const scripts = tags(html, "script");
    assert.equal(scripts.length, 1, "one script");
    assert.equal(scripts[0].trim(), `nonce="${nonce}"`, "the script carries the CSP's nonce");
    const styles = tags(html, "style");
    assert.deepEqual(styles.map((s) => s.trim()), [`nonce="${nonce}"`]);
    // CSP would block inline handlers and style attributes: the page has none.
    assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, "no inline event handlers");
    assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i, "no style attributes");
    assert.match(html, new RegExp(`<main id="app" data-study-id="${studyId}"`));
    assert.match(
      html,
      /<meta name="viewport" content="width=device-width, initial-scale=1"\s*\/?>/,
    );
    for (const key of ["1", "9", "Backspace", "Enter", "S", "U", "Esc"]) {
      assert.ok(html.includes(`<kbd>${key}</kbd>`), `keyboard hint ${key}`);
    }
    for (const id of ["token-form", "candidates", "submit", "skip", "undo", "progress"]) {
      assert.ok(html.includes(`id="${id}"`), `has #${id}`);
    }
    // The token input has no name: the form can never submit it (and CSP forbids submitting).
    const input = tags(html, "input").find((a) => /id="token-input"/.test(a));
    assert.ok(input, "token input");
    assert.doesNotMatch(input, /\bname=/);
    // No secret is ever in the page.
    for (const secret of [app.projectKey, labeler.body.key, ADMIN_KEY]) {
      assert.ok(!html.includes(secret), "no key in the HTML");
    }
    assert.doesNotMatch(html, /mk_[\w-]{8,}/, "nothing shaped like a key");
    // The inlined script parses (without running it).
    const source = /<script[^>]*>([\s\S]*)<\/script>/.exec(html)![1];
    assert.ok(source.includes("sessionStorage") && source.includes("replaceState"));
    new Function(source);
    // Every file of the script's folder is in it (none left out of mod.tsx's list).
    const dir = new URL("../src/routes/label/client/", import.meta.url);
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.name.endsWith(".js")) continue;
      const text = await Deno.readTextFile(new URL(entry.name, dir));
      assert.ok(source.includes(text.trim()), `${entry.name} is in the page's script`);
    }
  });

  await t.step("every response gets a fresh nonce", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      nonces.add(checkHeaders(await app.request("GET", `/label/${studyId}`, undefined)));
    }
    assert.equal(nonces.size, 3);
  });

  await t.step("the page is outside /v1: a bad key is not even looked at", async () => {
    const r = await app.request("GET", `/label/${studyId}`, undefined, { key: "mk_bogus" });
    assert.equal(r.status, 200);
    const upper = await app.request("GET", `/label/${studyId.toUpperCase()}`, undefined, {
      key: null,
    });
    assert.equal(upper.status, 200);
    assert.ok(upper.text.includes(`data-study-id="${studyId}"`), "the id is read in lower case");
  });

  await t.step("a malformed id is a 404 page with the same headers", async () => {
    for (const bad of ["not-a-uuid", "123", `${studyId}x`, "%3Cscript%3E"]) {
      const r = await app.request("GET", `/label/${bad}`, undefined, { key: null });
      assert.equal(r.status, 404, bad);
      checkHeaders(r);
      assert.match(r.text, /<h1>Not found<\/h1>/);
      assert.doesNotMatch(r.text, /<script/i);
      assert.doesNotMatch(r.text, /<main id="app"/);
    }
    const escaped = await app.request("GET", "/label/%3Cscript%3Ealert(1)", undefined, {
      key: null,
    });
    assert.equal(escaped.status, 404);
    assert.ok(!escaped.text.includes("<script>alert"), "the path is escaped");
    const deeper = await app.request("GET", `/label/${studyId}/more`, undefined, { key: null });
    assert.equal(deeper.status, 404);
  });

  await t.step("the page is not in the OpenAPI document", async () => {
    const r = await app.request("GET", "/openapi.json", undefined, { key: null });
    assert.equal(r.status, 200);
    const paths = Object.keys(r.body.paths);
    assert.ok(paths.some((p) => p.startsWith("/v1/studies/{studyId}/comparisons")));
    assert.deepEqual(paths.filter((p) => p.startsWith("/label")), []);
  });
});

// ---------------------------------------------------------------------------
// The page in a real browser.

const support = await browserSupport();
if ("missing" in support) {
  console.warn(`label_test: the browser test is ignored: ${support.missing}`);
}

Deno.test({
  name: "labeling page in Chromium: rank with keys, drag, skip, undo, phone and desktop",
  ignore: "missing" in support,
  // Off for this test only: playwright-core runs Chromium through Deno's Node
  // compatibility (child_process, pipes, its own timers), and whether
  // browser.close() releases all of those before the test ends has not been
  // checked — Chromium is not installed where this was last changed. Turn
  // them on where the test runs, and keep them on if it passes.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { playwright } = support as { playwright: Playwright };
    await withServiceAndBrowser(playwright, "minima-label-", async ({ base, browser }) => {
      const { projectKey, colourStudy } = await labelingProject(base);
      // Plain text with HTML's special characters: shown as text, never as markup.
      const title = "Tomatoes <i>& co</i>";
      const prompt = "Which looks most like a ripe tomato?";
      const { id: studyId, token, comparison } = await colourStudy({ title, prompt });

      const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e: Error) => problems.push(`page error: ${e.message}`));
      page.on("console", (m: { type(): string; text(): string }) => {
        if (m.type() === "error") problems.push(`console: ${m.text()}`);
      });
      const requested: string[] = [];
      page.on("request", (r: { url(): string }) => requested.push(r.url()));
      const cards = page.locator("#candidates > li.candidate");
      const badges = async () =>
        await cards.evaluateAll((els: InPage[]) =>
          els.map((el) => {
            const badge = el.querySelector(".rank") as InPage;
            return badge.hidden ? "" : badge.textContent;
          })
        );
      const message = async () => (await page.textContent("#messages")) ?? "";

      await t.step(
        "the fragment's token goes to sessionStorage and leaves the address",
        async () => {
          await page.goto(`${base}/label/${studyId}#token=${token}`);
          await page.waitForFunction(imagesShown, undefined, { timeout: 15_000 });
          assert.equal(page.url(), `${base}/label/${studyId}`);
          const stored = await page.evaluate(
            (key: string) => sessionStorage.getItem(key),
            `minima.label.token.${studyId}`,
          );
          assert.equal(stored, token);
          assert.equal(await page.isHidden("#token-form"), true);
          assert.equal(await cards.count(), 4);
          const sources = await page.$$eval(
            "#candidates img",
            (imgs: InPage[]) => imgs.map((i) => i.src),
          );
          assert.ok(sources.every((s: string) => s.startsWith("blob:")), sources.join());
          assert.ok(!requested.some((u) => u.includes(token)), "the token is in no request URL");
          assert.match(await page.textContent("#progress"), /^0 ranked · 0 comparisons closed/);
          // The study's title and prompt, as text, instead of its id.
          assert.equal(await page.textContent("#title"), title);
          assert.equal(await page.locator("#title i").count(), 0, "no markup from the title");
          assert.equal(await page.textContent("#prompt"), prompt);
          assert.equal(await page.isVisible("#prompt"), true);
          assert.equal(await page.title(), `${title} · minima`);
          assert.equal(await page.isDisabled("#submit"), true);
          // Both columns of the phone layout fit the screen.
          const boxes = await cards.evaluateAll((els: InPage[]) =>
            els.map((el) => el.getBoundingClientRect().toJSON())
          );
          assert.equal(boxes[0].top, boxes[1].top, "two per row");
          assert.ok(boxes[2].top > boxes[0].bottom - 1, "the third on the next row");
          assert.ok(boxes.every((b: InPage) => b.left >= 0 && b.right <= 375));
          await page.screenshot({ path: `${SHOTS}/minima-label-375x667.png`, fullPage: true });
        },
      );

      await t.step(
        "digits pick, Backspace unpicks, Enter submits (the last one implied)",
        async () => {
          const shown = await comparison(0);
          const ids = shown.candidates.map((c: { id: string }) => c.id);
          await page.keyboard.press("3");
          await page.keyboard.press("2");
          assert.deepEqual(await badges(), ["", "2", "1", ""]);
          await page.keyboard.press("Backspace");
          await page.keyboard.press("1");
          await page.keyboard.press("4");
          assert.deepEqual(await badges(), ["2", "", "1", "3"]);
          assert.equal(await page.isEnabled("#submit"), true, "n − 1 picked: Enter completes");
          await page.keyboard.press("Enter");
          await waitForText(page, "#messages", /^Ranked round 1\b/);
          const ranked = await comparison(0);
          assert.equal(ranked.state, "RANKED");
          assert.deepEqual(ranked.ranking, [ids[2], ids[0], ids[3], ids[1]]);
          // The algorithm moved: one comparison used, x_t left the centre of the cube.
          const best = await call(base, projectKey, "GET", `/v1/studies/${studyId}/trials/best`);
          assert.equal(best.status, 200, JSON.stringify(best.body));
          const rec = best.body.recommendation;
          assert.equal(rec.details.comparisons, 1, JSON.stringify(rec));
          assert.equal(rec.details.iteration, 1, JSON.stringify(rec));
          assert.ok(
            ["r", "g", "b"].some((k) => Math.abs((rec.params[k] as number) - 0.5) > 1e-9),
            `x_t moved: ${JSON.stringify(rec.params)}`,
          );
          await waitForText(page, "#progress", /^1 ranked · 1 comparison closed · round 2$/);
          await page.waitForFunction(imagesShown);
          await page.screenshot({ path: `${SHOTS}/minima-label-375x667-next.png`, fullPage: true });
        },
      );

      await t.step("clicks pick and unpick; a drag takes another's place; S skips", async () => {
        await cards.nth(0).click();
        await cards.nth(1).click();
        await cards.nth(2).click();
        await cards.nth(2).click(); // again: removed
        assert.deepEqual(await badges(), ["1", "2", "", ""]);
        await cards.nth(3).dragTo(cards.nth(0));
        assert.deepEqual(await badges(), ["2", "3", "", "1"]);
        assert.deepEqual(
          await page.$$eval("#order .chip b", (els: InPage[]) => els.map((e) => e.textContent)),
          ["1", "2", "3"],
        );
        await page.keyboard.press("s");
        await waitForText(page, "#messages", /^Skipped round 2\b/);
        assert.equal((await comparison(1)).state, "SKIPPED");
      });

      await t.step("U after the algorithm has moved on: the 409's detail", async () => {
        // Fetching the next comparison fed the skip to the algorithm: too late to undo.
        await waitForText(page, "#progress", /round 3$/);
        assert.equal((await comparison(2)).state, "OPEN");
        await page.waitForFunction(undoEnabled);
        await page.keyboard.press("u");
        await waitForText(page, "#messages", /^Could not undo: /);
        assert.match(await message(), /^Could not undo: comparison 1 is SKIPPED .*moved past it/);
        assert.equal((await comparison(1)).state, "SKIPPED");
        assert.match(await page.textContent("#progress"), /round 3$/, "still on the open one");
      });

      await t.step("at 1280×800 the candidates sit side by side", async () => {
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.reload();
        await page.waitForFunction(imagesShown);
        const tops = await cards.evaluateAll((els: InPage[]) =>
          els.map((el) => Math.round(el.getBoundingClientRect().top))
        );
        assert.equal(new Set(tops).size, 1, `one row: ${tops}`);
        // A mouse and a keyboard: the key hints are shown.
        assert.deepEqual(await shownKeyHints(page), { keys: true, kbd: true, digits: true });
        // The undo history survives the reload (round 1's ranking is still on it).
        assert.equal(await page.isEnabled("#undo"), true);
        await page.screenshot({ path: `${SHOTS}/minima-label-1280x800.png` });
      });

      await t.step("a bad token brings the form back with the problem's detail", async () => {
        const other = await context.newPage();
        await other.goto(`${base}/label/${studyId}#token=mk_not-a-real-token`);
        await other.waitForSelector("#token-form:not([hidden])");
        assert.match(await other.textContent("#messages"), /token was refused: /);
        assert.equal(
          await other.evaluate(
            (key: string) => sessionStorage.getItem(key),
            `minima.label.token.${studyId}`,
          ),
          null,
        );
        await other.close();
      });

      await t.step("none available: a countdown and polling; U takes back in time", async () => {
        // Two rankings per comparison: after ada's, the one comparison stays open for bob.
        const pair = await colourStudy({ rankingsPerComparison: 2 });
        await page.setViewportSize({ width: 375, height: 667 });
        await page.goto(`${base}/label/${pair.id}#token=${pair.token}`);
        await page.waitForFunction(imagesShown);
        for (const key of ["2", "4", "1", "3", "Enter"]) await page.keyboard.press(key);
        // Why nothing is there, and that the page keeps looking.
        await waitForText(
          page,
          "#messages",
          /^You have answered the one open comparison; it waits for other labelers; this page checks again in \d+s$/,
        );
        assert.equal(await cards.count(), 0);
        const first = await pair.comparison(0);
        assert.equal(first.state, "OPEN");
        assert.equal(first.rankingsReceived, 1);
        // Undo in time: the comparison comes back, open, with no picks.
        await page.keyboard.press("u");
        await waitForText(page, "#messages", /^Took back your ranking of round 1/);
        await page.waitForFunction(imagesShown);
        assert.deepEqual(await badges(), ["", "", "", ""]);
        assert.equal((await pair.comparison(0)).rankingsReceived, 0);
        // Rank it again (all four picked), then bob's ranking closes it while the page polls.
        for (const key of ["1", "2", "3", "4", "Enter"]) await page.keyboard.press(key);
        await waitForText(page, "#messages", /^You have answered the one open comparison/);
        const bob = await pair.labeler("bob");
        const next = await call(base, bob, "POST", `/v1/studies/${pair.id}/comparisons/next`);
        assert.equal(next.body.comparison.number, 0);
        const ids = next.body.comparison.candidates.map((c: { id: string }) => c.id);
        const ranked = await call(
          base,
          bob,
          "POST",
          `/v1/studies/${pair.id}/comparisons/${ids.length && next.body.comparison.id}/ranking`,
          { ranking: ids },
        );
        assert.equal(ranked.status, 200, JSON.stringify(ranked.body));
        assert.equal(ranked.body.state, "RANKED");
        await waitForText(page, "#progress", /^1 ranked · 1 comparison closed · round 2$/);
        await page.waitForFunction(imagesShown);
        assert.equal(await message(), "", "the countdown is gone");
        await page.screenshot({ path: `${SHOTS}/minima-label-375x667-polled.png`, fullPage: true });
      });

      await t.step("a complete study: the page says so and stops checking", async () => {
        const done = await colourStudy({});
        const closed = await call(base, projectKey, "PATCH", `/v1/studies/${done.id}`, {
          state: "COMPLETED",
        });
        assert.equal(closed.status, 200, JSON.stringify(closed.body));
        await page.goto(`${base}/label/${done.id}#token=${done.token}`);
        await waitForText(
          page,
          "#messages",
          /^This study is complete: its owner completed it\. There is nothing more to label; thank you$/,
        );
        assert.equal(await cards.count(), 0);
      });

      // Refused requests the steps above provoke (the bad token; an undo too late) are expected.
      assert.deepEqual(problems.filter((p) => !/status of (401|409)\b/.test(p)), []);
      await context.close();
    });
  },
});
