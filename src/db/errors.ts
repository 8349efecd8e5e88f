/**
 * PostgreSQL errors, whichever driver (and drizzle's wrapping) raised them,
 * and which of them a transaction may simply be run again for.
 *
 * Deadlocks and serialisation failures roll the transaction back: running it
 * again is always safe (retryTransient). A lost connection is safe to retry
 * only when it is known that the transaction did not commit, that is, when
 * the connection was lost before the COMMIT was sent: while the transaction's
 * own work ran (the server rolls back a transaction whose session ends).
 * retryTransaction knows this because it runs the work itself and sees
 * whether the work had finished when the error came; it then runs it once
 * more, after a short pause that lets the pool notice its dead connections.
 * A connection lost during the COMMIT is ambiguous (the server may have
 * committed and died before saying so): it is not retried here but answered
 * 503, and a client that retries with the same Idempotency-Key gets the
 * first answer if it committed, or the work done once if it did not. Work
 * outside one transaction (several transactions, or single statements) is
 * never retried on a lost connection, for the same reason.
 */
import type { Database, Transaction } from "./client.ts";

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

/**
 * The server refused a new connection for want of one (53300
 * too_many_connections, 53400 configuration limit exceeded): nothing ran,
 * and the request may be sent again once connections are free.
 */
export function isOutOfConnections(error: unknown): boolean {
  const code = sqlState(error);
  return code === "53300" || code === "53400";
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
 * The constraint (or unique index) an error names, from it or its `cause`
 * chain: PGlite calls it `constraint`, postgres.js `constraint_name`.
 */
export function violatedConstraint(error: unknown): string | undefined {
  for (
    let e = error as Record<string, unknown> | undefined, depth = 0;
    e && depth < 8;
    depth++
  ) {
    const name = e.constraint ?? e.constraint_name;
    if (typeof name === "string") return name;
    e = e.cause as typeof e;
  }
  return undefined;
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

/**
 * Runs `work` in a transaction of `db`, again when it fails with a deadlock
 * or a serialisation failure (as retryTransient), and once more when the
 * connection was lost before the work had finished, so before any COMMIT
 * (see the module header). A connection lost after the work finished (at
 * the COMMIT) is thrown, never retried.
 */
export async function retryTransaction<T>(
  db: Pick<Database, "transaction">,
  work: (tx: Transaction) => Promise<T>,
  attempts = 4,
): Promise<T> {
  let reconnected = false;
  for (let attempt = 1;; attempt++) {
    let finished = false;
    try {
      return await db.transaction(async (tx) => {
        const result = await work(tx);
        finished = true;
        return result;
      });
    } catch (error) {
      if (isTransient(error) && attempt < attempts) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        continue;
      }
      if (isConnectionLost(error) && !finished && !reconnected) {
        reconnected = true;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
        continue;
      }
      throw error;
    }
  }
}
