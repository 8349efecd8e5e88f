/**
 * The dashboard's view of a study's stop conditions (settings.maxTrials and
 * settings.deadline), in headless Chromium over the real service (PGlite):
 * studies driven through the API toward and past their conditions, the
 * progress, deadline and completion the pages show checked against the
 * API's own `progress` and `completion`, with screenshots at 1280×800 and
 * 375×667 (MINIMA_UI_SCREENSHOTS). Kept apart from ui_browser_test.ts, which
 * covers the views of a study without conditions.
 */
import assert from "node:assert/strict";
import {
  browserSupport,
  dataIs,
  type Playwright,
  screenshots,
  textMatches,
  withServiceAndBrowser,
} from "./support/browser.ts";
import { projectApi } from "./support/server.ts";

const SHOTS = Deno.env.get("MINIMA_UI_SCREENSHOTS") ?? "/tmp/minima-ui-screenshots";

const support = await browserSupport();
if ("missing" in support) console.warn(`ui_stops: the browser test is ignored: ${support.missing}`);

Deno.test({
  name: "dashboard in Chromium: maxTrials progress and completion, deadline and time left, " +
    "a passed deadline; study page and list, desktop and phone",
  ignore: "missing" in support,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { playwright } = support as { playwright: Playwright };
    await Deno.mkdir(SHOTS, { recursive: true });
    await withServiceAndBrowser(playwright, "minima-ui-stops-", async ({ base, browser }) => {
      const { key, api } = await projectApi(base, "stops");
      const create = (name: string, settings: Record<string, unknown>) =>
        api("POST", "/v1/studies", {
          name,
          space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
          objective: { metrics: [{ name: "value", goal: "minimize" }] },
          algorithm: { name: "random", config: {}, seed: 5 },
          settings,
        });
      /** Asks for `n` trials and completes what comes back; the suggestion's answer. */
      const complete = async (studyId: string, n: number) => {
        const answer = await api("POST", `/v1/studies/${studyId}/trials/suggest`, { count: n });
        for (const trial of answer.trials) {
          await api("POST", `/v1/studies/${studyId}/trials/${trial.id}/complete`, {
            values: { value: (trial.params.x - 0.3) ** 2 },
          });
        }
        return answer;
      };

      const deadline = new Date(Date.now() + 2 * 86400_000).toISOString();
      const budget = await create("budget-6", { maxTrials: 6, deadline });
      const budgetPath = `/v1/studies/${budget.id}`;
      await complete(budget.id, 4);

      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (e: Error) => problems.push(`page error: ${e.message}`));
      page.on("console", (m: { type(): string; text(): string }) => {
        if (m.type() === "error" || m.type() === "warning") problems.push(`console: ${m.text()}`);
      });
      const shot = (name: string) => screenshots(page, SHOTS, name);
      await page.goto(`${base}/ui`);
      await page.fill("#key-input", key);
      await page.click("#sign-in button[type=submit]");
      const row = `#study-table tr[data-study-id="${budget.id}"]`;

      await t.step("the list: ACTIVE and the share of maxTrials used", async () => {
        await page.waitForSelector(`${row} .progress`);
        const s = await api("GET", budgetPath);
        assert.equal(s.state, "ACTIVE");
        assert.deepEqual([s.progress.trials, s.progress.maxTrials], [4, 6]);
        assert.equal(Number(await page.getAttribute(`${row} .progress`, "data-fraction")), 4 / 6);
        const state = await page.textContent(`${row} td[data-label=State]`);
        assert.equal(state, `ACTIVE ${Math.round(100 * s.progress.fraction)}%`);
      });

      await t.step("the study page: n / maxTrials, the deadline and the time left", async () => {
        const before = (await api("GET", budgetPath)).progress;
        await page.click(`${row} a`);
        await page.waitForSelector("#study-progress");
        assert.equal(await page.textContent("#study-progress"), " 4 / 6");
        assert.equal(await page.getAttribute("#study-progress progress", "value"), "4");
        assert.equal(await page.getAttribute("#study-progress progress", "max"), "6");
        assert.equal(
          await page.getAttribute("#study-deadline time", "datetime"),
          before.deadline,
        );
        assert.equal(new Date(before.deadline).getTime(), new Date(deadline).getTime());
        // The page read its progress after `before` was: no more time left than then.
        const left = Number(await page.getAttribute("#study-deadline", "data-remaining-seconds"));
        assert.ok(
          left > 0 && left <= before.remainingSeconds,
          `${left} ≤ ${before.remainingSeconds}`,
        );
        // About two days: whole days and hours, the hours rounded down.
        const shown = / · (\d+) d (\d+) h left$/.exec(await page.textContent("#study-deadline"));
        assert.ok(shown, "the time left in days and hours");
        const lower = Number(shown[1]) * 86400 + Number(shown[2]) * 3600;
        assert.ok(lower <= left && left < lower + 3600, `${shown[0]} for ${left} s`);
        assert.equal(await page.locator("#study-completion").count(), 0);
        await shot("stops-progress");
      });

      await t.step("driven to maxTrials: the page shows it completed, and when", async () => {
        const last = await complete(budget.id, 5); // 2 are left: it gets those, and a stop
        assert.equal(last.trials.length, 2);
        const s = await api("GET", budgetPath);
        assert.equal(s.state, "COMPLETED");
        assert.equal(s.completion.reason, "maxTrials");
        assert.deepEqual([s.progress.trials, s.progress.fraction], [6, 1]);
        // The page polls: no reload.
        await page.waitForFunction(dataIs, {
          selector: "#study-completion",
          name: "reason",
          value: "maxTrials",
        });
        const completion = await page.textContent("#study-completion");
        assert.ok(completion.startsWith("maxTrials reached · "), completion);
        assert.equal(
          await page.getAttribute("#study-completion time", "datetime"),
          s.completion.completedAt,
        );
        assert.equal(await page.textContent("#study-progress"), ` ${s.progress.trials} / 6`);
        assert.match(await page.textContent("#study-facts"), /stateCOMPLETED/);
        const deadlineText = await page.textContent("#study-deadline");
        assert.ok(!deadlineText.includes("left"), `no time left once complete: ${deadlineText}`);
        assert.match(await page.textContent("#study-facts"), new RegExp(`trial ${s.best.number}`));
        await shot("stops-completed");
      });

      await t.step("the list: COMPLETED, why in its title, 100%", async () => {
        await page.goto(`${base}/ui`);
        await page.waitForFunction(textMatches, {
          selector: `${row} td[data-label=State]`,
          pattern: "^COMPLETED 100%$",
        });
        assert.equal(await page.getAttribute(`${row} .state`, "title"), "maxTrials reached");
        assert.equal(Number(await page.getAttribute(`${row} .progress`, "data-fraction")), 1);
      });

      await t.step(
        "a deadline that passes: COMPLETED, deadline passed, at the deadline",
        async () => {
          // A deadline a few seconds on: the page shows it pass while it polls.
          const soon = await create("deadline-soon", {
            deadline: new Date(Date.now() + 3000).toISOString(),
          });
          await page.goto(`${base}/ui/studies/${soon.id}`);
          await page.waitForSelector("#study-deadline");
          assert.equal(await page.locator("#study-progress").count(), 0, "no maxTrials, no bar");
          await page.waitForFunction(dataIs, {
            selector: "#study-completion",
            name: "reason",
            value: "deadline",
          });
          const s = await api("GET", `/v1/studies/${soon.id}`);
          assert.equal(s.state, "COMPLETED");
          assert.deepEqual(s.completion, { reason: "deadline", completedAt: s.progress.deadline });
          assert.equal(
            await page.getAttribute("#study-completion time", "datetime"),
            s.completion.completedAt,
          );
          assert.ok((await page.textContent("#study-completion")).startsWith("deadline passed · "));
          assert.match(await page.textContent("#study-deadline"), / · passed$/);
          await shot("stops-deadline");
          await page.goto(`${base}/ui`);
          const soonRow = `#study-table tr[data-study-id="${soon.id}"]`;
          await page.waitForSelector(soonRow);
          assert.equal(await page.textContent(`${soonRow} td[data-label=State]`), "COMPLETED");
          assert.equal(await page.getAttribute(`${soonRow} .state`, "title"), "deadline passed");
          await shot("stops-list");
        },
      );

      assert.deepEqual(problems, []);
      await context.close();
    });
  },
});
