/**
 * Where CORS stops (MINIMA_CORS_ORIGINS; src/routes/cors.ts): the
 * comparisons' export, which takes a project key and which no labeling
 * frontend needs, answers no other origin; and the body limit's 413 reaches
 * an allowed origin readable, because CORS runs before it. What labeling
 * frontends may do across origins is tested in labeling_teams_test.ts.
 */
import assert from "node:assert/strict";
import { newStudy, startTestApp } from "./support/harness.ts";

const FRONTEND = "https://label.example.org";

Deno.test("CORS covers the labeling API, not its export, and answers a 413 readably", async () => {
  const app = await startTestApp("pglite", { corsOrigins: [FRONTEND], maxBodyBytes: 1024 });
  try {
    const id = await newStudy(app, {
      name: `cors-${crypto.randomUUID().slice(0, 8)}`,
      space: { parameters: [{ name: "x", type: "float", min: 0, max: 1 }] },
      algorithm: { name: "zo-rank-sgd", config: { candidates: 3 }, seed: 1 },
    });
    const fromFrontend = { headers: { origin: FRONTEND } };
    const list = await app.request("GET", `/v1/studies/${id}/comparisons`, undefined, fromFrontend);
    assert.equal(list.status, 200, list.text);
    assert.equal(list.headers.get("access-control-allow-origin"), FRONTEND, "the API is open");

    const exported = await app.app.request(`/v1/studies/${id}/comparisons/export?format=csv`, {
      headers: { origin: FRONTEND, authorization: `Bearer ${app.projectKey}` },
    });
    assert.equal(exported.status, 200);
    assert.equal(exported.headers.get("access-control-allow-origin"), null, "the export is not");
    await exported.body?.cancel();
    const preflight = await app.app.request(`/v1/studies/${id}/comparisons/export`, {
      method: "OPTIONS",
      headers: { origin: FRONTEND, "access-control-request-method": "GET" },
    });
    assert.equal(preflight.headers.get("access-control-allow-origin"), null);

    const tooLarge = await app.app.request(`/v1/studies/${id}/comparisons/next`, {
      method: "POST",
      headers: {
        origin: FRONTEND,
        authorization: `Bearer ${app.projectKey}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ padding: "x".repeat(4096) }),
    });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.headers.get("access-control-allow-origin"), FRONTEND, "413 readable");
    await tooLarge.body?.cancel();
  } finally {
    await app.close();
  }
});
