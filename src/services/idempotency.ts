/**
 * Idempotency keys: a POST retried with the same key and body gets the first
 * answer instead of doing the work twice; the same key with another body is
 * a 409.
 *
 * The key is claimed inside the same transaction as the work, so the claim
 * and the work commit together or not at all; a concurrent retry waits on the
 * key's unique index until the first request commits, then replays it.
 *
 * Secrets are never stored. An operation that mints one (createApiKey,
 * createLabelerToken, createAdminKey) names the answer's secret field: the answer is stored
 * without it, and a replay is a 409 that names what was minted (its id) and
 * says that secrets are shown once, instead of replaying an answer that
 * would show it again or pretend it has none.
 *
 * A lost connection (see retryTransaction in ../db/errors.ts) is retried
 * once, transparently, when it came before the COMMIT; one lost during the
 * COMMIT is the client's to retry with the same key, which replays the first
 * answer if it committed and does the work if it did not.
 */
import type { Database, Transaction } from "../db/client.ts";
import { retryTransaction } from "../db/errors.ts";
import {
  claimKey,
  deleteKeysBefore,
  forgetField,
  storeAnswer,
  storedKey,
} from "../db/queries/idempotency.ts";
import { badRequest, conflict, type Problem } from "../errors.ts";
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
  /**
   * The field of the answer's body that holds a secret shown once (a minted
   * key): stored without it, and a replay is a 409 instead.
   */
  secret?: string;
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
  return await retryTransaction(db, async (tx) => {
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
      if (request.secret !== undefined) throw shownOnce(request.secret, stored.response);
      return { status: stored.status, body: stored.response, replayed: true };
    }
    const response = await work(tx);
    await storeAnswer(
      tx,
      request,
      request.secret === undefined ? response : withoutField(response, request.secret),
    );
    return { ...response, replayed: false };
  });
}

/** The answer with its body's `field` left out. */
function withoutField(response: StoredResponse, field: string): StoredResponse {
  if (response.body === null || typeof response.body !== "object") return response;
  const { [field]: _secret, ...rest } = response.body as Record<string, unknown>;
  return { status: response.status, body: rest };
}

/** The 409 of a replayed mint: the secret was shown once, and is not kept. */
function shownOnce(secret: string, stored: unknown): Problem {
  const id = (stored as { id?: unknown } | null)?.id;
  const what = typeof id === "string" ? `${secret} ${id}` : `a ${secret}`;
  return conflict(
    `this Idempotency-Key already minted ${what}; a ${secret} is shown once and stored only ` +
      `as a hash, so it cannot be shown again. If the answer was lost, revoke ${what} and ` +
      `mint another with a new Idempotency-Key`,
    [{
      field: "Idempotency-Key",
      rule: "shown_once",
      message: `already minted ${what}`,
    }],
  );
}

/** The operations that mint a secret, and the field of their answer that holds it. */
export const SECRET_MINTING = {
  operations: ["createApiKey", "createLabelerToken", "createAdminKey"],
  field: "key",
};

/**
 * Forgets keys older than the TTL (returns how many), and removes any
 * secret from stored answers (answers stored before secrets were left out).
 */
export async function expireIdempotencyKeys(db: Database, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3600_000);
  await forgetField(db, SECRET_MINTING.operations, SECRET_MINTING.field);
  return await deleteKeysBefore(db, cutoff);
}
