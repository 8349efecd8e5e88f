/**
 * Timed repetitions: a warm-up, then N runs of a fixed duration, summarised
 * as median, min and max, with CPU use, latencies by request kind and (on a
 * PostgreSQL server) what the service's sessions were doing.
 */
import { type Api, serverTimes } from "./api.ts";
import { averageStates, type SessionStates, type WaitSampler } from "./pgwait.ts";
import { cpuBetween, type CpuUse, sampleCpu } from "./service.ts";

/** How long and how often to measure. */
export interface Timing {
  /** Seconds per measured run. */
  seconds: number;
  /** Measured runs. */
  reps: number;
  /** Seconds of warm-up before the runs (not measured). */
  warmup: number;
}

/** Latency of one kind of request over a measurement, in milliseconds. */
export interface LatencySummary {
  /** Requests timed. */
  count: number;
  mean: number;
  p50: number;
  p99: number;
  /** Share of all client-observed request time spent in this kind, 0..1. */
  share: number;
}

/** One measured figure. */
export interface Figure {
  /** What was measured, e.g. "sequential, 1 client". */
  label: string;
  /** "pairs/s" (suggest + complete of one trial) or "trials/s". */
  unit: "pairs/s" | "trials/s";
  median: number;
  min: number;
  max: number;
  /** Each run's rate, in order. */
  runs: number[];
  /** Seconds per run. */
  seconds: number;
  /** Trials in the study when the last run started and when it ended. */
  studySize: { before: number; after: number };
  /** Average CPU use over the runs, percent of one core. */
  cpu: CpuUse;
  /** Client-observed latency by request kind (ms). */
  latency: Record<string, LatencySummary>;
  /** Server-side mean time by route (ms), from GET /metrics. */
  serverMs: Record<string, number>;
  /** The service's database sessions by state, on average (PostgreSQL server only). */
  sessions?: SessionStates;
}

/** What to measure. */
export interface Workload {
  label: string;
  unit: Figure["unit"];
  /** The study to run on: a new one per run (fresh) or the same big one. */
  study(run: number | "warmup"): Promise<string>;
  /** Does the work until `deadline` (performance.now ms); returns pairs or trials done. */
  work(studyId: string, deadline: number): Promise<number>;
}

/** The median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

function summarize(samples: Map<string, number[]>): Record<string, LatencySummary> {
  let all = 0;
  for (const list of samples.values()) for (const x of list) all += x;
  const out: Record<string, LatencySummary> = {};
  for (const [kind, list] of samples) {
    const sorted = [...list].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    out[kind] = {
      count: sorted.length,
      mean: round2(sum / sorted.length),
      p50: round2(at(0.5)),
      p99: round2(at(0.99)),
      share: all ? Math.round((sum / all) * 1000) / 1000 : 0,
    };
  }
  return out;
}

interface Tally {
  runs: number[];
  cpu: CpuUse;
  samples: Map<string, number[]>;
  server: Map<string, { sum: number; n: number }>;
  sessions: Record<string, number>;
  sessionSamples: number;
  size: { before: number; after: number };
}

/**
 * Measures one or more workloads: a warm-up of each, then `timing.reps`
 * rounds in which each workload runs once, in turn (A B A B …), so that
 * figures to be compared share the same stretch of time. See Figure.
 */
export async function measure(
  api: Api,
  serverPid: number,
  timing: Timing,
  workloads: Workload[],
  sampler?: WaitSampler,
): Promise<Figure[]> {
  for (const w of workloads) {
    if (timing.warmup > 0) {
      await w.work(await w.study("warmup"), performance.now() + timing.warmup * 1000);
    }
  }
  const tallies: Tally[] = workloads.map(() => ({
    runs: [],
    cpu: { server: 0, client: 0, postgres: 0, total: 0 },
    samples: new Map(),
    server: new Map(),
    sessions: {},
    sessionSamples: 0,
    size: { before: 0, after: 0 },
  }));
  for (let run = 0; run < timing.reps; run++) {
    for (const [i, w] of workloads.entries()) {
      const t = tallies[i];
      const studyId = await w.study(run);
      t.size.before = await api.studySize(studyId);
      const serverBefore = await serverTimes(api.base);
      api.take();
      api.recording = true;
      sampler?.start();
      const a = sampleCpu(serverPid);
      const start = performance.now();
      const done = await w.work(studyId, start + timing.seconds * 1000);
      const elapsed = (performance.now() - start) / 1000;
      const b = sampleCpu(serverPid);
      const waits = await sampler?.stop();
      api.recording = false;
      t.runs.push(round1(done / elapsed));
      const use = cpuBetween(a, b);
      for (const k of Object.keys(t.cpu) as (keyof CpuUse)[]) t.cpu[k] += use[k] / timing.reps;
      for (const [kind, list] of api.take()) {
        t.samples.set(kind, [...(t.samples.get(kind) ?? []), ...list]);
      }
      for (const [route, s] of await serverTimes(api.base)) {
        const was = serverBefore.get(route) ?? { sum: 0, n: 0 };
        const acc = t.server.get(route) ?? { sum: 0, n: 0 };
        t.server.set(route, { sum: acc.sum + s.sum - was.sum, n: acc.n + s.n - was.n });
      }
      if (waits) {
        for (const [k, n] of Object.entries(waits.counts)) t.sessions[k] = (t.sessions[k] ?? 0) + n;
        t.sessionSamples += waits.samples;
      }
      t.size.after = await api.studySize(studyId);
    }
  }
  return workloads.map((w, i) => {
    const t = tallies[i];
    const serverMs: Record<string, number> = {};
    for (const [route, s] of t.server) {
      if (s.n > 0 && route.startsWith("POST ") && !route.endsWith("/v1/studies")) {
        serverMs[route] = round2((s.sum / s.n) * 1000);
      }
    }
    return {
      label: w.label,
      unit: w.unit,
      median: round1(median(t.runs)),
      min: Math.min(...t.runs),
      max: Math.max(...t.runs),
      runs: t.runs,
      seconds: timing.seconds,
      studySize: t.size,
      cpu: Object.fromEntries(
        Object.entries(t.cpu).map(([k, v]) => [k, Math.round(v)]),
      ) as unknown as CpuUse,
      latency: summarize(t.samples),
      serverMs,
      ...(sampler ? { sessions: averageStates(t.sessions, t.sessionSamples) } : {}),
    };
  });
}

/** Runs `clients` copies of a loop at once; returns the sum of what they did. */
export async function together(
  clients: number,
  loop: (index: number) => Promise<number>,
): Promise<number> {
  const done = await Promise.all(Array.from({ length: clients }, (_, i) => loop(i)));
  return done.reduce((a, b) => a + b, 0);
}

/**
 * Grows a study to `target` trials with bulk rounds of up to 1000 from
 * `clients` clients, stopping early after `budgetSeconds`. Returns the size
 * reached and the seconds it took.
 */
export async function fill(
  api: Api,
  studyId: string,
  target: number,
  clients: number,
  budgetSeconds: number,
): Promise<{ size: number; seconds: number; reachedTarget: boolean }> {
  const start = performance.now();
  const deadline = start + budgetSeconds * 1000;
  let size = await api.studySize(studyId);
  const claim = () => {
    const want = Math.max(0, Math.min(1000, target - size));
    size += want;
    return want;
  };
  await together(clients, async (i) => {
    for (;;) {
      if (performance.now() > deadline) return 0;
      const want = claim();
      if (want <= 0) return 0;
      await api.bulkRound(studyId, `fill${i}`, want);
    }
  });
  size = await api.studySize(studyId);
  return {
    size,
    seconds: round1((performance.now() - start) / 1000),
    reachedTarget: size >= target,
  };
}
