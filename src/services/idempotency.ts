/**
 * Idempotency keys: a POST retried with the same key and body gets the first
 * answer instead of doing the work twice; the same key with another body is
 * a 409.
 *
 * The key is claimed inside the same transaction as the work, so the claim
 * and the work commit together or not at all; a concurrent retry waits on the
 * key's unique index until the first request commits, then replays it.
 */
import { and, eq, lt, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.ts";
import { idempotencyKeys } from "../db/schema.ts";
import { badRequest, conflict } from "../errors.ts";
import { sha256 } from "./ids.ts";

/** A response worth replaying. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What identifies an idempotent request. */
export interface IdempotentRequest {
  /** Whose key: a project id, or "admin". */
  scope: string;
  /** The Idempotency-Key header. */
  key: string;
  /** The operationId. */
  operation: string;
  /** The request path and body, hashed to recognise a retry. */
  fingerprint: string;
}

/** The longest Idempotency-Key accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Keys are kept this long, then may be reused. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/**
 * Runs `work` once per key: in a transaction that first claims the key, or
 * not at all when the key's first answer can be replayed.
 */
export async function runIdempotent(
  db: Database,
  request: IdempotentRequest,
  work: (tx: Transaction) => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (request.key.length === 0 || request.key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badRequest(
      "Idempotency-Key",
      "length",
      `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    );
  }
  const requestHash = sha256(`${request.operation}\n${request.fingerprint}`);
  return await db.transaction(async (tx) => {
    const claimed = await tx.insert(idempotencyKeys).values({
      scope: request.scope,
      key: request.key,
      operation: request.operation,
      requestHash,
      status: 0,
      response: {},
    }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [stored] = await tx.select().from(idempotencyKeys).where(
        and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key)),
      );
      if (stored.requestHash !== requestHash) {
        throw conflict(
          "this Idempotency-Key was used with another request; use a new key for a new request",
          [{
            field: "Idempotency-Key",
            rule: "same_request",
            message: `first used for ${stored.operation} with another body`,
          }],
        );
      }
      return { status: stored.status, body: stored.response, replayed: true };
    }
    const response = await work(tx);
    await tx.update(idempotencyKeys)
      .set({ status: response.status, response: response.body as object })
      .where(and(eq(idempotencyKeys.scope, request.scope), eq(idempotencyKeys.key, request.key)));
    return { ...response, replayed: false };
  });
}

/** Forgets keys older than the TTL; returns how many. */
export async function expireIdempotencyKeys(db: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000);
  const rows = await db.delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`${cutoff.toISOString()}::timestamptz`))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
