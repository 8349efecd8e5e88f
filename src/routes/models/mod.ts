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
  evaluateBinary,
  evaluateModelHandler,
  getModelHandler,
  listModelsHandler,
  lookUpEarly,
  uploadModelHandler,
} from "./handlers.ts";
import {
  deleteModelRoute,
  downloadModelRoute,
  EvaluateModelBinaryHeaderSchema,
  evaluateModelRoute,
  EvaluationBinaryHeaderSchema,
  getModelRoute,
  listModelsRoute,
  uploadModelRoute,
} from "./routes.ts";

/** The path uploadModel streams its body to (exempt from the app's body limit). */
export const UPLOAD_MODEL_PATH = "/v1/models";

/** The models routes. */
export function modelRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // Before the route's validators read the body (see earlyLookup); binary bodies are answered there.
  app.use(EVALUATE_MODEL_PATH, lookUpEarly);
  app.use(EVALUATE_MODEL_PATH, evaluateBinary);
  app.openapi(uploadModelRoute, uploadModelHandler);
  app.openapi(listModelsRoute, listModelsHandler);
  app.openapi(getModelRoute, getModelHandler);
  app.openapi(downloadModelRoute, downloadModelHandler);
  app.openapi(deleteModelRoute, deleteModelHandler);
  app.openapi(evaluateModelRoute, evaluateModelHandler);
  // The JSON headers of binary bodies, which the binary media type's schema cannot reference.
  app.openAPIRegistry.register("EvaluateModelBinaryHeader", EvaluateModelBinaryHeaderSchema);
  app.openAPIRegistry.register("EvaluationBinaryHeader", EvaluationBinaryHeaderSchema);
  return app;
}
