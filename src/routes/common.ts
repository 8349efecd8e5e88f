/**
 * What every route module shares: the app's types, the problem responses,
 * validation errors, the JSON depth limit, pagination and idempotency.
 */
import { z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler, TypedResponse } from "hono";
import type { ContentfulStatusCode, SuccessStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { DatabaseHandle, Queryable } from "../db/client.ts";
import { retryTransient } from "../db/errors.ts";
import { type FieldIssue, fieldIssues, formatPath, Problem, problemType } from "../errors.ts";
import { isPlainText } from "../services/ids.ts";
import type { ServiceContext } from "../services/context.ts";
import { type Actor, actorOf } from "../services/audit.ts";
import type { Principal } from "../services/principals.ts";
import { runIdempotent, type StoredResponse } from "../services/idempotency.ts";

export { problemResponses, ProblemSchema } from "./problems.ts";

/** Per-request values middleware puts on the context. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    services: ServiceContext;
    database: DatabaseHandle;
  };
}

/** A JSON content entry of the OpenAPI document, with its example. */
export function json<T extends z.ZodTypeAny>(schema: T, example: unknown) {
  return { content: { "application/json": { schema, example } } };
}

/** A required JSON request body, with its example. */
export function jsonBody<T extends z.ZodTypeAny>(schema: T, example: unknown) {
  return { required: true, ...json(schema, example) };
}

/** The Idempotency-Key header, documented for POSTs that create or complete. */
export const IdempotencyHeaders = z.object({
  "idempotency-key": z.string().min(1).max(255).optional().openapi({
    description:
      "Makes the POST safe to retry: a retry with the same key and body returns the first " +
      "response (with `Idempotent-Replayed: true`); the same key with another body is a 409. " +
      "Keys are kept 24 hours per project.",
    example: "3f0a1c52-8e1b-4f0e-9b53-2d1f7f3c9a10",
  }),
});

/** The query of a streamed export (exportTrials, exportComparisons). */
export const ExportQuery = z.object({
  format: z.enum(["csv", "jsonl"]).default("csv").openapi({ example: "csv" }),
});

/** The two media types a streamed export answers in, with an example of each. */
export function exportContent(examples: { csv: string; jsonl: string }) {
  return {
    "text/csv": { schema: z.string(), example: examples.csv },
    "application/x-ndjson": { schema: z.string(), example: examples.jsonl },
  };
}

/** Query parameters of paginated listings. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({
    description: "Items per page (1–1000, default 100)",
    example: 100,
  }),
  cursor: z.string().max(512).optional().openapi({
    description: "`nextCursor` of the previous page",
  }),
});

/** A page of items with the cursor to the next one. */
export function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().openapi({
      description: "Pass as `cursor` for the next page; null on the last page",
    }),
  });
}

/** A UUID, accepted in any case and read in lower case. */
export function uuid() {
  return z.string().uuid().transform((s) => s.toLowerCase());
}

/** A UUID path parameter that 404s (rather than 422s) when malformed. */
export function idParam(name: string, example: string) {
  return uuid().openapi({ param: { name, in: "path" }, example });
}

/**
 * The validation hook every route uses: a bad body is a 422, a bad query or
 * header a 400, a malformed id in the path a 404; each names its fields.
 */
export function validationHook(
  result: {
    success: boolean;
    data?: unknown;
    error?: { issues: z.core.$ZodIssue[] };
    target: string;
  },
) {
  if (result.success) {
    const bad = unstorableStrings(result.data, "");
    if (bad.length === 0) return;
    const problem = result.target === "json" ? "validation" : "bad-request";
    throw new Problem(problem, bad.map((i) => `${i.field}: ${i.message}`).join("; "), bad);
  }
  const issues = fieldIssues(result.error!.issues);
  const summary = issues.slice(0, 3).map((i) => `${i.field}: ${i.message}`).join("; ");
  if (result.target === "param") {
    throw new Problem("not-found", `no such resource (${summary})`, issues);
  }
  if (result.target === "json") throw new Problem("validation", summary, issues);
  throw new Problem("bad-request", summary, issues);
}

/** The deepest nesting of arrays and objects a JSON body may have (the body itself is level 1). */
export const MAX_JSON_DEPTH = 64;

/**
 * Where a JSON text nests arrays and objects deeper than `limit`: the path
 * of the innermost named member holding the nesting ("metadata.note"; the
 * body itself is "(body)"), or undefined within the limit. It reads the text
 * once, without parsing it and without recursion, and keeps at most `limit`
 * levels, so any depth costs the same; a malformed text is the parser's to
 * refuse.
 */
export function tooDeep(text: string, limit = MAX_JSON_DEPTH): string | undefined {
  const levels: { array: boolean; index: number; key: string; expectsKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      i = stringEnd(text, i);
      const top = levels[levels.length - 1];
      if (top && !top.array && top.expectsKey) {
        top.key = memberName(text.slice(start, i + 1));
        top.expectsKey = false;
      }
    } else if (ch === "{" || ch === "[") {
      levels.push({ array: ch === "[", index: 0, key: "", expectsKey: ch === "{" });
      if (levels.length > limit) {
        const path: (string | number)[] = levels.slice(0, -1).map((l) => l.array ? l.index : l.key);
        while (typeof path[path.length - 1] === "number") path.pop();
        return formatPath(path);
      }
    } else if (ch === "}" || ch === "]") {
      levels.pop();
    } else if (ch === ",") {
      const top = levels[levels.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectsKey = true;
    }
  }
  return undefined;
}

/**
 * Where the string opened at `start` closes (its closing quote's index, or
 * the text's end): found with indexOf, not a character at a time, since a
 * large body (a base64 tensor) is mostly one long string.
 */
function stringEnd(text: string, start: number): number {
  for (let j = start;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return text.length;
    let slashes = 0;
    while (text.charCodeAt(j - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return j;
  }
}

function memberName(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted;
  }
}

/** A 400 naming the field when a JSON text nests deeper than MAX_JSON_DEPTH (`tooDeep`). */
export function checkDepth(text: string): void {
  const field = tooDeep(text);
  if (field === undefined) return;
  const message = `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`;
  throw new Problem("bad-request", `${field}: ${message}`, [
    { field, rule: "max_depth", message },
  ]);
}

/**
 * Refuses, with a 400 naming the field, a JSON body nested deeper than
 * MAX_JSON_DEPTH, before the body is parsed: validation, fingerprints and
 * storage all walk values recursively, and a body nested 100,000 levels deep
 * would overflow their stacks.
 */
export const jsonDepthLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/\bjson\b/i.test(c.req.header("content-type") ?? "")) checkDepth(await c.req.text());
  await next();
};

/**
 * Strings PostgreSQL cannot store (a NUL, an unpaired surrogate), anywhere in
 * a parsed request, keys included.
 */
function unstorableStrings(value: unknown, path: string): FieldIssue[] {
  const issue = (field: string): FieldIssue => ({
    field: field || "(body)",
    rule: "text",
    message: "must not contain NUL characters or unpaired surrogates",
  });
  if (typeof value === "string") return isPlainText(value) ? [] : [issue(path)];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => {
      const field = path ? `${path}.${k}` : k;
      return isPlainText(k) ? unstorableStrings(v, field) : [issue(field)];
    });
  }
  return [];
}

/** JSON with object keys sorted, so equal requests fingerprint equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v) =>
      v !== null && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
  );
}

/** Who makes a change in this request, for the audit log. */
export function actor(c: Context<AppEnv>): Actor {
  return actorOf(c.var.principal, c.var.requestId, c.var.services.now());
}

/**
 * The scope idempotency keys live in for a principal: a project key's is its
 * project (the project's keys are one client, which may retry with another
 * of its keys), an admin key's is "admin" (the operators, likewise); a
 * labeler token's is the token itself, since each labeler is a person of
 * their own whose keys must never meet another's (the same key and ranking
 * from two labelers are two answers, not a retry).
 */
function scopeOf(principal: Principal): string {
  if (principal.role === "labeler") return `labeler:${principal.keyId}`;
  return principal.projectId ?? "admin";
}

/**
 * What an idempotent POST's work answers: a status and the JSON body to send
 * (204: no body). It is stored with the Idempotency-Key and replayed as is.
 */
export interface Answer<S extends SuccessStatusCode = SuccessStatusCode, B = unknown> {
  status: S;
  body: B;
}

/**
 * The response `idempotent` sends for an answer: typed like `c.json(body,
 * status)` (a 204 like `c.body(null, 204)`), so a handler's result checks
 * against its route's documented responses.
 */
export type AnswerResponse<A extends Answer> = A extends Answer<204, unknown>
  ? Response & TypedResponse<null, 204, "body">
  : A extends
    Answer<infer S extends SuccessStatusCode & ContentfulStatusCode, infer B extends object>
    ? Response & TypedResponse<JSONParsed<B>, S, "json">
  : never;

/**
 * Runs a POST's work once per Idempotency-Key (in one transaction with the
 * key), or plainly when there is no key. A retry with the same key replays
 * the stored answer, which is the same `A` the work produced the first time;
 * with `secret` (the body's field holding a minted key), the answer is
 * stored without it and a retry is a 409 naming the key's id instead.
 */
export async function idempotent<A extends Answer>(
  c: Context<AppEnv>,
  operation: string,
  body: unknown,
  work: (q: Queryable) => Promise<A>,
  options: { secret?: string } = {},
): Promise<AnswerResponse<A>> {
  const key = c.req.header("idempotency-key");
  const db = c.var.services.db;
  const send = (r: StoredResponse): AnswerResponse<A> => {
    if (r.status === 204) {
      c.header("Preference-Applied", "return=minimal");
      return c.body(null, 204) as AnswerResponse<A>;
    }
    // A stored answer is one `work` produced: its status and body are an A's.
    return c.json(r.body as object, r.status as ContentfulStatusCode) as AnswerResponse<A>;
  };
  if (key === undefined) return send(await retryTransient(() => work(db)));
  // runIdempotent retries its transaction itself (deadlocks; a connection lost before the COMMIT).
  const r = await runIdempotent(db, {
    scope: scopeOf(c.var.principal),
    key,
    operation,
    fingerprint: `${c.req.path}\n${canonicalJson(body)}`,
    secret: options.secret,
  }, work);
  if (r.replayed) c.header("Idempotent-Replayed", "true");
  return send(r);
}

/** Headers of POSTs that can answer without a body (RFC 7240's `return=minimal`). */
export const MinimalReturnHeaders = IdempotencyHeaders.extend({
  prefer: z.string().max(1000).optional().openapi({
    description: "`return=minimal` (RFC 7240): answer `204 No Content` (with " +
      "`Preference-Applied: return=minimal`) instead of echoing what was written: less work for " +
      "the service and the client when the answer is not needed (batch jobs). A replay of an " +
      "idempotent request answers as the first one did.",
    example: "return=minimal",
  }),
});

/** Whether a request's Prefer header (RFC 7240) asks for `return=minimal`. */
export function prefersMinimal(prefer: string | undefined): boolean {
  if (prefer === undefined) return false;
  return prefer.split(",").some((p) => /^return\s*=\s*"?minimal"?$/i.test(p.split(";")[0].trim()));
}

/** The `type` of validation problems, for documentation. */
export const VALIDATION_TYPE = problemType("validation");
