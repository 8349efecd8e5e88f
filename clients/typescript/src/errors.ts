/**
 * The client's one error: every answer that is not a success becomes a
 * MinimaError carrying the service's RFC 9457 problem (status, title,
 * detail, and `errors` naming each bad field), so callers branch on
 * `error.status` and `error.errors[i].field` instead of parsing messages.
 * It is built from the answer alone: nothing of the request (its headers,
 * so never the API key) goes into it.
 */

/** One field the service refused, and the rule it broke. */
export interface ProblemField {
  field: string;
  rule: string;
  message: string;
}

/** An RFC 9457 problem as the service sends it (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemField[];
}

/** A request the service refused (or that never got an answer: status 0). */
export class MinimaError extends Error {
  override name = "MinimaError";
  /** The HTTP status; 0 when no answer came (the connection failed on every try). */
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  /** Each field the service named, with its rule (absent when none was named). */
  readonly errors: ProblemField[];
  readonly requestId?: string;
  readonly instance?: string;

  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`, options);
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId;
    this.instance = problem.instance;
  }

  /**
   * The error of a refused answer: its problem+json body, or a problem made
   * from the status and whatever body came (a proxy's HTML page, say).
   */
  static fromResponse(response: Response, body: unknown): MinimaError {
    if (isProblem(body)) return new MinimaError(body);
    const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
    return new MinimaError({
      type: "about:blank",
      title: response.statusText || `HTTP ${response.status}`,
      status: response.status,
      detail: text.slice(0, 500) || `the service answered ${response.status} without a problem`,
    });
  }
}

function isProblem(body: unknown): body is Problem {
  if (body === null || typeof body !== "object") return false;
  const b = body as Record<string, unknown>;
  return typeof b.status === "number" && typeof b.title === "string" &&
    typeof b.detail === "string" && typeof b.type === "string";
}

/** What an openapi-fetch call resolves to. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The data of a successful answer; a MinimaError for a refused one, and for
 * a request that got no answer (status 0, the network error as its cause).
 * An aborted request rejects with its abort reason, as fetch does.
 */
export async function answer<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    if (error instanceof MinimaError) throw error;
    throw new MinimaError({
      type: "about:blank",
      title: "No answer",
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
    }, { cause: error });
  }
  if (!result.response.ok) throw MinimaError.fromResponse(result.response, result.error);
  return result.data as T;
}
