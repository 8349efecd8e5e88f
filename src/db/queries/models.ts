/**
 * Models and their bytes: blobs (content-addressed by sha256), their 1 MiB
 * chunks, and the per-project rows that name them. A blob has no reference
 * count column: the models rows that name it are its references, and the
 * foreign key from models to model_blobs is what finally keeps a blob in use
 * from being deleted (see deleteUnusedBlob).
 */
import { and, asc, count, desc, eq, gte, lt, or, sql } from "drizzle-orm";
import { query, type Queryable } from "../client.ts";
import { modelBlobs, modelChunks, type ModelRow, models, studies } from "../schema.ts";

/**
 * The channel a deleted model's id is notified on, at the commit of its
 * delete (src/services/models_lookup.ts listens).
 */
export const MODEL_DELETED = "minima_model_deleted";

/**
 * Inserts a blob's row, or locks it when the bytes are already stored; true
 * when this call inserted it (its chunks are then the caller's to write).
 * The lock (ON CONFLICT DO UPDATE takes one) keeps a concurrent deleteModel
 * from deleting the blob under the model row the caller is about to write;
 * a blob whose delete committed first is inserted anew.
 */
export async function insertOrLockBlob(
  q: Queryable,
  blob: { sha256: string; sizeBytes: number; chunks: number },
): Promise<boolean> {
  const [row] = await query<{ inserted: boolean }>(
    q,
    sql`INSERT INTO model_blobs (sha256, size_bytes, chunks)
      VALUES (${blob.sha256}, ${blob.sizeBytes}, ${blob.chunks})
      ON CONFLICT (sha256) DO UPDATE SET sha256 = EXCLUDED.sha256
      RETURNING (xmax = 0) AS inserted`,
  );
  return row.inserted;
}

/** Inserts one chunk of a blob's bytes. */
export async function insertBlobChunk(
  q: Queryable,
  sha256: string,
  seq: number,
  data: Uint8Array,
): Promise<void> {
  await q.insert(modelChunks).values({ sha256, seq, data });
}

/** A blob's row (size and chunk count), if stored. */
export async function findBlob(
  q: Queryable,
  sha256: string,
): Promise<{ sizeBytes: number; chunks: number } | undefined> {
  const [row] = await q.select({ sizeBytes: modelBlobs.sizeBytes, chunks: modelBlobs.chunks })
    .from(modelBlobs).where(eq(modelBlobs.sha256, sha256));
  return row;
}

/** Chunks `from` .. `from + limit - 1` of a blob, in order. */
export async function blobChunks(
  q: Queryable,
  sha256: string,
  from: number,
  limit: number,
): Promise<Uint8Array[]> {
  const rows = await q.select({ data: modelChunks.data }).from(modelChunks)
    .where(and(eq(modelChunks.sha256, sha256), gte(modelChunks.seq, from)))
    .orderBy(asc(modelChunks.seq)).limit(limit);
  return rows.map((r) => r.data);
}

/** Inserts a model's row; returns it. */
export async function insertModel(
  q: Queryable,
  values: typeof models.$inferInsert,
): Promise<ModelRow> {
  const [row] = await q.insert(models).values(values).returning();
  return row;
}

/**
 * A model of the project (undefined also for another project's model); with
 * `lock`, FOR KEY SHARE: a concurrent delete of the row waits for the caller's
 * transaction.
 */
export async function projectModel(
  q: Queryable,
  projectId: string,
  modelId: string,
  lock = false,
): Promise<ModelRow | undefined> {
  const select = q.select().from(models)
    .where(and(eq(models.id, modelId), eq(models.projectId, projectId)));
  const [row] = lock ? await select.for("key share") : await select;
  return row;
}

/** Up to `limit` of the project's models, newest first, after the (createdAt, id) position. */
export async function projectModels(
  q: Queryable,
  projectId: string,
  page: { limit: number; after?: [Date, string] },
): Promise<ModelRow[]> {
  const { after } = page;
  return await q.select().from(models).where(and(
    eq(models.projectId, projectId),
    after
      ? or(
        lt(models.createdAt, after[0]),
        and(eq(models.createdAt, after[0]), lt(models.id, after[1])),
      )
      : undefined,
  )).orderBy(desc(models.createdAt), desc(models.id)).limit(page.limit);
}

/** How a study uses a model: its objective, its renderer, or its sso model's forward or vjp graph. */
export type ModelUse = "objective" | "renderer" | "sso forward" | "sso vjp";

/**
 * Up to `limit` of the project's studies that use the model, oldest first,
 * each with how (the first use that applies): as their objective
 * (objective.evaluator.model), to draw candidates (labeling.renderer.model),
 * or as the forward or vjp graph of an sso study's `onnx` model
 * (algorithm_config.model.forward, .vjp: createStudy stores both lowercase).
 */
export async function studiesUsingModel(
  q: Queryable,
  projectId: string,
  modelId: string,
  limit: number,
): Promise<{ id: string; name: string; use: ModelUse }[]> {
  const id = modelId.toLowerCase();
  const evaluator = sql`${studies.objective} -> 'evaluator' ->> 'model' = ${id}`;
  const renderer = sql`${studies.labeling} -> 'renderer' ->> 'model' = ${id}`;
  const isSso = sql`${studies.algorithmName} = 'sso'`;
  const ssoModel = sql`${studies.algorithmConfig} -> 'model'`;
  const forward = sql`(${isSso} AND ${ssoModel} ->> 'forward' = ${id})`;
  const vjp = sql`(${isSso} AND ${ssoModel} ->> 'vjp' = ${id})`;
  return await q.select({
    id: studies.id,
    name: studies.name,
    use: sql<ModelUse>`CASE WHEN ${evaluator} THEN 'objective' WHEN ${renderer} THEN 'renderer'
      WHEN ${forward} THEN 'sso forward' ELSE 'sso vjp' END`,
  }).from(studies).where(and(
    eq(studies.projectId, projectId),
    or(evaluator, renderer, forward, vjp),
  )).orderBy(asc(studies.createdAt)).limit(limit);
}

/**
 * Deletes a model of the project and notifies MODEL_DELETED with its id;
 * returns its blob's sha256 (undefined when it was not there).
 */
export async function deleteModelRow(
  q: Queryable,
  projectId: string,
  modelId: string,
): Promise<string | undefined> {
  const [row] = await q.delete(models)
    .where(and(eq(models.id, modelId), eq(models.projectId, projectId)))
    .returning({ sha256: models.sha256 });
  // Every process on the database hears of it when the transaction commits.
  if (row) await q.execute(sql`SELECT pg_notify(${MODEL_DELETED}, ${modelId})`);
  return row?.sha256;
}

/**
 * Deletes a blob (its chunks by cascade) when no model names it any more;
 * true when it was deleted. A model inserted concurrently that this
 * statement's snapshot does not see is caught by the foreign key: the caller
 * runs this in a savepoint and keeps the blob on a foreign key violation.
 */
export async function deleteUnusedBlob(q: Queryable, sha256: string): Promise<boolean> {
  const rows = await query<{ sha256: string }>(
    q,
    sql`DELETE FROM model_blobs b WHERE b.sha256 = ${sha256}
      AND NOT EXISTS (SELECT 1 FROM models m WHERE m.sha256 = ${sha256})
      RETURNING b.sha256`,
  );
  return rows.length === 1;
}

/** How many blobs, chunks and models rows there are (tests check that failures store nothing). */
export async function countModelRows(
  q: Queryable,
): Promise<{ blobs: number; chunks: number; models: number }> {
  const [blobs] = await q.select({ n: count() }).from(modelBlobs);
  const [chunks] = await q.select({ n: count() }).from(modelChunks);
  const [rows] = await q.select({ n: count() }).from(models);
  return { blobs: blobs.n, chunks: chunks.n, models: rows.n };
}
