/**
 * Rate limits per key: a token bucket for each API key (admin keys, project
 * keys, and MINIMA_ADMIN_KEY as one key) and for each labeler token, with
 * its own, lower limit.
 *
 * A bucket holds up to `burst` tokens and gains `rate` a second; a request
 * takes one, and a request that finds none is refused (429) with the seconds
 * until one is there. The buckets live in this process: with N processes
 * serving the API, a key may make up to N times the limit in all (README,
 * "Rate limits"), the price of a check that costs no database round trip.
 * The clock is injected, so tests refill a bucket by moving it.
 */
import { Problem } from "../errors.ts";
import type { Principal } from "./principals.ts";

/** A bucket's size and refill. */
export interface RateLimit {
  /** Tokens gained a second (sustained requests a second). */
  rate: number;
  /** Tokens a bucket holds (requests in a burst). */
  burst: number;
}

/** The limits: per key, and per labeler token; absent: not limited. */
export interface RateLimits {
  perKey?: RateLimit;
  perLabeler?: RateLimit;
}

/** What a request found: allowed, or refused with the seconds to wait. */
export type RateVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; limit: RateLimit };

/** Buckets kept before full ones (as good as none) are dropped. */
const MAX_BUCKETS = 10_000;

/** Token buckets by key id, in one process. */
export class RateLimiter {
  readonly #limits: RateLimits;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /** `now` is in milliseconds (the app's clock). */
  constructor(limits: RateLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Whether any key is limited. */
  get enabled(): boolean {
    return this.#limits.perKey !== undefined || this.#limits.perLabeler !== undefined;
  }

  /** Takes a token from the principal's bucket. */
  take(principal: Principal): RateVerdict {
    const limit = principal.role === "labeler" ? this.#limits.perLabeler : this.#limits.perKey;
    if (!limit) return { allowed: true };
    const id = principal.keyId ?? "bootstrap";
    const now = this.#now();
    let bucket = this.#buckets.get(id);
    if (!bucket) {
      if (this.#buckets.size >= MAX_BUCKETS) this.#dropFull(now);
      bucket = { tokens: limit.burst, at: now };
      this.#buckets.set(id, bucket);
    } else if (now > bucket.at) {
      // A clock that steps back refills nothing (and takes nothing back).
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) / 1000 * limit.rate);
      bucket.at = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const seconds = (1 - bucket.tokens) / limit.rate;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)), limit };
  }

  /** Drops the buckets that have refilled (a full bucket is the same as none). */
  #dropFull(now: number): void {
    const slowest = Math.min(
      this.#limits.perKey?.rate ?? Infinity,
      this.#limits.perLabeler?.rate ?? Infinity,
    );
    const largest = Math.max(this.#limits.perKey?.burst ?? 0, this.#limits.perLabeler?.burst ?? 0);
    for (const [id, b] of this.#buckets) {
      if (b.tokens + (now - b.at) / 1000 * slowest >= largest) this.#buckets.delete(id);
    }
    // Still full of live buckets: forget them all rather than grow without bound.
    if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
  }
}

/** The labeler tokens' limit when only the per-key one is set: 5 a second, bursts of 20. */
export const DEFAULT_LABELER_LIMIT: RateLimit = { rate: 5, burst: 20 };

/**
 * Parses "RATE" or "RATE:BURST" (requests a second, and a burst, whole; the
 * burst defaults to one second's worth, at least 1); "off" is no limit.
 * Returns an error message for anything else.
 */
export function parseRateLimit(text: string): RateLimit | "off" | string {
  if (text === "off") return "off";
  const m = /^(\d+(?:\.\d+)?)(?::(\d+))?$/.exec(text);
  if (!m) return 'must be "RATE" or "RATE:BURST" (requests a second, burst), or "off"';
  const rate = Number(m[1]);
  const burst = m[2] === undefined ? Math.max(1, Math.ceil(rate)) : Number(m[2]);
  if (!(rate > 0) || rate > 1e6) return "the rate must be above 0 and at most 1000000";
  if (burst < 1 || burst > 1e6) return "the burst must be 1 to 1000000";
  return { rate, burst };
}

/**
 * The limits from the two settings: labeler tokens get their own, or (when
 * only the per-key limit is set) DEFAULT_LABELER_LIMIT, lowered to the
 * per-key limit where that is lower.
 */
export function rateLimits(perKey?: RateLimit | "off", perLabeler?: RateLimit | "off"): RateLimits {
  const key = perKey === "off" ? undefined : perKey;
  if (perLabeler !== undefined) {
    return { perKey: key, perLabeler: perLabeler === "off" ? undefined : perLabeler };
  }
  if (!key) return {};
  return {
    perKey: key,
    perLabeler: {
      rate: Math.min(key.rate, DEFAULT_LABELER_LIMIT.rate),
      burst: Math.min(key.burst, DEFAULT_LABELER_LIMIT.burst),
    },
  };
}

/** The 429 of a refused request: problem+json with Retry-After (whole seconds) and RateLimit-*. */
export function rateLimited(verdict: RateVerdict & { allowed: false }): Problem {
  const { rate, burst } = verdict.limit;
  return new Problem(
    "too-many-requests",
    `this key may make ${rate} requests a second (bursts of ${burst}); ` +
      `retry after ${verdict.retryAfterSeconds} s`,
    undefined,
    {
      "retry-after": String(verdict.retryAfterSeconds),
      "ratelimit-limit": String(burst),
      "ratelimit-remaining": "0",
      "ratelimit-reset": String(verdict.retryAfterSeconds),
    },
  );
}
