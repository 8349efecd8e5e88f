/**
 * This host's copies of models' bytes: one file per blob in a local
 * directory (MINIMA_MODEL_CACHE_DIR), named by its sha256. The database is
 * the truth; a host reads a model's chunks from it once, and onnxruntime then
 * loads sessions from the file (the runtime's `load` callback gets its path).
 *
 * Files are written under a temporary name and renamed into place, so a
 * reader never sees half a file; a file is checked against its name (sha256)
 * when it is read from the directory, and one that does not match is
 * replaced from the database. Temporary files a process left behind (it
 * died during an upload) are removed when the directory is first used,
 * once they are an hour old: several processes may share the directory,
 * and a younger one may be another's upload in progress.
 */
import { createHash } from "node:crypto";
import type { Queryable } from "../db/client.ts";
import { blobChunks, findBlob } from "../db/queries/models.ts";

/** Chunks read from the database per statement while a file is written. */
const CHUNKS_PER_READ = 8;

/** Age after which a temporary file is taken for a dead upload's and removed. */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** Thrown when the database no longer holds a model's bytes. */
export class ModelBytesGone extends Error {
  override name = "ModelBytesGone";
}

/** The model files of one host. */
export class ModelFileCache {
  #dir: string | undefined;
  /** The directory made and swept of stale temporary files (once). */
  #ready: Promise<string> | undefined;
  /** Loads in progress, by sha256: concurrent callers share one. */
  readonly #loading = new Map<string, Promise<string>>();

  /** @param dir the directory; absent, a temporary one is made on first use. */
  constructor(dir?: string) {
    this.#dir = dir;
  }

  /** The directory, made if needed; stale temporary files are removed on first use. */
  async dir(): Promise<string> {
    this.#ready ??= this.#prepare().catch((error) => {
      this.#ready = undefined;
      throw error;
    });
    const dir = await this.#ready;
    await Deno.mkdir(dir, { recursive: true });
    return dir;
  }

  async #prepare(): Promise<string> {
    const dir = this.#dir ??= await Deno.makeTempDir({ prefix: "minima-models-" });
    await Deno.mkdir(dir, { recursive: true });
    const before = Date.now() - STALE_TEMP_MS;
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.startsWith(".tmp-")) continue;
      const path = `${dir}/${entry.name}`;
      const info = await Deno.stat(path).catch(() => null);
      if (info && (info.mtime?.getTime() ?? 0) < before) await Deno.remove(path).catch(() => {});
    }
    return dir;
  }

  /** A fresh temporary path in the directory (renamed into place by `adopt`). */
  async tempPath(): Promise<string> {
    return `${await this.dir()}/.tmp-${crypto.randomUUID()}`;
  }

  /** Moves a written (and hashed) temporary file into place as the blob's file. */
  async adopt(tempPath: string, sha256: string): Promise<string> {
    const path = `${await this.dir()}/${sha256}.onnx`;
    await Deno.rename(tempPath, path);
    return path;
  }

  /**
   * The path of the blob's file: the one in the directory if its bytes hash
   * to its name, else written anew from the database's chunks.
   *
   * @throws {ModelBytesGone} when the database holds no such blob.
   */
  path(q: Queryable, sha256: string): Promise<string> {
    const running = this.#loading.get(sha256);
    if (running) return running;
    const load = this.#load(q, sha256).finally(() => this.#loading.delete(sha256));
    this.#loading.set(sha256, load);
    return load;
  }

  async #load(q: Queryable, sha256: string): Promise<string> {
    const path = `${await this.dir()}/${sha256}.onnx`;
    if (await hashOfFile(path) === sha256) return path;
    const blob = await findBlob(q, sha256);
    if (!blob) throw new ModelBytesGone(`the bytes of model blob ${sha256} are not stored`);
    const temp = await this.tempPath();
    const file = await Deno.open(temp, { write: true, createNew: true });
    const hash = createHash("sha256");
    try {
      for (let seq = 0; seq < blob.chunks; seq += CHUNKS_PER_READ) {
        const chunks = await blobChunks(q, sha256, seq, CHUNKS_PER_READ);
        for (const chunk of chunks) {
          hash.update(chunk);
          await writeAll(file, chunk);
        }
      }
    } finally {
      file.close();
    }
    const written = hash.digest("hex");
    if (written !== sha256) {
      await Deno.remove(temp).catch(() => {});
      // The blob deleted while its chunks were read: gone, as for any reader.
      if (!await findBlob(q, sha256)) {
        throw new ModelBytesGone(`the bytes of model blob ${sha256} are not stored`);
      }
      throw new Error(`model blob ${sha256} read back from the database hashes to ${written}`);
    }
    return await this.adopt(temp, sha256);
  }
}

/** Writes all of `data` to a file. */
export async function writeAll(file: Deno.FsFile, data: Uint8Array): Promise<void> {
  for (let done = 0; done < data.length;) done += await file.write(data.subarray(done));
}

/** The hex sha256 of a file's bytes; null when there is no such file. */
async function hashOfFile(path: string): Promise<string | null> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const hash = createHash("sha256");
  try {
    for await (const chunk of file.readable) hash.update(chunk);
  } catch {
    return null;
  }
  return hash.digest("hex");
}
