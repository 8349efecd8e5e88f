/**
 * evaluateModel's binary form (src/services/models_binary.ts) on the HTTP
 * side: a body of `application/octet-stream` is taken here, before the
 * route's validators (which read JSON), with the same checks in the same
 * words: the path's id as the route checks it, the JSON header against
 * `EvaluateModelBinaryHeader` through the app's validation hook, and its
 * depth as the app limits a JSON body's. An answer in bytes is given to a
 * client that accepts `application/octet-stream`, whatever its body was.
 */
import type { Context, MiddlewareHandler } from "hono";
import { Problem } from "../../errors.ts";
import {
  acceptsBinary,
  BINARY_MEDIA_TYPE,
  binaryAnswer,
  HEADER_LENGTH,
  isBinaryBody,
  splitBody,
} from "../../services/models_binary.ts";
import { evaluateTensors, evaluationView, type ModelRun } from "../../services/models_evaluate.ts";
import type { ModelRow } from "../../db/schema.ts";
import { requireProjectKey } from "../../services/projects.ts";
import { type AppEnv, checkDepth, validationHook } from "../common.ts";
import { EvaluateModelBinaryHeaderSchema, ModelParams } from "./routes.ts";

/** Whether the client asked for the answer in bytes. */
export function wantsBinary(c: Context<AppEnv>): boolean {
  return acceptsBinary(c.req.header("accept"));
}

/** An evaluation as a binary answer. */
export function binaryResponse(run: ModelRun): Response {
  const { headerLength, body } = binaryAnswer(run);
  return new Response(body, {
    headers: {
      "content-type": BINARY_MEDIA_TYPE,
      [HEADER_LENGTH]: String(headerLength),
    },
  });
}

/**
 * Middleware of evaluateModel that answers a binary body itself (others go
 * on to the route); `early` gives the model's lookup begun for the request.
 */
export function evaluateBinaryBody(
  early: (c: Context<AppEnv>) => Promise<ModelRow> | undefined,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST" || !isBinaryBody(c.req.header("content-type"))) return next();
    const projectId = requireProjectKey(c.var.principal);
    const params = ModelParams.safeParse(c.req.param());
    validationHook({ ...params, target: "param" });
    const { header, tensors } = splitBody(
      new Uint8Array(await c.req.arrayBuffer()),
      c.req.header(HEADER_LENGTH),
    );
    checkDepth(header);
    let parsed: unknown;
    try {
      parsed = JSON.parse(header);
    } catch {
      const message = `the body's first ${header.length} characters (its header) are not JSON`;
      throw new Problem("bad-request", message, [{ field: "(body)", rule: "json", message }]);
    }
    const body = EvaluateModelBinaryHeaderSchema.safeParse(parsed);
    validationHook({ ...body, target: "json" });
    const run = await evaluateTensors(
      c.var.services,
      projectId,
      params.data!.modelId,
      { ...body.data!, binary: tensors },
      early(c),
    );
    return wantsBinary(c)
      ? binaryResponse(run)
      : c.json(evaluationView(run, body.data!.outputEncoding), 200);
  };
}
