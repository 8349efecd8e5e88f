/**
 * Request counters and latency histograms, rendered as Prometheus text.
 */

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/** Counts requests by route, method and status, and their latencies by route. */
export class RequestMetrics {
  #requests = new Map<string, number>();
  #latency = new Map<string, Series>();

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
    const lkey = `method="${escapeLabel(method)}",route="${escapeLabel(route)}"`;
    let series = this.#latency.get(lkey);
    if (!series) {
      series = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.#latency.set(lkey, series);
    }
    series.count++;
    series.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) series.buckets[i]++;
  }

  /** The metrics in Prometheus text format (0.0.4). */
  render(): string {
    const lines = [
      "# HELP minima_http_requests_total HTTP requests by method, route and status.",
      "# TYPE minima_http_requests_total counter",
    ];
    for (const [labels, n] of this.#requests) {
      lines.push(`minima_http_requests_total{${labels}} ${n}`);
    }
    lines.push(
      "# HELP minima_http_request_duration_seconds HTTP request latency by method and route.",
      "# TYPE minima_http_request_duration_seconds histogram",
    );
    for (const [labels, s] of this.#latency) {
      BUCKETS.forEach((le, i) =>
        lines.push(
          `minima_http_request_duration_seconds_bucket{${labels},le="${le}"} ${s.buckets[i]}`,
        )
      );
      lines.push(`minima_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      lines.push(`minima_http_request_duration_seconds_sum{${labels}} ${s.sum}`);
      lines.push(`minima_http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    return lines.join("\n") + "\n";
  }
}

/** Renders a gauge of trials by state. */
export function renderTrialGauge(counts: Record<string, number>): string {
  const lines = [
    "# HELP minima_trials Trials by state, over all studies.",
    "# TYPE minima_trials gauge",
  ];
  for (const [state, n] of Object.entries(counts)) {
    lines.push(`minima_trials{state="${state}"} ${n}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * The steps of a run's batch (services/runs/): the claim, the study's
 * suggestion, the renewal that checks the batch is still held, the model's
 * evaluation and the record.
 */
export const RUN_STEPS = ["claim", "suggest", "hold", "evaluate", "record"] as const;
export type RunStep = (typeof RUN_STEPS)[number];

/** Counters of the runs this process's workers drive, for /metrics. */
export class RunCounters {
  /** Batches claimed by this process's workers (opened, or taken over). */
  claimed = 0;
  /** Runs ended by this process's workers, by final state. */
  readonly ended = new Map<string, number>();
  /** Trials the workers evaluated and completed. */
  trials = 0;
  /**
   * Seconds the workers spent in each step of a batch, and how many times:
   * where a batch's time goes (`deno task bench:workers` reads it).
   */
  readonly steps = new Map<RunStep, { seconds: number; count: number }>();

  /** Counts `ms` spent in one step of a batch. */
  spent(step: RunStep, ms: number): void {
    const s = this.steps.get(step) ?? { seconds: 0, count: 0 };
    s.seconds += ms / 1000;
    s.count++;
    this.steps.set(step, s);
  }

  /** Counts a run a worker ended. */
  finished(state: string): void {
    this.ended.set(state, (this.ended.get(state) ?? 0) + 1);
  }

  /** Counts trials a run completed. */
  evaluated(count: number): void {
    this.trials += count;
  }

  /** The counters in Prometheus text format. */
  render(): string {
    const lines = [
      "# HELP minima_run_batches_claimed_total Batches of runs claimed by this process's workers (opened or taken over).",
      "# TYPE minima_run_batches_claimed_total counter",
      `minima_run_batches_claimed_total ${this.claimed}`,
      "# HELP minima_runs_finished_total Runs ended by this process's workers, by final state.",
      "# TYPE minima_runs_finished_total counter",
    ];
    for (const state of ["SUCCEEDED", "FAILED", "CANCELLED"]) {
      lines.push(`minima_runs_finished_total{state="${state}"} ${this.ended.get(state) ?? 0}`);
    }
    lines.push(
      "# HELP minima_run_trials_evaluated_total Trials evaluated and completed by runs.",
      "# TYPE minima_run_trials_evaluated_total counter",
      `minima_run_trials_evaluated_total ${this.trials}`,
      "# HELP minima_run_step_seconds Time this process's workers spent in each step of a batch.",
      "# TYPE minima_run_step_seconds summary",
    );
    for (const step of RUN_STEPS) {
      const s = this.steps.get(step) ?? { seconds: 0, count: 0 };
      lines.push(
        `minima_run_step_seconds_sum{step="${step}"} ${s.seconds}`,
        `minima_run_step_seconds_count{step="${step}"} ${s.count}`,
      );
    }
    return lines.join("\n") + "\n";
  }
}

/**
 * Counters of the designer lifecycle, kept by the services: rebuilt
 * states, points computed before the lock and then redone, cancelled
 * computations. Worker crashes are the pool's own count.
 */
export class DesignerCounters {
  /** Saved states that could not be read and were rebuilt from the trials. */
  stateRebuilds = 0;
  /** Points computed before the study's lock that could not be used (done again under it). */
  preparedRedos = 0;
  /** Designer computations cancelled because every caller waiting on them gave up. */
  cancelled = 0;
  /** Suggestions every caller of which disconnected before the answer (nothing written). */
  abandoned = 0;
  readonly #rebuilt = new Set<string>();

  /** Counts a rebuild; true the first time for this study's state version (log it then). */
  firstRebuild(studyId: string, version: number): boolean {
    const key = `${studyId}@${version}`;
    if (this.#rebuilt.has(key)) return false;
    if (this.#rebuilt.size >= 10_000) this.#rebuilt.clear();
    this.#rebuilt.add(key);
    this.stateRebuilds++;
    return true;
  }

  /** The counters in Prometheus text format, with the pool's worker failures. */
  render(workerFailures: number): string {
    const counter = (name: string, help: string, value: number) =>
      `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}\n`;
    return counter(
      "minima_designer_state_rebuilds_total",
      "Saved designer states that could not be read and were rebuilt from the trials.",
      this.stateRebuilds,
    ) +
      counter(
        "minima_designer_prepared_redos_total",
        "Suggestions whose points, computed before the study's lock, were redone under it.",
        this.preparedRedos,
      ) +
      counter(
        "minima_designer_cancelled_total",
        "Designer computations cancelled because their callers gave up.",
        this.cancelled,
      ) +
      counter(
        "minima_suggest_abandoned_total",
        "Suggestions every caller of which disconnected before the answer; nothing was written " +
          "for them.",
        this.abandoned,
      ) +
      counter(
        "minima_designer_worker_failures_total",
        "Designer workers that crashed (their calls were rejected; the worker was replaced).",
        workerFailures,
      );
  }
}
