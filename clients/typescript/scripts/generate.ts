/**
 * Generates the client's types (../src/schema.d.ts) from the committed
 * OpenAPI document with openapi-typescript, so that the client's paths,
 * bodies and answers are the service's own and cannot be written by hand
 * wrong. `deno task client:ts` writes the file; tests/client_typescript_test.ts
 * regenerates it in memory and fails when the committed one has drifted.
 */
import openapiTS, { astToString } from "openapi-typescript";

/** The committed OpenAPI document. */
export const DOCUMENT = new URL("../../../openapi/openapi.json", import.meta.url);
/** The generated types. */
export const SCHEMA_FILE = new URL("../src/schema.d.ts", import.meta.url);

const HEADER = "// Generated from openapi/openapi.json by `deno task client:ts` " +
  "(openapi-typescript); do not edit.\n\n";

/** The schema file's text for an OpenAPI document. */
export async function generateSchema(document: unknown): Promise<string> {
  // deno-lint-ignore no-explicit-any
  const ast = await openapiTS(document as any);
  return HEADER + astToString(ast);
}

if (import.meta.main) {
  const document = JSON.parse(await Deno.readTextFile(DOCUMENT));
  await Deno.writeTextFile(SCHEMA_FILE, await generateSchema(document));
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
