/**
 * Configuration: the environment, parsed once at start with zod.
 *
 * A bad value stops the start with a message that names the variable.
 */
import { z } from "zod";

const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

const boolish = z.enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = (max: number) =>
  z.string().regex(/^\d+$/, "must be a whole number").transform(Number).pipe(
    z.number().int().min(1).max(max),
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
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  MINIMA_DB_POOL_SIZE: positiveInt(1000).default(20),
  MINIMA_MAX_BODY_BYTES: positiveInt(1 << 30).default(4 * 1024 * 1024),
  MINIMA_DEFAULT_LEASE_SECONDS: positiveInt(30 * 24 * 3600).default(3600),
  MINIMA_SHUTDOWN_TIMEOUT_SECONDS: positiveInt(3600).default(30),
  MINIMA_DOCS: boolish.default(true),
  MINIMA_DESIGN_WORKERS: positiveInt(64).optional(),
  // Read by src/math/linalg_backend.ts (in every worker too); checked here so
  // that a bad value stops the start.
  MINIMA_LINALG: z.enum(["auto", "typescript", "openblas"]).default("auto"),
  MINIMA_OPENBLAS_PATH: z.string().min(1).optional(),
});

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
    logLevel: e.LOG_LEVEL,
    dbPoolSize: e.MINIMA_DB_POOL_SIZE,
    maxBodyBytes: e.MINIMA_MAX_BODY_BYTES,
    defaultLeaseSeconds: e.MINIMA_DEFAULT_LEASE_SECONDS,
    shutdownTimeoutSeconds: e.MINIMA_SHUTDOWN_TIMEOUT_SECONDS,
    docs: e.MINIMA_DOCS,
    designWorkers: e.MINIMA_DESIGN_WORKERS ?? Math.max(1, navigator.hardwareConcurrency - 1),
  };
}
