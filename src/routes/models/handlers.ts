/**
 * The models handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import type { ModelRow } from "../../db/schema.ts";
import { Problem } from "../../errors.ts";
import {
  deleteModel,
  downloadModel,
  getModel,
  listModels,
  receiveModel,
  storeModel,
} from "../../services/models.ts";
import { evaluateTensors, evaluationView } from "../../services/models_evaluate.ts";
import { earlyLookup } from "../../services/models_lookup.ts";
import { isUuid } from "../../services/ids.ts";
import { requireProjectKey } from "../../services/projects.ts";
import { type AppEnv, idempotent } from "../common.ts";
import { binaryResponse, evaluateBinaryBody, wantsBinary } from "./binary.ts";
import type {
  deleteModelRoute,
  downloadModelRoute,
  evaluateModelRoute,
  getModelRoute,
  listModelsRoute,
  uploadModelRoute,
} from "./routes.ts";

/**
 * uploadModel: the body is read as a stream (this route is exempt from the
 * app's body limit; the model limit applies instead), then stored with the
 * Idempotency-Key, if any, whose request is the name and the bytes' hash.
 * Once it is stored, failing to keep the file as this host's copy is only
 * logged.
 */
export const uploadModelHandler: RouteHandler<typeof uploadModelRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { name } = c.req.valid("query");
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/octet-stream") {
    throw new Problem(
      "unsupported-media-type",
      "send the model's bytes as application/octet-stream",
    );
  }
  const length = c.req.header("content-length");
  const s = c.var.services;
  const received = await receiveModel(s, {
    body: c.req.raw.body,
    contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
  });
  try {
    const response = await idempotent(
      c,
      "uploadModel",
      { name, sha256: received.sha256 },
      async (q) => ({ status: 201, body: await storeModel(s, q, projectId, name, received) }),
    );
    // The model is stored: the host's file is only a cache (a miss reads the database).
    await received.keep().catch((error) =>
      s.log?.warn("the uploaded model's file was not kept", {
        sha256: received.sha256,
        error: error instanceof Error ? error.message : String(error),
      })
    );
    return response;
  } finally {
    await received.release();
  }
};

/** listModels. */
export const listModelsHandler: RouteHandler<typeof listModelsRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  return c.json(await listModels(c.var.services, projectId, c.req.valid("query")), 200);
};

/** getModel. */
export const getModelHandler: RouteHandler<typeof getModelRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { modelId } = c.req.valid("param");
  return c.json(await getModel(c.var.services, projectId, modelId), 200);
};

/** downloadModel: streamed, so a plain Response (the route documents its media type). */
export const downloadModelHandler: RouteHandler<typeof downloadModelRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { modelId } = c.req.valid("param");
  const { model, body } = await downloadModel(c.var.services, projectId, modelId);
  return new Response(body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(model.sizeBytes),
      "content-disposition": `attachment; filename="model-${model.id}.onnx"`,
      etag: `"${model.sha256}"`,
    },
  });
};

/** deleteModel. */
export const deleteModelHandler: RouteHandler<typeof deleteModelRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  await deleteModel(c.var.services, projectId, c.req.valid("param").modelId);
  return c.body(null, 204);
};

/** The path of evaluateModel, as hono matches it. */
export const EVALUATE_MODEL_PATH = "/v1/models/:modelId/evaluate";

/** The model lookups begun by `lookUpEarly`, by request. */
const early = new WeakMap<Context, Promise<ModelRow>>();

/**
 * Middleware of evaluateModel that begins the model's lookup as the request
 * comes, for a project key and a well-formed id (anything else is refused by
 * the route as before, and the lookup is not begun), unless the model's row
 * is trusted (models_lookup.ts).
 */
export const lookUpEarly: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { projectId, role } = c.var.principal;
  const modelId = c.req.param("modelId")?.toLowerCase() ?? "";
  if (c.req.method === "POST" && role === "project" && projectId && isUuid(modelId)) {
    const lookup = earlyLookup(c.var.services, projectId, modelId);
    if (lookup) early.set(c, lookup);
  }
  await next();
};

/** The binary bodies of evaluateModel, answered before the route reads JSON (./binary.ts). */
export const evaluateBinary = evaluateBinaryBody((c) => early.get(c));

/** evaluateModel of a JSON body; answered in bytes to a client that accepts them. */
export const evaluateModelHandler: RouteHandler<typeof evaluateModelRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { modelId } = c.req.valid("param");
  const body = c.req.valid("json");
  // A binary body (the route's other media type) was answered by evaluateBinary.
  if (typeof body !== "object") throw new Problem("unsupported-media-type", "send JSON or bytes");
  const s = c.var.services;
  const run = await evaluateTensors(s, projectId, modelId, body, early.get(c));
  if (wantsBinary(c)) return binaryResponse(run);
  return c.json(evaluationView(run, body.outputEncoding), 200);
};
