/**
 * The evaluateModel figures of `deno task bench:models` (bench/models.ts):
 * the overhead of HTTP against onnxruntime-node in the bench process at
 * 4,096 rows a request, and 32 one-row clients with and without dynamic
 * batching (over HTTP, and on the runtime alone as a diagnostic).
 *
 * Each figure is taken on several models, and only one is held to the
 * issue's target: an overhead is a share of the model's own time, and
 * batching multiplies what a session run's fixed cost allows, so both
 * targets are about models whose runs cost something. The overhead is
 * judged on the surrogate-size MLP (4,096 rows in about 13 ms); the tiny
 * test models (4,096 rows in well under a millisecond) are measured the
 * same way and reported as information.
 *
 * Batching is judged on the large scoring network (206 MB of weights): a
 * one-row run of it streams every weight from memory (about 6 ms on the
 * bench's host) and a run of 32 rows reads them once (about 16 ms), so
 * batching has something to share. A one-row request also costs about a
 * millisecond of HTTP and JSON, in the service and in the bench's clients,
 * on the same cores, and that is paid per request with batching or without:
 * on the wide network (19 MB, held in a large last-level cache, a one-row
 * run in a fraction of a millisecond) and the tiny MLP the requests, not the
 * runs, bound both services, so their ratios (information) show how the
 * figure depends on the model. The runtime alone, without HTTP, is measured
 * beside each as a diagnostic.
 */
import type { Api } from "./api.ts";
import { serverTimes } from "./api.ts";
import { median, together } from "./measure.ts";
import {
  alternate,
  base64Input,
  binaryInput,
  evaluate,
  evaluateBinary,
  float32Output,
  type Rates,
  rawSession,
  type Task,
  timeBoxed,
} from "./model_client.ts";
import { sampleCpu } from "./service.ts";
import { loadSettings } from "./settings.ts";
import { loadConfig } from "../src/config.ts";
import { OnnxRuntime } from "../src/evaluators/onnx/mod.ts";
import { randomRows, type TestModel } from "../tests/support/onnx_models.ts";

/** Rows of one request of the overhead figure. */
export const ROWS = 4096;
/** Concurrent one-row clients of the batching figure. */
export const CLIENTS = 32;
const { seconds: SECONDS, reps: REPS } = loadSettings().timing;

/** A figure held against its baseline. */
export interface Comparison {
  name: string;
  figure: Rates & { unit: string };
  baseline: Rates & { unit: string };
  /** What the ratio is: figure / baseline, or an overhead in percent. */
  ratio: { kind: "ratio" | "overhead %"; value: number };
  target: string;
  /** Null where no target is judged (none in the issue, or a row given as information). */
  met: boolean | null;
  notes: Record<string, unknown>;
}

/** A stream of numbers in [0, 1) (Park–Miller), the same on every run. */
export function stream(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

export const withUnit = (r: Rates, unit: string) => ({ ...r, unit });
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * `figure / baseline` as the median of the ratios of their paired turns
 * (turn i of each, taken one after the other), and as the ratio of their
 * medians. The bench shares two cores with other work whose load comes and
 * goes within seconds: a pair of turns sees the same load, while the
 * medians of each side may come from different stretches (a baseline of
 * 111,543, 118,495 and 306,785 rows/s in one run).
 */
function ratios(figure: Rates, baseline: Rates): { paired: number; ofMedians: number } {
  return {
    paired: median(figure.runs.map((f, i) => f / baseline.runs[i])),
    ofMedians: figure.median / baseline.median,
  };
}

/**
 * CPU seconds of the service process, this bench process and PostgreSQL
 * over a task's measured turns (not its warm-up), per unit of work: on a
 * host whose load comes and goes, what a request costs in CPU says where
 * its time goes better than wall time.
 */
class CpuPerRequest {
  #used = { server: 0, client: 0, postgres: 0 };
  #count = 0;

  /** `task`, its turns sampled when `serverPid` is known; work counted in requests of ROWS. */
  track(serverPid: number | undefined, task: Task): Task {
    if (serverPid === undefined) return task;
    return {
      label: task.label,
      once: async (rep) => {
        const before = sampleCpu(serverPid);
        const done = await task.once(rep);
        const after = sampleCpu(serverPid);
        if (rep >= 0) {
          this.#used.server += after.server - before.server;
          this.#used.client += after.client - before.client;
          this.#used.postgres += after.postgres - before.postgres;
          this.#count += done.count / ROWS;
        }
        return done;
      },
    };
  }

  /** Milliseconds of CPU per request (or raw run). */
  ms(who: "server" | "client" | "postgres"): number {
    return round((this.#used[who] / Math.max(1, this.#count)) * 1000, 2);
  }
}

/** Turns per repetition of the overhead figure: shorter turns, paired more closely. */
const OVERHEAD_TURNS = 4;
/**
 * 1. evaluateModel over HTTP against onnxruntime-node in this process,
 * 4,096 rows, in two client forms taking turns with the raw run (binary,
 * JSON, raw, binary, …): the binary body and answer (the documented
 * cheapest form, held to the target when `judged`) and JSON with
 * `dataBase64` in and `outputEncoding: "base64"` out (information).
 */
export async function overhead(
  api: Api,
  model: TestModel,
  modelId: string,
  judged: boolean,
  serverPid?: number,
): Promise<Comparison[]> {
  const rows = randomRows(model, ROWS, stream(7));
  const tensor = base64Input(rows, model.d);
  const request = binaryInput(model.input, rows, model.d);
  const first = await evaluate(api, modelId, model.input, tensor);
  const raw = await rawSession(model, first.provider);
  try {
    // The same numbers every way (float32 in, float32 out), before anything is timed.
    const mine = (await raw.run(rows)).data as Float32Array;
    const json = float32Output(first.outputs[model.output]);
    const bytes = (await evaluateBinary(api, modelId, request)).outputs[model.output];
    for (const theirs of [json, bytes]) {
      for (let i = 0; i < mine.length; i++) {
        if (Math.abs(mine[i] - (theirs[i] ?? NaN)) > 1e-5 * Math.max(1, Math.abs(mine[i]))) {
          throw new Error(`${model.name}: row ${i} differs: ${mine[i]} vs ${theirs[i]}`);
        }
      }
    }
    const sessionMs = { binary: [] as number[], json: [] as number[] };
    const route = "POST /v1/models/:modelId/evaluate";
    const before = (await serverTimes(api.base)).get(route) ?? { sum: 0, n: 0 };
    const turn = SECONDS / OVERHEAD_TURNS;
    const cpu = {
      binary: new CpuPerRequest(),
      json: new CpuPerRequest(),
      raw: new CpuPerRequest(),
    };
    const [binary, http, direct] = await alternate(
      REPS * OVERHEAD_TURNS,
      [
        cpu.binary.track(
          serverPid,
          timeBoxed("HTTP, binary", turn, async () => {
            sessionMs.binary.push((await evaluateBinary(api, modelId, request)).ms);
            return ROWS;
          }),
        ),
        cpu.json.track(
          serverPid,
          timeBoxed("HTTP, JSON + base64", turn, async () => {
            sessionMs.json.push((await evaluate(api, modelId, model.input, tensor)).ms);
            return ROWS;
          }),
        ),
        cpu.raw.track(
          serverPid,
          timeBoxed("raw", turn, async () => {
            await raw.run(rows);
            return ROWS;
          }),
        ),
      ],
      true,
      true,
    );
    const after = (await serverTimes(api.base)).get(route) ?? { sum: 0, n: 0 };
    const msPerRequest = (r: Rates) => round((ROWS / r.median) * 1000, 3);
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? null;
    const comparison = (
      side: Rates,
      form: string,
      ms: number[],
      bodyBytes: number,
      target: boolean,
      cpuOf: CpuPerRequest,
    ): Comparison => {
      // Rows/s of raw over rows/s of HTTP: the time HTTP adds, as a share of raw's.
      const { paired, ofMedians } = ratios(direct, side);
      const pct = round((paired - 1) * 100);
      return {
        name: `evaluate ${model.name}, ${ROWS} rows/request, ${form}`,
        figure: withUnit(side, "rows/s"),
        baseline: withUnit(direct, "rows/s"),
        ratio: { kind: "overhead %", value: pct },
        target: target ? "<= 25 %" : "(information)",
        met: target ? pct <= 25 : null,
        notes: {
          provider: first.provider,
          overheadOfMediansPercent: round((ofMedians - 1) * 100),
          turns: `${REPS * OVERHEAD_TURNS} of ${turn} s each side, alternating ` +
            "(binary, JSON, raw, rotated each round)",
          rawMsPerRun: round(msPerRequest(direct), 3),
          msPerRequest: { http: msPerRequest(side), raw: msPerRequest(direct) },
          addedMsPerRequest: round(msPerRequest(side) - msPerRequest(direct), 3),
          sessionRunMedianMs: mid(ms),
          requestBytes: bodyBytes,
          // CPU, not wall time: what each request costs whatever else runs on the host.
          cpuMsPerRequest: serverPid === undefined ? null : {
            service: cpuOf.ms("server"),
            client: cpuOf.ms("client"),
            postgres: cpuOf.ms("postgres"),
            rawRunInBench: cpu.raw.ms("client"),
          },
        },
      };
    };
    const serverMeanMs = after.n > before.n
      ? round(((after.sum - before.sum) / (after.n - before.n)) * 1000, 3)
      : null;
    return [
      comparison(
        binary,
        "binary body and answer",
        sessionMs.binary,
        request.body.length,
        judged,
        cpu.binary,
      ),
      {
        ...comparison(
          http,
          "JSON + base64",
          sessionMs.json,
          JSON.stringify({ inputs: { [model.input]: tensor } }).length,
          false,
          cpu.json,
        ),
        name: `  the same, JSON + base64 in and out (information)`,
      },
    ].map((c) => ({ ...c, notes: { ...c.notes, serverMeanMsBothForms: serverMeanMs } }));
  } finally {
    await raw.release();
  }
}

/**
 * 2. 32 clients of one row each, with and without dynamic batching;
 * `judged` says whether the target is held against this model.
 */
export async function batching(
  batched: Api,
  unbatched: Api,
  model: TestModel,
  modelId: string,
  judged: boolean,
  form: "binary" | "json" = "binary",
): Promise<Comparison> {
  const rows = randomRows(model, CLIENTS * 64, stream(11));
  const one = (i: number) => rows.subarray(i * model.d, (i + 1) * model.d);
  const singles = Array.from({ length: CLIENTS * 64 }, (_, i) => ({
    json: base64Input(one(i), model.d),
    binary: binaryInput(model.input, one(i), model.d),
  }));
  const ask = (api: Api, i: number) =>
    form === "binary"
      ? evaluateBinary(api, modelId, singles[i].binary)
      : evaluate(api, modelId, model.input, singles[i].json);
  const batchRows = { batched: [] as number[], unbatched: [] as number[] };
  const providers = new Set<string>();
  const clients = (api: Api, seen: number[]): Task => ({
    label: api === batched ? "batching" : "no batching",
    async once() {
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      const count = await together(CLIENTS, async (c) => {
        let n = 0;
        while (performance.now() < deadline) {
          const e = await ask(api, (c * 64 + n) % singles.length);
          seen.push(e.batchRows);
          providers.add(e.provider);
          n++;
        }
        return n;
      });
      return { count, seconds: (performance.now() - start) / 1000 };
    },
  });
  const [on, off] = await alternate(REPS, [
    clients(batched, batchRows.batched),
    clients(unbatched, batchRows.unbatched),
  ]);
  const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  const { paired, ofMedians } = ratios(on, off);
  const ratio = round(paired, 2);
  return {
    name: `${CLIENTS} clients x 1 row (${model.name}), ${
      form === "binary" ? "binary bodies" : "JSON + base64"
    }`,
    figure: withUnit(on, "rows/s"),
    baseline: withUnit(off, "rows/s"),
    ratio: { kind: "ratio", value: ratio },
    target: judged ? ">= 10x" : "(information)",
    met: judged ? ratio >= 10 : null,
    notes: {
      ratioOfMedians: round(ofMedians, 2),
      meanBatchRows: { batched: mean(batchRows.batched), unbatched: mean(batchRows.unbatched) },
      unbatchedService: "MINIMA_ONNX_MAX_BATCH_ROWS=1",
      provider: providers.size === 1 ? [...providers][0] : [...providers].join(","),
    },
  };
}

/**
 * The same 32 one-row callers on minima's ONNX runtime (src/evaluators/onnx/)
 * in this process, without HTTP: what dynamic batching does to session runs
 * alone (the service's defaults against maxBatchRows = 1). A diagnostic
 * beside the HTTP figure, which is the issue's.
 */
export async function runtimeBatching(model: TestModel, provider: string): Promise<Comparison> {
  const defaults = loadConfig({});
  const runtime = (maxBatchRows: number) =>
    new OnnxRuntime({
      providers: [provider],
      cacheBytes: defaults.onnxCacheBytes,
      maxBatchRows,
      maxDelayMs: defaults.onnxMaxDelayMs,
    });
  const on = runtime(defaults.onnxMaxBatchRows), off = runtime(1);
  const rows = randomRows(model, CLIENTS * 64, stream(13));
  const load = () => Promise.resolve(model.bytes);
  const runsOf = (r: OnnxRuntime) => r.status().models[0]?.sessionRuns ?? 0;
  const clients = (r: OnnxRuntime, label: string): Task => ({
    label,
    async once() {
      const start = performance.now();
      const deadline = start + SECONDS * 1000;
      const count = await together(CLIENTS, async (c) => {
        let n = 0;
        while (performance.now() < deadline) {
          const i = (c * 64 + n) % (CLIENTS * 64);
          await r.evaluate(model.name, load, {
            [model.input]: {
              type: "float32",
              dims: [1, model.d],
              data: rows.slice(i * model.d, (i + 1) * model.d),
            },
          });
          n++;
        }
        return n;
      });
      return { count, seconds: (performance.now() - start) / 1000 };
    },
  });
  try {
    const [batched, unbatched] = await alternate(REPS, [
      clients(on, "batching"),
      clients(off, "no batching"),
    ]);
    const ratio = round(ratios(batched, unbatched).paired, 2);
    return {
      name: `  the same without HTTP (runtime in-process)`,
      figure: withUnit(batched, "rows/s"),
      baseline: withUnit(unbatched, "rows/s"),
      ratio: { kind: "ratio", value: ratio },
      target: "(diagnostic)",
      met: null,
      notes: { sessionRuns: { batched: runsOf(on), unbatched: runsOf(off) } },
    };
  } finally {
    await on.close();
    await off.close();
  }
}
