/**
 * "cbo" through the HTTP service (issue 4), on a PostgreSQL server (scratch
 * database) or PGlite:
 * 1. Quality: Rastrigin in d = 5, a batch client that asks for a whole
 *    generation (suggestTrials, count N) and reports it (completeTrials),
 *    several seeds; success when the consensus point of getBestTrials ends
 *    with ‖x − 0‖∞ < 0.25.
 * 2. Speed: N = 256 particles in d = 20, a trivial objective; evaluated trials
 *    per second end to end (target ≥ 10,000), measured at the start and again
 *    once the study holds more than 100,000 trials (the rate should stay flat).
 *
 *   node_modules/.bin/deno run -A bench/cbo_http.ts [--backend postgres|pglite]
 *     [--seeds 5] [--steps 1500] [--seconds 8] [--fill 100000]
 */
import { Api, projectKey } from "./api.ts";
import { createCboStudy, generation, rastrigin } from "./cbo_client.ts";
import { median } from "./measure.ts";
import { ADMIN_KEY, startOnBackend } from "./service.ts";

function arg(name: string, fallback: string): string {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < Deno.args.length ? Deno.args[i + 1] : fallback;
}

const BACKEND = arg("backend", "postgres") as "postgres" | "pglite";
const SERVER = Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const SEEDS = Number(arg("seeds", "5"));
const STEPS = Number(arg("steps", "1500"));
const SECONDS = Number(arg("seconds", "8"));
const FILL = Number(arg("fill", "100000"));

function sum(params: Record<string, number>): number {
  let s = 0;
  for (const x of Object.values(params)) s += x;
  return s;
}

async function quality(api: Api): Promise<void> {
  const d = 5, n = 40, bound = 5.12;
  // Initial particles in [−3, 3]^5 as in CBXpy's reference, inside the box [−5.12, 5.12]^5.
  const low = (-3 + bound) / (2 * bound), high = (3 + bound) / (2 * bound);
  const config = {
    particles: n,
    noise: "anisotropic",
    sigma: 10.1,
    alpha: 30,
    alphaFactor: 1.05,
    lambda: 1,
    dt: 0.01,
    initialBox: { low, high },
  };
  let successes = 0;
  const started = performance.now();
  for (let seed = 1; seed <= SEEDS; seed++) {
    const id = await createCboStudy(api, `rastrigin-${seed}`, d, bound, config, seed);
    for (let step = 0; step < STEPS; step++) await generation(api, id, n, rastrigin);
    // One more suggestion lets the designer take the last generation's step.
    await api.call("POST", `/v1/studies/${id}/trials/suggest`, { count: n }, "suggest");
    const best = await api.call<{
      trials: { values: { value: number } }[];
      recommendation: { params: Record<string, number>; details: Record<string, unknown> };
    }>("GET", `/v1/studies/${id}/trials/best`, undefined, "best");
    const c = best.recommendation.params;
    const inf = Math.max(...Object.values(c).map(Math.abs));
    const ok = inf < 0.25;
    if (ok) successes++;
    console.log(
      `  seed ${seed}: ‖consensus‖∞ = ${inf.toExponential(2)} ${ok ? "success" : "FAIL"}; ` +
        `best value ${best.trials[0].values.value.toExponential(3)}; ` +
        `step ${best.recommendation.details.step}`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Rastrigin d = ${d}, N = ${n}, ${STEPS} steps through HTTP (${BACKEND}): ` +
      `${successes}/${SEEDS} succeed (‖x‖∞ < 0.25); ${(SEEDS * STEPS * n / seconds).toFixed(0)} ` +
      `trials/s over ${seconds.toFixed(1)} s`,
  );
}

async function rate(api: Api, id: string, n: number, seconds: number, echo = false) {
  const rounds: number[] = [];
  let trials = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    const t0 = performance.now();
    trials += await generation(api, id, n, sum, echo);
    rounds.push(performance.now() - t0);
  }
  return { perSecond: trials / ((performance.now() - start) / 1000), roundMs: median(rounds) };
}

async function speed(api: Api): Promise<void> {
  const d = 20, n = 256;
  const id = await createCboStudy(api, "speed", d, 1, { particles: n }, 1);
  for (let i = 0; i < 20; i++) await generation(api, id, n, sum); // warm-up
  api.recording = true;
  const first = await rate(api, id, n, SECONDS);
  const times = api.take();
  api.recording = false;
  console.log(
    `N = ${n}, d = ${d}, fresh study: ${first.perSecond.toFixed(0)} trials/s ` +
      `(median generation ${first.roundMs.toFixed(1)} ms; target ≥ 10,000: ` +
      `${first.perSecond >= 10_000 ? "met" : "NOT met"}); median suggest ` +
      `${median(times.get("suggest") ?? [0]).toFixed(1)} ms, complete ` +
      `${median(times.get("complete") ?? [0]).toFixed(1)} ms (Prefer: return=minimal)`,
  );
  const echoed = await rate(api, id, n, SECONDS, true);
  console.log(
    `  the same with the completed trials echoed back (no Prefer header): ` +
      `${echoed.perSecond.toFixed(0)} trials/s (median generation ${echoed.roundMs.toFixed(1)} ms)`,
  );
  // Baseline in the same run: the same rounds with "random" (no state, no feedback).
  const base = await api.call<{ id: string }>("POST", "/v1/studies", {
    name: "baseline",
    space: {
      parameters: Array.from({ length: d }, (_, i) => ({
        name: `x${i}`,
        type: "float",
        min: -1,
        max: 1,
      })),
    },
    objective: { metrics: [{ name: "value", goal: "minimize" }] },
    algorithm: { name: "random", seed: 1 },
  }, "setup");
  for (let i = 0; i < 20; i++) await generation(api, base.id, n, sum);
  const random = await rate(api, base.id, n, SECONDS);
  console.log(
    `baseline, "random" with the same rounds: ${random.perSecond.toFixed(0)} trials/s; ` +
      `cbo / random = ${(first.perSecond / random.perSecond).toFixed(2)}`,
  );
  let size = await api.studySize(id);
  const before = size;
  const filling = performance.now();
  while (size < FILL) size += await generation(api, id, n, sum);
  const fillSeconds = (performance.now() - filling) / 1000;
  const later = await rate(api, id, n, SECONDS);
  console.log(
    `after ${size.toLocaleString("en")} trials: ${later.perSecond.toFixed(0)} trials/s ` +
      `(median generation ${later.roundMs.toFixed(1)} ms); ratio to the fresh study ` +
      `${(later.perSecond / first.perSecond).toFixed(2)}` +
      (size > before
        ? `; filling ran at ${((size - before) / fillSeconds).toFixed(0)} trials/s`
        : ` (the runs above had already filled it)`),
  );
}

/** Runs `part` against a service on a database of its own (so parts do not share a table). */
async function onFreshBackend(part: (api: Api) => Promise<void>): Promise<void> {
  const backend = await startOnBackend(BACKEND, SERVER, {}, "minima_bench_cbo");
  try {
    await part(new Api(backend.service.url, await projectKey(backend.service.url, ADMIN_KEY)));
  } finally {
    await backend.close();
  }
}

console.log(`cbo through HTTP on ${BACKEND}`);
if (!Deno.args.includes("--no-quality")) await onFreshBackend(quality);
if (!Deno.args.includes("--no-speed")) await onFreshBackend(speed);
