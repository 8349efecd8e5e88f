/**
 * The postgres.js that `npm ci` installed carries minima's patch
 * (scripts/patch_postgres.mjs, applied by the postinstall step, says why):
 * without it, a connection the server drops can end the process or leave
 * the connection unable to send, and a connection dropped while it starts
 * ends the process (tests/hardening_connections_test.ts). tests/workers_test.ts drops every session
 * under two worker processes and two API processes in the middle of a run.
 */
import assert from "node:assert/strict";

Deno.test("the installed postgres.js carries the closed-socket and start-up query patches", async () => {
  for (const build of ["src", "cjs/src"]) {
    const file = new URL(`../node_modules/postgres/${build}/connection.js`, import.meta.url);
    const text = await Deno.readTextFile(file);
    assert.ok(text.includes("minima: closed-socket write patch 2"), `${build}: closed socket`);
    assert.ok(text.includes("minima: start-up type query patch 1"), `${build}: start-up query`);
    assert.ok(text.includes("fetchArrayTypes().catch("), `${build}: the type query is handled`);
  }
});
