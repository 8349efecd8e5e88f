/**
 * What the browser tests share: playwright-core and Debian's Chromium, found
 * (or the reason they are missing, so that a test can be ignored and say
 * why), the arguments Chromium is launched with, the checks run in the
 * page, and the screenshots at a desktop's and a phone's size.
 *
 * The browser tests need `playwright-core` (importable as "playwright-core",
 * or a path to its index.mjs in MINIMA_PLAYWRIGHT_CORE) and Chromium at
 * /usr/bin/chromium (or MINIMA_CHROMIUM).
 */
import assert from "node:assert/strict";
import type { Reply } from "./harness.ts";
import { startService } from "./server.ts";

export const CHROMIUM = Deno.env.get("MINIMA_CHROMIUM") ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// deno-lint-ignore no-explicit-any
export type Playwright = { chromium: any };
// The functions given to page.evaluate & co. run in the page (Playwright sends
// their source); this program is checked without the DOM's types.
// deno-lint-ignore no-explicit-any
export type InPage = any;

/** playwright-core and Chromium, or why they are missing. */
export async function browserSupport(): Promise<{ playwright: Playwright } | { missing: string }> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    return {
      missing: `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set MINIMA_CHROMIUM)`,
    };
  }
  const specifiers = [Deno.env.get("MINIMA_PLAYWRIGHT_CORE"), "playwright-core"];
  const errors: string[] = [];
  for (const specifier of specifiers) {
    if (!specifier) continue;
    try {
      const loaded = await import(specifier);
      const playwright = (loaded.chromium ? loaded : loaded.default) as Playwright;
      if (playwright?.chromium) return { playwright };
      errors.push(`${specifier}: no chromium export`);
    } catch (error) {
      errors.push(`${specifier}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return {
    missing: "playwright-core is not installed (add it as a devDependency, or set " +
      `MINIMA_PLAYWRIGHT_CORE to its index.mjs): ${errors.join("; ")}`,
  };
}

/**
 * Runs `fn` with a real service (its own PGlite in a temporary directory)
 * and a Chromium, and closes both (and removes the directory) after it.
 */
export async function withServiceAndBrowser(
  playwright: Playwright,
  prefix: string,
  // deno-lint-ignore no-explicit-any
  fn: (session: { base: string; browser: any }) => Promise<void>,
): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix });
  const service = await startService({ MINIMA_DATA_DIR: dataDir });
  try {
    const browser = await playwright.chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    try {
      await fn({ base: service.url, browser });
    } finally {
      await browser.close().catch(() => {});
    }
  } finally {
    await service.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/** The nonce of the CSP's script-src, and the checks every page's headers pass. */
export function checkHeaders(r: Reply): string {
  assert.match(r.headers.get("content-type") ?? "", /^text\/html; charset=UTF-8$/i);
  const csp = r.headers.get("content-security-policy") ?? "";
  const directives = new Map(
    csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  assert.deepEqual(directives.get("default-src"), ["'none'"], csp);
  assert.deepEqual(directives.get("img-src"), ["'self'", "blob:", "data:"], csp);
  assert.deepEqual(directives.get("connect-src"), ["'self'"], csp);
  assert.deepEqual(directives.get("form-action"), ["'none'"], csp);
  assert.deepEqual(directives.get("frame-ancestors"), ["'none'"], csp);
  const script = directives.get("script-src") ?? [];
  assert.equal(script.length, 1, `script-src allows only the nonce: ${csp}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(script[0])?.[1];
  assert.ok(nonce, `script-src carries a nonce: ${csp}`);
  assert.deepEqual(directives.get("style-src"), [`'nonce-${nonce}'`], csp);
  assert.equal(r.headers.get("referrer-policy"), "no-referrer");
  assert.equal(r.headers.get("cache-control"), "no-store");
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  return nonce;
}

/** The attributes of every tag `name` in `html`, as written. */
export function tags(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "gi"))].map((m) => m[1]);
}

/** The text of `selector` matches `pattern` (run in the page). */
export const textMatches = (arg: { selector: string; pattern: string }) =>
  new RegExp(arg.pattern).test(
    (globalThis as InPage).document.querySelector(arg.selector)?.textContent ?? "",
  );
/** The data attribute `name` of `selector` equals `value` (run in the page). */
export const dataIs = (arg: { selector: string; name: string; value: string }) =>
  (globalThis as InPage).document.querySelector(arg.selector)?.dataset[arg.name] === arg.value;

/** Every uPlot chart as wide as its container (run in the page). */
const chartsFit = () =>
  [...(globalThis as InPage).document.querySelectorAll(".chart > .uplot")].every((u: InPage) =>
    Math.abs(u.getBoundingClientRect().width - u.parentElement.clientWidth) <= 1
  );

/** Full-page screenshots `dir/name-1280x800.png` and `dir/name-375x667.png`; back at 1280×800. */
export async function screenshots(page: InPage, dir: string, name: string): Promise<void> {
  for (const [w, h] of [[1280, 800], [375, 667]]) {
    await page.setViewportSize({ width: w, height: h });
    // Charts follow their container's width (a ResizeObserver): wait until they fit.
    await page.waitForFunction(chartsFit);
    await page.screenshot({ path: `${dir}/${name}-${w}x${h}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
