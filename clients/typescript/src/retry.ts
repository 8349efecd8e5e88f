/**
 * Retries, as the service's Idempotency-Key makes them safe (see
 * src/services/idempotency.ts): every POST but a heartbeat (idempotent by
 * nature) gets a key, kept across its retries, so that a retry after a lost answer replays the first answer
 * instead of suggesting or completing twice.
 *
 * What is retried, and why:
 * - 429 and 503 always: the service did nothing (a rate limit, or a
 *   designer or database not ready), and says when to come back
 *   (Retry-After, honoured up to `maxRetryAfterMs`);
 * - a failed connection and other 5xx only when repeating the request is
 *   safe: GET/HEAD/PUT/DELETE/PATCH (they set state rather than add to it),
 *   POSTs that honour the Idempotency-Key, and the POSTs that are idempotent
 *   by nature (heartbeat, cancel a run, evaluate a model; a ranking, whose
 *   repetition answers as the first time). A labeler's next, skip and undo
 *   are not deduplicated and are not retried: a repeated undo would undo two.
 * Waits grow exponentially with jitter, capped at `maxDelayMs`; each try
 * has `timeoutMs`, and a try that timed out counts as a failed connection.
 * An aborted request is never retried. The defaults are the Python client's
 * (clients/python/src/minima_client/_transport.py): 5 tries, 0.25 s doubling
 * to 8 s, Retry-After up to 60 s, 120 s a try.
 */

/** How a client retries. */
export interface RetryPolicy {
  /** Tries in all, the first included (default 5; 1 turns retries off). */
  attempts?: number;
  /** The first backoff, in ms (default 250); it doubles each try. */
  baseDelayMs?: number;
  /** The longest backoff, in ms (default 8,000). */
  maxDelayMs?: number;
  /** The longest wait a Retry-After may ask for, in ms (default 60,000; longer is cut to it). */
  maxRetryAfterMs?: number;
  /**
   * The limit of one try, answer body included, in ms (default 120,000): a
   * half-open connection fails the try instead of hanging. A try that timed
   * out is retried only where repeating is safe (it may have been done).
   */
  timeoutMs?: number;
}

/** The defaults, the same as the Python client's RetryPolicy. */
export const DEFAULT_RETRY: Required<RetryPolicy> = {
  attempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 120_000,
};

/** POSTs without an Idempotency-Key whose repetition would do the work twice. */
const UNREPEATABLE_POSTS = /\/comparisons\/(next|[^/]+\/(skip|undo))\/?$/;

/** A heartbeat: idempotent by nature, so it needs no Idempotency-Key (the Python client sends none). */
const HEARTBEAT = /\/trials\/[^/]+\/heartbeat\/?$/;

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

/** Waits `ms`, or rejects with the signal's reason once it aborts. */
export function pause(ms: number, signal?: AbortSignal | null): Promise<void> {
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
 * One try under a time limit: the answer is read whole before the limit is
 * lifted, so a connection that stalls mid-body times out too.
 */
async function tryOnce(
  inner: (request: Request) => Promise<Response>,
  request: Request,
  timeoutMs: number,
): Promise<Response> {
  const limit = new AbortController();
  const timer = setTimeout(
    () => limit.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")),
    timeoutMs,
  );
  try {
    const signal = AbortSignal.any([request.signal, limit.signal]);
    const response = await inner(new Request(request, { signal }));
    const bytes = await response.arrayBuffer();
    return new Response(bytes.byteLength === 0 ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fetch (as openapi-fetch calls it, with a Request) that gives POSTs an
 * Idempotency-Key and retries as the module header says.
 */
export function retryingFetch(
  inner: (request: Request) => Promise<Response>,
  policy: RetryPolicy = {},
): (request: Request) => Promise<Response> {
  const { attempts, baseDelayMs, maxDelayMs, maxRetryAfterMs, timeoutMs } = {
    ...DEFAULT_RETRY,
    ...policy,
  };
  const tries = Math.max(1, attempts);
  const backoff = (attempt: number) =>
    Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
  return async (request: Request) => {
    const headers = new Headers(request.headers);
    const pathname = new URL(request.url).pathname;
    if (request.method === "POST" && !HEARTBEAT.test(pathname) && !headers.has("idempotency-key")) {
      headers.set("idempotency-key", crypto.randomUUID());
    }
    // Read once, so that each try sends the same bytes.
    const body = request.body === null ? undefined : await request.arrayBuffer();
    const repeatable = safeToRepeat(request.method, pathname);
    for (let attempt = 1;; attempt++) {
      const last = attempt >= tries;
      const tryRequest = new Request(request.url, {
        method: request.method,
        headers,
        body,
        signal: request.signal,
        redirect: request.redirect,
      });
      let response: Response;
      try {
        response = await tryOnce(inner, tryRequest, timeoutMs);
      } catch (error) {
        if (request.signal.aborted || !repeatable || last) throw error;
        await pause(backoff(attempt), request.signal);
        continue;
      }
      const refused = response.status === 429 || response.status === 503;
      const failed = response.status >= 500 && repeatable;
      if (last || !(refused || failed)) return response;
      const asked = retryAfterMs(response.headers.get("retry-after"));
      await pause(
        asked === undefined ? backoff(attempt) : Math.min(maxRetryAfterMs, asked),
        request.signal,
      );
    }
  };
}
