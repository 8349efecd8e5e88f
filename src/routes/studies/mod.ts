/**
 * Studies: createStudy, listStudies, getStudy, updateStudy, deleteStudy.
 * The contract is in ./routes.ts, the handlers in ./handlers.ts; this module
 * pairs them and registers the algorithms' config schemas as components.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { z as zod } from "zod";
import { type AppEnv, validationHook } from "../common.ts";
import {
  createStudyHandler,
  deleteStudyHandler,
  getStudyHandler,
  listStudiesHandler,
  updateStudyHandler,
} from "./handlers.ts";
import {
  CONFIG_COMPONENTS,
  createStudyRoute,
  deleteStudyRoute,
  getStudyRoute,
  listStudiesRoute,
  updateStudyRoute,
} from "./routes.ts";

type Component = Parameters<OpenAPIHono["openAPIRegistry"]["registerComponent"]>[2];

/** The studies routes. */
export function studyRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // As JSON Schema (the config schemas may predate zod's OpenAPI extension).
  for (const c of CONFIG_COMPONENTS) {
    const { $schema: _, ...schema } = zod.toJSONSchema(c.schema, { io: "input" });
    app.openAPIRegistry.registerComponent("schemas", c.component, schema as Component);
  }
  app.openapi(createStudyRoute, createStudyHandler);
  app.openapi(listStudiesRoute, listStudiesHandler);
  app.openapi(getStudyRoute, getStudyHandler);
  app.openapi(updateStudyRoute, updateStudyHandler);
  app.openapi(deleteStudyRoute, deleteStudyHandler);
  return app;
}
