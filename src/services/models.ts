/**
 * The model registry: upload, list, get, download and delete ONNX models.
 *
 * An upload is streamed: the body goes to a temporary file in this host's
 * model directory while it is hashed and counted (413 as soon as it passes
 * MINIMA_MAX_MODEL_BYTES), so no request holds a database transaction (or
 * PGlite's one connection) while a client sends. onnxruntime then loads the
 * file from its path (`inspect`): bytes it cannot load are a 422 with its
 * reason and nothing is stored. Only then does one transaction write the
 * blob's 1 MiB chunks, read from the file one at a time (skipped when the
 * same bytes are already stored: blobs are content-addressed), and the
 * model's row; the file becomes this host's copy of the model. The model is
 * never held in this process's memory whole.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../db/client.ts";
import { retryTransient, sqlState } from "../db/errors.ts";
import {
  blobChunks,
  deleteModelRow,
  deleteUnusedBlob,
  insertBlobChunk,
  insertModel,
  insertOrLockBlob,
  projectModel,
  projectModels,
  studiesUsingModel,
} from "../db/queries/models.ts";
import { json } from "../db/records.ts";
import type { ModelRow } from "../db/schema.ts";
import {
  ModelInvalid,
  type ModelSignature,
  type OnnxRuntime,
  type TensorInfo,
} from "../evaluators/onnx/mod.ts";
import { conflict, invalid, notFound, Problem } from "../errors.ts";
import type { ServiceContext } from "./context.ts";
import { newId } from "./ids.ts";
import { ModelFileCache, writeAll } from "./models_cache.ts";
import { modelLookups } from "./models_lookup.ts";
import { createdCursor, createdPage, type Page } from "./page.ts";

/** The default of MINIMA_MAX_MODEL_BYTES: 256 MiB. */
export const DEFAULT_MAX_MODEL_BYTES = 256 * 1024 * 1024;

/** Bytes per row of model_chunks. */
export const CHUNK_BYTES = 1024 * 1024;

/** Chunks a download reads from the database per statement. */
const CHUNKS_PER_READ = 4;

/** A model as the API shows it. */
export interface ModelView {
  id: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  opset: number;
  producer: string;
  /** The execution provider the model loaded with at upload. */
  provider: string;
  createdAt: string;
}

/** What onnxruntime read of a stored model. */
export function signatureOf(row: ModelRow): ModelSignature {
  return json<ModelSignature>(row.signature);
}

/** A model row as the API shows it. */
export function modelView(row: ModelRow): ModelView {
  const s = signatureOf(row);
  return {
    id: row.id,
    name: row.name,
    sha256: row.sha256,
    sizeBytes: Number(row.sizeBytes),
    inputs: s.inputs,
    outputs: s.outputs,
    opset: s.opset,
    producer: s.producer,
    provider: row.provider,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The context's ONNX runtime; a 503 when this process runs none. */
export function requireOnnx(ctx: ServiceContext): OnnxRuntime {
  if (!ctx.onnx) {
    throw new Problem("unavailable", "this service process runs no ONNX runtime");
  }
  return ctx.onnx;
}

/**
 * A model of the project, or undefined (also for another project's model).
 * With `lock`, its row is key-share locked until the transaction ends, so
 * that a deleteModel waits and then sees what the transaction wrote.
 */
export async function findProjectModel(
  q: Queryable,
  projectId: string,
  modelId: string,
  lock = false,
): Promise<ModelRow | undefined> {
  return await projectModel(q, projectId, modelId, lock);
}

/** A model of the project, or a 404. */
export async function findModel(
  q: Queryable,
  projectId: string,
  modelId: string,
): Promise<ModelRow> {
  const row = await projectModel(q, projectId, modelId);
  if (!row) throw notFound("model", modelId);
  return row;
}

function tooLarge(max: number): Problem {
  return new Problem(
    "payload-too-large",
    `the model exceeds ${max} bytes (MINIMA_MAX_MODEL_BYTES)`,
  );
}

/**
 * Streams a body to `path`, hashing and counting it; a 413 as soon as it
 * passes `max` bytes (the rest is not read).
 */
async function receive(
  body: ReadableStream<Uint8Array>,
  path: string,
  max: number,
): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash("sha256");
  const file = await Deno.open(path, { write: true, createNew: true });
  const reader = body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge(max);
      }
      hash.update(value);
      await writeAll(file, value);
    }
  } finally {
    reader.releaseLock();
    file.close();
  }
  return { sha256: hash.digest("hex"), sizeBytes: size };
}

/** An upload received and loaded by onnxruntime, not yet stored. */
export interface ReceivedModel {
  sha256: string;
  sizeBytes: number;
  /** The received file (until `keep` or `release`). */
  path: string;
  signature: ModelSignature;
  /** The provider onnxruntime loaded it with. */
  provider: string;
  /** Makes the received file this host's copy of the model (after it is stored). */
  keep(): Promise<void>;
  /** Removes the received file unless kept. */
  release(): Promise<void>;
}

/**
 * uploadModel's first half: receives the bytes (streamed to a temporary
 * file, hashed, 413 beyond the limit) and has onnxruntime load them (422
 * with its reason when it cannot). Nothing is stored yet; call `release`.
 */
export async function receiveModel(
  ctx: ServiceContext,
  upload: { body: ReadableStream<Uint8Array> | null; contentLength?: number },
): Promise<ReceivedModel> {
  const onnx = requireOnnx(ctx);
  const max = ctx.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES;
  if (upload.contentLength !== undefined && upload.contentLength > max) throw tooLarge(max);
  const empty = () =>
    invalid("(body)", "onnx_model", "the body is empty: send the bytes of an .onnx file");
  if (!upload.body) throw empty();
  const files = ctx.modelFiles ??= new ModelFileCache();
  const temp = await files.tempPath();
  let kept = false;
  const release = async () => {
    if (!kept) await Deno.remove(temp).catch(() => {});
  };
  try {
    const { sha256, sizeBytes } = await receive(upload.body, temp, max);
    if (sizeBytes === 0) throw empty();
    let inspected;
    try {
      inspected = await onnx.inspect(temp);
    } catch (error) {
      if (!(error instanceof ModelInvalid)) throw error;
      throw invalid("(body)", "onnx_model", `onnxruntime cannot load this model: ${error.message}`);
    }
    const { inputs, outputs, opset, producer, provider } = inspected;
    return {
      sha256,
      sizeBytes,
      path: temp,
      signature: { inputs, outputs, opset, producer },
      provider,
      keep: async () => {
        await files.adopt(temp, sha256);
        kept = true;
      },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * uploadModel's second half, in the caller's transaction (which may hold an
 * Idempotency-Key): the blob's chunks (unless the same bytes are stored
 * already) and the model's row.
 */
export async function storeModel(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  name: string,
  received: ReceivedModel,
): Promise<ModelView> {
  const { sizeBytes, sha256 } = received;
  const chunks = Math.max(1, Math.ceil(sizeBytes / CHUNK_BYTES));
  const row = await q.transaction(async (tx) => {
    if (await insertOrLockBlob(tx, { sha256, sizeBytes, chunks })) {
      // The file one chunk at a time (`min`: a whole chunk unless the file ends).
      const file = await Deno.open(received.path, { read: true });
      const reader = file.readable.getReader({ mode: "byob" });
      try {
        for (let seq = 0; seq < chunks; seq++) {
          const { value } = await reader.read(new Uint8Array(CHUNK_BYTES), { min: CHUNK_BYTES });
          await insertBlobChunk(tx, sha256, seq, value ?? new Uint8Array(0));
        }
      } finally {
        await reader.cancel().catch(() => {});
      }
    }
    return await insertModel(tx, {
      id: newId(),
      projectId,
      name,
      sha256,
      sizeBytes,
      signature: received.signature,
      provider: received.provider,
      createdAt: ctx.now(),
    });
  });
  return modelView(row);
}

/** getModel. */
export async function getModel(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
): Promise<ModelView> {
  return modelView(await findModel(ctx.db, projectId, modelId));
}

/** listModels: the project's models, newest first. */
export async function listModels(
  ctx: ServiceContext,
  projectId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<ModelView>> {
  const after = createdCursor(page.cursor);
  const rows = await projectModels(ctx.db, projectId, { limit: page.limit + 1, after });
  return createdPage(rows, page.limit, modelView);
}

/**
 * downloadModel: the model and a stream of its original bytes, read from
 * the database a few chunks at a time as the client takes them.
 */
export async function downloadModel(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
): Promise<{ model: ModelView; body: ReadableStream<Uint8Array> }> {
  const row = await findModel(ctx.db, projectId, modelId);
  let seq = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunks = await blobChunks(ctx.db, row.sha256, seq, CHUNKS_PER_READ);
      if (chunks.length === 0) {
        controller.close();
        return;
      }
      seq += chunks.length;
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { model: modelView(row), body };
}

/**
 * deleteModel: 409 while a study uses the model (studiesUsingModel): as its
 * objective (which also covers the study's schedules: their runs evaluate
 * that objective), its renderer, or the forward or vjp graph of its sso
 * model. Its bytes go with it when no other model names them.
 */
export async function deleteModel(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
): Promise<void> {
  const blobGone = await retryTransient(() =>
    ctx.db.transaction(async (tx) => {
      // The row goes first: its lock waits for a createStudy that is checking the model
      // (FOR KEY SHARE), whose study the next statement then sees.
      const sha256 = await deleteModelRow(tx, projectId, modelId);
      if (sha256 === undefined) throw notFound("model", modelId);
      const users = await studiesUsingModel(tx, projectId, modelId, 5);
      if (users.length > 0) {
        const names = users.map((s) => `"${s.name}" (${s.id}, its ${s.use})`).join(", ");
        const which = users.length < 5 ? "" : "studies including ";
        throw conflict(
          `model ${modelId} is used by ${which}${names}: delete or recreate them first`,
        );
      }
      try {
        // A savepoint: a model of the same bytes inserted concurrently keeps the blob.
        return await tx.transaction((sp) => deleteUnusedBlob(sp, sha256)) ? sha256 : null;
      } catch (error) {
        if (sqlState(error) === "23503") return null;
        throw error;
      }
    })
  );
  // This process refuses it at once; the others when MODEL_DELETED reaches them.
  modelLookups(ctx).forget(modelId);
  if (blobGone !== null && ctx.modelFiles) {
    await Deno.remove(`${await ctx.modelFiles.dir()}/${blobGone}.onnx`).catch(() => {});
  }
}
