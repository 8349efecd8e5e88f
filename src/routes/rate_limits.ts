/**
 * The 429 of rate limits in the OpenAPI document: the limit is checked in
 * one middleware, where the key is resolved (src/app.ts, with
 * ../services/rate_limit.ts), so it is documented in one place too.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, problemResponses } from "./common.ts";

/** The headers a 429 carries. */
const RATE_LIMIT_HEADERS = {
  "Retry-After": {
    description: "Whole seconds until the key's bucket has a request again",
    schema: { type: "integer" as const, example: 1 },
  },
  "RateLimit-Limit": {
    description: "The key's burst: requests its bucket holds",
    schema: { type: "integer" as const, example: 100 },
  },
  "RateLimit-Remaining": {
    description: "Requests left now (0)",
    schema: { type: "integer" as const, example: 0 },
  },
  "RateLimit-Reset": {
    description: "Seconds until the next request is allowed",
    schema: { type: "integer" as const, example: 1 },
  },
};

/**
 * Documents the 429 on every operation `app` has registered that takes an
 * API key. The app's registry holds its own copies of the routes, so the
 * routes themselves are left as they are.
 */
export function documentRateLimits(app: OpenAPIHono<AppEnv>): void {
  const [status, response] = Object.entries(problemResponses(429))[0];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || !def.route.security?.length) continue;
    def.route.responses = {
      ...def.route.responses,
      [status]: { ...response, headers: RATE_LIMIT_HEADERS },
    };
  }
}
