/**
 * Writes the OpenAPI document the routes generate to openapi/openapi.json
 * (`deno task openapi`). A test fails when the committed file differs.
 */
import { renderOpenApiDocument } from "../src/openapi.ts";

const path = new URL("../openapi/openapi.json", import.meta.url);
await Deno.writeTextFile(path, renderOpenApiDocument());
console.log(`wrote ${path.pathname}`);
