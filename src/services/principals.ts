/**
 * Who is calling, and the cache of resolved API keys. Each service context
 * has its own cache (two apps in one process share nothing). Revoking or
 * deleting a key notifies every process on the database (a trigger on
 * api_keys, migration 0012, NOTIFYs KEY_REVOKED at commit): each drops the key
 * from its caches at once (followRevocations), and clears them whole when
 * its listening connection was made again (notifications may have been
 * missed meanwhile). The revoking context also clears its own at once. The
 * TTL bounds how long a key is trusted without any notification.
 */
import type { DatabaseHandle } from "../db/client.ts";
import type { Logger } from "../log.ts";

/** The channel the api_keys trigger notifies with a revoked or deleted key's id. */
export const KEY_REVOKED = "minima_key_revoked";

/** Who is calling: resolved from the API key. */
export interface Principal {
  /** The key's id (null for the MINIMA_ADMIN_KEY from the environment). */
  keyId: string | null;
  /**
   * "admin" keys manage projects and keys; "project" keys work with studies;
   * "labeler" tokens only fetch and rank one study's comparisons.
   */
  role: "admin" | "project" | "labeler";
  /** The project a project key (or labeler token) belongs to. */
  projectId: string | null;
  /** The one study a labeler token may label. */
  studyId?: string | null;
}

/** Resolved keys by hash (null: not a live key), each trusted for `ttlMs`. */
export class PrincipalCache {
  readonly #entries = new Map<string, { principal: Principal | null; until: number }>();
  readonly #ttlMs: number;
  readonly #limit: number;

  constructor(ttlMs = 5_000, limit = 10_000) {
    this.#ttlMs = ttlMs;
    this.#limit = limit;
  }

  /** The principal of a key hash at `now` (ms); undefined when not cached or expired. */
  get(hash: string, now: number): Principal | null | undefined {
    const cached = this.#entries.get(hash);
    return cached && cached.until > now ? cached.principal : undefined;
  }

  /** Remembers what a key hash resolved to at `now` (ms). */
  set(hash: string, principal: Principal | null, now: number): void {
    if (this.#entries.size > this.#limit) this.#entries.clear();
    this.#entries.set(hash, { principal, until: now + this.#ttlMs });
  }

  /** Forgets every key (after a revocation). */
  clear(): void {
    this.#entries.clear();
  }

  /** Forgets the key with this id (revoked or deleted). */
  forget(keyId: string): void {
    for (const [hash, entry] of this.#entries) {
      if (entry.principal?.keyId === keyId) this.#entries.delete(hash);
    }
  }
}

/**
 * What holds a principal cache: the service context (ServiceContext is one;
 * a context made without a cache gets one of its own on first use).
 */
export interface HoldsPrincipals {
  principals?: PrincipalCache;
}

/** The context's principal cache. */
export function principalsOf(ctx: HoldsPrincipals): PrincipalCache {
  return ctx.principals ??= new PrincipalCache();
}

/**
 * Drops revoked keys from the context's cache as other processes (and this
 * one) revoke them; see the module's header.
 */
export function followRevocations(
  database: Pick<DatabaseHandle, "listen">,
  ctx: HoldsPrincipals & { log?: Logger },
): void {
  const cache = principalsOf(ctx);
  database.listen(KEY_REVOKED, (keyId) => cache.forget(keyId), () => cache.clear())
    .catch((error) =>
      ctx.log?.warn("cannot listen for revoked keys; cached keys are trusted for their TTL", {
        error: String(error),
      })
    );
}
