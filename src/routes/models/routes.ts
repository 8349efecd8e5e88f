/**
 * The models routes as documented: the registry (upload, list, get,
 * download, delete) and evaluateModel, with their schemas and examples,
 * apart from the handlers (./handlers.ts) so the contract reads on its own
 * and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_EVALUATE_ROWS, MAX_EVALUATE_VALUES } from "../../services/models_evaluate.ts";
import {
  IdempotencyHeaders,
  idParam,
  json,
  pageOf,
  PageQuery,
  problemResponses,
} from "../common.ts";
import { EXAMPLE } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Models"];

const EXAMPLE_MODEL_ID = "3a7c9e1f-5b2d-4c8e-a6f0-9d1b3e5c7a20";
export const ModelParams = z.object({ modelId: idParam("modelId", EXAMPLE_MODEL_ID) });

/** An input or output of a model. */
export const TensorInfoSchema = z.object({
  name: z.string(),
  type: z.string().openapi({
    description: "Element type: float32, float64, int32, int64, bool, uint8 (others as " +
      "onnxruntime names them)",
    example: "float32",
  }),
  shape: z.array(z.union([z.number().int(), z.string()])).openapi({
    description: 'Dimensions; a symbolic (dynamic) dimension by its name, e.g. "N" ("" unnamed)',
    example: ["N", 2],
  }),
}).openapi("TensorInfo");

/** The example model of the docs (a Branin surrogate). */
export const EXAMPLE_MODEL = {
  id: EXAMPLE_MODEL_ID,
  name: "branin",
  sha256: "9f2b5c0e8d1a4f7b3e6c9a2d5f8b1e4c7a0d3f6b9e2c5a8d1f4b7e0c3a6d9f2b",
  sizeBytes: 1482,
  inputs: [{ name: "x", type: "float32", shape: ["N", 2] }],
  outputs: [{ name: "y", type: "float32", shape: ["N", 1] }],
  opset: 17,
  producer: "minima",
  provider: "cpu",
  createdAt: EXAMPLE.time,
};

/** A model of the registry. */
export const ModelSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  sha256: z.string().openapi({ description: "SHA-256 of the bytes, hex" }),
  sizeBytes: z.number().int(),
  inputs: z.array(TensorInfoSchema),
  outputs: z.array(TensorInfoSchema),
  opset: z.number().int().openapi({ description: "Version of the default (ai.onnx) opset" }),
  producer: z.string().openapi({
    description: "The tool that wrote the model",
    example: "pytorch 2.3.0",
  }),
  provider: z.string().openapi({
    description: "The execution provider onnxruntime loaded the model with at upload",
    example: "cpu",
  }),
  createdAt: z.string().datetime(),
}).openapi("Model", { example: EXAMPLE_MODEL });

const ModelName = z.string().min(1).max(200).openapi({
  description: "A name for the model (need not be unique)",
  example: "branin",
});

const TensorTypeField = z.string().optional().openapi({
  description: "The element type, if the client wants it checked (it must be the input's)",
  example: "float32",
});

const TensorShapeField = z.array(z.number().int().min(0).max(2 ** 31 - 1)).max(8).openapi({
  description: "The dimensions; fixed ones must be the model's, symbolic ones agree across inputs",
  example: [2, 2],
});

/** A tensor a client sends: its values as JSON numbers or as little-endian bytes in base64. */
export const TensorInputSchema = z.strictObject({
  type: TensorTypeField,
  shape: TensorShapeField,
  data: z.array(z.union([z.number(), z.boolean()])).optional().openapi({
    description: "The values, row-major, of the input's element type",
    example: [-3.14, 12.27, 3.14, 2.27],
  }),
  dataBase64: z.string().optional().openapi({
    description: "Instead of `data`: the values as little-endian typed-array bytes of the " +
      "input's element type (a Float32Array's bytes for float32), base64 with padding " +
      "(RFC 4648; ASCII whitespace is skipped). The cheaper form for large batches in JSON",
    example: "w/VIwOxRREHD9UhArkcRQA==",
  }),
}).openapi("TensorInput");

/** An input in the JSON header of a binary evaluateModel body: its values follow the header. */
export const TensorHeaderSchema = z.strictObject({
  type: TensorTypeField,
  shape: TensorShapeField,
}).openapi("TensorHeader");

/** A tensor the API answers, as JSON numbers (the default). */
export const TensorOutputSchema = z.object({
  type: z.string().openapi({ example: "float32" }),
  shape: z.array(z.number().int()).openapi({ example: [2, 1] }),
  data: z.array(z.number().nullable()).openapi({
    description: "Row-major values; NaN and infinities as null, int64 as the nearest number",
    example: [0.3979, 0.3979],
  }),
}).openapi("TensorOutput");

/** A tensor the API answers, as base64 bytes (`outputEncoding: "base64"`). */
export const TensorOutputBase64Schema = z.object({
  type: z.string().openapi({ example: "float32" }),
  shape: z.array(z.number().int()).openapi({ example: [2, 1] }),
  dataBase64: z.string().openapi({
    description: "Row-major values as little-endian typed-array bytes of the output's element " +
      "type (a Float32Array's bytes for float32, 8 bytes per int64, one 0/1 byte per bool), " +
      "base64 with padding; NaN and infinities as they are",
    example: "jLnLPoy5yz4=",
  }),
}).openapi("TensorOutputBase64", {
  example: { type: "float32", shape: [2, 1], dataBase64: "jLnLPoy5yz4=" },
});

/** The body of evaluateModel. */
export const EvaluateModelRequestSchema = z.strictObject({
  inputs: z.record(z.string(), TensorInputSchema).openapi({
    description: "Every input of the model, by name",
  }),
  outputEncoding: z.enum(["data", "base64"]).optional().openapi({
    description: "How the outputs come back: `data`, JSON numbers (the default), or " +
      "`base64`, `dataBase64` with the little-endian bytes of each output (no JSON number " +
      "per value: the cheaper form for large batches)",
    example: "base64",
  }),
}).openapi("EvaluateModelRequest");

/**
 * The JSON header of a binary evaluateModel body (`application/octet-stream`,
 * models_binary.ts): the request without the values, which follow it.
 */
export const EvaluateModelBinaryHeaderSchema = z.strictObject({
  inputs: z.record(z.string(), TensorHeaderSchema).openapi({
    description: "Every input of the model, by name, without values: their bytes follow the " +
      "header, in the order of the model's inputs",
  }),
  outputEncoding: EvaluateModelRequestSchema.shape.outputEncoding,
}).openapi("EvaluateModelBinaryHeader", {
  example: { inputs: { x: { shape: [2, 2] } } },
});

/** The answer of evaluateModel. */
export const EvaluationSchema = z.object({
  outputs: z.record(z.string(), z.union([TensorOutputSchema, TensorOutputBase64Schema])).openapi({
    description: "Every output of the model by name: `{type, shape, data}`, or " +
      '`{type, shape, dataBase64}` when the request asked for `outputEncoding: "base64"`',
  }),
  provider: z.string().openapi({
    description: "The execution provider that ran the evaluation: cuda, webgpu or cpu",
    example: "cpu",
  }),
  batchRows: z.number().int().openapi({
    description: "Rows of the session run this request was part of (concurrent requests for " +
      "a model are merged, up to MINIMA_ONNX_MAX_BATCH_ROWS)",
    example: 2,
  }),
  ms: z.number().openapi({
    description: "Milliseconds from the call to the answer in the runtime: loading the model's " +
      "session (when it had none), waiting for a batch and the session run",
    example: 0.4,
  }),
}).openapi("Evaluation");

/** What a binary answer's JSON header says of one output; its bytes follow the header. */
export const TensorOutputHeaderSchema = z.object({
  type: z.string().openapi({ example: "float32" }),
  shape: z.array(z.number().int()).openapi({ example: [2, 1] }),
  byteLength: z.number().int().openapi({
    description: "Bytes of this output after the header (little-endian, row-major)",
    example: 8,
  }),
}).openapi("TensorOutputHeader");

/** The JSON header of a binary evaluateModel answer. */
export const EvaluationBinaryHeaderSchema = EvaluationSchema.extend({
  outputs: z.record(z.string(), TensorOutputHeaderSchema).openapi({
    description: "Every output of the model by name; their bytes follow the header in this order",
  }),
}).openapi("EvaluationBinaryHeader", {
  example: {
    outputs: { y: { type: "float32", shape: [2, 1], byteLength: 8 } },
    provider: "cpu",
    batchRows: 2,
    ms: 0.4,
  },
});

const EXAMPLE_EVALUATION = {
  outputs: { y: { type: "float32", shape: [2, 1], data: [0.3979, 0.3979] } },
  provider: "cpu",
  batchRows: 2,
  ms: 0.4,
};

export const uploadModelRoute = createRoute({
  method: "post",
  path: "/v1/models",
  operationId: "uploadModel",
  summary: "Upload an ONNX model",
  description:
    "The body is the `.onnx` file's bytes (`application/octet-stream`), streamed: at most " +
    "MINIMA_MAX_MODEL_BYTES (default 256 MiB; 413 beyond, as soon as the stream passes it). " +
    "onnxruntime loads the model before it is stored: bytes that are not ONNX, are truncated or " +
    "use an operator the runtime lacks are a 422 with onnxruntime's reason, and nothing is " +
    "stored. A 503 when this process runs no ONNX runtime, or no configured execution " +
    "provider works here (e.g. only `cuda` without its libraries). The same bytes uploaded twice are stored once (content-addressed by SHA-256). " +
    "With an Idempotency-Key, a retry with the same name and bytes answers as the first upload.",
  tags,
  security,
  request: {
    query: z.object({ name: ModelName }),
    headers: IdempotencyHeaders,
    body: {
      required: true,
      content: {
        "application/octet-stream": {
          schema: z.string().openapi({ format: "binary", description: "The .onnx file" }),
          example: "(the bytes of model.onnx: curl --data-binary @model.onnx)",
        },
      },
    },
  },
  responses: {
    201: { description: "Stored", ...json(ModelSchema, EXAMPLE_MODEL) },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

export const listModelsRoute = createRoute({
  method: "get",
  path: "/v1/models",
  operationId: "listModels",
  summary: "List the project's models",
  description: "Newest first, paginated with a cursor.",
  tags,
  security,
  request: { query: PageQuery },
  responses: {
    200: {
      description: "A page of models",
      ...json(pageOf(ModelSchema).openapi("ModelPage"), {
        items: [EXAMPLE_MODEL],
        nextCursor: null,
      }),
    },
    ...problemResponses(400, 401, 403),
  },
});

export const getModelRoute = createRoute({
  method: "get",
  path: "/v1/models/{modelId}",
  operationId: "getModel",
  summary: "Get a model",
  description:
    "Its signature (inputs, outputs, opset, producer) and the provider it loaded with. " +
    "Another project's model is a 404.",
  tags,
  security,
  request: { params: ModelParams },
  responses: {
    200: { description: "The model", ...json(ModelSchema, EXAMPLE_MODEL) },
    ...problemResponses(401, 403, 404),
  },
});

export const downloadModelRoute = createRoute({
  method: "get",
  path: "/v1/models/{modelId}/content",
  operationId: "downloadModel",
  summary: "Download a model's bytes",
  description: "The original `.onnx` bytes, streamed; `ETag` is their SHA-256.",
  tags,
  security,
  request: { params: ModelParams },
  responses: {
    200: {
      description: "The bytes",
      content: {
        "application/octet-stream": {
          schema: z.string().openapi({ format: "binary" }),
          example: "(the bytes of the .onnx file, as uploaded)",
        },
      },
    },
    ...problemResponses(401, 403, 404),
  },
});

export const deleteModelRoute = createRoute({
  method: "delete",
  path: "/v1/models/{modelId}",
  operationId: "deleteModel",
  summary: "Delete a model",
  description: "A 409 while a study's objective uses the model (delete the study first). Its " +
    "bytes are deleted with the last model that names them.",
  tags,
  security,
  request: { params: ModelParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404, 409) },
});

const BINARY_BODY = "A binary body (after Triton's binary tensor data extension): the " +
  "header `Inference-Header-Content-Length: <n>`; the body's first n bytes are a JSON header " +
  "(`EvaluateModelBinaryHeader`: the inputs' shapes without values, e.g. " +
  '`{"inputs": {"x": {"shape": [4096, 20]}}}`), then each input\'s values as raw ' +
  "little-endian bytes of its element type (a Float32Array's bytes for float32), in the order " +
  "of the model's inputs (getModel's `inputs`), shape × element size bytes each. The cheapest " +
  "form for large batches: no JSON numbers, no base64.";

const BINARY_ANSWER = "With `Accept: application/octet-stream`: the header " +
  "`Inference-Header-Content-Length: <n>`, the body's first n bytes a JSON header " +
  "(`EvaluationBinaryHeader`: each output's type, shape and byteLength, the provider, batchRows, " +
  "ms), then the outputs' little-endian bytes in the order the header lists them.";

const HeaderLengthHeader = z.string().regex(/^\d+$/).openapi({
  description: "The length in bytes of the JSON header that begins a binary body",
  example: "32",
});

export const evaluateModelRoute = createRoute({
  method: "post",
  path: "/v1/models/{modelId}/evaluate",
  operationId: "evaluateModel",
  summary: "Evaluate a model on a batch",
  description: "Every input of the model by name, as `{shape, data}` or `{shape, dataBase64}` " +
    "(little-endian bytes of the input's element type, for large batches), or in a binary body " +
    "(`application/octet-stream`, below); outputs come back as `{type, shape, data}`, or as " +
    '`{type, shape, dataBase64}` with `"outputEncoding": "base64"`, or as bytes with ' +
    "`Accept: application/octet-stream`. Types and shapes " +
    "are checked against the model's signature; each mismatch is a 422 naming the input " +
    `(\`inputs.x.shape\`). At most ${MAX_EVALUATE_ROWS} rows per input and ` +
    `${MAX_EVALUATE_VALUES} values in all (rows × width) per request, checked before any ` +
    "work; a body beyond MINIMA_MAX_BODY_BYTES is a 413 before it is read. " + BINARY_BODY +
    " Its bytes must be exactly what the shapes take: a 422 naming the input whose bytes run " +
    "short (`inputs.x`, rule `count`) or `inputs` when bytes are left over; a missing or " +
    "wrong `Inference-Header-Content-Length` is a 400 naming it, a header that is not JSON a " +
    "400. Concurrent requests for a model are merged into one session run (dynamic " +
    "batching; only requests of one project, of a model whose inputs and outputs share a " +
    "symbolic first dimension); each gets its own rows back. The outputs are bounded too: at " +
    `most ${MAX_EVALUATE_VALUES} values in all, a 422 naming \`outputs.<name>\` (rule ` +
    "`max_values`), refused before the run when the outputs' shapes tell. An error of " +
    "onnxruntime while running is a 422 with its reason. A model deleted meanwhile is a 404; " +
    "a 503 when this process runs no ONNX runtime, no execution provider works here, or the " +
    "runtime's worker failed during the run (retry). " + BINARY_ANSWER,
  tags,
  security,
  request: {
    params: ModelParams,
    headers: z.object({ "inference-header-content-length": HeaderLengthHeader.optional() }),
    body: {
      required: true,
      content: {
        "application/json": {
          schema: EvaluateModelRequestSchema,
          example: { inputs: { x: { shape: [2, 2], data: [-3.14, 12.27, 3.14, 2.27] } } },
        },
        "application/octet-stream": {
          schema: z.string().openapi({
            format: "binary",
            description: "The JSON header (`EvaluateModelBinaryHeader`, its length in " +
              "`Inference-Header-Content-Length`), then the inputs' little-endian bytes",
          }),
          example: '{"inputs":{"x":{"shape":[2,2]}}} followed by 16 bytes: the Float32Array ' +
            "[-3.14, 12.27, 3.14, 2.27] (Inference-Header-Content-Length: 32)",
        },
      },
    },
  },
  responses: {
    200: {
      description: "The outputs",
      headers: z.object({
        "inference-header-content-length": HeaderLengthHeader.optional().openapi({
          description: "With a binary answer: the length in bytes of its JSON header",
        }),
      }),
      content: {
        "application/json": { schema: EvaluationSchema, example: EXAMPLE_EVALUATION },
        "application/octet-stream": {
          schema: z.string().openapi({
            format: "binary",
            description: "The JSON header (`EvaluationBinaryHeader`, its length in " +
              "`Inference-Header-Content-Length`), then the outputs' little-endian bytes",
          }),
          example: '{"outputs":{"y":{"type":"float32","shape":[2,1],"byteLength":8}},' +
            '"provider":"cpu","batchRows":2,"ms":0.4} followed by 8 bytes: the Float32Array ' +
            "[0.3979, 0.3979]",
        },
      },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422, 503),
  },
});
