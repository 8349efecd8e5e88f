/**
 * What the labeling page's browser tests share (label_test.ts, on a desktop
 * and a phone; label_touch_test.ts, on a touch screen): where screenshots go,
 * predicates that run in the page, and a project with colour studies to rank
 * on a running service.
 */
import assert from "node:assert/strict";
import type { InPage } from "./browser.ts";
import { ADMIN_KEY } from "./harness.ts";
import { call } from "./server.ts";

export const SHOTS = Deno.env.get("MINIMA_LABEL_SCREENSHOTS") ?? Deno.env.get("TMPDIR") ?? "/tmp";

// Predicates run in the page as functions: strings would be eval'd, which the page's CSP forbids.
export const imagesShown = () =>
  (globalThis as InPage).document.querySelectorAll("#candidates img").length === 4;
const textMatches = (arg: { selector: string; pattern: string }) =>
  new RegExp(arg.pattern).test(
    (globalThis as InPage).document.querySelector(arg.selector)?.textContent ?? "",
  );
/** Which key hints the page shows: the keys line, the buttons' <kbd>s, the cards' digits. */
export const shownKeyHints = (page: InPage) =>
  page.evaluate(() => {
    const doc = (globalThis as InPage).document;
    const shown = (el: InPage) => el !== null && el.getClientRects().length > 0;
    return {
      keys: shown(doc.getElementById("keys")),
      kbd: [...doc.querySelectorAll("kbd")].some(shown),
      digits: [...doc.querySelectorAll("#candidates .key")].some(shown),
    };
  });
export const undoEnabled = () => !(globalThis as InPage).document.getElementById("undo").disabled;
/** Waits until the text of `selector` on `page` matches `pattern`. */
export const waitForText = (page: InPage, selector: string, pattern: RegExp) =>
  page.waitForFunction(textMatches, { selector, pattern: pattern.source });

/** A colour study to rank: its id, a labeler token (ada's), more labelers, its comparisons. */
export interface ColourStudy {
  id: string;
  token: string;
  labeler(name: string): Promise<string>;
  // deno-lint-ignore no-explicit-any
  comparison(number: number): Promise<any>;
}

/** A project on the service at `base`, and a maker of zo-rank-sgd studies of colours in it. */
export async function labelingProject(base: string): Promise<{
  projectKey: string;
  colourStudy(labeling: Record<string, unknown>): Promise<ColourStudy>;
}> {
  const project = await call(base, ADMIN_KEY, "POST", "/v1/projects", { name: "label" });
  assert.equal(project.status, 201);
  const projectKey = (await call(
    base,
    ADMIN_KEY,
    "POST",
    `/v1/projects/${project.body.id}/keys`,
    { name: "k" },
  )).body.key as string;
  // A zo-rank-sgd study of colours with a labeler token; its comparisons by number.
  const colourStudy = async (labeling: Record<string, unknown>) => {
    const study = await call(base, projectKey, "POST", "/v1/studies", {
      name: `colors-${crypto.randomUUID().slice(0, 8)}`,
      space: {
        parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
      },
      objective: { metrics: [{ name: "value", goal: "minimize" }] },
      algorithm: { name: "zo-rank-sgd", config: { candidates: 4 }, seed: 7 },
      labeling: { candidates: 4, renderer: { name: "color" }, ...labeling },
    });
    assert.equal(study.status, 201, JSON.stringify(study.body));
    const id = study.body.id as string;
    const labeler = async (name: string) => {
      const r = await call(base, projectKey, "POST", `/v1/studies/${id}/labelers`, { name });
      assert.equal(r.status, 201);
      return r.body.key as string;
    };
    const comparison = async (number: number) => {
      const r = await call(base, projectKey, "GET", `/v1/studies/${id}/comparisons`);
      assert.equal(r.status, 200);
      // deno-lint-ignore no-explicit-any
      return r.body.items.find((c: any) => c.number === number);
    };
    return { id, token: await labeler("ada"), labeler, comparison };
  };
  return { projectKey, colourStudy };
}
