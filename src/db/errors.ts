/**
 * PostgreSQL errors, whichever driver (and drizzle's wrapping) raised them.
 */

/** The SQLSTATE of an error or of any error in its `cause` chain. */
export function sqlState(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 8;
    depth++
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Deadlocks and serialisation failures: the transaction may simply be run again. */
export function isTransient(error: unknown): boolean {
  const code = sqlState(error);
  return code === "40P01" || code === "40001";
}

/** postgres.js's codes for a connection that closed under a query, and the sockets' own. */
const LOST_CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
]);

/**
 * The connection to the server was lost (terminated by an administrator,
 * the server restarting, the network): class 08, 57P01–57P03, or the
 * driver's own codes. The pool reconnects on the next query, so the work
 * may be done again.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = sqlState(error);
  if (code?.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") {
    return true;
  }
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 8;
    depth++
  ) {
    if (typeof e.code === "string" && LOST_CONNECTION_CODES.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Class 22 (data exceptions): the client sent a value the database cannot hold. */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith("22") ?? false;
}

/** A unique constraint was violated. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}

/**
 * Runs `work` again (up to `attempts` times, with a short jittered pause)
 * when it fails with a deadlock or a serialisation failure.
 */
export async function retryTransient<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1;; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
