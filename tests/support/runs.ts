/**
 * What the run tests share: an app with a real ONNX runtime (CPU) and one
 * in-process run worker per backend, models uploaded and studies made on
 * them, and runs followed through their events (Server-Sent Events read to
 * their end, or live), never by the clock.
 */
import assert from "node:assert/strict";
import { OnnxRuntime } from "../../src/evaluators/onnx/mod.ts";
import { testBackends } from "./db.ts";
import { startTestApp, type TestApp, type TestAppOptions, type Trial } from "./harness.ts";
import { upload } from "./models_http.ts";
import { branin, type TestModel } from "./onnx_models.ts";
import { pollUntil, withDeadline } from "./wait.ts";
import { call, type ServiceProcess } from "./server.ts";
// After the harness, whose app extends zod with `.openapi` before the services make schemas.
import { RunWorkers } from "../../src/services/runs/workers.ts";

/** One Server-Sent Event as watchRun sends it. */
export interface RunEvent {
  id: number;
  event: string;
  // deno-lint-ignore no-explicit-any
  data: any;
}

/** The events of an event-stream text (comments skipped). */
export function parseEvents(text: string): RunEvent[] {
  return text.split("\n\n").map(parseBlock).filter((e): e is RunEvent => e !== null);
}

export function parseBlock(block: string): RunEvent | null {
  const fields = new Map<string, string>();
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const at = line.indexOf(":");
    fields.set(line.slice(0, at), line.slice(at + 1).replace(/^ /, ""));
  }
  if (!fields.has("data")) return null;
  return {
    id: Number(fields.get("id")),
    event: fields.get("event") ?? "message",
    data: JSON.parse(fields.get("data")!),
  };
}

/** Uploads a model's bytes (the harness sends text bodies only); returns its id. */
export async function uploadModel(app: TestApp, name: string, bytes: Uint8Array): Promise<string> {
  const r = await upload(app, name, bytes);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

/** The createStudy body of a study of `model` over its domain, objective `value` from its output. */
export function modelStudyBody(
  model: TestModel,
  modelId: string,
  algorithm: { name: string; config?: Record<string, unknown>; seed?: number },
  settings?: { leaseSeconds?: number; maxTrials?: number; deadline?: string },
): Record<string, unknown> {
  return {
    name: `${model.name}-${algorithm.name}-${crypto.randomUUID().slice(0, 8)}`,
    space: {
      parameters: Array.from({ length: model.d }, (_, i) => ({
        name: `x${i}`,
        type: "float",
        min: model.lower,
        max: model.upper,
      })),
    },
    objective: {
      metrics: [{ name: "value", goal: "minimize" }],
      evaluator: { model: modelId, input: model.input, outputs: { value: model.output } },
    },
    algorithm: { config: {}, seed: 5, ...algorithm },
    ...(settings ? { settings } : {}),
  };
}

/** A study of `model` (modelStudyBody); returns its id. */
export async function modelStudy(
  app: TestApp,
  model: TestModel,
  modelId: string,
  algorithm: { name: string; config?: Record<string, unknown>; seed?: number },
  settings?: { leaseSeconds?: number; maxTrials?: number; deadline?: string },
): Promise<string> {
  const body = modelStudyBody(model, modelId, algorithm, settings);
  const r = await app.expect<{ id: string }>(201, "POST", "/v1/studies", body);
  return r.body.id;
}

export const runsPath = (studyId: string) => `/v1/studies/${studyId}/runs`;

/** Starts a run; returns its id. */
export async function startRun(app: TestApp, studyId: string, body: Record<string, unknown>) {
  const r = await app.expect<{ id: string; state: string }>(202, "POST", runsPath(studyId), body);
  assert.equal(r.body.state, "QUEUED");
  return r.body.id;
}

/**
 * Every event of a run, read to the stream's end (its final state), through
 * the harness; none when the run has ended with nothing after `lastEventId`
 * (the 204 that stops an EventSource).
 */
export async function eventsToEnd(
  app: TestApp,
  studyId: string,
  runId: string,
  lastEventId?: number,
): Promise<RunEvent[]> {
  const headers: Record<string, string> = lastEventId === undefined
    ? {}
    : { "last-event-id": String(lastEventId) };
  const r = await withDeadline(
    app.request("GET", `${runsPath(studyId)}/${runId}/events`, undefined, { headers }),
    () => `run ${runId} did not end`,
  );
  if (r.status === 204) return [];
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get("content-type") ?? "", /^text\/event-stream/);
  return parseEvents(r.text);
}

/** A live stream of a run's events, read as they come. */
export async function* liveEvents(
  app: TestApp,
  studyId: string,
  runId: string,
  lastEventId?: number,
) {
  const res = await app.app.request(`${runsPath(studyId)}/${runId}/events`, {
    headers: {
      authorization: `Bearer ${app.projectKey}`,
      ...(lastEventId === undefined ? {} : { "last-event-id": String(lastEventId) }),
    },
  });
  assert.equal(res.status, 200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const event = parseBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
    }
  } finally {
    await reader.cancel();
  }
}

/** The first event of a live stream that `match` accepts (the stream is then left). */
export async function firstEvent(
  events: AsyncGenerator<RunEvent>,
  match: (e: RunEvent) => boolean,
): Promise<RunEvent> {
  const found = await withDeadline(
    (async () => {
      for await (const e of events) if (match(e)) return e;
      throw new Error("the stream ended first");
    })(),
    () => "no such event",
  );
  await events.return(undefined);
  return found;
}

/** The run's trials (clientId run:{id}/{batch}), by number. */
export async function runTrials(app: TestApp, studyId: string, runId: string): Promise<Trial[]> {
  const out: Trial[] = [];
  let cursor: string | null = null;
  do {
    const q: string = cursor ? `&cursor=${cursor}` : "";
    const page = await app.expect<{ items: Trial[]; nextCursor: string | null }>(
      200,
      "GET",
      `/v1/studies/${studyId}/trials?limit=1000${q}`,
    );
    out.push(...page.body.items.filter((t) => t.clientId?.startsWith(`run:${runId}/`)));
    cursor = page.body.nextCursor;
  } while (cursor);
  return out;
}

// deno-lint-ignore no-explicit-any
export async function getRun(app: TestApp, studyId: string, runId: string): Promise<any> {
  return (await app.expect(200, "GET", `${runsPath(studyId)}/${runId}`)).body;
}

/** The progress events' completed counts. */
export const progressOf = (events: RunEvent[]) =>
  events.filter((e) => e.event === "progress").map((e) => e.data.completed);

/** Checks what every finished run must satisfy: its counter is its finished trials, none left ACTIVE. */
// deno-lint-ignore no-explicit-any
export function checkRunTrials(run: any, trials: Trial[]): void {
  assert.equal(trials.filter((t) => t.state === "ACTIVE").length, 0, "no trial left ACTIVE");
  assert.equal(run.inFlight, 0, "an ended run reserves nothing");
  const finished = trials.filter((t) => t.state === "COMPLETED" || t.state === "INFEASIBLE");
  assert.equal(run.completed, finished.length, "the run counted each trial once");
  const values = trials.filter((t) => t.state === "COMPLETED").map((t) => t.values!.value);
  if (values.length) assert.equal(run.best.value, Math.min(...values));
}

/** A CPU runtime for the tests. */
export function runtime(): OnnxRuntime {
  return new OnnxRuntime({
    providers: ["cpu"],
    cacheBytes: 1 << 26,
    maxBatchRows: 4096,
    maxDelayMs: 1,
  });
}

/** What each run test gets: the app, its runtime, and Branin uploaded. */
export interface RunTestContext {
  app: TestApp;
  onnx: OnnxRuntime;
  branin: TestModel;
  braninId: string;
}

/**
 * Runs `body` once per backend as one Deno test with steps, over an app with
 * a CPU runtime and (unless `workers` is 0) one run worker.
 */
export function describeRuns(
  name: string,
  body: (t: Deno.TestContext, c: RunTestContext) => Promise<void>,
  workers = 1,
): void {
  for (const backend of testBackends()) {
    Deno.test({
      name: `${name} [${backend}]`,
      async fn(t) {
        const onnx = runtime();
        const options: TestAppOptions = { onnx };
        // A progress event per batch (progressSeconds 0): the tests read the batches from them.
        if (workers > 0) {
          options.runs = new RunWorkers({ workers, pollMs: 50, progressSeconds: 0 });
        }
        const app = await startTestApp(backend, options);
        try {
          const model = branin();
          const braninId = await uploadModel(app, "branin", model.bytes);
          await body(t, { app, onnx, branin: model, braninId });
        } finally {
          await app.close();
          await onnx.close();
        }
      },
    });
  }
}

/** Polls getRun on `api` until `done` accepts it (a 503 is retried: connections may drop). */
export async function runWhen(
  api: ServiceProcess,
  key: string,
  path: string,
  // deno-lint-ignore no-explicit-any
  done: (run: any) => boolean,
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  const run = await withDeadline(
    pollUntil(
      async () => {
        const r = await call(api.url, key, "GET", path);
        if (r.status === 503) return undefined;
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return done(r.body) ? r.body : undefined;
      },
      api.exited,
      20,
    ),
    () => `the run never got there:\n${api.output()}`,
  );
  assert.ok(run, `the service exited:\n${api.output()}`);
  return run;
}
