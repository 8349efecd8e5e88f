/**
 * Builds the Hono app: middleware, routes, the OpenAPI document and docs.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { DesignerPool } from "./algorithms/remote/mod.ts";
import type { DatabaseHandle } from "./db/client.ts";
import type { OnnxRuntime } from "./evaluators/onnx/mod.ts";
import { isConnectionLost, isDataException, isOutOfConnections, isTransient } from "./db/errors.ts";
import { Problem } from "./errors.ts";
import type { Logger } from "./log.ts";
import { DesignerCounters, RunCounters, ServiceMetrics } from "./metrics.ts";
import { adminRoutes } from "./routes/admin/mod.ts";
import { algorithmRoutes } from "./routes/algorithms/mod.ts";
import { comparisonRoutes } from "./routes/comparisons/mod.ts";
import { labelerRoutes } from "./routes/labelers/mod.ts";
import { modelRoutes, UPLOAD_MODEL_PATH } from "./routes/models/mod.ts";
import { type AppEnv, jsonDepthLimit } from "./routes/common.ts";
import { labelingCors } from "./routes/cors.ts";
import { documentProblems, SERVER_PROBLEMS } from "./routes/problems.ts";
import { docsRoutes, OPENAPI_INFO } from "./routes/docs.ts";
import { healthRoutes } from "./routes/health/mod.ts";
import { insightRoutes } from "./routes/insights/mod.ts";
import { labelRoutes } from "./routes/label/mod.tsx";
import { unknownQueryParameters } from "./routes/query_parameters.ts";
import { projectRoutes } from "./routes/projects/mod.ts";
import { documentRateLimits } from "./routes/rate_limits.ts";
import { runRoutes } from "./routes/runs/mod.ts";
import { scheduleRoutes } from "./routes/schedules/mod.ts";
import { ssoRoutes } from "./routes/sso/mod.ts";
import { studyRoutes } from "./routes/studies/mod.ts";
import { trialRoutes } from "./routes/trials/mod.ts";
import { uiRoutes } from "./routes/ui/mod.tsx";
import { createServiceContext, type ServiceContext } from "./services/context.ts";
import { sha256 } from "./services/ids.ts";
import { ModelFileCache } from "./services/models_cache.ts";
import { followModelDeletions } from "./services/models_lookup.ts";
import { followRevocations } from "./services/principals.ts";
import { authenticate } from "./services/projects.ts";
import { rateLimited, RateLimiter, type RateLimits } from "./services/rate_limit.ts";
import { RunHub } from "./services/runs/hub.ts";
import type { RunWorkers } from "./services/runs/workers.ts";
import type { Scheduler } from "./services/schedules_ticks.ts";
import { SuggestionQueue } from "./services/suggest_queue.ts";

/** What the app is built from. */
export interface AppOptions {
  database: DatabaseHandle;
  logger: Logger;
  /** MINIMA_ADMIN_KEY, if set: accepted as an admin key, never stored. */
  adminKey?: string;
  maxBodyBytes?: number;
  defaultLeaseSeconds?: number;
  /** Serve /docs and /openapi.json (default true). */
  docs?: boolean;
  /**
   * Serve the API under /v1 (default true); false for a worker process,
   * which serves only /healthz, /readyz and /metrics.
   */
  api?: boolean;
  /** The clock (tests move it). */
  now?: () => Date;
  /** Workers for CPU-heavy designers; without, they run on the event loop. */
  designers?: DesignerPool;
  /**
   * Run workers, started with the app's services (the caller stops them);
   * without, this app executes no runs (it still starts and shows them).
   */
  runs?: RunWorkers;
  /**
   * Starts schedules' runs at their ticks, started with the app's services
   * (the caller stops it); without, this app starts none (it still manages
   * schedules).
   */
  scheduler?: Scheduler;
  /** Evaluates ONNX models; without, uploads and evaluations answer 503. */
  onnx?: OnnxRuntime;
  /** This host's copies of models' bytes; absent, a temporary directory. */
  modelCacheDir?: string;
  /** The largest model uploadModel accepts (default 256 MiB). */
  maxModelBytes?: number;
  /** Token buckets per key (default: none). */
  rateLimits?: RateLimits;
  /** The buckets' clock, in ms (default: the app's clock, `now`); tests hold it still. */
  rateLimitClock?: () => number;
  /** MINIMA_METRICS_TOKEN, if set: /metrics answers only requests that send it. */
  metricsToken?: string;
  /**
   * MINIMA_CORS_ORIGINS: the exact origins whose pages may call the
   * comparisons API (routes/cors.ts); empty or absent: same-origin only.
   */
  corsOrigins?: readonly string[];
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

function problemResponse(problem: Problem, instance: string, requestId: string): Response {
  return new Response(JSON.stringify(problem.toBody(instance, requestId)), {
    status: problem.status,
    headers: { ...problem.headers, "content-type": "application/problem+json" },
  });
}

/**
 * The problems the middleware answers before any route is reached, so every
 * /v1 operation may answer them, with a body or without one: a body too
 * large (413) or nested too deep (400), an unknown query parameter (400,
 * routes/query_parameters.ts), a missing key (401), a labeler token outside
 * its study's comparisons (403).
 */
const MIDDLEWARE_PROBLEMS = [400, 401, 403, 413];

/** The API's routes (and its docs, if `docs`). */
function mountApi(app: OpenAPIHono<AppEnv>, docs: boolean): void {
  app.route("/", projectRoutes());
  app.route("/", adminRoutes());
  app.route("/", algorithmRoutes());
  app.route("/", studyRoutes());
  app.route("/", trialRoutes());
  app.route("/", runRoutes());
  app.route("/", scheduleRoutes());
  app.route("/", comparisonRoutes());
  app.route("/", labelerRoutes());
  app.route("/", modelRoutes());
  app.route("/", ssoRoutes());
  app.route("/", insightRoutes());
  app.route("/", labelRoutes());
  app.route("/", uiRoutes());
  documentProblems(app, MIDDLEWARE_PROBLEMS, "/v1/");
  documentRateLimits(app);
  if (docs) app.route("/", docsRoutes(() => openApiDocument(app)));
  documentProblems(app, SERVER_PROBLEMS);
  // People who open the service's address find the dashboard.
  app.get("/", (c) => c.redirect("/ui", 302));
}

/** Builds the app. */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { database, logger } = options;
  const services: ServiceContext = createServiceContext({
    db: database.db,
    now: options.now ?? (() => new Date()),
    defaultLeaseSeconds: options.defaultLeaseSeconds ?? 3600,
    log: logger,
    designers: options.designers,
    counters: new DesignerCounters(),
    runCounters: new RunCounters(),
    onnx: options.onnx,
    modelFiles: new ModelFileCache(options.modelCacheDir),
    maxModelBytes: options.maxModelBytes,
    envAdminKey: options.adminKey !== undefined,
  });
  services.suggestions = new SuggestionQueue(services);
  services.runs = options.runs?.hub ?? new RunHub();
  options.runs?.start(services);
  options.scheduler?.start(services);
  followRevocations(database, services);
  followModelDeletions(database, services);
  const adminKeyHash = options.adminKey ? sha256(options.adminKey) : undefined;
  const limiter = new RateLimiter(
    options.rateLimits ?? {},
    options.rateLimitClock ?? (() => services.now().getTime()),
  );
  const metrics = new ServiceMetrics(services, database);
  const app = new OpenAPIHono<AppEnv>();

  app.use("*", async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.\-:]{1,128}$/.test(incoming)
      ? incoming
      : crypto.randomUUID();
    c.set("requestId", requestId);
    c.set("services", services);
    c.set("database", database);
    await next();
    c.header("X-Request-Id", requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = c.req.routePath === "/*" || !c.req.routePath ? "unmatched" : c.req.routePath;
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : "OTHER";
    metrics.requests.observe(method, route, c.res.status, seconds);
    const fields = {
      requestId,
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 10000) / 10,
    };
    if (c.res.status >= 500) logger.error("request", fields);
    else logger.info("request", fields);
  });
  // Before the body limit and the key check: a preflight carries no key, and a browser must be
  // able to read a 413 or 401 answered to an allowed origin.
  if (options.corsOrigins?.length) app.use("/v1/*", labelingCors(options.corsOrigins));
  const limitBody = bodyLimit({
    maxSize: options.maxBodyBytes ?? 4 * 1024 * 1024,
    onError: () => {
      throw new Problem(
        "payload-too-large",
        `the request body exceeds ${options.maxBodyBytes ?? 4 * 1024 * 1024} bytes`,
      );
    },
  });
  // uploadModel streams its body under the model limit (MINIMA_MAX_MODEL_BYTES) instead.
  app.use(
    "*",
    (c, next) =>
      c.req.method === "POST" && c.req.path === UPLOAD_MODEL_PATH ? next() : limitBody(c, next),
  );
  app.use("/v1/*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new Problem("unauthorized", "send the API key as `Authorization: Bearer <key>`");
    }
    const principal = await authenticate(services, match[1], adminKeyHash);
    // A labeler token reaches its own study's comparisons and nothing else,
    // refused before any body is read.
    if (principal.role === "labeler") {
      const own = `/v1/studies/${principal.studyId}/comparisons`;
      const path = c.req.path.toLowerCase();
      if (path !== own && !path.startsWith(`${own}/`)) {
        throw new Problem(
          "forbidden",
          "a labeler token can only fetch, rank and skip its study's comparisons",
        );
      }
    }
    const verdict = limiter.take(principal);
    if (!verdict.allowed) throw rateLimited(verdict);
    c.set("principal", principal);
    await next();
  });
  app.use("/v1/*", unknownQueryParameters(app));
  // Before any route parses (and recursively validates) a body; uploadModel's is not JSON.
  app.use(
    "/v1/*",
    (c, next) =>
      c.req.method === "POST" && c.req.path === UPLOAD_MODEL_PATH
        ? next()
        : jsonDepthLimit(c, next),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "An API key: an admin key for projects and keys, a project key for the rest",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "metricsToken", {
    type: "http",
    scheme: "bearer",
    description: "MINIMA_METRICS_TOKEN, where the operator set one (else /metrics is open)",
  });
  app.route("/", healthRoutes(metrics, options.metricsToken));
  if (options.api ?? true) mountApi(app, options.docs ?? true);

  app.notFound((c) =>
    problemResponse(
      new Problem("not-found", `no route for ${c.req.method} ${c.req.path}`),
      c.req.path,
      c.var.requestId,
    )
  );
  app.onError((error, c) => {
    const requestId = c.var.requestId ?? "";
    if (error instanceof Problem) return problemResponse(error, c.req.path, requestId);
    if (error instanceof HTTPException) {
      const status = error.status;
      const kind = status === 415
        ? "unsupported-media-type"
        : status === 413
        ? "payload-too-large"
        : status === 401
        ? "unauthorized"
        : "bad-request";
      const detail = status === 415
        ? `a body of Content-Type ${
          JSON.stringify(c.req.header("content-type") ?? "(none)").slice(0, 120)
        } is not taken here: send JSON with \`Content-Type: application/json\``
        : /malformed json/i.test(error.message)
        ? "the body is not valid JSON"
        : error.message || "bad request";
      return problemResponse(
        new Problem(
          kind,
          detail,
          kind === "bad-request" ? [{ field: "(body)", rule: "json", message: detail }] : undefined,
        ),
        c.req.path,
        requestId,
      );
    }
    if (isTransient(error) || isConnectionLost(error) || isOutOfConnections(error)) {
      const res = problemResponse(
        new Problem(
          "unavailable",
          isTransient(error)
            ? "the database was busy (a deadlock was broken); retry the request"
            : isOutOfConnections(error)
            ? "the database has no connection to spare (its connection limit is reached); retry " +
              "the request"
            : "the connection to the database was lost before the request finished; retry it " +
              "(with the same Idempotency-Key, where it takes one)",
        ),
        c.req.path,
        requestId,
      );
      res.headers.set("retry-after", "1");
      return res;
    }
    if (isDataException(error)) {
      return problemResponse(
        new Problem(
          "bad-request",
          "a value in the request cannot be stored (out of range or malformed)",
        ),
        c.req.path,
        requestId,
      );
    }
    logger.error("unhandled error", {
      requestId,
      path: c.req.path,
      error: String((error as Error)?.stack ?? error),
    });
    return problemResponse(
      new Problem("internal", `an internal error occurred (request ${requestId})`),
      c.req.path,
      requestId,
    );
  });
  return app;
}

/** The OpenAPI 3.1 document of an app. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  return app.getOpenAPI31Document(OPENAPI_INFO);
}
