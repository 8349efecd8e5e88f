/**
 * Turns the benchmark's results into tables on stdout and target checks.
 */
import type { Figure } from "./measure.ts";
import { OPTUNA_HINT, type OptunaResult } from "./optuna.ts";
import type { TableStats } from "./pgwait.ts";

/** One backend's figures. */
export interface BackendResult {
  backend: "postgres" | "pglite";
  /** Seconds from spawning the service to GET /readyz = 200. */
  startSeconds: number;
  sequential: Figure;
  concurrent: Figure;
  bulk: Figure;
  bulkConcurrent: Figure;
  /** How the big study was grown. */
  fill: {
    target: number;
    size: number;
    seconds: number;
    reachedTarget: boolean;
    /** The trials table's row versions after the fill and at the end (PostgreSQL server). */
    tableAfterFill: TableStats | null;
    tableAtEnd: TableStats | null;
  };
  bigSequential: Figure;
  bigConcurrent: Figure;
}

/** A figure held against a target. */
export interface TargetCheck {
  name: string;
  target: string;
  value: number;
  unit: string;
  met: boolean;
}

/** A fixed-width table; columns after the first are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) =>
    r.map((cell, c) => c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])).join("  ")
      .trimEnd()
  ).join("\n");
}

/** A number with thousands separators and at most one decimal. */
export function fmt(x: number): string {
  return x.toLocaleString("en-US", { maximumFractionDigits: x < 100 ? 1 : 0 });
}

/** big / fresh, and the drop in percent. */
export function dropOf(fresh: Figure, big: Figure): { ratio: number; dropPercent: number } {
  const ratio = fresh.median > 0 ? big.median / fresh.median : 0;
  return {
    ratio: Math.round(ratio * 1000) / 1000,
    dropPercent: Math.round((1 - ratio) * 1000) / 10,
  };
}

/** Checks PostgreSQL's figures against the targets from the issue. */
export function checkTargets(pg: BackendResult): TargetCheck[] {
  const seqDrop = dropOf(pg.sequential, pg.bigSequential);
  const concDrop = dropOf(pg.concurrent, pg.bigConcurrent);
  const at = pg.fill.size.toLocaleString("en-US");
  return [
    {
      name: "sequential, 1 client",
      target: ">= 400 pairs/s",
      value: pg.sequential.median,
      unit: "pairs/s",
      met: pg.sequential.median >= 400,
    },
    {
      name: "16 clients",
      target: ">= 1,500 pairs/s",
      value: pg.concurrent.median,
      unit: "pairs/s",
      met: pg.concurrent.median >= 1500,
    },
    {
      name: `drop at ${at} trials, sequential`,
      target: "<= 20 %",
      value: seqDrop.dropPercent,
      unit: "%",
      met: seqDrop.dropPercent <= 20 && pg.fill.reachedTarget,
    },
    {
      name: `drop at ${at} trials, 16 clients`,
      target: "<= 20 %",
      value: concDrop.dropPercent,
      unit: "%",
      met: concDrop.dropPercent <= 20 && pg.fill.reachedTarget,
    },
    {
      name: "bulk, 1 client",
      target: "> 10,000 trials/s",
      value: pg.bulk.median,
      unit: "trials/s",
      met: pg.bulk.median > 10_000,
    },
    {
      name: "bulk, 4 clients",
      target: "> 10,000 trials/s",
      value: pg.bulkConcurrent.median,
      unit: "trials/s",
      met: pg.bulkConcurrent.median > 10_000,
    },
  ];
}

function figures(r: BackendResult): [string, Figure, string][] {
  const seqDrop = dropOf(r.sequential, r.bigSequential);
  const concDrop = dropOf(r.concurrent, r.bigConcurrent);
  const pg = r.backend === "postgres";
  const big = r.fill.size.toLocaleString("en-US");
  return [
    ["a) sequential, 1 client", r.sequential, pg ? ">= 400" : ""],
    ["b) 16 clients", r.concurrent, pg ? ">= 1,500" : ""],
    ["c) bulk 256, 1 client", r.bulk, pg ? "> 10,000" : ""],
    ["c) bulk 256, 4 clients", r.bulkConcurrent, pg ? "> 10,000" : ""],
    [
      `d) sequential at ${big} trials (ratio ${seqDrop.ratio.toFixed(2)})`,
      r.bigSequential,
      pg ? "drop <= 20%" : "",
    ],
    [
      `d) 16 clients at ${big} trials (ratio ${concDrop.ratio.toFixed(2)})`,
      r.bigConcurrent,
      pg ? "drop <= 20%" : "",
    ],
  ];
}

/** The main table of one backend: median, min, max, unit, target, whether it is met. */
export function backendTable(r: BackendResult): string {
  const checks = r.backend === "postgres" ? checkTargets(r) : [];
  const verdicts = [0, 1, 4, 5, 2, 3].map((i) => checks[i]);
  const rows = [["workload", "median", "min", "max", "unit", "target", "meets"]];
  figures(r).forEach(([name, f, target], i) => {
    const check = verdicts[i];
    let meets = "";
    if (check) {
      meets = check.met ? "yes" : "NO";
      if (check.unit === "%") meets += ` (drop ${check.value}%)`;
    }
    rows.push([name, fmt(f.median), fmt(f.min), fmt(f.max), f.unit, target, meets]);
  });
  return table(rows);
}

function kinds(f: Figure): string {
  return Object.entries(f.latency)
    .filter(([k]) => k !== "setup")
    .map(([k, l]) => `${k} ${l.mean} ms (p99 ${l.p99}, ${Math.round(l.share * 100)}%)`)
    .join("; ");
}

function serverSide(f: Figure): string {
  return Object.entries(f.serverMs)
    .map(([route, ms]) =>
      `${
        route.replace("POST /v1/studies/:studyId/trials/", "").replace(":trialId/", "{id}/")
      } ${ms}`
    )
    .join(", ");
}

function sessions(f: Figure): string {
  if (!f.sessions) return "";
  const parts = Object.entries(f.sessions).map(([what, n]) => `${what} ${n}`);
  return `\n      database sessions (average): ${parts.join(", ") || "none busy"}`;
}

/** Where the time goes: CPU by process, latencies by request kind, database sessions. */
export function detailTable(r: BackendResult): string {
  const pg = r.backend === "postgres";
  const rows = [["workload", "CPU: server", "postgres", "bench", "other", "machine"]];
  const lines: string[] = [];
  for (const [name, f] of figures(r)) {
    const short = name.replace(/ \(ratio.*\)$/, "");
    const other = f.cpu.total - f.cpu.server - f.cpu.client - (pg ? f.cpu.postgres : 0);
    rows.push([
      short,
      `${f.cpu.server}%`,
      pg ? `${f.cpu.postgres}%` : "-",
      `${f.cpu.client}%`,
      `${Math.max(0, other)}%`,
      `${f.cpu.total}%`,
    ]);
    lines.push(
      `  ${short}: client-observed mean: ${kinds(f)}`,
      `      server-side mean ms: ${serverSide(f)}; study ${fmt(f.studySize.before)} -> ${
        fmt(f.studySize.after)
      } trials (last run)${sessions(f)}`,
    );
  }
  const busy = figures(r).map(([, f]) =>
    f.cpu.total - f.cpu.server - f.cpu.client -
    (pg ? f.cpu.postgres : 0)
  );
  const warning = Math.max(...busy) > 50
    ? [
      `note: other processes used up to ${Math.max(...busy)}% CPU during these runs ` +
      "(a busy machine): the figures above are lower than a quiet machine would give",
    ]
    : [];
  return [
    table(rows),
    "(CPU in % of one core, 200% = both cores of two; other = kernel and every other process)",
    ...warning,
    ...lines,
  ].join("\n");
}

/** Optuna's figures and minima's ratio to them. */
export function optunaLines(optuna: OptunaResult, pg: BackendResult | undefined): string {
  if (!optuna.ran) {
    return `Optuna baseline skipped: ${optuna.reason}` +
      (optuna.missing ? `; to get it: ${OPTUNA_HINT}.` : ".");
  }
  const rows = [["Optuna RDBStorage, sequential", "median", "min", "max", "unit", "ratio"]];
  for (const f of optuna.figures) {
    const minima = pg ? (f.size === 0 ? pg.sequential : pg.bigSequential) : undefined;
    const ratio = minima && f.median > 0 ? minima.median / f.median : 0;
    rows.push([
      `at ${f.size.toLocaleString("en-US")} trials (-> ${f.endSize.toLocaleString("en-US")})`,
      fmt(f.median),
      fmt(f.min),
      fmt(f.max),
      "pairs/s",
      minima ? `${fmt(ratio)}x` : "",
    ]);
  }
  const notes = [
    `(Optuna ${optuna.version} via ${optuna.python}, RandomSampler(seed=1), PostgreSQL server)`,
    "ratio = minima's sequential pairs/s on PostgreSQL divided by Optuna's: the fresh-study " +
    "figure against Optuna's first row, the figure at " +
    `${pg?.fill.size.toLocaleString("en-US") ?? "?"} trials against the larger Optuna studies`,
  ];
  return `${table(rows)}\n${notes.join("\n")}`;
}
