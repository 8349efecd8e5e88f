/**
 * The operations routes (/healthz, /readyz, /metrics) as documented, apart
 * from their handlers (./mod.ts) so the contract reads on its own and the
 * handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";

const tags = ["Operations"];
/** A liveness or readiness answer. */
export const Status = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), z.string()).optional(),
});

export const healthRoute = createRoute({
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

export const readyRoute = createRoute({
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

export const metricsRoute = createRoute({
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
