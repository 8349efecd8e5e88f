/**
 * Idempotency keys' rows. A key is claimed by inserting it (ON CONFLICT DO
 * NOTHING) in the transaction that does the work: a concurrent retry waits
 * on the key's unique index until the first request commits.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database, Queryable } from "../client.ts";
import { idempotencyKeys } from "../schema.ts";

/** A stored key and its answer. */
export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Which key: whose (scope) and the key itself. */
export interface KeyName {
  scope: string;
  key: string;
}

/** Claims a key with an empty answer; false when it is already there. */
export async function claimKey(
  tx: Queryable,
  name: KeyName,
  request: { operation: string; requestHash: string },
): Promise<boolean> {
  const claimed = await tx.insert(idempotencyKeys).values({
    scope: name.scope,
    key: name.key,
    operation: request.operation,
    requestHash: request.requestHash,
    status: 0,
    response: {},
  }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

/** A stored key (after claimKey found it taken, so it is there). */
export async function storedKey(tx: Queryable, name: KeyName): Promise<IdempotencyRow> {
  const [stored] = await tx.select().from(idempotencyKeys).where(
    and(eq(idempotencyKeys.scope, name.scope), eq(idempotencyKeys.key, name.key)),
  );
  return stored;
}

/** Stores the answer of a claimed key. */
export async function storeAnswer(
  tx: Queryable,
  name: KeyName,
  answer: { status: number; body: unknown },
): Promise<void> {
  await tx.update(idempotencyKeys)
    .set({ status: answer.status, response: answer.body as object })
    .where(and(eq(idempotencyKeys.scope, name.scope), eq(idempotencyKeys.key, name.key)));
}

/** Deletes the keys created before `cutoff`; returns how many. */
export async function deleteKeysBefore(db: Database, cutoff: Date): Promise<number> {
  const rows = await db.delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`${cutoff.toISOString()}::timestamptz`))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}

/**
 * Removes `field` from the stored answers of `operations` that still hold
 * it (answers stored before secrets were left out); returns how many.
 */
export async function forgetField(
  db: Database,
  operations: string[],
  field: string,
): Promise<number> {
  const rows = await db.update(idempotencyKeys)
    .set({ response: sql`${idempotencyKeys.response} - ${field}::text` })
    .where(and(
      inArray(idempotencyKeys.operation, operations),
      sql`${idempotencyKeys.response} ? ${field}::text`,
    ))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
