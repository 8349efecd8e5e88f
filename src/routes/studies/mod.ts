/**
 * Studies: createStudy, listStudies, getStudy, updateStudy, deleteStudy.
 * The contract is in ./routes.ts, the handlers in ./handlers.ts; this module
 * pairs them and registers the algorithms' components (AlgorithmChoice).
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { registerAlgorithmComponents } from "../algorithm_components.ts";
import { type AppEnv, validationHook } from "../common.ts";
import {
  createStudyHandler,
  deleteStudyHandler,
  getStudyHandler,
  listStudiesHandler,
  updateStudyHandler,
} from "./handlers.ts";
import {
  createStudyRoute,
  deleteStudyRoute,
  getStudyRoute,
  listStudiesRoute,
  updateStudyRoute,
} from "./routes.ts";

/** The studies routes. */
export function studyRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  registerAlgorithmComponents(app.openAPIRegistry);
  app.openapi(createStudyRoute, createStudyHandler);
  app.openapi(listStudiesRoute, listStudiesHandler);
  app.openapi(getStudyRoute, getStudyHandler);
  app.openapi(updateStudyRoute, updateStudyHandler);
  app.openapi(deleteStudyRoute, deleteStudyHandler);
  return app;
}
