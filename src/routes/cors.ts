/**
 * CORS for labeling frontends on other origins (MINIMA_CORS_ORIGINS): a
 * team's own labeling app, served from its own site, calls the comparisons
 * API (src/routes/comparisons/) from people's browsers. Only those routes
 * (not their export, which takes a project key) answer other origins, and
 * only the origins the operator lists, exactly; every other route, and every
 * other origin, stays same-origin (no Access-Control-Allow-Origin, so
 * browsers refuse to hand the answer over). CORS runs before the body limit
 * and the key check, so a browser can read a 413 or a 401.
 *
 * Tokens travel in the Authorization header, never in cookies, so
 * credentials stay off. A preflight (OPTIONS) is answered here, before the
 * key is checked: browsers send it without the Authorization header.
 */
import { cors } from "hono/cors";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./common.ts";

/** The paths other origins may call: a study's comparisons and everything under them... */
const LABELING_API = /^\/v1\/studies\/[^/]+\/comparisons(\/|$)/i;
/** ...but the export, which takes a project key and which no labeling frontend needs. */
const EXPORT = /^\/v1\/studies\/[^/]+\/comparisons\/export\/?$/i;

/** What a labeling frontend sends and reads across origins. */
export const CORS_POLICY = {
  allowMethods: ["GET", "POST"],
  allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
  exposeHeaders: ["Retry-After", "Idempotent-Replayed", "X-Request-Id", "Content-Disposition"],
  maxAge: 600,
};

/** The middleware that answers `origins` (exact origins) on the labeling API's paths. */
export function labelingCors(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const policy = cors({ origin: [...origins], credentials: false, ...CORS_POLICY });
  return (c, next) =>
    LABELING_API.test(c.req.path) && !EXPORT.test(c.req.path) ? policy(c, next) : next();
}
