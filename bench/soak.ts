/**
 * The soak (`deno task soak`, issue 14): the service as a real process under
 * mixed load for 30 minutes, watching its memory. A leak that a test of a few
 * hundred requests cannot see (a cache without a bound, a map of finished
 * work never emptied) shows here as resident memory that keeps growing after
 * the caches have filled.
 *
 * Load, from several client loops at once: ask/tell on many studies (random,
 * sobol; studies are made and deleted as the soak goes, so the set churns),
 * gp-bo ask/tell (a study replaced once it holds GP_TRIALS trials, so a
 * round's cost stays flat), cbo generations (ask N, report N in one batch),
 * comparisons (zo-rank-sgd with labeling: next, rank, list) and exports (CSV
 * and JSONL of a random study).
 *
 * The service's RSS (/proc/<pid>/status VmRSS) is sampled every
 * MINIMA_SOAK_SAMPLE_SECONDS (default 5). Its level after warm-up is the
 * median of the samples of the minute ending at MINIMA_SOAK_WARMUP (a
 * fraction of the run, default 1/6: minute 5 of 30); its level at the end is
 * the median of the last minute's samples. The soak fails (exit 1) when the
 * end level is more than 10% above the warm-up level, or when any request
 * answered a 5xx (or the connection failed).
 *
 * Environment: MINIMA_SOAK_MINUTES (default 30); MINIMA_SOAK_DATABASE_URL, a
 * PostgreSQL server to make a throwaway database on (default: PGlite in a
 * temporary directory, the service's default store); MINIMA_SOAK_CLIENTS
 * (loops per kind of load, default 2).
 */
import { ADMIN_KEY, createScratchDatabase, startService } from "./service.ts";

const MINUTES = Number(Deno.env.get("MINIMA_SOAK_MINUTES") ?? 30);
const WARMUP = Number(Deno.env.get("MINIMA_SOAK_WARMUP") ?? 1 / 6);
const SAMPLE_SECONDS = Number(Deno.env.get("MINIMA_SOAK_SAMPLE_SECONDS") ?? 5);
const CLIENTS = Number(Deno.env.get("MINIMA_SOAK_CLIENTS") ?? 2);
const DATABASE_URL = Deno.env.get("MINIMA_SOAK_DATABASE_URL");
/** The allowed growth of RSS from warm-up to the end. */
const TOLERANCE = 0.10;
/** Studies the ask/tell loops share; the oldest is deleted as a new one is made. */
const STUDIES = 40;
/** A gp-bo study is replaced once it holds this many trials. */
const GP_TRIALS = 40;

/** Requests by kind and by status class, and the 5xx seen. */
class Tally {
  byKind = new Map<string, number>();
  byStatus = new Map<string, number>();
  serverErrors: string[] = [];
  unexpected: string[] = [];
  total = 0;

  record(kind: string, status: number, what: string) {
    this.total++;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
    const cls = status === 0 ? "network" : `${Math.floor(status / 100)}xx`;
    this.byStatus.set(cls, (this.byStatus.get(cls) ?? 0) + 1);
    if (status === 0 || status >= 500) this.serverErrors.push(what);
  }
}

const tally = new Tally();

/** One request; records it and answers status and parsed body (null if none). */
async function call(
  base: string,
  key: string,
  kind: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: any; text: string }> {
  let status = 0;
  let text = "";
  try {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    status = r.status;
    text = await r.text();
  } catch (error) {
    text = String(error);
  }
  tally.record(kind, status, `${method} ${path}: ${status} ${text.slice(0, 300)}`);
  if (status >= 400 && status < 500 && tally.unexpected.length < 20) {
    tally.unexpected.push(`${kind} ${method} ${path}: ${status} ${text.slice(0, 200)}`);
  }
  let parsed = null;
  if (text && status > 0 && status < 300 && !path.includes("/export")) {
    try {
      parsed = JSON.parse(text);
    } catch { /* not JSON */ }
  }
  return { status, body: parsed, text };
}

function floats(d: number, bound = 1) {
  return {
    parameters: Array.from({ length: d }, (_, i) => ({
      name: `x${i}`,
      type: "float",
      min: -bound,
      max: bound,
    })),
  };
}

const OBJECTIVE = { metrics: [{ name: "value", goal: "minimize" }] };

function sphere(params: Record<string, number>): number {
  let s = 0;
  for (const v of Object.values(params)) s += typeof v === "number" ? v * v : 0;
  return s;
}

/** Reads VmRSS of `pid` in bytes (0 when gone). */
function rss(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  const scratch = DATABASE_URL ? await createScratchDatabase(DATABASE_URL, "soak") : undefined;
  const dataDir = scratch ? undefined : await Deno.makeTempDir({ prefix: "minima-soak-" });
  const service = await startService(
    scratch ? { DATABASE_URL: scratch.url } : { MINIMA_DATA_DIR: dataDir! },
    "main.ts",
    // A busy machine may take minutes to migrate a fresh PGlite.
    { readyMs: 600_000 },
  );
  const base = service.url;
  console.log(
    `soak: ${MINUTES} min, ${CLIENTS} loop(s) per kind, on ${
      scratch ? `PostgreSQL (${scratch.name})` : "PGlite"
    }, service pid ${service.pid}`,
  );
  // The clock starts with the load, after the service is ready.
  const started = performance.now();
  const deadline = started + MINUTES * 60_000;
  const samples: { at: number; bytes: number }[] = [];
  const sampler = setInterval(() => {
    samples.push({ at: (performance.now() - started) / 1000, bytes: rss(service.pid) });
  }, SAMPLE_SECONDS * 1000);
  try {
    const project = await call(base, ADMIN_KEY, "setup", "POST", "/v1/projects", {
      name: "soak",
    });
    const key =
      (await call(base, ADMIN_KEY, "setup", "POST", `/v1/projects/${project.body.id}/keys`, {
        name: "soak",
      })).body.key as string;
    const api = (kind: string, method: string, path: string, body?: unknown, h = {}) =>
      call(base, key, kind, method, path, body, h);
    const live = () => performance.now() < deadline;

    // Ask/tell on many studies: a shared ring of studies, refreshed as it goes.
    const studies: string[] = [];
    const newStudy = async (i: number) => {
      const r = await api("study", "POST", "/v1/studies", {
        name: `ask-tell-${i}`,
        space: {
          parameters: [
            ...floats(3).parameters,
            { name: "n", type: "int", min: 1, max: 9 },
            { name: "c", type: "categorical", values: ["a", "b", "c"] },
          ],
        },
        objective: OBJECTIVE,
        algorithm: { name: i % 2 ? "sobol" : "random", seed: i },
      });
      return r.body?.id as string | undefined;
    };
    for (let i = 0; i < STUDIES; i++) {
      const id = await newStudy(i);
      if (id) studies.push(id);
    }
    let made = STUDIES;
    const retired: { id: string; at: number }[] = [];
    const askTell = async (client: number) => {
      let n = 0;
      while (live()) {
        const id = studies[Math.floor(Math.random() * studies.length)];
        const s = await api("suggest", "POST", `/v1/studies/${id}/trials/suggest`, {
          count: 1,
          clientId: `c${client}`,
        });
        const trial = s.body?.trials?.[0];
        if (trial) {
          if (++n % 10 === 0) {
            await api("fail", "POST", `/v1/studies/${id}/trials/${trial.id}/fail`, {
              reason: "soak",
            });
          } else {
            await api("complete", "POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
              values: { value: sphere(trial.params) },
            }, { "idempotency-key": crypto.randomUUID() });
          }
        }
        if (n % 50 === 0) {
          // Churn: a new study in, the oldest out.
          // The old one is deleted a while later: other loops may be using it now.
          const fresh = await newStudy(made++);
          if (fresh) {
            const old = studies.shift();
            studies.push(fresh);
            if (old) retired.push({ id: old, at: performance.now() });
          }
          while (retired.length && performance.now() - retired[0].at > 10_000) {
            await api("study", "DELETE", `/v1/studies/${retired.shift()!.id}`);
          }
          await api("read", "GET", `/v1/studies/${id}/trials?limit=50`);
          await api("read", "GET", `/v1/studies/${id}/trials/best`);
          await api("read", "GET", "/v1/studies?limit=20");
        }
      }
    };

    const gpBo = async (client: number) => {
      let id: string | undefined;
      let trials = 0;
      while (live()) {
        if (!id || trials >= GP_TRIALS) {
          if (id) await api("study", "DELETE", `/v1/studies/${id}`);
          id = (await api("study", "POST", "/v1/studies", {
            name: `gp-${client}`,
            space: floats(4),
            objective: OBJECTIVE,
            algorithm: { name: "gp-bo", seed: client },
          })).body?.id;
          trials = 0;
          if (!id) continue;
        }
        const s = await api("gp-bo suggest", "POST", `/v1/studies/${id}/trials/suggest`, {
          count: 1,
        });
        const trial = s.body?.trials?.[0];
        if (!trial) continue;
        await api("gp-bo complete", "POST", `/v1/studies/${id}/trials/${trial.id}/complete`, {
          values: { value: sphere(trial.params) },
        });
        trials++;
      }
    };

    const cbo = async (client: number) => {
      let id: string | undefined;
      let generations = 0;
      while (live()) {
        if (!id || generations >= 50) {
          if (id) await api("study", "DELETE", `/v1/studies/${id}`);
          id = (await api("study", "POST", "/v1/studies", {
            name: `cbo-${client}`,
            space: floats(6, 5),
            objective: OBJECTIVE,
            algorithm: { name: "cbo", config: { particles: 32 }, seed: client },
          })).body?.id;
          generations = 0;
          if (!id) continue;
        }
        const s = await api("cbo suggest", "POST", `/v1/studies/${id}/trials/suggest`, {
          count: 32,
          clientId: `cbo-${client}`,
        });
        const trials: { id: string; params: Record<string, number> }[] = s.body?.trials ?? [];
        if (trials.length === 0) continue;
        await api("cbo complete", "POST", `/v1/studies/${id}/trials/complete`, {
          items: trials.map((t) => ({ trialId: t.id, values: { value: sphere(t.params) } })),
        }, { prefer: "return=minimal" });
        generations++;
      }
    };

    const comparisons = async (client: number) => {
      let id: string | undefined;
      let ranked = 0;
      const target = [0.2, -0.3, 0.5];
      while (live()) {
        if (!id || ranked >= 60) {
          if (id) await api("study", "DELETE", `/v1/studies/${id}`);
          id = (await api("study", "POST", "/v1/studies", {
            name: `rank-${client}`,
            space: floats(3),
            objective: OBJECTIVE,
            algorithm: { name: "zo-rank-sgd", config: { candidates: 5 }, seed: client },
            labeling: {},
          })).body?.id;
          ranked = 0;
          if (!id) continue;
        }
        const next = await api("comparison next", "POST", `/v1/studies/${id}/comparisons/next`);
        const c = next.body?.comparison;
        if (!c) continue;
        const d = (p: Record<string, number>) =>
          (p.x0 - target[0]) ** 2 + (p.x1 - target[1]) ** 2 + (p.x2 - target[2]) ** 2;
        const order = [...c.candidates].sort((a, b) => d(a.params) - d(b.params))
          .slice(0, c.rankingLength).map((x: { id: string }) => x.id);
        await api("comparison rank", "POST", `/v1/studies/${id}/comparisons/${c.id}/ranking`, {
          ranking: order,
        });
        ranked++;
        if (ranked % 10 === 0) {
          await api("comparison list", "GET", `/v1/studies/${id}/comparisons?limit=20`);
        }
      }
    };

    const exports = async () => {
      let i = 0;
      while (live()) {
        const id = studies[Math.floor(Math.random() * studies.length)];
        const format = i++ % 2 ? "jsonl" : "csv";
        await api(`export ${format}`, "GET", `/v1/studies/${id}/trials/export?format=${format}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    };

    const loops: Promise<void>[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      loops.push(askTell(c), askTell(c + 100), gpBo(c), cbo(c), comparisons(c));
    }
    loops.push(exports());
    const progress = setInterval(() => {
      const last = samples[samples.length - 1];
      console.log(
        `  ${((performance.now() - started) / 60_000).toFixed(1)} min: ${tally.total} requests, ` +
          `${tally.serverErrors.length} 5xx, RSS ${last ? mib(last.bytes) : "?"}`,
      );
    }, 60_000);
    await Promise.all(loops);
    clearInterval(progress);
  } finally {
    clearInterval(sampler);
    await service.stop();
    await scratch?.drop();
    if (dataDir) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }

  const total = MINUTES * 60;
  const warmAt = total * WARMUP;
  const window = Math.min(60, warmAt);
  const warm = median(
    samples.filter((s) => s.at <= warmAt && s.at > warmAt - window).map((s) => s.bytes),
  );
  const end = median(samples.filter((s) => s.at > total - window).map((s) => s.bytes));
  const peak = Math.max(...samples.map((s) => s.bytes));
  const ratio = end / warm;
  console.log(`\nrequests: ${tally.total} in ${MINUTES} min`);
  for (const [kind, n] of [...tally.byKind].sort()) console.log(`  ${kind}: ${n}`);
  console.log(`by status: ${[...tally.byStatus].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (tally.unexpected.length) {
    console.log(`4xx (first ${tally.unexpected.length}):`);
    for (const u of tally.unexpected) console.log(`  ${u}`);
  }
  console.log(
    `RSS: after warm-up (median of the minute to ${(warmAt / 60).toFixed(1)} min) ${mib(warm)}, ` +
      `peak ${mib(peak)}, end (median of the last minute) ${mib(end)}, ` +
      `end/warm-up ${ratio.toFixed(3)} (limit ${(1 + TOLERANCE).toFixed(2)})`,
  );
  console.log(
    `RSS by minute: ${
      Array.from({ length: MINUTES }, (_, m) =>
        (median(
          samples.filter((s) => s.at > m * 60 && s.at <= (m + 1) * 60).map((s) => s.bytes),
        ) /
          2 ** 20).toFixed(0)).join(" ")
    } MiB`,
  );
  let failed = false;
  if (tally.serverErrors.length) {
    failed = true;
    console.log(`FAIL: ${tally.serverErrors.length} 5xx or failed connections; first:`);
    for (const e of tally.serverErrors.slice(0, 10)) console.log(`  ${e}`);
  }
  if (!(ratio <= 1 + TOLERANCE)) {
    failed = true;
    console.log(`FAIL: RSS grew ${((ratio - 1) * 100).toFixed(1)}% after warm-up`);
  }
  if (!failed) console.log("PASS: no 5xx; RSS within 10% of its level after warm-up");
  Deno.exit(failed ? 1 : 0);
}

await main();
