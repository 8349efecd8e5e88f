/**
 * Applies pending migrations to the configured database (DATABASE_URL, or
 * PGlite in MINIMA_DATA_DIR) and exits. The service also does this at start.
 */
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";

const config = loadConfig();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 2,
});
try {
  await database.migrate();
  console.log(`migrations applied (${database.kind})`);
} finally {
  await database.close();
}
