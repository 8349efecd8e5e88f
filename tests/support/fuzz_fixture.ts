/**
 * The resources the fuzz test's requests name (tests/fuzz_test.ts): studies
 * of several algorithms, trials, a comparison and its candidates, a labeler
 * token, a spare API key, a model, a model-objective study with a run and a
 * schedule. Ids are kept in pools by path parameter name (`studyId`,
 * `trialId`, ...); the fuzzer deletes and revokes what it reaches, so the
 * test makes a fresh set every few hundred requests.
 */
import { branin } from "./onnx_models.ts";
import { ADMIN_KEY, studyBody, type TestApp } from "./harness.ts";

/** Ids by path parameter name, and the keys the requests may send. */
export interface Fixture {
  pools: Record<string, string[]>;
  labelerKey: string;
}

/**
 * Makes a fresh set of resources (a failed step leaves its pool shorter),
 * deleting the `previous` set's studies so listings stay short in a long run.
 */
export async function makeFixture(app: TestApp, previous?: Fixture): Promise<Fixture> {
  for (const id of previous?.pools.studyId ?? []) {
    await app.request("DELETE", `/v1/studies/${id}`);
  }
  const pools: Record<string, string[]> = {
    projectId: [app.projectId],
    keyId: [],
    studyId: [],
    trialId: [],
    runId: [],
    scheduleId: [],
    comparisonId: [],
    candidateId: [],
    modelId: [],
    roundId: [],
  };
  const add = (pool: string, id: unknown) => {
    if (typeof id === "string") pools[pool].push(id);
  };
  const post = async (path: string, body?: unknown, key?: string) =>
    (await app.request("POST", path, body, key ? { key } : {})).body;

  const spare = await post(`/v1/projects/${app.projectId}/keys`, { name: "spare" }, ADMIN_KEY);
  add("keyId", spare?.id);

  const plain = await post("/v1/studies", studyBody({ name: "fuzz-random" }));
  add("studyId", plain?.id);
  if (plain?.id) {
    const suggested = await post(`/v1/studies/${plain.id}/trials/suggest`, { count: 3 });
    for (const t of suggested?.trials ?? []) add("trialId", t.id);
    const [first] = suggested?.trials ?? [];
    if (first) {
      await post(`/v1/studies/${plain.id}/trials/${first.id}/complete`, { values: { value: 1 } });
    }
  }
  for (const name of ["gp-bo", "cbo"]) {
    const s = await post("/v1/studies", studyBody({ name: `fuzz-${name}`, algorithm: { name } }));
    add("studyId", s?.id);
  }

  const ranked = await post("/v1/studies", {
    name: "fuzz-rank",
    space: {
      parameters: ["r", "g", "b"].map((name) => ({ name, type: "float", min: 0, max: 1 })),
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "zo-rank-sgd", config: { candidates: 4 }, seed: 3 },
    labeling: {},
  });
  add("studyId", ranked?.id);
  let labelerKey = "";
  if (ranked?.id) {
    const token = await post(`/v1/studies/${ranked.id}/labelers`, { name: "fuzz" });
    labelerKey = token?.key ?? "";
    add("keyId", token?.id);
    const next = await post(`/v1/studies/${ranked.id}/comparisons/next`);
    add("comparisonId", next?.comparison?.id);
    for (const c of next?.comparison?.candidates ?? []) {
      add("candidateId", c.id);
      add("trialId", c.id);
    }
  }

  const model = branin();
  const uploaded = await app.app.request(`/v1/models?name=fuzz`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${app.projectKey}`,
      "content-type": "application/octet-stream",
    },
    body: model.bytes as BodyInit,
  });
  const modelId = uploaded.status === 201 ? (await uploaded.json()).id : undefined;
  if (!modelId) await uploaded.body?.cancel();
  add("modelId", modelId);
  if (modelId) {
    const evaluated = await post("/v1/studies", {
      name: "fuzz-model",
      space: {
        parameters: [
          { name: "x0", type: "float", min: -5, max: 10 },
          { name: "x1", type: "float", min: 0, max: 15 },
        ],
      },
      objective: {
        metrics: [{ name: "value", goal: "minimize" }],
        evaluator: { model: modelId, input: model.input, outputs: { value: model.output } },
      },
      algorithm: { name: "random", seed: 2 },
    });
    add("studyId", evaluated?.id);
    if (evaluated?.id) {
      const run = await post(`/v1/studies/${evaluated.id}/runs`, { budget: 4, batchSize: 2 });
      add("runId", run?.id);
      const schedule = await post(`/v1/studies/${evaluated.id}/schedules`, {
        cron: "0 3 * * *",
        run: { budget: 4 },
      });
      add("scheduleId", schedule?.id);
    }
  }
  return { pools, labelerKey };
}

/** Every id of every pool (for uuids inside bodies). */
export function allIds(fixture: Fixture): string[] {
  return Object.values(fixture.pools).flat();
}
