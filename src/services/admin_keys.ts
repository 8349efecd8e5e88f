/**
 * Admin keys as objects: minted, listed and revoked through the API like
 * project keys (stored as hashes, shown once, revoked through the same path
 * and principal cache as every key, recorded in the audit log).
 *
 * MINIMA_ADMIN_KEY, when set, is an admin key that is not stored and cannot
 * be revoked through the API: rotating away from it is minting a stored
 * admin key with it, moving clients to the new key, and starting the
 * processes without MINIMA_ADMIN_KEY (README, "Admin keys").
 */
import type { Queryable } from "../db/client.ts";
import { adminKeys, hasLiveAdminKey, lockAdminBootstrap } from "../db/queries/projects.ts";
import { conflict } from "../errors.ts";
import type { Actor } from "./audit.ts";
import type { ServiceContext } from "./context.ts";
import { type ApiKeyView, keyView, mintKey, revoke } from "./projects.ts";

/** Mints an admin key; the key is in the answer and nowhere else. */
export async function createAdminKey(
  q: Queryable,
  name: string,
  by: Actor,
): Promise<ApiKeyView & { key: string }> {
  return await mintKey(q, { role: "admin", name, projectId: null }, by);
}

/** The stored admin keys, revoked ones included (MINIMA_ADMIN_KEY is not one). */
export async function listAdminKeys(q: Queryable): Promise<ApiKeyView[]> {
  return (await adminKeys(q)).map(keyView);
}

/**
 * Revokes an admin key. Without MINIMA_ADMIN_KEY on this process, the last
 * live admin key cannot be revoked (409): that would lock every admin out.
 * The check holds across processes: it takes the lock that serialises
 * admin-key bootstrapping, so two revocations cannot each leave the other's
 * key as the last.
 */
export async function revokeAdminKey(
  ctx: ServiceContext,
  q: Queryable,
  keyId: string,
  by: Actor,
  envAdminKey: boolean,
): Promise<ApiKeyView> {
  return await revoke(ctx, q, { keyId, projectId: null }, "admin key", by, async (tx) => {
    if (envAdminKey) return;
    await lockAdminBootstrap(tx);
    if (!(await hasLiveAdminKey(tx))) {
      throw conflict(
        `admin key ${keyId} is the last live admin key and MINIMA_ADMIN_KEY is not set: ` +
          "revoking it would lock every admin out; mint another admin key first",
        [{ field: "keyId", rule: "last_admin_key", message: "the last live admin key" }],
      );
    }
  });
}
