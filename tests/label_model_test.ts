/**
 * Labeling with a model (ZO-RankSGD's setting: people rank images decoded
 * from latent vectors), through the HTTP app with a real ONNX runtime (CPU),
 * on both backends: a zo-rank-sgd study whose renderer is a tiny linear
 * decoder built in the test; each candidate's PNG decoded and compared with
 * the decoder's TypeScript reference; bad renderers refused with a 422
 * naming the field; the model kept while the study draws with it. The pixel
 * rules (layouts, [0, 1] or [0, 255], clamping, NaN) are checked directly.
 */
import assert from "node:assert/strict";
import { decode } from "fast-png";
import { imageShapeOf, rgb8 } from "../src/evaluators/image.ts";
import type { TestApp } from "./support/harness.ts";
import { describeWithModels, issueOf, upload } from "./support/models_http.ts";
import { branin, imageDecoder } from "./support/onnx_models.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const LATENT = ["z0", "z1", "z2", "z3"];
const SPACE = {
  parameters: LATENT.map((name) => ({ name, type: "float", min: -3, max: 3 })),
};

/** Creates a zo-rank-sgd study drawn by `renderer`; the raw reply. */
function studyWith(app: TestApp, renderer: unknown, space: unknown = SPACE) {
  return app.request("POST", "/v1/studies", {
    name: `faces-${crypto.randomUUID().slice(0, 8)}`,
    space,
    objective: { metrics: [{ name: "preference", goal: "maximize" }] },
    algorithm: { name: "zo-rank-sgd", config: { candidates: 3 }, seed: 11 },
    labeling: { renderer },
  });
}

/** GETs a rendering as bytes (the harness reads bodies as text). */
async function png(app: TestApp, url: string, key: string) {
  const res = await app.app.request(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, type: res.headers.get("content-type"), bytes: await bodyOf(res) };
}
const bodyOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describeWithModels("labeling with a model renderer", async (t, app) => {
  const decoder = imageDecoder();
  const modelId = (await upload(app, "decoder", decoder.bytes)).body.id as string;
  const renderer = { model: modelId, input: decoder.input, output: decoder.output };
  let studyId = "";

  await t.step("each candidate is served as the decoder's image, in PNG", async () => {
    const created = await studyWith(app, { ...renderer, model: modelId.toUpperCase() });
    assert.equal(created.status, 201, created.text);
    studyId = created.body.id;
    assert.deepEqual(created.body.labeling.renderer, renderer);
    const next = await app.request("POST", `/v1/studies/${studyId}/comparisons/next`);
    assert.equal(next.status, 200, next.text);
    const candidates = next.body.comparison.candidates;
    assert.equal(candidates.length, 3);
    for (const c of candidates as { params: Record<string, number>; renderingUrl: string }[]) {
      const documented = await app.request("GET", c.renderingUrl); // contract check
      assert.equal(documented.status, 200, documented.text);
      const image = await png(app, c.renderingUrl, app.projectKey);
      assert.equal(image.status, 200);
      assert.equal(image.type, "image/png");
      assert.deepEqual(Array.from(image.bytes.subarray(0, 8)), PNG_SIGNATURE);
      const decoded = decode(image.bytes);
      assert.deepEqual([decoded.width, decoded.height, decoded.channels, decoded.depth], [
        8,
        8,
        3,
        8,
      ]);
      const expected = decoder.reference(LATENT.map((n) => c.params[n]));
      const pixels = 64;
      for (let p = 0; p < pixels; p++) {
        for (let ch = 0; ch < 3; ch++) {
          const want = expected[ch * pixels + p] * 255;
          const got = decoded.data[3 * p + ch];
          assert.ok(Math.abs(got - want) <= 0.51, `pixel ${p} channel ${ch}: ${got} vs ${want}`);
        }
      }
    }
  });

  await t.step("bad renderers are refused with a 422 naming the field", async () => {
    const brainId = (await upload(app, "branin", branin().bytes)).body.id as string;
    const five = {
      parameters: [...SPACE.parameters, { name: "z4", type: "float", min: 0, max: 1 }],
    };
    const two = { parameters: SPACE.parameters.slice(0, 2) };
    const cases: [unknown, string, string, unknown?][] = [
      [{ ...renderer, model: crypto.randomUUID() }, "labeling.renderer.model", "known_model"],
      [{ ...renderer, input: "nope" }, "labeling.renderer.input", "model_input"],
      [renderer, "labeling.renderer.input", "width", five],
      [{ ...renderer, output: "nope" }, "labeling.renderer.output", "model_output"],
      [
        { model: brainId, input: "x", output: "y" },
        "labeling.renderer.output",
        "image_output",
        two,
      ],
    ];
    for (const [bad, field, rule, space] of cases) {
      const issue = issueOf(await studyWith(app, bad, space));
      assert.equal(issue.field, field, JSON.stringify(issue));
      assert.equal(issue.rule, rule, JSON.stringify(issue));
    }
    const other = await app.newProject("elsewhere");
    const foreign = await app.request("POST", "/v1/studies", {
      name: `not yours-${crypto.randomUUID().slice(0, 8)}`,
      space: SPACE,
      objective: { metrics: [{ name: "preference", goal: "maximize" }] },
      algorithm: { name: "zo-rank-sgd", config: { candidates: 3 } },
      labeling: { renderer },
    }, { key: other.key });
    assert.equal(issueOf(foreign).field, "labeling.renderer.model");
    const malformed: [unknown, string, string][] = [
      [{ ...renderer, model: "decoder" }, "labeling.renderer.model", "invalid_format"],
      [{ ...renderer, output: 3 }, "labeling.renderer", "invalid_union"],
      [{ name: "color", model: modelId }, "labeling.renderer.model", "unknown_field"],
    ];
    for (const [bad, field, rule] of malformed) {
      const issue = issueOf(await studyWith(app, bad));
      assert.deepEqual([issue.field, issue.rule], [field, rule], JSON.stringify(issue));
    }
  });

  await t.step("deleteModel refuses a model a study draws with", async () => {
    const used = await app.request("DELETE", `/v1/models/${modelId}`);
    const issue = issueOf(used, 409);
    assert.match(issue.message, /renderer/);
    assert.ok(issue.message.includes(studyId), issue.message);
    assert.equal((await app.request("DELETE", `/v1/studies/${studyId}`)).status, 204);
    assert.equal((await app.request("DELETE", `/v1/models/${modelId}`)).status, 204);
  });
});

Deno.test("image tensors become RGB8: layouts, [0, 1] or [0, 255], clamps, NaN", () => {
  assert.deepEqual(imageShapeOf([1, 3, 2, 5]), { layout: "NCHW", height: 2, width: 5 });
  assert.deepEqual(imageShapeOf(["N", 4, 6, 3]), { layout: "NHWC", height: 4, width: 6 });
  for (const bad of [[2, 3, 4, 4], [1, 4, 4, 4], [1, 3, "H", 4], [1, 3, 4, 1025], [3, 4, 4]]) {
    assert.equal(imageShapeOf(bad), null, JSON.stringify(bad));
  }
  const planar = { layout: "NCHW" as const, height: 1, width: 2 };
  // [0, 1]: all values at most 1, scaled by 255; NaN is 0, negatives clamp to 0.
  assert.deepEqual(Array.from(rgb8([1, 0.5, NaN, -1, 0, 0.2], planar)), [255, 0, 0, 128, 0, 51]);
  // [0, 255]: a value above 1, used as is and clamped.
  const interleaved = { layout: "NHWC" as const, height: 1, width: 2 };
  assert.deepEqual(Array.from(rgb8([300, 2, 0.4, 128, NaN, -5], interleaved)), [
    255,
    2,
    0,
    128,
    0,
    0,
  ]);
  assert.throws(() => rgb8([1, 2, 3], planar), /needs 6 values/);
});
