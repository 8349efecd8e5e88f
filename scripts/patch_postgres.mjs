// Patches postgres.js 3.4.9 (the latest release) after `npm ci` (the
// package's `postinstall`): a write the driver queued with setImmediate can
// run after the server closed the connection, when `socket` is already
// null, and its TypeError is thrown from the timer, outside any query,
// ending the process (porsager/postgres#1154, #1208; denoland/deno#34667).
// Worse, `closed()` clears that timer without forgetting it, so the
// connection, reconnected, never flushes again and its queries time out.
// The patch is the upstream fix's substance (porsager/postgres#1168, #1209):
// `nextWrite` without a socket settles the queries it carried with
// CONNECTION_CLOSED (a write dropped silently would leave them waiting
// forever) instead of throwing, and `closed()` and `terminate()` forget the
// pending write. It is applied to the ESM build
// (what Deno loads) and the CommonJS one, once (a marker), and fails the
// install if the code it expects is not there (another postgres version:
// check whether the fix was released, then update or drop this patch).
// tests/postgres_patch_test.ts checks that it is in place.
import { readFileSync, writeFileSync } from "node:fs";

const MARKER = "/* minima: closed-socket write patch 2 */";
const FILES = [
  "node_modules/postgres/src/connection.js",
  "node_modules/postgres/cjs/src/connection.js",
];
const EDITS = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    ${MARKER}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)",
  ],
  [
    "    clearImmediate(nextWriteTimer)\n    if (socket) {",
    "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {",
  ],
];

for (const file of FILES) {
  let text = readFileSync(file, "utf8");
  if (text.includes(MARKER)) continue;
  for (const [from, to] of EDITS) {
    if (text.split(from).length !== 2) {
      console.error(`patch_postgres: ${file}: expected code not found once:\n${from}`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  console.log(`patch_postgres: patched ${file}`);
}
