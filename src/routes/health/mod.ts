/**
 * Operations: /healthz, /readyz and /metrics (no API key needed).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { query } from "../../db/client.ts";
import { renderTrialGauge, type RequestMetrics } from "../../metrics.ts";
import { TrialStateSchema } from "../../services/study_schema.ts";
import { effectiveStateSql } from "../../services/studies.ts";
import { type AppEnv, validationHook } from "../common.ts";

const tags = ["Operations"];
const Status = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), z.string()).optional(),
});

const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "health",
  summary: "Liveness: the process answers",
  tags,
  responses: {
    200: {
      description: "Alive",
      content: { "application/json": { schema: Status, example: { status: "ok" } } },
    },
  },
});

const readyRoute = createRoute({
  method: "get",
  path: "/readyz",
  operationId: "ready",
  summary: "Readiness: the database answers and every migration is applied",
  tags,
  responses: {
    200: {
      description: "Ready",
      content: {
        "application/json": {
          schema: Status,
          example: { status: "ok", checks: { database: "ok", migrations: "ok" } },
        },
      },
    },
    503: {
      description: "Not ready",
      content: {
        "application/json": {
          schema: Status,
          example: {
            status: "unavailable",
            checks: { database: "connection refused", migrations: "unknown" },
          },
        },
      },
    },
  },
});

const metricsRoute = createRoute({
  method: "get",
  path: "/metrics",
  operationId: "metrics",
  summary: "Prometheus metrics: requests and latencies by route, trials by state",
  tags,
  responses: {
    200: {
      description: "Prometheus text format 0.0.4",
      content: {
        "text/plain": {
          schema: z.string(),
          example:
            'minima_http_requests_total{method="POST",route="/v1/studies/:studyId/trials/suggest",status="200"} 42\n' +
            'minima_trials{state="COMPLETED"} 40\n',
        },
      },
    },
  },
});

/** The operations routes. */
export function healthRoutes(metrics: RequestMetrics): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(healthRoute, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(readyRoute, async (c) => {
    const database = c.var.database;
    const checks: Record<string, string> = { database: "ok", migrations: "unknown" };
    try {
      await database.ping();
      checks.migrations = (await database.migrationsApplied()) ? "ok" : "pending";
    } catch (error) {
      checks.database = "unreachable";
      c.var.services.log?.warn("readiness check failed", { error: String(error) });
    }
    const ok = checks.database === "ok" && checks.migrations === "ok";
    return ok
      ? c.json({ status: "ok" as const, checks }, 200)
      : c.json({ status: "unavailable" as const, checks }, 503);
  });
  app.openapi(metricsRoute, async (c) => {
    const s = c.var.services;
    const rows = await query<{ state: string; n: number }>(
      s.db,
      sql`SELECT ${effectiveStateSql(s.now())} AS state, count(*)::int AS n FROM trials GROUP BY 1`,
    );
    const counts: Record<string, number> = Object.fromEntries(
      TrialStateSchema.options.map((st) => [st, 0]),
    );
    for (const r of rows) counts[r.state] = Number(r.n);
    return c.text(metrics.render() + renderTrialGauge(counts), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
    });
  });
  return app;
}
