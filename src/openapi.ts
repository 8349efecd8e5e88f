/**
 * The OpenAPI document as a stable JSON text, built without a database.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { createApp, openApiDocument } from "./app.ts";
import type { AppEnv } from "./routes/common.ts";
import type { DatabaseHandle } from "./db/client.ts";
import { createLogger } from "./log.ts";

/** The app over no database: enough to generate its document. */
export function appWithoutDatabase(): OpenAPIHono<AppEnv> {
  const database = {
    kind: "postgres",
    db: null,
    migrate: () => Promise.resolve(),
    ping: () => Promise.resolve(),
    migrationsApplied: () => Promise.resolve(true),
    listen: () => Promise.resolve(),
    poolSize: 1,
    transactionsInFlight: () => 0,
    close: () => Promise.resolve(),
  } satisfies Omit<DatabaseHandle, "db" | "kind"> & {
    kind: string;
    db: null;
  } as unknown as DatabaseHandle;
  return createApp({ database, logger: createLogger("silent") });
}

/** The document, pretty-printed, as `deno task openapi` writes it. */
export function renderOpenApiDocument(): string {
  return JSON.stringify(openApiDocument(appWithoutDatabase()), null, 2) + "\n";
}
