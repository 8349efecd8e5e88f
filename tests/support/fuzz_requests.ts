/**
 * Requests for the fuzz test (tests/fuzz_test.ts), one operation of the
 * OpenAPI document at a time: its path with real or broken ids, its query,
 * its headers (the key, Content-Type, Idempotency-Key and the rest, sane or
 * not) and its body (./fuzz_values.ts: from the schema or the example,
 * mutated, or not JSON at all).
 *
 * A generated request names ids by pool and index, not by value (`Ref`):
 * the resources behind them (./fuzz_fixture.ts) are made while the test
 * runs, so the same seed draws the same requests over fresh resources.
 */
import fc from "fast-check";
import {
  deref,
  fromSchema,
  headerText,
  type JsonSchema,
  mutated,
  oddStrings,
  type OpenApiDocument,
  rawBodies,
} from "./fuzz_values.ts";

/** An id from a fixture pool (by index), or a literal path segment. */
export type Ref = { pool: string; pick: number; upper: boolean } | { literal: string };

/** Which key a request sends. */
export type KeyChoice =
  | "project"
  | "admin"
  | "labeler"
  | "none"
  | "unknown"
  | { header: string };

/** One generated request, before its ids are resolved. */
export interface FuzzCase {
  operationId: string;
  method: string;
  template: string;
  params: Record<string, Ref>;
  query: [string, string][];
  /** A query string sent as is instead of `query` (bad escapes). */
  rawQuery?: string;
  /** Sent this many times at once (a client's retry racing the first try). */
  copies: number;
  key: KeyChoice;
  headers: Record<string, string>;
  body?: { json: unknown } | { raw: string } | { model: boolean };
}

/** Marks a uuid in a body to be replaced by a real id (any pool) when sent. */
export const BODY_ID = "@@id@@";

/** An operation of the document. */
export interface Operation {
  operationId: string;
  method: string;
  template: string;
  parameters: JsonSchema[];
  bodySchema?: JsonSchema;
  bodyExample?: unknown;
  /** The body is a model's bytes (uploadModel). */
  octets: boolean;
  admin: boolean;
}

/** The document's operations (those with an operationId). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [template, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods as Record<string, JsonSchema>)) {
      if (!op.operationId) continue;
      const content = op.requestBody?.content ?? {};
      const json = content["application/json"];
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        template,
        parameters: (op.parameters ?? []).map((p: JsonSchema) => deref(doc, p)),
        bodySchema: json?.schema,
        bodyExample: json?.example,
        octets: "application/octet-stream" in content,
        admin: template.startsWith("/v1/projects"),
      });
    }
  }
  return out;
}

const ids = fc.nat({ max: 1000 }).map((n) => `${BODY_ID}${n}`);

/** A path parameter: mostly a real id of its kind, else a random or broken one. */
function pathParam(name: string): fc.Arbitrary<Ref> {
  return fc.oneof(
    {
      arbitrary: fc.record({ pool: fc.constant(name), pick: fc.nat(), upper: fc.boolean() })
        .map((r) => ({ ...r, upper: r.upper && r.pick % 5 === 0 })),
      weight: 12,
    },
    { arbitrary: fc.uuid().map((literal) => ({ literal })), weight: 2 },
    {
      arbitrary: fc.oneof(oddStrings, fc.constantFrom("x", "..", "%2e%2e", "%", "a/b", "%ZZ"))
        .map((s) => ({ literal: s })),
      weight: 2,
    },
    {
      // Another kind's id: a trial's id as a study's.
      arbitrary: fc.record({
        pool: fc.constantFrom("studyId", "trialId", "comparisonId", "keyId"),
        pick: fc.nat(),
        upper: fc.constant(false),
      }),
      weight: 1,
    },
  );
}

/** A query parameter's value, as text: valid for its schema, or not. */
function queryValue(doc: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fromSchema(doc, schema, ids).map((v) => String(v)), weight: 3 },
    {
      arbitrary: fc.oneof(
        oddStrings.filter((s) => s.length < 5000),
        fc.constantFrom("0", "-1", "1.5", "1e3", "99999999999999999999", "true", "[]", "ACTIVE,"),
      ),
      weight: 2,
    },
  );
}

function queryOf(doc: OpenApiDocument, op: Operation): fc.Arbitrary<[string, string][]> {
  const entries = op.parameters.filter((p) => p.in === "query").map((p) =>
    fc.option(queryValue(doc, p.schema ?? {}), { nil: undefined, freq: 2 }).map((v) =>
      v === undefined ? [] : [[p.name as string, v] as [string, string]]
    )
  );
  const extra = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom("limit", "cursor", "state", "x"), fc.string()), headerText),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...entries), fc.option(extra, { freq: 5, nil: [] })).map((
    [parts, more],
  ) => [...parts.flat(), ...more]);
}

/** The key: mostly the right one for the operation. */
function keyFor(op: Operation): fc.Arbitrary<KeyChoice> {
  const right: KeyChoice = op.admin ? "admin" : "project";
  return fc.oneof(
    { arbitrary: fc.constant(right), weight: 20 },
    {
      arbitrary: fc.constantFrom<KeyChoice>("project", "admin", "labeler", "none", "unknown"),
      weight: 3,
    },
    {
      arbitrary: fc.oneof(
        fc.constantFrom("Bearer", "Bearer ", "bearer  x", "Basic dXNlcjpwYXNz", "Token abc"),
        headerText.map((t) => `Bearer ${t}`),
        headerText,
      ).map((header) => ({ header })),
      weight: 2,
    },
  );
}

function headersFor(op: Operation): fc.Arbitrary<Record<string, string>> {
  const contentType = fc.oneof(
    {
      arbitrary: fc.constant(op.octets ? "application/octet-stream" : "application/json"),
      weight: 12,
    },
    {
      arbitrary: fc.constantFrom(
        "",
        "text/plain",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/json; charset=latin1",
        "application/problem+json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "application/jsonx",
      ),
      weight: 2,
    },
    { arbitrary: headerText, weight: 1 },
  );
  const optional = <T>(a: fc.Arbitrary<T>, freq: number) => fc.option(a, { nil: undefined, freq });
  return fc.record({
    "content-type": optional(contentType, 12),
    "idempotency-key": optional(
      fc.oneof(fc.uuid(), fc.constant("fuzz-reused-key"), headerText),
      2,
    ),
    prefer: optional(fc.oneof(fc.constant("return=minimal"), headerText), 6),
    "last-event-id": optional(fc.oneof(fc.constantFrom("0", "2", "999999999"), headerText), 6),
    "x-request-id": optional(headerText, 10),
    accept: optional(fc.constantFrom("text/csv", "*/*", "application/xml", ""), 10),
  }, { requiredKeys: [] }).map((h) =>
    Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >
  );
}

function bodyFor(doc: OpenApiDocument, op: Operation): fc.Arbitrary<FuzzCase["body"]> {
  if (op.octets) {
    return fc.oneof(
      { arbitrary: fc.boolean().map((model) => ({ model })), weight: 3 },
      { arbitrary: rawBodies.map((raw) => ({ raw })), weight: 1 },
    );
  }
  const none = fc.constant(undefined);
  if (!op.bodySchema) {
    return fc.oneof(
      { arbitrary: none, weight: 8 },
      { arbitrary: rawBodies.map((raw) => ({ raw })), weight: 1 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }).map((json) => ({ json })), weight: 1 },
    );
  }
  const valid = fc.oneof(
    ...(op.bodyExample === undefined ? [] : [fc.constant(op.bodyExample)]),
    fromSchema(doc, op.bodySchema, ids),
  );
  return fc.oneof(
    { arbitrary: mutated(valid).map((json) => ({ json })), weight: 12 },
    { arbitrary: rawBodies.map((raw) => ({ raw })), weight: 2 },
    { arbitrary: none, weight: 1 },
  );
}

/** Requests to `op`, of every kind above. */
export function casesOf(doc: OpenApiDocument, op: Operation): fc.Arbitrary<FuzzCase> {
  const names = [...op.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const params = fc.record(Object.fromEntries(names.map((n) => [n, pathParam(n)]))) as fc.Arbitrary<
    Record<string, Ref>
  >;
  return fc.record({
    operationId: fc.constant(op.operationId),
    method: fc.oneof(
      { arbitrary: fc.constant(op.method), weight: 40 },
      fc.constantFrom("GET", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "POST"),
    ),
    template: fc.constant(op.template),
    params,
    query: queryOf(doc, op),
    rawQuery: fc.option(fc.constantFrom("limit=%", "%ZZ=1", "limit=1&limit=2", "&&=&", "a=%00"), {
      nil: undefined,
      freq: 30,
    }),
    key: keyFor(op),
    copies: fc.oneof({ arbitrary: fc.constant(1), weight: 9 }, fc.integer({ min: 2, max: 4 })),
    headers: headersFor(op),
    body: bodyFor(doc, op),
  }, {
    requiredKeys: [
      "operationId",
      "method",
      "template",
      "params",
      "query",
      "key",
      "copies",
      "headers",
    ],
  });
}
