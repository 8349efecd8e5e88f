/**
 * The agent's view of the trials API: suggest, heartbeat, complete, fail.
 * POSTs that create or finish carry an Idempotency-Key kept across retries, so
 * a retry after a dropped connection cannot hand out or report twice. Only
 * transient failures are retried (no connection, 503 with Retry-After). The
 * key goes into the Authorization header and nowhere else: errors name the
 * path and the server's problem, never the request.
 */

/** A trial as the API returns it (the fields the agent reads). */
export interface AgentTrial {
  id: string;
  number: number;
  state: string;
  params: Record<string, unknown>;
  leaseExpiresAt: string | null;
}

/** A study as the API returns it (the fields the agent reads). */
export interface AgentStudy {
  id: string;
  state: string;
  /** Null for a study that learns from rounds (sso): it has no trials to run. */
  space: { parameters: { name: string }[] } | null;
  /** Null for a study that learns from rounds (sso). */
  objective: { metrics: { name: string; goal: "minimize" | "maximize" }[] } | null;
  algorithm: { name: string };
  settings: { leaseSeconds: number };
}

/** A result to report: values, or infeasible. */
export type TrialResult =
  | { values: Record<string, number> }
  | { infeasible: true; reason?: string };

/** A response the agent cannot go on from (a 4xx, or a 5xx that kept failing). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly type?: string) {
    super(message);
  }
}

/** The problem type of a study that reached a stop condition (settings.maxTrials, deadline). */
export const STUDY_COMPLETE = "urn:minima:problem:study-complete";

const ATTEMPTS = 5;
const MAX_WAIT_S = 30;

/** Sleeps `ms`, or less once `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done);
  });
}

/** The trials API of one study, for one agent. */
export class AgentClient {
  constructor(
    private readonly url: string,
    private readonly key: string,
    readonly studyId: string,
  ) {}

  // deno-lint-ignore no-explicit-any
  private async request(method: string, path: string, body?: unknown): Promise<any> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method === "POST" && body !== undefined) headers["idempotency-key"] = crypto.randomUUID();
    for (let attempt = 1;; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${this.url}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          throw new ApiError(0, `${method} ${path}: ${(error as Error).message}`);
        }
        await pause(backoff(attempt));
        continue;
      }
      const text = await response.text();
      const retryAfter = response.headers.get("retry-after");
      if (response.status === 503 && retryAfter !== null && attempt < ATTEMPTS) {
        const seconds = Number(retryAfter);
        await pause(
          Number.isFinite(seconds) ? Math.min(seconds, MAX_WAIT_S) * 1000 : backoff(attempt),
        );
        continue;
      }
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch { /* not JSON: reported as text below */ }
      if (response.ok) return parsed;
      // deno-lint-ignore no-explicit-any
      const problem = parsed as any;
      const detail = problem?.detail ?? problem?.title ?? text.slice(0, 300);
      throw new ApiError(
        response.status,
        `${method} ${path}: ${response.status} ${detail}`,
        typeof problem?.type === "string" ? problem.type : undefined,
      );
    }
  }

  private trialPath(trialId: string, action = ""): string {
    return `/v1/studies/${this.studyId}/trials/${trialId}${action ? `/${action}` : ""}`;
  }

  /** The study (its space and first metric). */
  async study(): Promise<AgentStudy> {
    return await this.request("GET", `/v1/studies/${this.studyId}`);
  }

  /**
   * One trial for `clientId` (the one it holds, if any), or when to ask
   * again; `complete` (the problem's detail) once the study reached a stop
   * condition and hands out no more.
   */
  async suggest(
    clientId: string,
  ): Promise<{ trial?: AgentTrial; retryAfterSeconds?: number; complete?: string }> {
    try {
      const body = await this.request("POST", `/v1/studies/${this.studyId}/trials/suggest`, {
        count: 1,
        clientId,
      });
      return { trial: body.trials[0], retryAfterSeconds: body.retryAfterSeconds };
    } catch (error) {
      if (!(error instanceof ApiError) || error.type !== STUDY_COMPLETE) throw error;
      return { complete: error.message };
    }
  }

  /** Extends the trial's lease; returns the new expiry (null once it is not ACTIVE). */
  async heartbeat(trialId: string): Promise<string | null> {
    try {
      const trial: AgentTrial = await this.request("POST", this.trialPath(trialId, "heartbeat"));
      return trial.leaseExpiresAt;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return null;
      throw error;
    }
  }

  async complete(trialId: string, result: TrialResult): Promise<AgentTrial> {
    return await this.request("POST", this.trialPath(trialId, "complete"), result);
  }

  async fail(trialId: string, reason: string): Promise<AgentTrial> {
    return await this.request("POST", this.trialPath(trialId, "fail"), { reason });
  }
}

function backoff(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 4000) * (0.5 + Math.random() / 2);
}
