/**
 * Values for the fuzz test (tests/fuzz_test.ts), made from the OpenAPI
 * document's JSON Schemas: `fromSchema` gives values that follow a schema
 * (within small sizes), `mutated` breaks some of them where a client could:
 * a member of the wrong type, a null, a huge or odd string (NUL, a lone
 * surrogate, right-to-left marks), a number at the edge of float64, a member
 * removed or one added, a nesting deeper than the service allows.
 *
 * Only fast-check's combinators are used, so a seed replays the same values.
 */
import fc from "fast-check";

/** A JSON Schema, as the document writes it (OpenAPI 3.1). */
// deno-lint-ignore no-explicit-any
export type JsonSchema = Record<string, any>;

/** The document, for `$ref`s. */
// deno-lint-ignore no-explicit-any
export type OpenApiDocument = Record<string, any>;

/** Values a string-typed member may take beyond the schema's. */
export const oddStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\u202e\u0644\u0627",
    "😀".repeat(50),
    "null",
    "NaN",
    "-1",
    "1e309",
    "0x10",
    "__proto__",
    "constructor",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "00000000-0000-0000-0000-000000000000",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.nat({ max: 200_000 }).map((n) => "a".repeat(n)),
);

/** Numbers a number-typed member may take beyond the schema's. */
const oddNumbers = fc.constantFrom(
  0,
  -0,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 63),
  1e21,
  123456789012345680000,
);

/** Nesting `depth` levels deep, of arrays or objects. */
function nested(depth: number, kind: "array" | "object"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

/** Any value in place of a member: the wrong type, a null, an odd value. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: oddStrings, weight: 4 },
  { arbitrary: oddNumbers, weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom([], {}, [null], [[]], { "": 1 }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  {
    // Past the service's 64 levels; deeper nesting comes as text (rawBodies), which
    // JSON.stringify (with a replacer) and fast-check's printer need not recurse through.
    arbitrary: fc.tuple(fc.integer({ min: 60, max: 300 }), fc.constantFrom("array", "object"))
      .map(([d, k]) => nested(d, k as "array" | "object")),
    weight: 1,
  },
  {
    arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => new Array(n).fill(0)),
    weight: 1,
  },
);

/** Resolves `#/components/...` references. */
export function deref(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; s && typeof s.$ref === "string" && i < 20; i++) {
    const parts = (s.$ref as string).replace(/^#\//, "").split("/");
    // deno-lint-ignore no-explicit-any
    s = parts.reduce((o: any, k) => o?.[k], doc);
  }
  return s ?? {};
}

/** The members of an object schema, `allOf`s merged. */
function objectShape(doc: OpenApiDocument, schema: JsonSchema) {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set<string>();
  const visit = (s: JsonSchema) => {
    s = deref(doc, s);
    for (const part of s.allOf ?? []) visit(part);
    Object.assign(properties, s.properties ?? {});
    for (const r of s.required ?? []) required.add(r);
  };
  visit(schema);
  return { properties, required };
}

/** Strings for a string schema: its format, enum or length. */
function stringFor(s: JsonSchema, ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  if (s.format === "uuid") return fc.oneof({ arbitrary: ids, weight: 3 }, fc.uuid());
  if (s.format === "date-time") {
    return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (typeof s.pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= 200);
    } catch { /* a pattern JavaScript cannot read: plain strings */ }
  }
  const minLength = Math.min(s.minLength ?? 0, 50);
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 24, 24));
  return fc.string({ minLength, maxLength });
}

/** Numbers for a number or integer schema, mostly within its bounds. */
function numberFor(s: JsonSchema): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum : -1e6);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum : 1e6);
  if (s.type === "integer") {
    const min = Math.max(Math.ceil(lo), -(2 ** 31));
    const max = Math.min(Math.floor(hi), 2 ** 31 - 1);
    return min <= max ? fc.integer({ min, max }) : fc.integer();
  }
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/**
 * Values that follow `schema` (arrays and strings kept small). `ids` are the
 * identifiers to use for uuid strings (real resources, mostly). Beyond
 * `depth` levels, any small JSON value.
 */
export function fromSchema(
  doc: OpenApiDocument,
  schema: JsonSchema,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  if (depth > 6) return fc.jsonValue({ maxDepth: 1 });
  const next = (sub: JsonSchema) => fromSchema(doc, sub, ids, depth + 1);
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const choices = s.anyOf ?? s.oneOf;
  if (Array.isArray(choices) && choices.length) {
    return fc.oneof(...choices.map((c: JsonSchema) => fromSchema(doc, c, ids, depth)));
  }
  if (Array.isArray(s.type)) {
    return fc.oneof(
      ...s.type.map((t: string) => fromSchema(doc, { ...s, type: t }, ids, depth)),
    );
  }
  const type = s.type ?? (s.properties || s.allOf ? "object" : undefined);
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "string":
      return stringFor(s, ids);
    case "integer":
    case "number":
      return numberFor(s);
    case "array": {
      const minLength = Math.min(s.minItems ?? 0, 8);
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 5, 5));
      return fc.array(next(s.items ?? {}), { minLength, maxLength });
    }
    case "object": {
      const { properties, required } = objectShape(doc, s);
      const names = Object.keys(properties);
      if (names.length === 0) {
        const values = typeof s.additionalProperties === "object" ? s.additionalProperties : {};
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), next(values), {
          maxKeys: 4,
        });
      }
      const members = Object.fromEntries(names.map((n) => [n, next(properties[n])]));
      return fc.record(members, { requiredKeys: names.filter((n) => required.has(n)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every place in a JSON value: the path to it. */
function places(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (out.length > 400) return out;
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...path, i], out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) places(x, [...path, k], out);
  }
  return out;
}

/** `v` with one change at `path`: replaced, removed, or given an extra member. */
function changeAt(
  v: unknown,
  path: (string | number)[],
  action: number,
  value: unknown,
  key: string,
): unknown {
  if (path.length === 0) {
    if (action === 2 && v && typeof v === "object" && !Array.isArray(v)) {
      return { ...v, [key]: value };
    }
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && action === 1) copy.splice(head as number, 1);
    else copy[head as number] = changeAt(v[head as number], rest, action, value, key);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && action === 1) delete copy[head as string];
  else copy[head as string] = changeAt(copy[head as string], rest, action, value, key);
  return copy;
}

/** `base` values, a third of them with one to three changes from `nastyValue`. */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const change = fc.tuple(
    fc.nat(),
    fc.nat({ max: 2 }),
    nastyValue,
    fc.oneof(fc.constantFrom("extra", "__proto__", "constructor", ""), fc.string()),
  );
  return fc.oneof(
    { arbitrary: base, weight: 2 },
    {
      arbitrary: fc.tuple(base, fc.array(change, { minLength: 1, maxLength: 3 })).map(
        ([v, changes]) => {
          for (const [pick, action, value, key] of changes) {
            const all = places(v);
            v = changeAt(v, all[pick % all.length], action, value, key);
          }
          return v;
        },
      ),
      weight: 1,
    },
  );
}

/** Bodies that are not the JSON a route expects, sent as they are. */
export const rawBodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "}",
    "null",
    "[]",
    "[1,2",
    '"text"',
    "1",
    "-0",
    "1e999",
    "true",
    '{"a":1,}',
    "{'a':1}",
    "\ufeff{}",
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"__proto__":{"x":1}}',
    '{"a":1,"a":2}',
    "NaN",
    "{}garbage",
  ),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.integer({ min: 60, max: 5000 }).map((d) => "[".repeat(d) + "]".repeat(d)),
  fc.integer({ min: 60, max: 3000 }).map((d) => '{"a":'.repeat(d) + "1" + "}".repeat(d)),
  fc.integer({ min: 300_000, max: 400_000 }).map((n) => `{"name":"${"x".repeat(n)}"}`),
);

/** Header values a client could send (Latin-1, no control characters). */
export const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 40,
  }),
  fc.nat({ max: 20_000 }).map((n) => "k".repeat(n)),
  fc.constantFrom("", " ", "\xff\xfe", "a,b", "null"),
);
