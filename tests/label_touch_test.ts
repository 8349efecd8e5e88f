/**
 * The labeling page on a touch screen (a phone emulated in Chromium: touch,
 * 375×667): no key hints anywhere, the study's title and prompt, why nothing
 * is available while another labeler holds the one open comparison, and a
 * ranking whose answer a flaky network lost, sent again and answered as the
 * first time. Needs what label_test.ts's browser test needs (else ignored).
 */
import assert from "node:assert/strict";
import {
  browserSupport,
  type InPage,
  type Playwright,
  withServiceAndBrowser,
} from "./support/browser.ts";
import {
  imagesShown,
  labelingProject,
  SHOTS,
  shownKeyHints,
  waitForText,
} from "./support/label_page.ts";
import { call } from "./support/server.ts";

const support = await browserSupport();
if ("missing" in support) {
  console.warn(`label_touch_test: the browser test is ignored: ${support.missing}`);
}

Deno.test({
  name: "labeling page on a touch screen: no key hints, why none, a lost answer sent again",
  ignore: "missing" in support,
  // As in label_test.ts: playwright-core's Node compatibility ops outlive browser.close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { playwright } = support as { playwright: Playwright };
    await withServiceAndBrowser(playwright, "minima-label-touch-", async ({ base, browser }) => {
      const { colourStudy } = await labelingProject(base);
      const title = "Tomatoes <i>& co</i>";
      const prompt = "Which looks most like a ripe tomato?";
      const problems: string[] = [];
      const pair = await colourStudy({ rankingsPerComparison: 2, title, prompt });
      // ada (through the API) holds the one comparison maxOpen allows.
      const held = await call(
        base,
        pair.token,
        "POST",
        `/v1/studies/${pair.id}/comparisons/next`,
      );
      assert.ok(held.body.comparison, JSON.stringify(held.body));
      const bob = await pair.labeler("bob");
      const phone = await browser.newContext({
        viewport: { width: 375, height: 667 },
        hasTouch: true,
        isMobile: true,
      });
      phone.setDefaultTimeout(10_000);
      const touch = await phone.newPage();
      touch.on("pageerror", (e: Error) => problems.push(`page error: ${e.message}`));
      await touch.goto(`${base}/label/${pair.id}#token=${bob}`);
      await waitForText(
        touch,
        "#messages",
        /^The one open comparison is being labeled by others; this page checks again in \d+s$/,
      );
      assert.equal(await touch.textContent("#title"), title);
      await touch.screenshot({
        path: `${SHOTS}/minima-label-375x667-touch-waiting.png`,
        fullPage: true,
      });
      // ada ranks; bob's page, polling, gets the comparison (it needs two rankings).
      const c = held.body.comparison;
      const ranked = await call(
        base,
        pair.token,
        "POST",
        `/v1/studies/${pair.id}/comparisons/${c.id}/ranking`,
        { ranking: c.candidates.map((x: { id: string }) => x.id) },
      );
      assert.equal(ranked.status, 200, JSON.stringify(ranked.body));
      await touch.waitForFunction(imagesShown, undefined, { timeout: 40_000 });
      assert.deepEqual(await shownKeyHints(touch), { keys: false, kbd: false, digits: false });
      // Screenshots of the viewport only: a full-page one resizes the emulated screen, which
      // stops it being a touch screen while it is taken.
      await touch.screenshot({ path: `${SHOTS}/minima-label-375x667-touch.png` });
      for (const i of [0, 1, 2]) await touch.locator("#candidates > li.candidate").nth(i).tap();
      assert.equal(await touch.textContent("#order-hint"), "ready: tap Submit");
      assert.deepEqual(await shownKeyHints(touch), { keys: false, kbd: false, digits: false });
      await touch.locator("#submit").scrollIntoViewIfNeeded();
      await touch.screenshot({ path: `${SHOTS}/minima-label-375x667-touch-ready.png` });
      // A flaky network: the ranking is stored but its answer lost. The page sends it again
      // and is answered as the first time (no "already answered").
      let lost = 0;
      await touch.route("**/ranking", async (route: InPage) => {
        if (lost++ > 0) return await route.continue();
        await route.fetch();
        await route.abort("connectionreset");
      });
      await touch.tap("#submit");
      await waitForText(touch, "#messages", /^Ranked round 1\. Undo takes it back\.$/);
      assert.equal(lost, 2, "sent twice");
      const closed = await pair.comparison(0);
      assert.equal(closed.state, "RANKED");
      assert.equal(closed.rankingsReceived, 2, "ada's and bob's, bob's once");
      await phone.close();
      assert.deepEqual(problems, []);
    });
  },
});
