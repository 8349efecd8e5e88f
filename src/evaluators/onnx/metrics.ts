/**
 * What the ONNX runtime counts, by model and provider, for /readyz and
 * /metrics: evaluations and their rows, session runs and the rows each ran
 * (how well batching works), and latency from call to answer.
 */

import type { ProviderState } from "./providers.ts";

/** Upper bounds of the latency buckets, in seconds. */
const LATENCY_BUCKETS = [
  0.0005,
  0.001,
  0.0025,
  0.005,
  0.01,
  0.025,
  0.05,
  0.1,
  0.25,
  0.5,
  1,
  2.5,
  5,
];
/** Upper bounds of the batch-size buckets, in rows. */
const ROW_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384, 65536];

class Histogram {
  count = 0;
  sum = 0;
  readonly counts: number[];
  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }
  observe(v: number): void {
    this.count++;
    this.sum += v;
    for (let i = 0; i < this.bounds.length; i++) if (v <= this.bounds[i]) this.counts[i]++;
  }
  lines(name: string, labels: string): string[] {
    const out = this.bounds.map((le, i) =>
      `${name}_bucket{${labels},le="${le}"} ${this.counts[i]}`
    );
    out.push(`${name}_bucket{${labels},le="+Inf"} ${this.count}`);
    out.push(`${name}_sum{${labels}} ${this.sum}`);
    out.push(`${name}_count{${labels}} ${this.count}`);
    return out;
  }
}

/** The counts of one model on one provider. */
export interface ModelCounts {
  model: string;
  provider: string;
  evaluations: number;
  rows: number;
  sessionRuns: number;
  /** Rows per session run. */
  meanBatchRows: number;
  /** From call to answer, queueing included. */
  meanLatencyMs: number;
}

class Series {
  evaluations = 0;
  rows = 0;
  runs = 0;
  runRows = 0;
  readonly latency = new Histogram(LATENCY_BUCKETS);
  readonly batchRows = new Histogram(ROW_BUCKETS);
}

function label(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/** Counters and histograms of the ONNX runtime. */
export class OnnxMetrics {
  readonly #series = new Map<string, Series & { model: string; provider: string }>();
  evaluations = 0;
  rows = 0;
  sessionRuns = 0;

  #get(model: string, provider: string) {
    const key = `${model}\n${provider}`;
    let s = this.#series.get(key);
    if (!s) {
      s = Object.assign(new Series(), { model, provider });
      this.#series.set(key, s);
    }
    return s;
  }

  /** One evaluation answered. */
  evaluation(model: string, provider: string, rows: number, seconds: number): void {
    const s = this.#get(model, provider);
    s.evaluations++;
    s.rows += rows;
    s.latency.observe(seconds);
    this.evaluations++;
    this.rows += rows;
  }

  /** One session run of `rows` rows. */
  run(model: string, provider: string, rows: number): void {
    const s = this.#get(model, provider);
    s.runs++;
    s.runRows += rows;
    s.batchRows.observe(rows);
    this.sessionRuns++;
  }

  /** The counts of each model and provider seen. */
  models(): ModelCounts[] {
    return [...this.#series.values()].map((s) => ({
      model: s.model,
      provider: s.provider,
      evaluations: s.evaluations,
      rows: s.rows,
      sessionRuns: s.runs,
      meanBatchRows: s.runs ? s.runRows / s.runs : 0,
      meanLatencyMs: s.latency.count ? (s.latency.sum / s.latency.count) * 1000 : 0,
    }));
  }

  /** The series in Prometheus text format, without a final newline. */
  render(): string {
    const all = [...this.#series.values()];
    const labelsOf = (s: { model: string; provider: string }) =>
      `model="${label(s.model)}",provider="${label(s.provider)}"`;
    const counter = (name: string, help: string, value: (s: Series) => number) => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} counter`,
      ...all.map((s) => `${name}{${labelsOf(s)}} ${value(s)}`),
    ];
    const histogram = (name: string, help: string, h: (s: Series) => Histogram) => [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} histogram`,
      ...all.flatMap((s) => h(s).lines(name, labelsOf(s))),
    ];
    return [
      ...counter(
        "minima_onnx_evaluations_total",
        "ONNX evaluations answered, by model and provider.",
        (s) => s.evaluations,
      ),
      ...counter("minima_onnx_rows_total", "Rows evaluated, by model and provider.", (s) => s.rows),
      ...counter(
        "minima_onnx_session_runs_total",
        "onnxruntime session runs (one per batch), by model and provider.",
        (s) => s.runs,
      ),
      ...histogram(
        "minima_onnx_batch_rows",
        "Rows per session run, by model and provider.",
        (s) => s.batchRows,
      ),
      ...histogram(
        "minima_onnx_evaluation_duration_seconds",
        "Time from an evaluation's call to its answer, queueing included.",
        (s) => s.latency,
      ),
    ].join("\n");
  }
}

/** What /readyz shows. */
export interface OnnxStatus {
  providers: { requested: string[]; states: ProviderState[] };
  cache: {
    sessions: number;
    bytes: number;
    limitBytes: number;
    gpuBytes: number;
    gpuLimitBytes?: number;
    evictions: number;
    loaded: { model: string; provider: string; bytes: number }[];
  };
  evaluations: number;
  rows: number;
  sessionRuns: number;
  workerCrashes: number;
  models: ModelCounts[];
}

/** The whole runtime in Prometheus text format (0.0.4): providers, sessions, then the series. */
export function renderOnnxMetrics(status: OnnxStatus, metrics: OnnxMetrics): string {
  const gauge = (name: string, help: string, rows: string[]) =>
    [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...rows].join("\n");
  const counter = (name: string, help: string, value: number) =>
    `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}`;
  const available = { available: 1, unavailable: 0, untried: -1 } as const;
  return [
    gauge(
      "minima_onnx_provider_available",
      "Execution providers asked for: 1 loaded a model, 0 failed, -1 not tried yet.",
      status.providers.states.map((p) =>
        `minima_onnx_provider_available{provider="${label(p.name)}"} ${available[p.state]}`
      ),
    ),
    gauge("minima_onnx_sessions", "Sessions held.", [
      `minima_onnx_sessions ${status.cache.sessions}`,
    ]),
    gauge("minima_onnx_session_bytes", "Model bytes held in sessions.", [
      `minima_onnx_session_bytes ${status.cache.bytes}`,
    ]),
    counter(
      "minima_onnx_session_evictions_total",
      "Sessions released to make room.",
      status.cache.evictions,
    ),
    counter("minima_onnx_worker_failures_total", "ONNX workers that died.", status.workerCrashes),
    metrics.render(),
  ].join("\n") + "\n";
}
