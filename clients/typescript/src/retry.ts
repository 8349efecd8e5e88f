/**
 * Retries, as the service's Idempotency-Key makes them safe (see
 * src/services/idempotency.ts): every POST gets a key, kept across its
 * retries, so that a retry after a lost answer replays the first answer
 * instead of suggesting or completing twice.
 *
 * What is retried, and why:
 * - 429 and 503 always: the service did nothing (a rate limit, or a
 *   designer or database not ready), and says when to come back
 *   (Retry-After, honoured up to `maxDelayMs`);
 * - a failed connection and other 5xx only when repeating the request is
 *   safe: GET/HEAD/PUT/DELETE/PATCH (they set state rather than add to it),
 *   POSTs that honour the Idempotency-Key, and the POSTs that are idempotent
 *   by nature (heartbeat, cancel a run, evaluate a model). A labeler's
 *   comparison POSTs (next, ranking, skip, undo) have no key and are not
 *   retried: a repeated ranking or undo would count twice.
 * Waits grow exponentially with jitter, capped at `maxDelayMs`. An aborted
 * request is never retried.
 */

/** How a client retries. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 5; 1 turns retries off). */
  attempts?: number;
  /** The first backoff, in ms (default 250); it doubles each try. */
  baseDelayMs?: number;
  /** The longest wait, Retry-After included, in ms (default 30,000). */
  maxDelayMs?: number;
}

/** POSTs without an Idempotency-Key whose repetition would do the work twice. */
const UNREPEATABLE_POSTS = /\/comparisons\/(next|[^/]+\/(skip|undo))\/?$/;

/** Whether sending `method` to `pathname` twice does no more than sending it once. */
export function safeToRepeat(method: string, pathname: string): boolean {
  const m = method.toUpperCase();
  if (m !== "POST") return true;
  return !UNREPEATABLE_POSTS.test(pathname);
}

/** The wait a Retry-After header asks for (seconds, or an HTTP date), in ms. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (header.trim() !== "" && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function pause(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A fetch (as openapi-fetch calls it, with a Request) that gives POSTs an
 * Idempotency-Key and retries as the module header says.
 */
export function retryingFetch(
  inner: (request: Request) => Promise<Response>,
  policy: RetryPolicy = {},
): (request: Request) => Promise<Response> {
  const attempts = Math.max(1, policy.attempts ?? 5);
  const base = policy.baseDelayMs ?? 250;
  const cap = policy.maxDelayMs ?? 30_000;
  const backoff = (attempt: number) =>
    Math.min(cap, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  return async (request: Request) => {
    const headers = new Headers(request.headers);
    if (request.method === "POST" && !headers.has("idempotency-key")) {
      headers.set("idempotency-key", crypto.randomUUID());
    }
    // Read once, so that each try sends the same bytes.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const repeatable = safeToRepeat(request.method, new URL(request.url).pathname);
    for (let attempt = 1;; attempt++) {
      const last = attempt >= attempts;
      const tryRequest = new Request(request.url, {
        method: request.method,
        headers,
        body,
        signal: request.signal,
        redirect: request.redirect,
      });
      let response: Response;
      try {
        response = await inner(tryRequest);
      } catch (error) {
        if (request.signal.aborted || !repeatable || last) throw error;
        await pause(backoff(attempt), request.signal);
        continue;
      }
      const refused = response.status === 429 || response.status === 503;
      const failed = response.status >= 500 && repeatable;
      if (last || !(refused || failed)) return response;
      const asked = retryAfterMs(response.headers.get("retry-after"));
      await response.body?.cancel();
      await pause(Math.min(cap, asked ?? backoff(attempt)), request.signal);
    }
  };
}
