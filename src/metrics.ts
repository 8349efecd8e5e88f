/**
 * What /metrics serves, in Prometheus text format, on prom-client: each
 * app's registry (its requests, the trials by state, the database pool, the
 * designer workers, the services' counters) and the process's own (CPU,
 * memory, event-loop lag, garbage collection: prom-client's default metrics,
 * once per process however many apps it holds). The ONNX runtime renders its
 * series itself (src/evaluators/onnx/metrics.ts); they are appended.
 *
 * Nothing here labels a series with a study, a project or a key: a scrape
 * shows totals over all tenants, never one tenant's numbers.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, Summary } from "prom-client";
import type { DatabaseHandle } from "./db/client.ts";
import { trialGauge } from "./db/queries/trial_counts.ts";
import type { ServiceContext } from "./services/context.ts";
import { TrialStateSchema } from "./services/study_schema.ts";

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The content type of the text format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

let processRegistry: Registry | undefined;

/** The process's metrics (prom-client's defaults), started on first use. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Counts requests by route, method and status, and their latencies by route. */
export class RequestMetrics {
  readonly #requests: Counter<"method" | "route" | "status">;
  readonly #latency: Histogram<"method" | "route">;

  constructor(registry: Registry) {
    this.#requests = new Counter({
      name: "minima_http_requests_total",
      help: "HTTP requests by method, route and status.",
      labelNames: ["method", "route", "status"],
      registers: [registry],
    });
    this.#latency = new Histogram({
      name: "minima_http_request_duration_seconds",
      help: "HTTP request latency by method and route.",
      labelNames: ["method", "route"],
      buckets: BUCKETS,
      registers: [registry],
    });
  }

  /** Records one finished request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.#requests.inc({ method, route, status });
    this.#latency.observe({ method, route }, seconds);
  }
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
   * where a batch's time goes (`deno task bench:workers` reads it). Made by
   * `register`; steps before it are not counted.
   */
  #steps: Summary<"step"> | undefined;

  /** Counts `ms` spent in one step of a batch. */
  spent(step: RunStep, ms: number): void {
    this.#steps?.observe({ step }, ms / 1000);
  }

  /** Counts a run a worker ended. */
  finished(state: string): void {
    this.ended.set(state, (this.ended.get(state) ?? 0) + 1);
  }

  /** Counts trials a run completed. */
  evaluated(count: number): void {
    this.trials += count;
  }

  /** Serves the counters in `registry`. */
  register(registry: Registry): void {
    const ended = this.ended;
    counter(
      registry,
      "minima_run_batches_claimed_total",
      "Batches of runs claimed by this process's workers (opened or taken over).",
      () => this.claimed,
    );
    new Counter({
      name: "minima_runs_finished_total",
      help: "Runs ended by this process's workers, by final state.",
      labelNames: ["state"],
      registers: [registry],
      collect: function (this: Counter<"state">) {
        this.reset();
        for (const state of ["SUCCEEDED", "FAILED", "CANCELLED"]) {
          this.inc({ state }, ended.get(state) ?? 0);
        }
      },
    });
    counter(
      registry,
      "minima_run_trials_evaluated_total",
      "Trials evaluated and completed by runs.",
      () => this.trials,
    );
    this.#steps = new Summary({
      name: "minima_run_step_seconds",
      help: "Time this process's workers spent in each step of a batch.",
      labelNames: ["step"],
      percentiles: [],
      registers: [registry],
    });
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

  /** Serves the counters in `registry`, with the pool's worker failures. */
  register(registry: Registry, workerFailures: () => number): void {
    counter(
      registry,
      "minima_designer_state_rebuilds_total",
      "Saved designer states that could not be read and were rebuilt from the trials.",
      () => this.stateRebuilds,
    );
    counter(
      registry,
      "minima_designer_prepared_redos_total",
      "Suggestions whose points, computed before the study's lock, were redone under it.",
      () => this.preparedRedos,
    );
    counter(
      registry,
      "minima_designer_cancelled_total",
      "Designer computations cancelled because their callers gave up.",
      () => this.cancelled,
    );
    counter(
      registry,
      "minima_suggest_abandoned_total",
      "Suggestions every caller of which disconnected before the answer; nothing was written " +
        "for them.",
      () => this.abandoned,
    );
    counter(
      registry,
      "minima_designer_worker_failures_total",
      "Designer workers that crashed (their calls were rejected; the worker was replaced).",
      workerFailures,
    );
  }
}

/** A counter without labels whose value is read at each scrape. */
function counter(registry: Registry, name: string, help: string, value: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect: function (this: Counter) {
      this.reset();
      this.inc(value());
    },
  });
}

/** A gauge without labels whose value is read at each scrape. */
function gauge(registry: Registry, name: string, help: string, value: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect: function (this: Gauge) {
      this.set(value());
    },
  });
}

/** Everything one app's /metrics serves. */
export class ServiceMetrics {
  readonly #registry = new Registry();
  readonly #services: ServiceContext;
  #rendering: Promise<string> | undefined;
  /** The app's requests (its middleware records each). */
  readonly requests: RequestMetrics;

  constructor(services: ServiceContext, database: DatabaseHandle) {
    this.#services = services;
    const registry = this.#registry;
    this.requests = new RequestMetrics(registry);
    new Gauge({
      name: "minima_trials",
      help: "Trials by state, over all studies (an ACTIVE trial whose lease ran out is STALE).",
      labelNames: ["state"],
      registers: [registry],
      // Without the database, the scrape still serves everything else (without this gauge).
      collect: async function (this: Gauge<"state">) {
        this.reset();
        try {
          const found = await trialGauge(services.db, services.now());
          for (const state of TrialStateSchema.options) this.set({ state }, found.get(state) ?? 0);
        } catch (error) {
          services.log?.warn("metrics: cannot read trials by state", { error: String(error) });
        }
      },
    });
    gauge(
      registry,
      "minima_db_pool_size",
      "Connections the database pool may open (1 for the embedded database).",
      () => database.poolSize,
    );
    gauge(
      registry,
      "minima_db_transactions_in_flight",
      "Transactions open now; on a server each holds a pooled connection.",
      () => database.transactionsInFlight(),
    );
    services.counters?.register(registry, () => services.designers?.failures ?? 0);
    services.runCounters?.register(registry);
    const designers = services.designers;
    if (designers) {
      gauge(
        registry,
        "minima_designer_workers",
        "Designer workers in the pool.",
        () => designers.workers,
      );
      gauge(
        registry,
        "minima_designer_calls_pending",
        "Calls sent to designer workers and not answered yet (queued behind others, or computing).",
        () => designers.pendingCalls,
      );
      const calls = new Histogram({
        name: "minima_designer_call_duration_seconds",
        help:
          "Time from a call to a designer worker to its answer, queueing included, by operation.",
        labelNames: ["op"],
        buckets: BUCKETS,
        registers: [registry],
      });
      designers.watchCalls((op, seconds) => calls.observe({ op }, seconds));
    }
    const suggestions = services.suggestions;
    gauge(
      registry,
      "minima_suggestions_waiting",
      "Suggestion requests waiting for their study's group in flight.",
      () => suggestions?.waiting?.() ?? 0,
    );
  }

  /**
   * The metrics in Prometheus text format (0.0.4). Scrapes that arrive while
   * one is being rendered share its text: many scrapers cost one render at a
   * time, never more of the event loop that serves ask and tell.
   */
  render(): Promise<string> {
    return this.#rendering ??= this.#render().finally(() => this.#rendering = undefined);
  }

  async #render(): Promise<string> {
    const onnx = this.#services.onnx?.renderMetrics() ?? "";
    return (await this.#registry.metrics()) + (await processMetrics().metrics()) + onnx;
  }
}
