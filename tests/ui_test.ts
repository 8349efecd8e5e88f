/**
 * The dashboard (/ui): its pages served without a key, with a fresh CSP nonce
 * on every script and style and no secret in the HTML, its assets under a
 * content hash with a long cache. Every view in a real browser is in
 * ui_browser_test.ts.
 */
import assert from "node:assert/strict";
import { checkHeaders, tags } from "./support/browser.ts";
import { ADMIN_KEY, describeOnBackends, newStudy } from "./support/harness.ts";

describeOnBackends("dashboard pages", ["pglite"], async (t, app) => {
  const studyId = await newStudy(app);

  await t.step("GET /ui and /ui/studies/{id}: HTML without a key, nonces, no secret", async () => {
    for (const path of ["/ui", `/ui/studies/${studyId}`]) {
      const r = await app.request("GET", path, undefined, { key: null });
      assert.equal(r.status, 200, r.text);
      const nonce = checkHeaders(r);
      const html: string = r.text;
      assert.match(html, /^<!doctype html>/i);
      const scripts = tags(html, "script");
      assert.equal(scripts.length, 2, "uPlot and the dashboard");
      for (const s of scripts) {
        assert.match(s, new RegExp(`nonce="${nonce.replace(/[+/]/g, "\\$&")}"`));
      }
      const links = tags(html, "link").filter((l) => /stylesheet/.test(l));
      assert.equal(links.length, 2);
      for (const l of links) assert.ok(l.includes(`nonce="${nonce}"`), l);
      assert.doesNotMatch(html, /<[^>]+\son[a-z]+\s*=/i, "no inline event handlers");
      assert.doesNotMatch(html, /<[^>]+\sstyle\s*=/i, "no style attributes");
      assert.ok(!html.includes(app.projectKey) && !html.includes(ADMIN_KEY), "no key");
      const input = tags(html, "input").find((a) => /id="key-input"/.test(a));
      assert.ok(input && !/\bname=/.test(input), "the key input has no name");
    }
  });

  await t.step("assets: content-hashed, immutable, the bytes of their files", async () => {
    const html = (await app.request("GET", "/ui", undefined, { key: null })).text;
    const paths = [...html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+)"/g)].map((m) => m[1]);
    assert.equal(paths.length, 4, paths.join());
    for (const path of paths) {
      assert.match(path, /^\/ui\/assets\/(uplot|dashboard)\.[0-9a-f]{12}\.(js|css)$/);
      const r = await app.request("GET", path, undefined, { key: null });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.match(
        r.headers.get("content-type") ?? "",
        path.endsWith(".js") ? /javascript/ : /css/,
      );
    }
    const uplot = paths.find((p) => /uplot\.[0-9a-f]+\.js$/.test(p))!;
    const served = (await app.request("GET", uplot, undefined, { key: null })).text;
    const file = await Deno.readTextFile(
      new URL("../node_modules/uplot/dist/uPlot.iife.min.js", import.meta.url),
    );
    assert.equal(served, file, "uPlot from its npm package, not a CDN");
    const stale = await app.request("GET", "/ui/assets/uplot.000000000000.js", undefined, {
      key: null,
    });
    assert.equal(stale.status, 404);
  });

  await t.step(
    "a malformed study id is a 404 page; /ui is not in the OpenAPI document",
    async () => {
      const r = await app.request("GET", "/ui/studies/not-a-uuid", undefined, { key: null });
      assert.equal(r.status, 404);
      checkHeaders(r);
      assert.doesNotMatch(r.text, /data-view="study"/);
      const doc = await app.request("GET", "/openapi.json", undefined, { key: null });
      assert.deepEqual(Object.keys(doc.body.paths).filter((p) => p.startsWith("/ui")), []);
    },
  );
});
