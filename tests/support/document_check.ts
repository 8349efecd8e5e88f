/**
 * Checks a response against the OpenAPI document itself (the JSON Schema a
 * client generator reads), not only against the zod schemas it is generated
 * from: the generation can lose what zod says (a `.nullable()` on a
 * registered component once came out non-null), and only a JSON Schema
 * validator reading the document sees that. ./contract.ts runs this for
 * every response the harness receives.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { openApiDocument } from "../../src/app.ts";
import type { AppEnv } from "../../src/routes/common.ts";

// ajv-formats is CommonJS: its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

/** A document's responses, as far as this check reads them. */
interface DocumentResponse {
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, DocumentResponse> }>>;
}

interface Checker {
  doc: OpenApiDocument;
  ajv: Ajv2020;
}

const checkers = new WeakMap<object, Checker>();

/** The app's document and a validator that resolves its `$ref`s. */
function checkerOf(app: OpenAPIHono<AppEnv>): Checker {
  let checker = checkers.get(app);
  if (checker) return checker;
  const doc = JSON.parse(JSON.stringify(openApiDocument(app))) as OpenApiDocument;
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `discriminator` and
  // `example` are OpenAPI's own keywords, which strict mode would refuse.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(doc as object, "openapi");
  checker = { doc, ajv };
  checkers.set(app, checker);
  return checker;
}

/** A JSON pointer token (RFC 6901), URI-escaped for a `$ref`. */
function token(s: string): string {
  return encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1"));
}

/**
 * Why a JSON `body` does not match the schema the document declares for
 * `template`'s `method` answering `status` as `mediaType`; undefined when it
 * does. The status and the media type must be documented.
 */
export function documentMismatch(
  app: OpenAPIHono<AppEnv>,
  method: string,
  template: string,
  status: number,
  mediaType: string,
  body: unknown,
): string | undefined {
  const { doc, ajv } = checkerOf(app);
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) return `the document has no ${method} ${template}`;
  const key = String(status) in op.responses ? String(status) : "default";
  const response = op.responses[key];
  if (!response) return `the document does not declare a ${status}`;
  if (!response.content?.[mediaType]?.schema) {
    return `the document declares no ${mediaType} schema for a ${status}`;
  }
  const pointer = `openapi#/paths/${token(template)}/${method.toLowerCase()}/responses/${key}` +
    `/content/${token(mediaType)}/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) return `the document's schema at ${pointer} does not compile`;
  if (validate(body)) return undefined;
  return "the document's schema refuses the body: " +
    (validate.errors ?? []).slice(0, 5).map((e) =>
      `${e.instancePath || "(body)"} ${e.message}${
        e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""
      }`
    ).join("; ");
}
