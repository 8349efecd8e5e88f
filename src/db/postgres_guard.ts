/**
 * A guard against a defect of postgres.js 3.4.9 (the latest release) under
 * Deno: when the server closes a connection (pg_terminate_backend, a
 * restart, a proxy), a small write the driver queued with setImmediate can
 * run after the connection nulled its socket, and its TypeError is thrown
 * from the timer, outside any query, where it would end the process
 * (porsager/postgres#1154 and #1208, denoland/deno#34667; the upstream fix,
 * a null check in `nextWrite`, is not released). The query that write
 * belonged to was rejected with CONNECTION_CLOSED when the socket closed,
 * and the pool opens a new connection for the next one, so the throw is
 * dropped and counted. Every other uncaught error still ends the process.
 */

let dropped = 0;
let installed = false;

/** Whether an uncaught error is that defect's: a null socket's write in postgres.js's connection. */
export function isClosedSocketWrite(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const stack = error.stack ?? "";
  return /\(reading 'write'\)/.test(error.message) && /nextWrite/.test(stack) &&
    /postgres[\\/]src[\\/]connection\.js/.test(stack);
}

/** Installs the guard (once per process). */
export function guardClosedSocketWrites(): void {
  if (installed) return;
  installed = true;
  globalThis.addEventListener("error", (event) => {
    if (!isClosedSocketWrite(event.error)) return;
    event.preventDefault();
    dropped++;
  });
}

/** How many such throws were dropped (for /metrics). */
export function droppedClosedSocketWrites(): number {
  return dropped;
}
