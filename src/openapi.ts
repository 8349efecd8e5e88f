/**
 * The OpenAPI document as a stable JSON text, built without a database.
 */
import { createApp, openApiDocument } from "./app.ts";
import type { DatabaseHandle } from "./db/client.ts";
import { createLogger } from "./log.ts";

/** The document, pretty-printed, as `deno task openapi` writes it. */
export function renderOpenApiDocument(): string {
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
  const app = createApp({ database, logger: createLogger("silent") });
  return JSON.stringify(openApiDocument(app), null, 2) + "\n";
}
