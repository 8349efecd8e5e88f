/**
 * Unknown query parameters are a 400 naming the parameter. A misspelt
 * filter (`?stat=ACTIVE`, `?nmae=branin`) would otherwise be ignored, and the
 * client would read an unfiltered listing as a filtered one. What each
 * operation takes is what its documented route declares (the OpenAPI
 * registry), so the check and the document cannot disagree.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { badRequest } from "../errors.ts";

/** A documented operation: its method, its path as a pattern, the query parameters it takes. */
interface Operation {
  method: string;
  pattern: RegExp;
  query: Set<string>;
}

/** The documented operations of an app, read from its OpenAPI registry. */
// deno-lint-ignore no-explicit-any
function operationsOf(app: OpenAPIHono<any>): Operation[] {
  const operations: Operation[] = [];
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== "route") continue;
    const { method, path, request } = definition.route;
    const shape = (request?.query as { shape?: Record<string, unknown> } | undefined)?.shape;
    const pattern = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
    operations.push({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${pattern}$`),
      query: new Set(Object.keys(shape ?? {})),
    });
  }
  return operations;
}

/**
 * Refuses a request to a documented operation with a query parameter the
 * operation does not take. Requests to no documented operation pass (they
 * end in a 404). The operations are read on the first request, after the
 * routes were mounted.
 */
// deno-lint-ignore no-explicit-any
export function unknownQueryParameters(app: OpenAPIHono<any>): MiddlewareHandler {
  let operations: Operation[] | undefined;
  return async (c, next) => {
    const url = c.req.url;
    const mark = url.indexOf("?");
    if (mark < 0 || mark === url.length - 1) return await next();
    operations ??= operationsOf(app);
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const matching = operations.filter((o) => o.method === method && o.pattern.test(c.req.path));
    if (matching.length === 0) return await next();
    const taken = new Set(matching.flatMap((o) => [...o.query]));
    for (const name of new URLSearchParams(url.slice(mark + 1)).keys()) {
      if (taken.has(name)) continue;
      const known = [...taken].sort();
      throw badRequest(
        name.length > 64 ? `${name.slice(0, 64)}...` : name,
        "unknown_parameter",
        `unknown query parameter; this operation takes ${
          known.length ? known.map((k) => `\`${k}\``).join(", ") : "none"
        }`,
      );
    }
    await next();
  };
}
