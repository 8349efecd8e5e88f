/**
 * The operations routes (/healthz, /readyz, /metrics) as documented, apart
 * from their handlers (./mod.ts) so the contract reads on its own and the
 * handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { problemType } from "../../errors.ts";
import { ProblemSchema } from "../common.ts";

const tags = ["Operations"];
/** A liveness or readiness answer. */
export const Status = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.record(z.string(), z.string()).optional(),
  onnx: z.object({
    provider: z.string().nullable().openapi({
      description: "The execution provider models load with now (the first that worked); " +
        "null before any model was loaded",
      example: "cpu",
    }),
    providers: z.array(z.object({
      name: z.string(),
      state: z.enum(["untried", "available", "unavailable"]),
      reason: z.string().optional().openapi({
        description: "onnxruntime's reason, if unavailable",
      }),
    })).openapi({ description: "MINIMA_ONNX_PROVIDERS in order, with what loading models showed" }),
  }).optional().openapi({ description: "The ONNX runtime, where this process runs one" }),
}).openapi("HealthStatus");

export const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  operationId: "health",
  summary: "Liveness: the process answers",
  description: "For liveness probes: answers 200 while the process runs, without touching the " +
    "database. Needs no key.",
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
  description:
    "For readiness probes: 200 when the database answers and every migration is applied, " +
    "else 503 naming the failed check; reports the ONNX runtime's state too. Needs no " +
    "key.",
  tags,
  responses: {
    200: {
      description: "Ready",
      content: {
        "application/json": {
          schema: Status,
          example: {
            status: "ok",
            checks: { database: "ok", migrations: "ok" },
            onnx: {
              provider: "cpu",
              providers: [
                {
                  name: "cuda",
                  state: "unavailable",
                  reason: "Failed to load shared library: libonnxruntime_providers_shared.so",
                },
                { name: "cpu", state: "available" },
              ],
            },
          },
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
  summary: "Prometheus metrics: requests, trials by state, database pool, designer workers, " +
    "process (memory, event-loop lag)",
  description: "Totals over all projects: no series is labelled with a project, a study or a " +
    "key. With MINIMA_METRICS_TOKEN set, the scrape must send `Authorization: Bearer <token>`.",
  tags,
  security: [{ metricsToken: [] }, {}],
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
    401: {
      description: "MINIMA_METRICS_TOKEN is set and the request does not send it",
      content: {
        "application/problem+json": {
          schema: ProblemSchema,
          example: {
            type: problemType("unauthorized"),
            title: "Missing or invalid API key",
            status: 401,
            detail: "send the metrics token as `Authorization: Bearer <token>`",
          },
        },
      },
    },
  },
});
