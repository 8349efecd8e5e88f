/**
 * Where evaluateModel's time goes, in CPU rather than wall time (a
 * diagnostic beside `deno task bench:models`, for a host whose load comes
 * and goes): the service on a scratch PostgreSQL database, one client
 * sending N requests of 4,096 rows of the surrogate-size MLP (binary body
 * and answer, then JSON + base64), and the same model in onnxruntime-node
 * in this process (the raw baseline of bench/model_eval.ts). Per request:
 * the CPU of each of the service's threads by name (/proc/<pid>/task: the
 * event loop, the ONNX worker, onnxruntime's pool threads), of this
 * process and of PostgreSQL; and the CPU of a raw run. Then 32 one-row
 * clients of the large scoring network: CPU per request of the service's
 * threads and the session runs' size. Then (`cbo`) a cbo run of 256
 * particles on the ONNX Rastrigin (d = 20) and the HTTP batch client of
 * `bench:cbo:http` on the same study: CPU per generation.
 *
 *   node_modules/.bin/deno run --allow-all bench/model_profile.ts
 *     [--requests 200] [--only overhead,batching,single,cbo] [--cpu-prof DIR]
 *     [--perf FILE] [--root CHECKOUT]
 *
 * With --cpu-prof the service runs under `deno run --cpu-prof` and writes
 * its profile into DIR when it stops; with --perf each phase is recorded by
 * `perf record` of the service (JIT frames named: --perf-basic-prof) into
 * FILE.<phase>. --root runs another checkout's service (a commit before a
 * change, unpacked with `git archive`), for CPU before and after side by
 * side. `single`: one client of one-row requests of the tiny MLP (what a
 * request costs besides its run).
 */
import { Api, projectKey } from "./api.ts";
import { createCboStudy, generation, rastrigin as rastriginTs } from "./cbo_client.ts";
import { together } from "./measure.ts";
import {
  base64Input,
  binaryInput,
  createModelStudy,
  evaluate,
  evaluateBinary,
  rawSession,
  runToEnd,
  uploadModel,
} from "./model_client.ts";
import { stream } from "./model_eval.ts";
import { ADMIN_KEY, startOnBackend } from "./service.ts";
import { loadSettings } from "./settings.ts";
import {
  largeMlp,
  mlp,
  randomRows,
  rastrigin,
  surrogateMlp,
} from "../tests/support/onnx_models.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const TICK = 100;
const REQUESTS = Number(arg("requests", "200"));
const ONLY = arg("only", "overhead,batching").split(",");
const PROFILE = arg("cpu-prof", "");
const PERF = arg("perf", "");

/** Runs `work` under `perf record` of the service's process (--perf FILE), else plainly. */
async function perfOf<T>(pid: number, tag: string, work: () => Promise<T>): Promise<T> {
  if (!PERF) return await work();
  const perf = new Deno.Command("perf", {
    args: ["record", "-F", "1999", "-g", "-p", String(pid), "-o", `${PERF}.${tag}`],
    stdout: "null",
    stderr: "null",
  }).spawn();
  await new Promise((r) => setTimeout(r, 500));
  try {
    return await work();
  } finally {
    perf.kill("SIGINT");
    await perf.status;
  }
}

function statSeconds(path: string): { name: string; seconds: number } | null {
  try {
    const stat = Deno.readTextFileSync(path);
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { name, seconds: (Number(f[11]) + Number(f[12])) / TICK };
  } catch {
    return null;
  }
}

/** CPU seconds of each thread of `pid`, summed by thread name. */
function threads(pid: number | "self"): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const t of Deno.readDirSync(`/proc/${pid}/task`)) {
      const s = statSeconds(`/proc/${pid}/task/${t.name}/stat`);
      if (s) out.set(s.name, (out.get(s.name) ?? 0) + s.seconds);
    }
  } catch { /* gone */ }
  return out;
}

function postgres(): number {
  let sum = 0;
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    const s = statSeconds(`/proc/${e.name}/stat`);
    if (s?.name === "postgres") sum += s.seconds;
  }
  return sum;
}

/** CPU ms per unit of work over `work`, by the service's threads, this process and PostgreSQL. */
async function cpuOf(pid: number, units: number, work: () => Promise<void>) {
  const a = { t: threads(pid), self: threads("self"), pg: postgres(), at: performance.now() };
  await work();
  const b = { t: threads(pid), self: threads("self"), pg: postgres(), at: performance.now() };
  const per = (x: number) => Math.round((x / units) * 1e5) / 100;
  const byThread: Record<string, number> = {};
  let service = 0;
  for (const [name, s] of b.t) {
    const d = s - (a.t.get(name) ?? 0);
    service += d;
    if (d > 0) byThread[name] = per(d);
  }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  return {
    wallMsPerUnit: Math.round(((b.at - a.at) / units) * 100) / 100,
    serviceMs: per(service),
    byThread,
    clientMs: per(sum(b.self) - sum(a.self)),
    postgresMs: per(b.pg - a.pg),
  };
}

async function main() {
  const settings = loadSettings();
  const load = () => Deno.loadavg().map((v) => v.toFixed(2)).join(" ");
  console.log(`load before: ${load()}`);
  const cacheDir = await Deno.makeTempDir({ prefix: "minima-profile-" });
  const primary = await startOnBackend(
    "postgres",
    settings.serverUrl,
    {
      MINIMA_MODEL_CACHE_DIR: cacheDir,
      ...(PROFILE ? { MINIMA_BENCH_DENO_ARGS: `--cpu-prof --cpu-prof-dir=${PROFILE}` } : {}),
      ...(PERF ? { MINIMA_BENCH_DENO_ARGS: "--v8-flags=--perf-basic-prof" } : {}),
    },
    "minima_profile",
    arg("root", "") || undefined,
  );
  const pid = primary.service.pid;
  try {
    const key = await projectKey(primary.service.url, ADMIN_KEY);
    const api = new Api(primary.service.url, key);
    if (ONLY.includes("overhead")) {
      const model = surrogateMlp();
      const id = await uploadModel(api, "surrogate", model.bytes);
      const rows = randomRows(model, 4096, stream(7));
      const bin = binaryInput(model.input, rows, model.d);
      const json = base64Input(rows, model.d);
      const raw = await rawSession(model, "cpu");
      for (let i = 0; i < 10; i++) {
        await evaluateBinary(api, id, bin);
        await evaluate(api, id, model.input, json);
        await raw.run(rows);
      }
      const sessionMs: number[] = [];
      const binary = await perfOf(pid, "binary", () =>
        cpuOf(pid, REQUESTS, async () => {
          for (let i = 0; i < REQUESTS; i++) {
            sessionMs.push((await evaluateBinary(api, id, bin)).ms);
          }
        }));
      const jsonCpu = await perfOf(pid, "json", () =>
        cpuOf(pid, REQUESTS, async () => {
          for (let i = 0; i < REQUESTS; i++) await evaluate(api, id, model.input, json);
        }));
      const rawCpu = await cpuOf(pid, REQUESTS, async () => {
        for (let i = 0; i < REQUESTS; i++) await raw.run(rows);
      });
      await raw.release();
      sessionMs.sort((a, b) => a - b);
      console.log(JSON.stringify(
        {
          figure: "4096 rows surrogate",
          binary,
          serviceEvalMsMedian: sessionMs[sessionMs.length >> 1],
          json: jsonCpu,
          raw: rawCpu,
          load: load(),
        },
        null,
        1,
      ));
    }
    if (ONLY.includes("batching")) {
      const model = largeMlp();
      const id = await uploadModel(api, "large", model.bytes);
      const rows = randomRows(model, 32 * 64, stream(11));
      const singles = Array.from(
        { length: 32 * 64 },
        (_, i) => binaryInput(model.input, rows.subarray(i * model.d, (i + 1) * model.d), model.d),
      );
      const seen: number[] = [];
      const go = (n: number) =>
        together(32, async (c) => {
          for (let k = 0; k < n; k++) {
            seen.push(
              (await evaluateBinary(api, id, singles[(c * 64 + k) % singles.length]))
                .batchRows,
            );
          }
          return n;
        });
      await go(5);
      seen.length = 0;
      const per = Math.max(1, Math.round(REQUESTS / 4));
      const cpu = await perfOf(
        pid,
        "batching",
        () => cpuOf(pid, 32 * per, () => go(per).then(() => {})),
      );
      const mean = seen.reduce((a, b) => a + b, 0) / seen.length;
      console.log(JSON.stringify(
        {
          figure: "32 one-row clients, large",
          cpu,
          meanBatchRows: Math.round(mean * 10) / 10,
          rowsPerSecond: Math.round(1000 / cpu.wallMsPerUnit),
          load: load(),
        },
        null,
        1,
      ));
    }
    if (ONLY.includes("single")) {
      const model = mlp();
      const id = await uploadModel(api, "mlp", model.bytes);
      const rows = randomRows(model, 64, stream(3));
      const one = binaryInput(model.input, rows.subarray(0, model.d), model.d);
      for (let i = 0; i < 100; i++) await evaluateBinary(api, id, one);
      const cpu = await cpuOf(pid, REQUESTS * 5, async () => {
        for (let i = 0; i < REQUESTS * 5; i++) await evaluateBinary(api, id, one);
      });
      console.log(JSON.stringify({ figure: "one-row requests, one client, mlp", cpu }, null, 1));
    }
    if (ONLY.includes("cbo")) {
      const model = rastrigin(20);
      const id = await uploadModel(api, "rastrigin", model.bytes);
      const G = Math.max(4, Math.round(REQUESTS / 10));
      const config = { particles: 256 };
      const out: Record<string, unknown> = {};
      for (const rep of [0, 1]) {
        const run = await createModelStudy(
          api,
          `cbo-run-${rep}`,
          model,
          { name: "cbo", config, seed: 100 + rep },
          id,
        );
        out[`run${rep}`] = await perfOf(pid, `cbo-run-${rep}`, () =>
          cpuOf(pid, G, async () => {
            await runToEnd(api, run, { budget: 256 * G, batchSize: 256 });
          }));
        const http = await createCboStudy(
          api,
          `cbo-http-${rep}`,
          20,
          model.upper,
          config,
          100 + rep,
        );
        out[`http${rep}`] = await cpuOf(pid, G, async () => {
          for (let g = 0; g < G; g++) await generation(api, http, 256, rastriginTs);
        });
      }
      console.log(
        JSON.stringify(
          { figure: `cbo, per generation of 256 (${G})`, ...out, load: load() },
          null,
          1,
        ),
      );
    }
  } finally {
    await primary.close();
    await Deno.remove(cacheDir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) await main();
