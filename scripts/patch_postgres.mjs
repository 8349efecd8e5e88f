// Patches postgres.js 3.4.9 (the latest release) after `npm ci` (the
// package's `postinstall`). Two defects, each of which ends the process or
// leaves queries waiting forever when the server drops connections
// (pg_terminate_backend, a restart, a failover):
//
// 1. The closed-socket write (porsager/postgres#1154, #1208;
//    denoland/deno#34667). A write the driver queued with setImmediate can run
//    after the server closed the connection, when `socket` is already null,
//    and its TypeError is thrown from the timer, outside any query, ending the
//    process. Worse, `closed()` clears that timer without forgetting it, so
//    the connection, reconnected, never flushes again. The patch is the
//    upstream fix's substance (#1168, #1209): `nextWrite` without a socket
//    settles the queries it carried with CONNECTION_CLOSED instead of
//    throwing, and `closed()` and `terminate()` forget the pending write.
// 2. The start-up type query (porsager/postgres#279, #1192, #1205, #1223, all
//    open). A new connection first asks the server for its array types
//    (`fetchArrayTypes`), and the driver drops that promise. A connection
//    terminated during that query leaves the query and the server's error
//    behind; the reconnected connection then rejects the stale query with the
//    old error, and nothing handles that rejection: Deno ends the process
//    (seen under tests/hardening_connections_test.ts's storm). The patch
//    forgets the stale query and error when a starting connection closes
//    (settling the query with CONNECTION_CLOSED), and handles the type query's
//    failure: the connection goes on without the array types, as it does
//    with `fetch_types: false`, and fetches them again when it reconnects.
//
// Each edit is applied to the ESM build (what Deno loads) and the CommonJS
// one, once (its result is looked for first), and the install fails if the
// code it expects is not there (another postgres version: check whether the
// fixes were released, then update or drop this patch).
// tests/postgres_patch_test.ts checks that both are in place.
import { readFileSync, writeFileSync } from "node:fs";

export const MARKERS = [
  "/* minima: closed-socket write patch 2 */",
  "/* minima: start-up type query patch 1 */",
];
const FILES = [
  "node_modules/postgres/src/connection.js",
  "node_modules/postgres/cjs/src/connection.js",
];
const EDITS = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${
      MARKERS[0]
    }\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    if (socket) {",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {",
  ],
  [
    "    if (initial)\n      return reconnect()\n",
    `    if (initial) {\n      ${
      MARKERS[1]
    }\n      const stale = query\n      query = results = errorResponse = null\n      stale && stale.reject(Errors.connection('CONNECTION_CLOSED', options))\n      return reconnect()\n    }\n`,
  ],
  [
    "        return fetchArrayTypes()\n",
    "        return fetchArrayTypes().catch(() => { /* minima: without array types until a reconnect */ })\n",
  ],
];

for (const file of FILES) {
  let text = readFileSync(file, "utf8");
  let changed = 0;
  for (const [from, to] of EDITS) {
    if (text.includes(to)) continue;
    if (text.split(from).length !== 2) {
      console.error(`patch_postgres: ${file}: expected code not found once:\n${from}`);
      process.exit(1);
    }
    text = text.replace(from, to);
    changed++;
  }
  if (changed === 0) continue;
  writeFileSync(file, text);
  console.log(`patch_postgres: ${file}: ${changed} edit(s) applied`);
}
