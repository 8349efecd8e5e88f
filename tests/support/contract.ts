/**
 * Checks responses against the routes' documented contract: the harness
 * (./harness.ts) runs every response an HTTP test receives through
 * `responseMismatch`, so a handler that answers something its route does not
 * document (an undocumented status, media type or property, a wrong type)
 * fails the test that made the request.
 *
 * The contract is read twice: from the app's OpenAPI registry, which holds
 * each route's zod schemas (a property the handler sends but the schema does
 * not name shows there), and from the generated document itself, with a JSON
 * Schema validator (./document_check.ts), since generation can lose what zod
 * says and clients are generated from the document. Every status an
 * operation answers must be documented, 500 and 503 included.
 */
import { type OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import { type AppEnv, ProblemSchema } from "../../src/routes/common.ts";
import { documentMismatch } from "./document_check.ts";
import {
  ApiKeySchema,
  NewApiKeySchema,
  ProjectSchema,
  StudySchema,
  TrialSchema,
} from "../../src/routes/schemas.ts";

/** Documented bodies, as tests may type replies (see `TestApp.expect`). */
export type Problem = z.infer<typeof ProblemSchema>;
export type Project = z.infer<typeof ProjectSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type NewApiKey = z.infer<typeof NewApiKeySchema>;
export type Study = z.infer<typeof StudySchema>;
export type Trial = z.infer<typeof TrialSchema>;
/** A page of a listing. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One documented operation, with a matcher for concrete paths. */
interface Operation {
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: RouteConfig["responses"];
}

const cache = new WeakMap<object, Operation[]>();

/** The app's documented operations. */
function operationsOf(app: OpenAPIHono<AppEnv>): Operation[] {
  let ops = cache.get(app);
  if (ops) return ops;
  ops = [];
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route") continue;
    const { method, path, responses, operationId } = def.route;
    const source = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}/]+\}/g, "[^/]+");
    ops.push({
      id: operationId ?? `${method} ${path}`,
      method: method.toUpperCase(),
      template: path,
      pattern: new RegExp(`^${source}$`),
      params: (path.match(/\{/g) ?? []).length,
      responses,
    });
  }
  cache.set(app, ops);
  return ops;
}

/**
 * The operation a request reaches: of the templates that match, the one with
 * the fewest parameters (routes register fixed paths like `trials/best`
 * before `trials/{trialId}`).
 */
export function findOperation(
  app: OpenAPIHono<AppEnv>,
  method: string,
  path: string,
): Operation | undefined {
  const pathname = new URL(path, "http://test").pathname;
  return operationsOf(app)
    .filter((op) => op.method === method.toUpperCase() && op.pattern.test(pathname))
    .sort((a, b) => a.params - b.params)[0];
}

/** What the harness knows of a response. */
export interface ReceivedResponse {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  /** The parsed JSON body, or the text. */
  body: unknown;
  text: string;
}

/**
 * Why a response breaks its route's documented contract, or undefined when
 * it keeps it. A request no operation documents (the labeling page, an
 * unknown path) is checked only as a problem: any it answers, and any error
 * under /v1.
 */
export function responseMismatch(
  app: OpenAPIHono<AppEnv>,
  r: ReceivedResponse,
): string | undefined {
  const mediaType = (r.contentType ?? "").split(";")[0].trim().toLowerCase();
  const op = findOperation(app, r.method, r.path);
  const problem = () =>
    mediaType === "application/problem+json"
      ? schemaMismatch(ProblemSchema, r.body)
      : `a ${r.status} must be application/problem+json, not ${mediaType || "no content"}`;
  if (!op) {
    const api = new URL(r.path, "http://test").pathname.startsWith("/v1/");
    return mediaType === "application/problem+json" || (api && r.status >= 400)
      ? problem()
      : undefined;
  }
  const where = `${op.id} (${op.method} ${op.template}) ${r.status}`;
  const documented = op.responses[r.status] ?? op.responses.default;
  if (!documented) {
    return `${where}: the status is not documented (documented: ${
      Object.keys(op.responses).join(", ")
    })`;
  }
  const content = "content" in documented ? documented.content : undefined;
  if (!content || Object.keys(content).length === 0) {
    return r.text === "" || r.method.toUpperCase() === "HEAD"
      ? undefined
      : `${where}: documented without a body, but the response has one`;
  }
  const entry = content[mediaType];
  if (!entry) {
    return `${where}: media type ${mediaType || "(none)"} is not documented (documented: ${
      Object.keys(content).join(", ")
    })`;
  }
  if (!/^application\/([\w.-]+\+)?json$/.test(mediaType)) return undefined;
  const schema = "schema" in entry ? entry.schema : undefined;
  if (!(schema instanceof z.ZodType)) return undefined;
  const mismatch = schemaMismatch(schema, r.body) ??
    documentMismatch(app, op.method, op.template, r.status, mediaType, r.body);
  return mismatch && `${where}: ${mismatch}`;
}

/**
 * Why `body` does not match `schema`: a failed parse, or a difference between
 * the body and what the schema makes of it (zod drops properties a schema
 * does not name, so one the handler sends but the document omits shows here).
 */
function schemaMismatch(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.slice(0, 5).map((i) =>
      `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`
    ).join("; ");
  }
  return difference(body, parsed.data, "");
}

/** The first place where a body and its parsed form differ. */
function difference(sent: unknown, parsed: unknown, path: string): string | undefined {
  const at = path || "(body)";
  if (Array.isArray(sent) && Array.isArray(parsed)) {
    if (sent.length !== parsed.length) return `${at}: length changed by the schema`;
    for (let i = 0; i < sent.length; i++) {
      const d = difference(sent[i], parsed[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (isObject(sent) && isObject(parsed)) {
    for (const key of Object.keys(sent)) {
      const field = path ? `${path}.${key}` : key;
      if (!(key in parsed)) return `${field}: sent but not documented`;
      const d = difference(sent[key], parsed[key], field);
      if (d) return d;
    }
    for (const key of Object.keys(parsed)) {
      if (!(key in sent)) return `${path ? `${path}.${key}` : key}: documented default, not sent`;
    }
    return undefined;
  }
  return Object.is(sent, parsed) ? undefined : `${at}: the schema changes ${JSON.stringify(sent)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
