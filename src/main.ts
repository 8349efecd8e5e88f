/**
 * A process of minima, as the service (`deno task start`: the API, with
 * `MINIMA_RUN_WORKERS` run workers) or as a worker (`deno task worker`,
 * src/worker.ts: run workers and the operations endpoints only): the same
 * start either way, configuration → database (migrated) → app → serve, so
 * the two never drift. SIGTERM and SIGINT stop accepting, finish what is in
 * flight, close the database.
 */
import { DesignerPool } from "./algorithms/remote/mod.ts";
import { linalgBackend } from "./math/linalg_backend.ts";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { needsOwnVacuum, startVacuum } from "./db/maintenance.ts";
import { OnnxRuntime } from "./evaluators/onnx/mod.ts";
import { createLogger } from "./log.ts";
import { expireIdempotencyKeys } from "./services/idempotency.ts";
import { bootstrapAdminKey } from "./services/projects.ts";
import { gpuProbe } from "./services/runs/gpu.ts";
import { RunWorkers } from "./services/runs/workers.ts";
import { Scheduler } from "./services/schedules_ticks.ts";

/** What a process serves: the whole API (and runs), or only runs (a worker). */
export type ProcessRole = "service" | "worker";

/** Loads the configuration, refusing (exit 2) what the role cannot run on. */
function configure(role: ProcessRole) {
  try {
    const config = loadConfig();
    if (role === "worker" && !config.databaseUrl) {
      throw new ConfigError(
        "invalid configuration:\n  DATABASE_URL: a worker process shares a PostgreSQL server " +
          "with the API processes (the embedded database belongs to one process)",
      );
    }
    if (role === "worker" && config.runWorkers < 1) {
      throw new ConfigError(
        "invalid configuration:\n  MINIMA_RUN_WORKERS: a worker process needs at least 1",
      );
    }
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      Deno.exit(2);
    }
    throw error;
  }
}

/**
 * Refuses (exit 1) with a sentence, not a stack trace, when the port is taken:
 * checked before the database is opened, so nothing is started for nothing.
 * (Another process may still take it in between; Deno.serve then throws.)
 */
function checkPortFree(hostname: string, port: number): void {
  if (port === 0) return;
  try {
    Deno.listen({ hostname, port }).close();
  } catch (error) {
    if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    console.error(
      `minima cannot listen on ${hostname}:${port}: another process uses that port. Stop it, ` +
        "or set PORT to another port (PORT=0 picks a free one).",
    );
    Deno.exit(1);
  }
}

/** Starts a process of the role and serves until SIGTERM or SIGINT. */
export async function startProcess(role: ProcessRole): Promise<void> {
  const config = configure(role);
  checkPortFree(config.host, config.port);
  const logger = createLogger(config.logLevel);
  let database;
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.dbPoolSize,
    });
    await database.migrate();
  } catch (error) {
    console.error(`cannot open the database: ${(error as Error).message}`);
    Deno.exit(1);
  }
  const where = database.kind === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL server";
  logger.info("database ready", { database: where });

  const generated = role === "service" && await bootstrapAdminKey(database.db, config.adminKey);
  if (generated) {
    console.log(
      `\nGenerated the admin key (shown only this once; only its hash is stored):\n\n  ${generated}\n\n` +
        "Keep it: it creates projects and their API keys. Set MINIMA_ADMIN_KEY to use your own.\n",
    );
  }

  const designers = new DesignerPool(config.designWorkers, {
    onWorkerFailed: (error) =>
      logger.error("designer worker failed; its calls were rejected", { error: error.message }),
  });
  let linalg;
  try {
    linalg = linalgBackend();
  } catch (error) {
    console.error(`invalid configuration: MINIMA_LINALG: ${(error as Error).message}`);
    await database.close();
    Deno.exit(2);
  }
  logger.info("linear algebra backend", { backend: linalg.name, description: linalg.description });
  // Any number of processes may run a scheduler: each tick starts one run whichever does.
  const scheduler = config.scheduler ? new Scheduler() : undefined;
  const onnx = new OnnxRuntime({
    providers: config.onnxProviders,
    cudaDevice: config.cudaDevice,
    gpuMemoryLimitBytes: config.gpuMemoryLimitBytes,
    cacheBytes: config.onnxCacheBytes,
    intraOpThreads: config.onnxThreads,
    maxBatchRows: config.onnxMaxBatchRows,
    maxDelayMs: config.onnxMaxDelayMs,
    log: logger,
  });
  logger.info("onnx runtime", { providers: config.onnxProviders.join(",") });
  // Whether a GPU provider loads here: only then do this process's workers take runs that require one.
  const gpu = config.runWorkers > 0 ? gpuProbe(onnx, logger) : () => false;
  const runs = new RunWorkers({
    workers: config.runWorkers,
    leaseSeconds: config.runLeaseSeconds,
    gpu,
  });
  const app = createApp({
    api: role === "service",
    onnx,
    modelCacheDir: config.modelCacheDir,
    maxModelBytes: config.maxModelBytes,
    designers,
    runs,
    scheduler,
    database,
    logger,
    adminKey: config.adminKey,
    metricsToken: config.metricsToken,
    maxBodyBytes: config.maxBodyBytes,
    defaultLeaseSeconds: config.defaultLeaseSeconds,
    docs: config.docs,
    rateLimits: config.rateLimits,
    corsOrigins: config.corsOrigins,
  });
  const controller = new AbortController();
  const server = Deno.serve({
    port: config.port,
    hostname: config.host,
    signal: controller.signal,
    onListen: ({ hostname, port }) => {
      const host = hostname === "0.0.0.0" ? "localhost" : hostname;
      logger.info("listening", { url: `http://${host}:${port}` });
      console.log(
        role === "worker"
          ? `minima worker is up (${config.runWorkers} run workers); ` +
            `health and metrics on http://${host}:${port}`
          : `minima is up on http://${host}:${port}` +
            (config.docs ? ` — API docs: http://${host}:${port}/docs` : ""),
      );
    },
  }, app.fetch);

  const sweep = setInterval(() => {
    expireIdempotencyKeys(database.db, new Date()).catch((error) =>
      logger.warn("idempotency sweep failed", { error: String(error) })
    );
  }, 3600_000);
  const ownVacuum = await needsOwnVacuum(database);
  if (ownVacuum && database.kind === "postgres") {
    logger.info("autovacuum is off on the database server: minima vacuums its trials itself");
  }
  const stopVacuum = startVacuum(database, logger, { trials: ownVacuum });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    clearInterval(sweep);
    const vacuumStopped = stopVacuum();
    const timer = setTimeout(() => {
      logger.warn("shutdown timed out; closing anyway");
      Deno.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    // Watchers' streams end first: shutdown() waits for every response to finish.
    runs.closeStreams();
    await server.shutdown();
    // No run is started after this; the pass in flight ends first.
    await scheduler?.stop();
    // Each run worker finishes its batch and gives its run back to the queue.
    await runs.stop();
    // After the requests and runs in flight: they may still be evaluating models.
    await onnx.close();
    // After the requests in flight: their suggestions may still need a worker.
    designers.close();
    await vacuumStopped;
    await database.close();
    clearTimeout(timer);
    logger.info("stopped");
    Deno.exit(0);
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    Deno.addSignalListener(signal, () => void stop(signal));
  }
  await server.finished;
}

if (import.meta.main) await startProcess("service");
