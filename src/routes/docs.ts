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
  servers: [{ url: "/" }],
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
  tags: ["Operations"],
  responses: {
    200: {
      description: "OpenAPI 3.1",
      content: {
        "application/json": {
          schema: z.record(z.string(), z.unknown()),
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
