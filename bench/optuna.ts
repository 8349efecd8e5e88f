/**
 * The Optuna baseline: runs bench/optuna_baseline.py (Optuna's RDBStorage on
 * a throwaway PostgreSQL database) when a Python with optuna and psycopg2 is
 * installed. Installs nothing.
 */
import { median } from "./measure.ts";
import { createScratchDatabase } from "./service.ts";

/** Optuna's sequential ask/tell rate at one study size. */
export interface OptunaFigure {
  /** Trials in the study when the runs started. */
  size: number;
  /** Trials when they ended. */
  endSize: number;
  /** Seconds it took to grow the study to `size` (bulk inserts through Optuna's ORM). */
  fillSeconds: number;
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** The baseline's outcome: figures, or why there are none. */
export type OptunaResult =
  | { ran: true; python: string; version: string; figures: OptunaFigure[] }
  | { ran: false; reason: string; missing?: boolean };

/** How to get the baseline when it is missing. */
export const OPTUNA_HINT = "`apt-get install python3-optuna python3-psycopg2` (Debian), or set " +
  "MINIMA_BENCH_PYTHON to a python3 that imports optuna and psycopg2";

async function canImport(python: string): Promise<boolean> {
  try {
    const out = await new Deno.Command(python, {
      args: ["-c", "import optuna, psycopg2"],
      stdout: "null",
      stderr: "null",
    }).output();
    return out.success;
  } catch {
    return false;
  }
}

/** The first python3 that imports optuna and psycopg2: $MINIMA_BENCH_PYTHON, python3, /usr/bin/python3. */
export async function findPython(): Promise<string | null> {
  const candidates = [Deno.env.get("MINIMA_BENCH_PYTHON"), "python3", "/usr/bin/python3"];
  for (const python of candidates) {
    if (python && await canImport(python)) return python;
  }
  return null;
}

/**
 * Runs the baseline at each study size (e.g. [0, 2000]): `reps` runs of
 * `seconds` each after a short warm-up, on a throwaway database created on
 * the server at `serverUrl` and dropped afterwards.
 */
export async function runOptuna(
  serverUrl: string,
  seconds: number,
  reps: number,
  sizes: number[],
): Promise<OptunaResult> {
  const python = await findPython();
  if (!python) {
    return { ran: false, reason: "optuna (with psycopg2) is not installed", missing: true };
  }
  const db = await createScratchDatabase(serverUrl, "minima_bench_optuna");
  try {
    const url = new URL(db.url);
    const sqlalchemyUrl = `postgresql+psycopg2://${url.username}${
      url.password ? `:${url.password}` : ""
    }@${url.host}${url.pathname}`;
    const script = new URL("./optuna_baseline.py", import.meta.url).pathname;
    const out = await new Deno.Command(python, {
      args: [script, sqlalchemyUrl, String(seconds), String(reps), ...sizes.map(String)],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(out.stdout).trim();
    if (!out.success) {
      const stderr = new TextDecoder().decode(out.stderr);
      return { ran: false, reason: `the baseline failed: ${stderr.slice(-1500)}` };
    }
    const parsed = JSON.parse(stdout.split("\n").pop()!) as {
      optuna: string;
      results: { size: number; endSize: number; fillSeconds: number; pairsPerSecond: number[] }[];
    };
    return {
      ran: true,
      python,
      version: parsed.optuna,
      figures: parsed.results.map((r) => ({
        size: r.size,
        endSize: r.endSize,
        fillSeconds: r.fillSeconds,
        median: median(r.pairsPerSecond),
        min: Math.min(...r.pairsPerSecond),
        max: Math.max(...r.pairsPerSecond),
        runs: r.pairsPerSecond,
      })),
    };
  } finally {
    await db.drop();
  }
}
