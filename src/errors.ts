/**
 * Errors that become RFC 9457 problem+json responses.
 *
 * Services throw `Problem`s; the one error handler in the app turns them
 * (and anything else) into responses. Nothing else writes error bodies.
 */
import type { $ZodIssue } from "zod/v4/core";

/**
 * Zod's issue codes: the rule of a field that breaks a schema's own check
 * (a type, a bound, a format) rather than one of minima's named rules.
 */
const ZOD_RULES = [
  "invalid_type",
  "too_big",
  "too_small",
  "invalid_format",
  "not_multiple_of",
  "invalid_union",
  "invalid_key",
  "invalid_element",
  "invalid_value",
  "custom",
] as const;

/**
 * Every rule a problem's `errors[].rule` may name: the OpenAPI document
 * enumerates them (routes/common.ts), so clients can switch on them, and the
 * type makes a rule missing here a compile error wherever one is raised.
 */
export const RULES = [
  ...ZOD_RULES,
  "already_answered",
  "already_finished",
  "base64",
  "bounds",
  "byte_length",
  "candidate",
  "count",
  "cron",
  "cursor",
  "data",
  "design_memory",
  "dimension",
  "exclusive",
  "exists",
  "finite",
  "future",
  "graph_signature",
  "graph_sizes",
  "header",
  "image_output",
  "input_shape",
  "json",
  "known_algorithm",
  "known_metric",
  "known_model",
  "known_row",
  "last_admin_key",
  "length",
  "log_min_positive",
  "matches_existing",
  "max",
  "max_coordinates",
  "max_depth",
  "max_items",
  "max_params",
  "max_rows",
  "max_size",
  "max_values",
  "metric_output",
  "min",
  "min_below_max",
  "missing_constant",
  "missing_input",
  "missing_metric",
  "missing_parameter",
  "model_error",
  "model_input",
  "model_input_type",
  "model_output",
  "non_negative",
  "object",
  "one_of",
  "one_per_row",
  "onnx_model",
  "params",
  "params_input",
  "plain_text",
  "rank",
  "ranking_algorithm",
  "required",
  "round_size",
  "rounds_algorithm",
  "rows",
  "same_request",
  "shape",
  "shown_once",
  "single_input",
  "size",
  "step",
  "step_fits_range",
  "step_grid_size",
  "study_complete",
  "supported_space",
  "text",
  "timezone",
  "type",
  "unique",
  "unique_names",
  "unique_values",
  "unknown_field",
  "unknown_input",
  "unknown_metric",
  "unknown_parameter",
  "value",
  "width",
  "with_data_base64",
] as const;

/** A stable rule name of a field issue. */
export type Rule = typeof RULES[number];

/** One thing wrong with a request: which field, which rule, in words. */
export interface FieldIssue {
  /** Where, as a path into the request: "space.parameters[1].max", "params.x1", "limit". */
  field: string;
  /** A stable rule name: "min_below_max", "bounds", "type", "unknown_parameter", ... */
  rule: Rule;
  /** A sentence for people. */
  message: string;
}

/** The kinds of problem minima reports; each has its own `type` URI. */
export type ProblemKind =
  | "bad-request"
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "study-complete"
  | "too-many-requests"
  | "payload-too-large"
  | "unsupported-media-type"
  | "internal"
  | "unavailable"
  | "cancelled";

const STATUS: Record<ProblemKind, number> = {
  "bad-request": 400,
  validation: 422,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  // A conflict of its own type, so that clients can tell "stop asking" from other conflicts.
  "study-complete": 409,
  "too-many-requests": 429,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  internal: 500,
  unavailable: 503,
  // nginx's "client closed request": the caller gave up; nobody reads the answer.
  cancelled: 499,
};

const TITLE: Record<ProblemKind, string> = {
  "bad-request": "Bad request",
  validation: "The request is not valid",
  unauthorized: "Missing or invalid API key",
  forbidden: "Not allowed with this key",
  "not-found": "Not found",
  conflict: "Conflict",
  "study-complete": "The study is complete",
  "too-many-requests": "Too many requests",
  "payload-too-large": "Request body too large",
  "unsupported-media-type": "Unsupported media type",
  internal: "Internal error",
  unavailable: "Service unavailable",
  cancelled: "Client closed request",
};

/** The URI that identifies a kind of problem. */
export function problemType(kind: ProblemKind): string {
  return `urn:minima:problem:${kind}`;
}

/** The body of a problem+json response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
  requestId?: string;
  /** Members a kind adds (RFC 9457 extension members; study-complete: completion, best). */
  [extension: string]: unknown;
}

/** An error that is the client's to fix (or a clean 5xx), with its HTTP status. */
export class Problem extends Error {
  override name = "Problem";
  /** The kind of problem (its `type`). */
  readonly kind: ProblemKind;
  /** The HTTP status. */
  readonly status: number;
  /** Which fields broke which rules, for validation problems. */
  readonly errors?: FieldIssue[];
  /** Headers the response carries (Retry-After). */
  readonly headers?: Record<string, string>;
  /** Extension members of the body (they never replace the standard ones). */
  readonly extensions?: Record<string, unknown>;

  constructor(
    kind: ProblemKind,
    detail: string,
    errors?: FieldIssue[],
    headers?: Record<string, string>,
    extensions?: Record<string, unknown>,
  ) {
    super(detail);
    this.kind = kind;
    this.status = STATUS[kind];
    this.errors = errors;
    this.headers = headers;
    this.extensions = extensions;
  }

  /** The response body for this problem. */
  toBody(instance?: string, requestId?: string): ProblemBody {
    return {
      ...this.extensions,
      type: problemType(this.kind),
      title: TITLE[this.kind],
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

/** A 422 naming one field. */
export function invalid(field: string, rule: Rule, message: string): Problem {
  return new Problem("validation", `${field}: ${message}`, [{ field, rule, message }]);
}

/** A 422 naming several fields. */
export function invalidFields(issues: FieldIssue[]): Problem {
  const head = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join("; ");
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return new Problem("validation", head + more, issues);
}

/** A 404 for a resource that does not exist or is not visible to the caller. */
export function notFound(what: string, id: string): Problem {
  return new Problem("not-found", `${what} ${id} does not exist`);
}

/** A 409 with a reason. */
export function conflict(detail: string, errors?: FieldIssue[]): Problem {
  return new Problem("conflict", detail, errors);
}

/** Formats a path of keys and indices as "a.b[1].c". */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(body)";
}

/** A 400 naming one query parameter or header. */
export function badRequest(field: string, rule: Rule, message: string): Problem {
  return new Problem("bad-request", `${field}: ${message}`, [{ field, rule, message }]);
}

/** Turns zod issues into field issues, fields prefixed where given. */
export function fieldIssues(
  issues: readonly $ZodIssue[],
  prefix = "",
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          field: formatPath([...issue.path, key], prefix),
          rule: "unknown_field",
          message: `unknown field "${key}"`,
        });
      }
      continue;
    }
    // A custom issue's rule is one of RULES (the helpers that raise them take a Rule).
    const params = (issue as { params?: { rule?: Rule } }).params;
    out.push({
      field: formatPath(issue.path, prefix),
      rule: params?.rule ?? issue.code,
      message: issue.message,
    });
  }
  return out;
}
