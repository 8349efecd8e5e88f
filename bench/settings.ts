/**
 * The benchmark's settings, from the environment:
 * - MINIMA_BENCH_DATABASE_URL: a PostgreSQL server to create throwaway
 *   databases on (default postgres://postgres@127.0.0.1:5432/postgres);
 * - MINIMA_BENCH_SECONDS (3), MINIMA_BENCH_REPS (3), MINIMA_BENCH_WARMUP (1):
 *   seconds per measured run, runs per figure, seconds of warm-up;
 * - MINIMA_BENCH_BACKENDS ("postgres,pglite");
 * - MINIMA_BENCH_TRIALS (50000): the size of the big study;
 * - MINIMA_BENCH_FILL_SECONDS (120): longest time spent growing it (per backend);
 * - MINIMA_BENCH_OPTUNA_SIZES ("0,2000"): Optuna study sizes ("" skips Optuna);
 * - MINIMA_BENCH_PYTHON: a python3 with optuna and psycopg2 (else python3,
 *   then /usr/bin/python3, are tried).
 */
import type { Timing } from "./measure.ts";

/** The benchmark's settings, from the environment. */
export interface Settings {
  serverUrl: string;
  timing: Timing;
  backends: ("postgres" | "pglite")[];
  bigStudy: number;
  fillSeconds: number;
  optunaSizes: number[];
}

function numberEnv(name: string, fallback: number): number {
  const raw = Deno.env.get(name);
  if (raw === undefined || raw === "") return fallback;
  const x = Number(raw);
  if (!Number.isFinite(x) || x < 0) throw new Error(`${name} must be a number >= 0, not ${raw}`);
  return x;
}

/** Reads the settings (see the module's comment); throws on a bad value. */
export function loadSettings(): Settings {
  const backends = (Deno.env.get("MINIMA_BENCH_BACKENDS") ?? "postgres,pglite")
    .split(",").map((s) => s.trim()).filter(Boolean);
  for (const b of backends) {
    if (b !== "postgres" && b !== "pglite") {
      throw new Error(`MINIMA_BENCH_BACKENDS: unknown backend ${b} (postgres, pglite)`);
    }
  }
  const sizes = Deno.env.get("MINIMA_BENCH_OPTUNA_SIZES") ?? "0,2000";
  return {
    serverUrl: Deno.env.get("MINIMA_BENCH_DATABASE_URL") ??
      "postgres://postgres@127.0.0.1:5432/postgres",
    timing: {
      seconds: numberEnv("MINIMA_BENCH_SECONDS", 3),
      reps: Math.max(1, Math.round(numberEnv("MINIMA_BENCH_REPS", 3))),
      warmup: numberEnv("MINIMA_BENCH_WARMUP", 1),
    },
    backends: backends as Settings["backends"],
    bigStudy: Math.round(numberEnv("MINIMA_BENCH_TRIALS", 50_000)),
    fillSeconds: numberEnv("MINIMA_BENCH_FILL_SECONDS", 120),
    optunaSizes: sizes.split(",").map((s) => s.trim()).filter(Boolean).map(Number),
  };
}
