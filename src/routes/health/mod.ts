/**
 * Operations: /healthz, /readyz and /metrics (no API key needed; /metrics
 * takes MINIMA_METRICS_TOKEN where one is set). The contract is in
 * ./routes.ts; the handlers are here.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { Buffer } from "node:buffer";
import { timingSafeEqual } from "node:crypto";
import { Problem } from "../../errors.ts";
import { METRICS_CONTENT_TYPE, type ServiceMetrics } from "../../metrics.ts";
import type { ServiceContext } from "../../services/context.ts";
import { sha256 } from "../../services/ids.ts";
import { type AppEnv, validationHook } from "../common.ts";
import { healthRoute, metricsRoute, readyRoute } from "./routes.ts";

/** The ONNX runtime's providers for /readyz (nothing when the process runs none). */
function onnxStatus(s: ServiceContext) {
  if (!s.onnx) return {};
  const providers = s.onnx.status().providers.states;
  const inUse = providers.find((p) => p.state === "available");
  return { onnx: { provider: inUse?.name ?? null, providers } };
}

/**
 * Throws 401 unless the request sends the token whose hash is `tokenHash`
 * (compared in constant time, hash against hash); nothing to check without one.
 */
function checkMetricsToken(authorization: string | undefined, tokenHash: string | undefined) {
  if (tokenHash === undefined) return;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const sent = Buffer.from(sha256(match?.[1] ?? ""));
  if (!match || !timingSafeEqual(sent, Buffer.from(tokenHash))) {
    throw new Problem("unauthorized", "send the metrics token as `Authorization: Bearer <token>`");
  }
}

/** The operations routes; `metricsToken`, if set, is required by /metrics. */
export function healthRoutes(metrics: ServiceMetrics, metricsToken?: string): OpenAPIHono<AppEnv> {
  const tokenHash = metricsToken === undefined ? undefined : sha256(metricsToken);
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
    checkMetricsToken(c.req.header("authorization"), tokenHash);
    return c.text(await metrics.render(), 200, { "content-type": METRICS_CONTENT_TYPE });
  });
  return app;
}
