/**
 * Operations: /healthz, /readyz and /metrics (no API key needed). The
 * contract is in ./routes.ts; the handlers are here.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { countAllTrials } from "../../db/queries/trials.ts";
import { renderTrialGauge, type RequestMetrics } from "../../metrics.ts";
import type { ServiceContext } from "../../services/context.ts";
import { TrialStateSchema } from "../../services/study_schema.ts";
import { type AppEnv, validationHook } from "../common.ts";
import { healthRoute, metricsRoute, readyRoute } from "./routes.ts";

/** The ONNX runtime's providers for /readyz (nothing when the process runs none). */
function onnxStatus(s: ServiceContext) {
  if (!s.onnx) return {};
  const providers = s.onnx.status().providers.states;
  const inUse = providers.find((p) => p.state === "available");
  return { onnx: { provider: inUse?.name ?? null, providers } };
}

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
    const onnx = onnxStatus(c.var.services);
    return ok
      ? c.json({ status: "ok" as const, checks, ...onnx }, 200)
      : c.json({ status: "unavailable" as const, checks, ...onnx }, 503);
  });
  app.openapi(metricsRoute, async (c) => {
    const s = c.var.services;
    const found = await countAllTrials(s.db, s.now());
    const counts: Record<string, number> = Object.fromEntries(
      TrialStateSchema.options.map((st) => [st, found.get(st) ?? 0]),
    );
    const designers = s.counters?.render(s.designers?.failures ?? 0) ?? "";
    const onnx = s.onnx?.renderMetrics() ?? "";
    const runs = s.runCounters?.render() ?? "";
    return c.text(metrics.render() + renderTrialGauge(counts) + designers + runs + onnx, 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
    });
  });
  return app;
}
