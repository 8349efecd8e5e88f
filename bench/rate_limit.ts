/**
 * `deno task bench:ratelimit`: what checking rate limits costs ask/tell.
 * Two services on the PostgreSQL server, one without limits (the default)
 * and one with a limit so high it never refuses
 * (MINIMA_RATE_LIMIT_PER_KEY=1000000:1000000), take turns at the same
 * workloads (1 client, then 16 clients, each asking and telling one trial
 * at a time), so that load on the machine falls on both alike. Prints the
 * medians and the ratio limited/unlimited.
 *
 * Settings: MINIMA_BENCH_DATABASE_URL, MINIMA_BENCH_SECONDS (3),
 * MINIMA_BENCH_REPS (5), as in bench/settings.ts.
 */
import { Api, projectKey } from "./api.ts";
import { median, together } from "./measure.ts";
import { ADMIN_KEY, startOnBackend } from "./service.ts";
import { RateLimiter } from "../src/services/rate_limit.ts";

/** The check alone: ns per take() over 1,000 keys, median of 5 rounds of 1,000,000. */
function takeCost(): number {
  const limiter = new RateLimiter({ perKey: { rate: 1e6, burst: 1e6 } }, () => performance.now());
  const principals = Array.from(
    { length: 1000 },
    (_, i) => ({ keyId: `key-${i}`, role: "project" as const, projectId: "p" }),
  );
  const rounds: number[] = [];
  for (let r = 0; r < 6; r++) {
    const started = performance.now();
    for (let i = 0; i < 1_000_000; i++) limiter.take(principals[i % 1000]);
    if (r > 0) rounds.push((performance.now() - started) * 1e6 / 1_000_000);
  }
  return median(rounds);
}

const serverUrl = Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const seconds = Number(Deno.env.get("MINIMA_BENCH_SECONDS") ?? 3);
const reps = Number(Deno.env.get("MINIMA_BENCH_REPS") ?? 5);
const variants: { name: string; env: Record<string, string> }[] = [
  { name: "no limit", env: {} },
  { name: "limit 1000000:1000000", env: { MINIMA_RATE_LIMIT_PER_KEY: "1000000:1000000" } },
];

const load = () => Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
const loadBefore = load();
const services = [];
try {
  for (const v of variants) {
    const s = await startOnBackend("postgres", serverUrl, v.env, "minima_bench_rl");
    services.push({
      ...v,
      s,
      api: new Api(s.service.url, await projectKey(s.service.url, ADMIN_KEY)),
    });
  }
  const rates = new Map<string, number[]>();
  for (const clients of [1, 16]) {
    for (let rep = -1; rep < reps; rep++) { // rep -1: warm-up, not counted
      for (const { name, api } of services) {
        const study = await api.createStudy(`rl-${clients}-${rep}`);
        const deadline = performance.now() + seconds * 1000;
        const started = performance.now();
        const pairs = await together(clients, (i) => api.askTellLoop(study, `c${i}`, deadline));
        const rate = pairs / ((performance.now() - started) / 1000);
        if (rep >= 0) {
          rates.set(`${clients}|${name}`, [...(rates.get(`${clients}|${name}`) ?? []), rate]);
        }
      }
    }
  }
  const lines = [
    `RateLimiter.take alone: ${takeCost().toFixed(0)} ns a request (median of 5 rounds of ` +
    "1,000,000 over 1,000 keys)",
    `rate limit cost on ask/tell (pairs/s), PostgreSQL server; median of ${reps} runs of ` +
    `${seconds} s, the two services taking turns; ${navigator.hardwareConcurrency} CPUs, ` +
    `load average ${loadBefore} at start, ${load()} at end`,
  ];
  for (const clients of [1, 16]) {
    const [off, on] = variants.map((v) => rates.get(`${clients}|${v.name}`)!);
    const ratio = median(on) / median(off);
    lines.push(
      `  ${String(clients).padStart(2)} client${clients > 1 ? "s" : " "}: no limit ${
        median(off).toFixed(1)
      } (${Math.min(...off).toFixed(1)}–${Math.max(...off).toFixed(1)}), limited ${
        median(on).toFixed(1)
      } (${Math.min(...on).toFixed(1)}–${Math.max(...on).toFixed(1)}), ratio ${ratio.toFixed(3)}`,
    );
  }
  console.log(lines.join("\n"));
} finally {
  for (const { s } of services) await s.close();
}
