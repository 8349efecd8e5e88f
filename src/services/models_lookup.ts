/**
 * Whether a model exists, as evaluateModel asks: of this process's memory
 * while the database tells it of deletes, else of the database, in one
 * question for many concurrent requests.
 *
 * - A model's row never changes once written (it is only deleted), and its
 *   delete notifies every process on the database at commit
 *   (MODEL_DELETED, src/db/queries/models.ts; the deleting process also
 *   forgets it at once). So while this process listens, a row found is
 *   trusted for TRUST_MS without asking again: a request for a known model
 *   costs no query. Asking the database for every request cost about a
 *   millisecond of the event loop's CPU and as much of PostgreSQL's, paid
 *   beside the session run on a small host, and by each of 32 one-row
 *   clients while the model waited for them. The trust is bounded in time
 *   as a key's is (src/services/principals.ts): should a notification be
 *   lost without the listening connection being lost too, a deleted model
 *   is refused at most TRUST_MS later. When listening starts again (the
 *   connection was lost and made again: notifications may have been
 *   missed), every row is forgotten; until this process listens, nothing is
 *   trusted and every request asks.
 * - A row not trusted (not yet found, or found longer ago than TRUST_MS) is
 *   asked for, but once found the request is checked against it and run
 *   while the database is asked whether the model still exists. The lookup
 *   begins as the request comes, before its body is read (`earlyLookup`,
 *   from the route's middleware), so that it goes on beside the body's
 *   reading and decoding rather than beside the session run.
 * - Concurrent requests for one model share a lookup, as long as it began
 *   after they came: one in flight may have begun before a request did (and
 *   missed a delete that committed since), so a newcomer waits for the next,
 *   which all who came meanwhile share and which begins when the one in
 *   flight ends.
 *
 * A model deleted before a request came is therefore a 404 in the process
 * that deleted it, and in the others as soon as the notification comes
 * (milliseconds after the commit), as a revoked key is refused.
 */
import type { DatabaseHandle } from "../db/client.ts";
import { MODEL_DELETED, projectModel } from "../db/queries/models.ts";
import type { ModelRow } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { ServiceContext } from "./context.ts";

/** How long a row found is trusted without asking the database again, in ms. */
export const TRUST_MS = 5_000;

/** What is known of one model of one project. */
interface Known {
  /** Its row, once a lookup found it. */
  row?: ModelRow;
  /** When the lookup that found it began (performance.now). */
  foundAt: number;
  /** The lookup in flight, if any. */
  running: Promise<ModelRow> | null;
  /** The lookup that begins when the one in flight ends, shared by whoever came meanwhile. */
  next: Promise<ModelRow> | null;
}

/** A model's key among those remembered (ids in any case name the same model). */
const keyOf = (projectId: string, modelId: string) =>
  `${projectId.toLowerCase()}/${modelId.toLowerCase()}`;

/** The most models remembered per context (the first found goes first). */
const REMEMBERED = 1024;

/** Lookups of models by project and id, for one service context. */
export class ModelLookups {
  readonly #ctx: ServiceContext;
  readonly #models = new Map<string, Known>();
  readonly #now: () => number;
  /** Whether deletes are heard (rows are trusted only then). */
  #listening = false;

  constructor(ctx: ServiceContext, now: () => number = () => performance.now()) {
    this.#ctx = ctx;
    this.#now = now;
  }

  /** The model's row, if a lookup found it before (it may have been deleted since). */
  known(projectId: string, modelId: string): ModelRow | undefined {
    return this.#models.get(keyOf(projectId, modelId))?.row;
  }

  /**
   * The model's row when it may be used without asking the database: found
   * less than TRUST_MS ago, and not deleted since as far as this process
   * has heard, while it listens for deletes.
   */
  trusted(projectId: string, modelId: string): ModelRow | undefined {
    if (!this.#listening) return undefined;
    const k = this.#models.get(keyOf(projectId, modelId));
    return k?.row && this.#now() - k.foundAt < TRUST_MS ? k.row : undefined;
  }

  /**
   * A lookup of the model that begins no earlier than this call: its row,
   * or a 404 (and the row is forgotten).
   */
  check(projectId: string, modelId: string): Promise<ModelRow> {
    const key = keyOf(projectId, modelId);
    let known = this.#models.get(key);
    if (!known) {
      known = { running: null, next: null, foundAt: -Infinity };
      this.#models.set(key, known);
      if (this.#models.size > REMEMBERED) this.#models.delete(this.#models.keys().next().value!);
    }
    const k = known;
    if (!k.running) return this.#start(k, projectId, modelId);
    k.next ??= k.running.catch(() => {}).then(() => {
      k.next = null;
      return this.#start(k, projectId, modelId);
    });
    return k.next;
  }

  #start(k: Known, projectId: string, modelId: string): Promise<ModelRow> {
    const began = this.#now();
    const lookup = projectModel(this.#ctx.db, projectId, modelId).then(
      (row) => {
        if (!row) throw notFound("model", modelId);
        k.row = row;
        k.foundAt = began;
        return row;
      },
      (error) => {
        k.row = undefined;
        throw error;
      },
    );
    k.running = lookup;
    lookup.catch(() => {}).finally(() => {
      if (k.running === lookup) k.running = null;
    });
    return lookup;
  }

  /**
   * Forgets a deleted model: the next request for it asks the database. A
   * lookup in flight for it settles an entry no longer remembered.
   */
  forget(modelId: string): void {
    const id = modelId.toLowerCase();
    for (const key of [...this.#models.keys()]) {
      if (key.endsWith(`/${id}`)) this.#models.delete(key);
    }
  }

  /** Forgets every model (notifications may have been missed). */
  clear(): void {
    this.#models.clear();
  }

  /** Whether deletes are heard now (see the module's header). */
  set listening(on: boolean) {
    if (on) this.clear();
    this.#listening = on;
  }
}

const lookups = new WeakMap<ServiceContext, ModelLookups>();

/** The context's lookups of models. */
export function modelLookups(ctx: ServiceContext): ModelLookups {
  let l = lookups.get(ctx);
  if (!l) lookups.set(ctx, l = new ModelLookups(ctx));
  return l;
}

/**
 * Listens for deleted models on behalf of the context's lookups, which
 * then trust the rows they found (see the module's header); without, every
 * request asks the database.
 */
export function followModelDeletions(
  database: Pick<DatabaseHandle, "listen">,
  ctx: ServiceContext & { log?: Logger },
): void {
  const l = modelLookups(ctx);
  database.listen(MODEL_DELETED, (modelId) => l.forget(modelId), () => l.listening = true)
    .catch((error) =>
      ctx.log?.warn("cannot listen for deleted models; every evaluation asks the database", {
        error: String(error),
      })
    );
}

/**
 * A lookup begun as a request comes, before its body is read, to be handed
 * to evaluateModel; should the request be refused before (a malformed
 * body), its outcome is dropped here rather than left unhandled. None when
 * the model's row is trusted.
 */
export function earlyLookup(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
): Promise<ModelRow> | undefined {
  const l = modelLookups(ctx);
  if (l.trusted(projectId, modelId)) return undefined;
  const lookup = l.check(projectId, modelId);
  lookup.catch(() => {});
  return lookup;
}
