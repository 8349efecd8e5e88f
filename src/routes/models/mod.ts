/**
 * Models: uploadModel, listModels, getModel, downloadModel, deleteModel,
 * evaluateModel. The contract is in ./routes.ts, the handlers in
 * ./handlers.ts; this module pairs them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type AppEnv, validationHook } from "../common.ts";
import {
  deleteModelHandler,
  downloadModelHandler,
  EVALUATE_MODEL_PATH,
  evaluateModelHandler,
  getModelHandler,
  listModelsHandler,
  lookUpEarly,
  uploadModelHandler,
} from "./handlers.ts";
import {
  deleteModelRoute,
  downloadModelRoute,
  evaluateModelRoute,
  getModelRoute,
  listModelsRoute,
  uploadModelRoute,
} from "./routes.ts";

/** The path uploadModel streams its body to (exempt from the app's body limit). */
export const UPLOAD_MODEL_PATH = "/v1/models";

/** The models routes. */
export function modelRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Before the route's validators read the body (see earlyLookup).
  app.use(EVALUATE_MODEL_PATH, lookUpEarly);
  app.openapi(uploadModelRoute, uploadModelHandler);
  app.openapi(listModelsRoute, listModelsHandler);
  app.openapi(getModelRoute, getModelHandler);
  app.openapi(downloadModelRoute, downloadModelHandler);
  app.openapi(deleteModelRoute, deleteModelHandler);
  app.openapi(evaluateModelRoute, evaluateModelHandler);
  return app;
}
