/**
 * Generates the client's types (../src/schema.d.ts) from the committed
 * OpenAPI document with openapi-typescript, so that the client's paths,
 * bodies and answers are the service's own and cannot be written by hand
 * wrong. `deno task client:ts` writes the file; tests/client_typescript_contract_test.ts
 * regenerates it in memory and fails when the committed one has drifted.
 */
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";

/** The committed OpenAPI document. */
export const DOCUMENT = new URL("../../../openapi/openapi.json", import.meta.url);
/** The generated types. */
export const SCHEMA_FILE = new URL("../src/schema.d.ts", import.meta.url);

const HEADER = "// Generated from openapi/openapi.json by `deno task client:ts` " +
  "(openapi-typescript); do not edit.\n\n";

/** The schema file's text for an OpenAPI document. */
export async function generateSchema(document: unknown): Promise<string> {
  // Fields with a default stay optional: a request may leave them out (the service fills them).
  const ast = await openapiTS(document as OpenAPI3, { defaultNonNullable: false });
  return HEADER + astToString(ast);
}

if (import.meta.main) {
  const document = JSON.parse(await Deno.readTextFile(DOCUMENT));
  await Deno.writeTextFile(SCHEMA_FILE, await generateSchema(document));
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
