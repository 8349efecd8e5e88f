/**
 * Bad input of every kind gets a problem+json answer naming the field and
 * the rule, with the right status, and writes nothing.
 */
import assert from "node:assert/strict";
import { testBackends } from "./support/db.ts";
import { describeOnBackends, type Reply, studyBody, type TestApp } from "./support/harness.ts";

function assertProblem(r: Reply, status: number, field?: string, rule?: string): void {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers.get("content-type"), "application/problem+json");
  assert.equal(r.body.status, status);
  assert.match(r.body.type, /^urn:minima:problem:/);
  assert.equal(typeof r.body.detail, "string");
  if (field !== undefined) {
    const hit = (r.body.errors ?? []).find((e: { field: string; rule: string }) =>
      e.field === field && (rule === undefined || e.rule === rule)
    );
    assert.ok(hit, `expected ${field}/${rule} in ${JSON.stringify(r.body.errors)}`);
  }
}

async function studyCount(app: TestApp): Promise<number> {
  return (await app.request("GET", "/v1/studies?limit=1000")).body.items.length;
}

const param = (p: Record<string, unknown>) => studyBody({ space: { parameters: [p] } });

describeOnBackends("validation", testBackends(), async (t, app) => {
  const before = await studyCount(app);

  await t.step("createStudy rejects bad spaces, naming field and rule", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        param({ name: "x", type: "float", min: 10, max: -5 }),
        "space.parameters[0].max",
        "min_below_max",
      ],
      [
        param({ name: "x", type: "float", min: 1, max: 1 }),
        "space.parameters[0].max",
        "min_below_max",
      ],
      [
        param({ name: "x", type: "float", min: "0", max: 1 }),
        "space.parameters[0].min",
        "invalid_type",
      ],
      [
        param({ name: "x", type: "float", min: 0, max: 1, scale: "log" }),
        "space.parameters[0].min",
        "log_min_positive",
      ],
      [
        param({ name: "x", type: "int", min: 0.5, max: 3 }),
        "space.parameters[0].min",
        "invalid_type",
      ],
      [
        param({ name: "x", type: "float", min: 0, max: 1, step: 2 }),
        "space.parameters[0].step",
        "step_fits_range",
      ],
      [
        param({ name: "x", type: "float", min: 0, max: 1, step: -1 }),
        "space.parameters[0].step",
        "too_small",
      ],
      [
        param({ name: "x", type: "categorical", values: [] }),
        "space.parameters[0].values",
        "too_small",
      ],
      [
        param({ name: "x", type: "categorical", values: ["a", "a"] }),
        "space.parameters[0].values[1]",
        "unique_values",
      ],
      [
        param({ name: "x", type: "float", min: 0, max: 1, colour: "red" }),
        "space.parameters[0].colour",
        "unknown_field",
      ],
      [
        param({ name: "1x", type: "float", min: 0, max: 1 }),
        "space.parameters[0].name",
        "invalid_format",
      ],
      [studyBody({ space: { parameters: [] } }), "space.parameters", "too_small"],
      [
        studyBody({
          space: {
            parameters: [
              { name: "x", type: "float", min: 0, max: 1 },
              { name: "x", type: "int", min: 0, max: 1 },
            ],
          },
        }),
        "space.parameters[1].name",
        "unique_names",
      ],
      [
        studyBody({ algorithm: { name: "simulated-annealing" } }),
        "algorithm.name",
        "known_algorithm",
      ],
      [
        studyBody({ algorithm: { name: "sobol", config: { scramble: "yes" } } }),
        "algorithm.config.scramble",
        "invalid_type",
      ],
      [
        studyBody({ algorithm: { name: "random", config: { speed: 1 } } }),
        "algorithm.config.speed",
        "unknown_field",
      ],
      [studyBody({ objective: { metrics: [] } }), "objective.metrics", "too_small"],
      [
        studyBody({ objective: { metrics: [{ name: "v", goal: "up" }] } }),
        "objective.metrics[0].goal",
        "invalid_value",
      ],
      [
        studyBody({
          objective: {
            metrics: [{ name: "v", goal: "minimize" }, { name: "v", goal: "maximize" }],
          },
        }),
        "objective.metrics[1].name",
        "unique_names",
      ],
      [studyBody({ name: "" }), "name", "too_small"],
      [studyBody({ settings: { leaseSeconds: 0 } }), "settings.leaseSeconds", "too_small"],
    ];
    for (const [body, field, rule] of cases) {
      assertProblem(await app.request("POST", "/v1/studies", body), 422, field, rule);
    }
    assert.equal(await studyCount(app), before);
  });

  await t.step(
    "malformed JSON is a 400; a non-JSON body a 415; an oversized body a 413",
    async () => {
      assertProblem(await app.request("POST", "/v1/studies", undefined, { raw: '{"name": ' }), 400);
      assertProblem(
        await app.request("POST", "/v1/studies", undefined, {
          raw: "name=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
      );
      const huge = studyBody({ metadata: { blob: "x".repeat(5 * 1024 * 1024) } });
      assertProblem(await app.request("POST", "/v1/studies", huge), 413);
      assert.equal(await studyCount(app), before);
    },
  );

  await t.step("trial params and values are checked against the study", async () => {
    const study = await app.request(
      "POST",
      "/v1/studies",
      studyBody({
        space: {
          parameters: [
            { name: "x", type: "float", min: 0, max: 1, step: 0.25 },
            { name: "n", type: "int", min: 1, max: 8 },
            { name: "c", type: "categorical", values: ["a", 1, true] },
          ],
        },
      }),
    );
    const id = study.body.id;
    const create = (params: Record<string, unknown>) =>
      app.request("POST", `/v1/studies/${id}/trials`, { params });
    const good = { x: 0.25, n: 3, c: "a" };
    assertProblem(await create({ ...good, x: 2 }), 422, "params.x", "bounds");
    assertProblem(await create({ ...good, x: 0.3 }), 422, "params.x", "step");
    assertProblem(await create({ ...good, n: 2.5 }), 422, "params.n", "type");
    assertProblem(await create({ ...good, c: "1" }), 422, "params.c", "type");
    assertProblem(await create({ ...good, c: "b" }), 422, "params.c", "value");
    assertProblem(await create({ ...good, y: 1 }), 422, "params.y", "unknown_parameter");
    assertProblem(await create({ x: 0.25, n: 3 }), 422, "params.c", "missing_parameter");
    assertProblem(await create({ ...good, x: "0.25" }), 422, "params.x", "type");
    assert.equal((await create(good)).status, 201);

    const [trial] = (await app.request("POST", `/v1/studies/${id}/trials/suggest`, {})).body.trials;
    const complete = (body: unknown) =>
      app.request("POST", `/v1/studies/${id}/trials/${trial.id}/complete`, body);
    assertProblem(await complete({ values: { value: "1" } }), 422, "values.value", "invalid_type");
    assertProblem(await complete({ values: { other: 1 } }), 422, "values.value", "missing_metric");
    assertProblem(
      await complete({ values: { value: 1, other: 1 } }),
      422,
      "values.other",
      "unknown_metric",
    );
    assertProblem(await complete({}), 422, "values", "required");
    assertProblem(
      await complete({ values: { value: 1 }, infeasible: true }),
      422,
      "values",
      "exclusive",
    );
    assertProblem(
      await complete({ values: { value: 1 }, extra: 1 }),
      422,
      "extra",
      "unknown_field",
    );
    assert.equal(
      (await app.request("GET", `/v1/studies/${id}/trials/${trial.id}`)).body.state,
      "ACTIVE",
    );
  });

  await t.step("suggest, pagination and ids are checked", async () => {
    const id = (await app.request("POST", "/v1/studies", studyBody())).body.id;
    assertProblem(
      await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 0 }),
      422,
      "count",
      "too_small",
    );
    assertProblem(
      await app.request("POST", `/v1/studies/${id}/trials/suggest`, { count: 1001 }),
      422,
      "count",
      "too_big",
    );
    assertProblem(await app.request("GET", `/v1/studies?limit=abc`), 400, "limit");
    assertProblem(await app.request("GET", `/v1/studies?cursor=zzz`), 400, "cursor", "cursor");
    assertProblem(await app.request("GET", `/v1/studies/not-a-uuid`), 404);
    assertProblem(await app.request("GET", `/v1/studies/${crypto.randomUUID()}`), 404);
    assertProblem(await app.request("GET", `/v1/nothing-here`), 404);
    const items = Array.from(
      { length: 1001 },
      () => ({ trialId: crypto.randomUUID(), values: { value: 1 } }),
    );
    assertProblem(
      await app.request("POST", `/v1/studies/${id}/trials/complete`, { items }),
      422,
      "items",
      "too_big",
    );
  });
});
