/**
 * Configuration: the environment, parsed once at start with zod.
 *
 * A bad value stops the start with a message that names the variable.
 */
import { z } from "zod";
import { DEFAULT_DESIGN_MEMORY_BYTES } from "./algorithms/design_memory.ts";
import { parseRateLimit, type RateLimits, rateLimits } from "./services/rate_limit.ts";

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

const boolish = z.enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = (max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(
    z.number().int().min(1).max(max),
  );

const wholeNumber = (max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(
    z.number().int().min(0).max(max),
  );

/** "RATE" or "RATE:BURST" (requests a second, burst), or "off". */
const rateLimit = z.string().transform((v, ctx) => {
  const parsed = parseRateLimit(v.trim());
  if (typeof parsed === "string" && parsed !== "off") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/**
 * "https://label.example.org,http://localhost:5173": exact origins (scheme,
 * host and port as a browser sends them in `Origin`), no paths, no "*".
 */
const originList = z.string().transform((v, ctx) => {
  const origins = v.split(",").map((o) => o.trim()).filter((o) => o !== "");
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (
      !parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin
    ) {
      ctx.addIssue({
        code: "custom",
        message: `"${origin}" is not an origin: write scheme://host[:port] exactly as browsers ` +
          'send it (http or https, lower case, no path, no trailing slash; "*" is not allowed)',
      });
      return z.NEVER;
    }
  }
  return [...new Set(origins)];
});

const ONNX_PROVIDERS = ["cuda", "webgpu", "cpu"] as const;

/** "cuda,cpu": known provider names, each once, in order of preference. */
const providerList = z.string().transform((v) => v.split(",").map((p) => p.trim())).pipe(
  z.array(z.enum(ONNX_PROVIDERS, { message: `each must be one of ${ONNX_PROVIDERS.join(", ")}` }))
    .min(1)
    .refine((l) => new Set(l).size === l.length, "must not name a provider twice"),
);

const ConfigSchema = z.object({
  PORT: z.string().regex(/^\d+$/, "must be a port number").transform(Number)
    .pipe(z.number().int().min(0).max(65535)).default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().regex(
    /^postgres(ql)?:\/\//,
    "must be a postgres:// or postgresql:// URL",
  ).optional(),
  MINIMA_DATA_DIR: z.string().min(1).default("./data"),
  MINIMA_ADMIN_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  MINIMA_METRICS_TOKEN: z.string().regex(/^\S{16,}$/, "must be at least 16 characters, no spaces")
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MINIMA_DB_POOL_SIZE: positiveInt(1000).default(20),
  MINIMA_MAX_BODY_BYTES: positiveInt(1 << 30).default(4 * 1024 * 1024),
  MINIMA_DEFAULT_LEASE_SECONDS: positiveInt(30 * 24 * 3600).default(3600),
  MINIMA_SHUTDOWN_TIMEOUT_SECONDS: positiveInt(3600).default(30),
  MINIMA_DOCS: boolish.default(true),
  MINIMA_DESIGN_WORKERS: positiveInt(64).optional(),
  // Read by src/algorithms/design_memory.ts (in every worker too); checked here.
  MINIMA_DESIGN_MEMORY_BYTES: positiveInt(Number.MAX_SAFE_INTEGER).default(
    DEFAULT_DESIGN_MEMORY_BYTES,
  ),
  // Read by src/math/linalg_backend.ts (in every worker too); checked here so
  // that a bad value stops the start.
  MINIMA_LINALG: z.enum(["auto", "typescript", "openblas"]).default("auto"),
  MINIMA_OPENBLAS_PATH: z.string().min(1).optional(),
  MINIMA_RUN_WORKERS: wholeNumber(64).default(1),
  MINIMA_RUN_LEASE_SECONDS: positiveInt(3600).default(30),
  MINIMA_SCHEDULER: boolish.default(true),
  // onnxruntime loads a model as one protobuf message, which must be under 2 GiB.
  MINIMA_MAX_MODEL_BYTES: positiveInt(2 ** 31 - 1).default(256 * 1024 * 1024),
  MINIMA_MODEL_CACHE_DIR: z.string().min(1).optional(),
  // ONNX models minima evaluates itself (src/evaluators/onnx/).
  MINIMA_ONNX_PROVIDERS: providerList.default(["cuda", "cpu"]),
  MINIMA_CUDA_DEVICE: wholeNumber(1024).default(0),
  MINIMA_GPU_MEMORY_LIMIT_BYTES: positiveInt(Number.MAX_SAFE_INTEGER).optional(),
  MINIMA_ONNX_CACHE_BYTES: positiveInt(Number.MAX_SAFE_INTEGER).default(1024 ** 3),
  MINIMA_ONNX_THREADS: positiveInt(1024).optional(),
  MINIMA_ONNX_MAX_BATCH_ROWS: positiveInt(1 << 24).default(4096),
  MINIMA_ONNX_MAX_DELAY_MS: wholeNumber(60_000).default(0),
  MINIMA_RATE_LIMIT_PER_KEY: rateLimit.optional(),
  MINIMA_RATE_LIMIT_PER_LABELER: rateLimit.optional(),
  MINIMA_CORS_ORIGINS: originList.optional(),
});

/** Every environment variable loadConfig reads (deploy manifests are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(ConfigSchema.shape);

/** The service's typed configuration. */
export interface Config {
  /** TCP port to listen on (0 picks a free one). */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** PostgreSQL server URL; absent means PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite's data directory (embedded mode). */
  dataDir: string;
  /** The bootstrap admin key, if given. */
  adminKey?: string;
  /** The token /metrics requires, if given (else /metrics is open). */
  metricsToken?: string;
  /** Least severe log level written. */
  logLevel: (typeof LOG_LEVELS)[number];
  /** Connections in the postgres.js pool. */
  dbPoolSize: number;
  /** Largest request body accepted. */
  maxBodyBytes: number;
  /** Lease of a handed-out trial for studies that do not set one. */
  defaultLeaseSeconds: number;
  /** How long a SIGTERM waits for requests in flight. */
  shutdownTimeoutSeconds: number;
  /** Serve /docs and /openapi.json. */
  docs: boolean;
  /** Workers that run CPU-heavy designers (GP fits) off the event loop. */
  designWorkers: number;
  /** Bytes one designer call may allocate (design_memory.ts); larger ones are refused. */
  designMemoryBytes: number;
  /** Runs this process executes at once (0: an API-only process). */
  runWorkers: number;
  /** How long a run worker's claim lasts without renewal (another takes the run after). */
  runLeaseSeconds: number;
  /** Whether this process starts schedules' runs at their ticks (any number of processes may). */
  scheduler: boolean;
  /** The largest model uploadModel accepts. */
  maxModelBytes: number;
  /** This host's copies of models' bytes (default `<dataDir>/models`). */
  modelCacheDir: string;
  /** ONNX execution providers, in order of preference ("cuda", "webgpu", "cpu"). */
  onnxProviders: string[];
  /** The CUDA device ONNX models run on. */
  cudaDevice: number;
  /** Model bytes that sessions on a GPU provider may hold; unset: no limit of its own. */
  gpuMemoryLimitBytes?: number;
  /** Model bytes that ONNX sessions may hold before the least recently used is released. */
  onnxCacheBytes: number;
  /** onnxruntime's intra-op threads per session; unset: onnxruntime's default. */
  onnxThreads?: number;
  /** Most rows in one batched session run. */
  onnxMaxBatchRows: number;
  /**
   * Longest wait of an idle model's first evaluation for others to batch with;
   * 0 (the default): none, batches form from what queues during a run.
   */
  onnxMaxDelayMs: number;
  /**
   * Token buckets per key and per labeler token, in each process; empty (the
   * default): no limit.
   */
  rateLimits: RateLimits;
  /**
   * The exact origins whose pages may call the comparisons API (labeling
   * frontends elsewhere); empty (the default): same-origin only.
   */
  corsOrigins: string[];
}

/** Thrown when the environment does not make a valid configuration. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the configuration from an environment (default: the process's). */
export function loadConfig(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.MINIMA_DATA_DIR,
    adminKey: e.MINIMA_ADMIN_KEY,
    metricsToken: e.MINIMA_METRICS_TOKEN,
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.MINIMA_DB_POOL_SIZE,
    maxBodyBytes: e.MINIMA_MAX_BODY_BYTES,
    defaultLeaseSeconds: e.MINIMA_DEFAULT_LEASE_SECONDS,
    shutdownTimeoutSeconds: e.MINIMA_SHUTDOWN_TIMEOUT_SECONDS,
    docs: e.MINIMA_DOCS,
    designWorkers: e.MINIMA_DESIGN_WORKERS ?? Math.max(1, navigator.hardwareConcurrency - 1),
    designMemoryBytes: e.MINIMA_DESIGN_MEMORY_BYTES,
    runWorkers: e.MINIMA_RUN_WORKERS,
    runLeaseSeconds: e.MINIMA_RUN_LEASE_SECONDS,
    scheduler: e.MINIMA_SCHEDULER,
    maxModelBytes: e.MINIMA_MAX_MODEL_BYTES,
    modelCacheDir: e.MINIMA_MODEL_CACHE_DIR ?? `${e.MINIMA_DATA_DIR}/models`,
    onnxProviders: e.MINIMA_ONNX_PROVIDERS,
    cudaDevice: e.MINIMA_CUDA_DEVICE,
    gpuMemoryLimitBytes: e.MINIMA_GPU_MEMORY_LIMIT_BYTES,
    onnxCacheBytes: e.MINIMA_ONNX_CACHE_BYTES,
    onnxThreads: e.MINIMA_ONNX_THREADS,
    onnxMaxBatchRows: e.MINIMA_ONNX_MAX_BATCH_ROWS,
    onnxMaxDelayMs: e.MINIMA_ONNX_MAX_DELAY_MS,
    rateLimits: rateLimits(e.MINIMA_RATE_LIMIT_PER_KEY, e.MINIMA_RATE_LIMIT_PER_LABELER),
    corsOrigins: e.MINIMA_CORS_ORIGINS ?? [],
  };
}
