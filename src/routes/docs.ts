/**
 * The OpenAPI document at /openapi.json and interactive docs at /docs
 * (Swagger UI served from the swagger-ui-dist package: no CDN needed).
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./common.ts";

/** The document's info and servers. */
export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "minima",
    version: "0.1.0",
    description:
      "Optimization as a service: describe a search space and an objective, ask for points to try, " +
      "report what you observed. Every route under /v1 needs `Authorization: Bearer <api key>`. " +
      "Errors are RFC 9457 problem+json documents whose `errors` name each field and rule.",
  },
  servers: [
    {
      url: "/",
      description: "The service that serves this document (relative: wherever it was fetched from)",
    },
    {
      url: "http://localhost:8080",
      description: "A local service on its default port (`PORT`, default 8080)",
    },
  ],
  tags: [
    { name: "Projects and keys", description: "Projects and their API keys (admin keys)" },
    {
      name: "Admin keys and audit",
      description: "Admin keys and the audit log of changes to keys, projects and studies",
    },
    { name: "Algorithms", description: "The algorithms a study may use, with their configs" },
    {
      name: "Studies",
      description: "Search spaces with an objective and an algorithm, and what was learned",
    },
    { name: "Trials", description: "Points to evaluate: suggest, report, export" },
    {
      name: "Runs",
      description: "Server-side optimisation of studies whose objective is a model",
    },
    { name: "Schedules", description: "Runs started on a cron schedule" },
    {
      name: "Comparisons",
      description: "Candidates ranked by people (labelers) for studies that learn from rankings",
    },
    { name: "Models", description: "ONNX models: upload, evaluate, download" },
    { name: "SSO", description: "Rounds of studies driven by a client's training loop (sso)" },
    {
      name: "Operations",
      description: "Health, readiness, metrics and this document, outside the API's keys",
    },
  ],
};

const ASSETS = new URL("../../node_modules/swagger-ui-dist/", import.meta.url);
const ASSET_TYPES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>minima API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#ui", deepLinking: true,
  persistAuthorization: true, tryItOutEnabled: true });`;

const documentRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This OpenAPI document",
  description:
    "The OpenAPI 3.1 document of this service (also committed as openapi/openapi.json); " +
    "clients and SDKs are generated from it. Needs no key.",
  tags: ["Operations"],
  responses: {
    200: {
      description: "OpenAPI 3.1",
      content: {
        "application/json": {
          schema: z.record(z.string(), z.unknown()).openapi("OpenApiDocument"),
          example: { openapi: "3.1.0", info: { title: "minima", version: "0.1.0" } },
        },
      },
    },
  },
});

const docsRoute = createRoute({
  method: "get",
  path: "/docs",
  operationId: "getDocs",
  summary: "Interactive API docs (Swagger UI)",
  description:
    "Swagger UI over this document, served by the service itself (no CDN). Needs no key.",
  tags: ["Operations"],
  responses: {
    200: {
      description: "An HTML page",
      content: { "text/html": { schema: z.string(), example: "<!doctype html>..." } },
    },
  },
});

/** The docs routes; `document` builds the OpenAPI document. */
export function docsRoutes(document: () => unknown): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  let cached: unknown;
  app.openapi(
    documentRoute,
    (c) => c.json((cached ??= document()) as Record<string, unknown>, 200),
  );
  app.openapi(docsRoute, (c) => c.html(PAGE, 200));
  app.get("/docs/init.js", (c) => c.body(INIT, 200, { "content-type": "text/javascript" }));
  app.get("/docs/assets/:file", async (c) => {
    const file = c.req.param("file");
    if (!Object.hasOwn(ASSET_TYPES, file)) return c.notFound();
    const type = ASSET_TYPES[file];
    const body = await Deno.readFile(new URL(file, ASSETS));
    return c.body(body, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
  });
  return app;
}
