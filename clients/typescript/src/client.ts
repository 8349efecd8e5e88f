/**
 * The TypeScript client of minima: `createMinimaClient` gives the typed
 * openapi-fetch client of the service (every path, body and answer typed
 * from the generated ./schema.d.ts, so a wrong body fails `deno check`),
 * with the API key in its Authorization header, a clientId of its own, and
 * retries made safe by Idempotency-Keys (./retry.ts). Study (./study.ts)
 * adds the ask/tell loop on top of it.
 *
 * The key lives only in the closure of the client's headers: the returned
 * object has no field holding it, so printing, logging or serialising the
 * client (or a Study, or a MinimaError) cannot show it.
 */
import createClient, { type Client } from "openapi-fetch";
import { retryingFetch, type RetryPolicy } from "./retry.ts";
import type { paths } from "./schema.d.ts";

export { answer, MinimaError, type Problem, type ProblemField } from "./errors.ts";
export { DEFAULT_RETRY, retryAfterMs, type RetryPolicy, safeToRepeat } from "./retry.ts";
export type { paths } from "./schema.d.ts";
export { failureReason, Study, type StudyResult, type WithTrialOptions } from "./study.ts";
export type {
  BestTrials,
  StudyDefinition,
  StudyView,
  Suggestion,
  Trial,
  TrialReport,
} from "./types.ts";

/** How to reach the service. */
export interface MinimaClientOptions {
  /** The service's base URL (default: $MINIMA_URL, else http://localhost:8080). */
  url?: string;
  /**
   * A project key (mk_…; default: $MINIMA_API_KEY). Sent as
   * `Authorization: Bearer`, kept nowhere else.
   */
  apiKey?: string;
  /**
   * The clientId sent with suggestions. Default: one of its own per client
   * (`ts-<uuid>`): a suggest with the clientId of a still-ACTIVE trial gets
   * that trial back, so parallel workers must not share one.
   */
  clientId?: string;
  /** Retries (./retry.ts); `{ attempts: 1 }` turns them off. */
  retry?: RetryPolicy;
  /** The fetch to send with (default globalThis.fetch); each try is one call. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The typed client of the service, with the clientId its helpers send. */
export type MinimaClient = Client<paths> & {
  /** The service's base URL. */
  readonly url: string;
  /** The clientId its suggestions carry. */
  readonly clientId: string;
  /**
   * The fetch of one try without retries, of at most 30 s, for requests
   * whose next repetition is the retry: withTrial's heartbeats.
   */
  readonly sendOnce: (request: Request) => Promise<Response>;
};

/** The longest a heartbeat waits for its answer (the Python client's too). */
const HEARTBEAT_TIMEOUT_MS = 30_000;

/** An environment variable where the runtime has them and grants access, else undefined. */
function env(name: string): string | undefined {
  try {
    return (globalThis as { Deno?: { env: { get(n: string): string | undefined } } }).Deno?.env
      .get(name);
  } catch {
    return undefined; // --allow-env not granted: the option must be given
  }
}

/**
 * A client of the service at `url` with a project key; without them, of
 * $MINIMA_URL (else http://localhost:8080) with $MINIMA_API_KEY, as the
 * Python client's `Client()`.
 */
export function createMinimaClient(options: MinimaClientOptions = {}): MinimaClient {
  const apiKey = options.apiKey ?? env("MINIMA_API_KEY");
  if (typeof apiKey !== "string" || apiKey.length === 0) {
    throw new TypeError("createMinimaClient: no apiKey: pass one or set MINIMA_API_KEY");
  }
  const url = (options.url ?? env("MINIMA_URL") ?? "http://localhost:8080").replace(/\/+$/, "");
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const client = createClient<paths>({
    baseUrl: url,
    headers: { authorization: `Bearer ${apiKey}` },
    fetch: retryingFetch(send, options.retry),
  });
  return Object.assign(client, {
    url,
    clientId: options.clientId ?? `ts-${crypto.randomUUID()}`,
    sendOnce: retryingFetch(send, {
      ...options.retry,
      attempts: 1,
      timeoutMs: Math.min(HEARTBEAT_TIMEOUT_MS, options.retry?.timeoutMs ?? Infinity),
    }),
  });
}
