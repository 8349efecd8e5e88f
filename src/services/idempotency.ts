/**
 * Idempotency keys: a POST retried with the same key and body gets the first
 * answer instead of doing the work twice; the same key with another body is
 * a 409.
 *
 * The key is claimed inside the same transaction as the work, so the claim
 * and the work commit together or not at all; a concurrent retry waits on the
 * key's unique index until the first request commits, then replays it.
 */
import type { Database, Transaction } from "../db/client.ts";
import { claimKey, deleteKeysBefore, storeAnswer, storedKey } from "../db/queries/idempotency.ts";
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
    if (!(await claimKey(tx, request, { operation: request.operation, requestHash }))) {
      const stored = await storedKey(tx, request);
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
    await storeAnswer(tx, request, response);
    return { ...response, replayed: false };
  });
}

/** Forgets keys older than the TTL; returns how many. */
export async function expireIdempotencyKeys(db: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000);
  return await deleteKeysBefore(db, cutoff);
}
