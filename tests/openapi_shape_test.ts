/**
 * The OpenAPI document is one a client generator can use well: every JSON
 * body is a named component, parameter specs and algorithms are unions with
 * a discriminator, every operation is described, tagged and documents its
 * 500 and 503, the rules of `errors[].rule` and the algorithms' names are
 * enumerated, and no nullable component loses its null. Each check fails
 * if a route regresses (tests/openapi_test.ts checks the rest).
 */
import assert from "node:assert/strict";
import { getRefId } from "@asteasolutions/zod-to-openapi";
import { listAlgorithms } from "../src/algorithms/mod.ts";
import { RULES } from "../src/errors.ts";
import { appWithoutDatabase, renderOpenApiDocument } from "../src/openapi.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

const doc: Json = JSON.parse(renderOpenApiDocument());
const schemas: Record<string, Json> = doc.components.schemas;

/** Every operation, with its path and method. */
const operations: { id: string; path: string; method: string; op: Json }[] = Object.entries(
  doc.paths as Record<string, Record<string, Json>>,
).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ id: op.operationId, path, method, op }))
);

const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json$/.test(mediaType);
const ref = (name: string) => `#/components/schemas/${name}`;

Deno.test("every JSON request and response body is a named component", () => {
  const inline: string[] = [];
  for (const { id, op } of operations) {
    const bodies: [string, Json][] = Object.entries(op.requestBody?.content ?? {}).map((
      [type, c],
    ) => [`${id} request ${type}`, c]);
    for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
      for (const [type, c] of Object.entries(response.content ?? {})) {
        bodies.push([`${id} ${status} ${type}`, c]);
        if (type === "application/problem+json") {
          assert.deepEqual((c as Json).schema, { $ref: ref("Problem") }, `${id} ${status}`);
        }
      }
    }
    for (const [where, content] of bodies) {
      const type = where.split(" ").at(-1)!;
      if (!isJson(type)) continue;
      const keys = Object.keys(content.schema ?? {});
      if (keys.length !== 1 || keys[0] !== "$ref") inline.push(where);
    }
  }
  assert.deepEqual(inline, [], 'inline JSON bodies (register them with .openapi("Name"))');
  for (const name of Object.keys(schemas)) {
    assert.match(name, /^[A-Z][A-Za-z0-9]*$/, `component ${name} is not PascalCase`);
    assert.doesNotMatch(name, /^\w+\d{3}Response$/, `component ${name} is auto-named`);
  }
});

Deno.test("parameter specs are a union discriminated by type, shared by requests and answers", () => {
  assert.deepEqual(schemas.ParameterSpec.discriminator, {
    propertyName: "type",
    mapping: {
      float: ref("FloatParameter"),
      int: ref("IntParameter"),
      categorical: ref("CategoricalParameter"),
    },
  });
  assert.deepEqual(
    schemas.ParameterSpec.oneOf,
    ["FloatParameter", "IntParameter", "CategoricalParameter"].map((n) => ({ $ref: ref(n) })),
  );
  assert.deepEqual(schemas.SearchSpace.properties.parameters.items, { $ref: ref("ParameterSpec") });
  const space = (s: Json) => JSON.stringify(s);
  assert.match(
    space(schemas.CreateStudyRequest.properties.space),
    /"#\/components\/schemas\/SearchSpace"/,
  );
  assert.match(space(schemas.Study.properties.space), /"#\/components\/schemas\/SearchSpace"/);
  // A study driven by rounds has no space: the answer's space is nullable.
  assert.ok(
    schemas.Study.properties.space.anyOf.some((s: Json) => s.type === "null"),
    "Study.space is not nullable",
  );
});

Deno.test("algorithms are a union discriminated by name, one component per algorithm", () => {
  const names = listAlgorithms().map((a) => a.name);
  assert.deepEqual(schemas.AlgorithmName.enum, names);
  const choice = schemas.AlgorithmChoice;
  assert.equal(choice.discriminator.propertyName, "name");
  assert.deepEqual(Object.keys(choice.discriminator.mapping), names);
  assert.equal(choice.oneOf.length, names.length);
  for (
    const [name, target] of Object.entries(choice.discriminator.mapping as Record<string, string>)
  ) {
    assert.ok(choice.oneOf.some((o: Json) => o.$ref === target), `${name} is not in oneOf`);
    const variant = schemas[target.split("/").at(-1)!];
    assert.deepEqual(variant.properties.name.enum, [name]);
    assert.match(variant.properties.config.$ref, /Config$/);
    assert.ok(schemas[variant.properties.config.$ref.split("/").at(-1)], `${name}: no config`);
  }
  assert.equal(schemas.CreateStudyRequest.properties.algorithm.$ref, ref("AlgorithmChoice"));
  assert.equal(schemas.Study.properties.algorithm.$ref, ref("AlgorithmChoice"));
  assert.deepEqual(schemas.Algorithm.properties.name, { $ref: ref("AlgorithmName") });
});

Deno.test("every operation is described, tagged, and documents 500 and 503", () => {
  const tags = new Map<string, string>(
    (doc.tags as { name: string; description: string }[]).map((t) => [t.name, t.description]),
  );
  for (const [name, description] of tags) assert.ok(description, `tag ${name} has no description`);
  assert.ok(doc.servers.length > 0 && doc.servers.every((s: Json) => s.url && s.description));
  const used = new Set<string>();
  for (const { id, op } of operations) {
    assert.ok(op.description, `${id} has no description`);
    assert.ok(op.tags?.length, `${id} has no tag`);
    for (const tag of op.tags) {
      assert.ok(tags.has(tag), `${id}: tag ${tag} is not among the document's tags`);
      used.add(tag);
    }
    for (const status of ["500", "503"]) {
      const content = op.responses[status]?.content ?? {};
      assert.ok(op.responses[status], `${id} documents no ${status}`);
      // readyz answers its 503 as its usual status document, naming the failed check.
      if (id === "ready" && status === "503") continue;
      assert.ok(content["application/problem+json"], `${id}: ${status} is not a problem`);
    }
  }
  assert.deepEqual([...tags.keys()].filter((t) => !used.has(t)), [], "tags no operation uses");
});

Deno.test("errors[].rule enumerates every rule the service raises", async () => {
  assert.deepEqual(schemas.Problem.properties.errors.items, { $ref: ref("FieldIssue") });
  const issue = schemas.FieldIssue;
  assert.deepEqual(issue.properties.rule.enum, [...RULES]);
  // Rules the type system does not see: zod issues' `params: { rule: "…" }`, and any literal.
  const raised = new Set<string>();
  const walk = async (dir: URL) => {
    for await (const entry of Deno.readDir(dir)) {
      const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
      if (entry.isDirectory) await walk(url);
      else if (/\.tsx?$/.test(entry.name) && !/_test\.ts$/.test(entry.name)) {
        const text = await Deno.readTextFile(url);
        for (const m of text.matchAll(/\brule: "([a-z0-9_]+)"/g)) raised.add(m[1]);
      }
    }
  };
  await walk(new URL("../src/", import.meta.url));
  assert.ok(raised.size > 20, `only ${raised.size} rules found in src/`);
  const rules = new Set<string>(RULES);
  assert.deepEqual([...raised].filter((r) => !rules.has(r)), [], "rules missing from RULES");
});

Deno.test("no nullable component loses its null (.nullable() of a registered schema)", () => {
  const app = appWithoutDatabase();
  const found: string[] = [];
  const seen = new Set<unknown>();
  // deno-lint-ignore no-explicit-any
  const walk = (schema: any, where: string) => {
    if (!schema?._zod || seen.has(schema)) return;
    seen.add(schema);
    const def = schema._zod.def;
    if (def.type === "nullable" && getRefId(def.innerType)) {
      found.push(`${where}: ${getRefId(def.innerType)}.nullable() (use orNull)`);
    }
    for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, `${where}.${key}`);
    for (const child of def.options ?? []) walk(child, where);
    for (const key of ["innerType", "element", "in", "out", "valueType", "left", "right"]) {
      walk(def[key], where);
    }
  };
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type === "schema") walk(def.schema, def.schema ? String(getRefId(def.schema)) : "");
    if (def.type !== "route") continue;
    const { route } = def;
    for (const content of Object.values(route.request?.body?.content ?? {})) {
      walk((content as Json).schema, `${route.operationId} request`);
    }
    for (const [status, response] of Object.entries(route.responses)) {
      for (const content of Object.values((response as Json).content ?? {})) {
        walk((content as Json).schema, `${route.operationId} ${status}`);
      }
    }
  }
  assert.ok(seen.size > 100, `only ${seen.size} schemas walked`);
  assert.deepEqual(found, []);
  // Nor a component that is itself nullable (the other way the null goes wrong).
  const nullable = Object.entries(schemas).filter(([, s]) =>
    Array.isArray(s.type) && s.type.includes("null")
  ).map(([name]) => name);
  assert.deepEqual(nullable, []);
});
