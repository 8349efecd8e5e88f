/**
 * Whether a model exists, as evaluateModel asks the database: for every
 * request, but not always before its run, and in one question for many
 * concurrent requests.
 *
 * - A model's row never changes once written (it is only deleted), so a
 *   row found once is known here: the request is checked against it and
 *   run while the database is asked whether the model still exists, and
 *   its lookup's round trip (about a millisecond on a busy host) no longer
 *   comes before the run. The lookup begins as the request comes, before
 *   its body is read (`earlyLookup`, from the route's middleware), so that
 *   it goes on beside the body's reading and decoding rather than beside
 *   the session run, whose threads it would slow on a small host.
 * - Concurrent requests for one model share a lookup, as long as it began
 *   after they came: one in flight may have begun before a request did (and
 *   missed a delete that committed since), so a newcomer waits for the next,
 *   which all who came meanwhile share and which begins when the one in
 *   flight ends. Thirty-two clients of one row ask a few times per batch,
 *   not thirty-two.
 *
 * A model deleted before a request came is therefore still a 404, as it was
 * when the lookup came first.
 */
import type { ModelRow } from "../db/schema.ts";
import type { ServiceContext } from "./context.ts";
import { findModel } from "./models.ts";

/** What is known of one model of one project. */
interface Known {
  /** Its row, once a lookup found it. */
  row?: ModelRow;
  /** The lookup in flight, if any. */
  running: Promise<ModelRow> | null;
  /** The lookup that begins when the one in flight ends, shared by whoever came meanwhile. */
  next: Promise<ModelRow> | null;
}

/** The most models remembered per context (the first found goes first). */
const REMEMBERED = 1024;

/** Lookups of models by project and id, for one service context. */
export class ModelLookups {
  readonly #ctx: ServiceContext;
  readonly #models = new Map<string, Known>();

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /** The model's row, if a lookup found it before (it may have been deleted since). */
  known(projectId: string, modelId: string): ModelRow | undefined {
    return this.#models.get(`${projectId}/${modelId}`)?.row;
  }

  /**
   * A lookup of the model that begins no earlier than this call: its row,
   * or a 404 (and the row is forgotten).
   */
  check(projectId: string, modelId: string): Promise<ModelRow> {
    const key = `${projectId}/${modelId}`;
    let known = this.#models.get(key);
    if (!known) {
      known = { running: null, next: null };
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
    const lookup = findModel(this.#ctx.db, projectId, modelId).then(
      (row) => {
        k.row = row;
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
}

const lookups = new WeakMap<ServiceContext, ModelLookups>();

/** The context's lookups of models. */
export function modelLookups(ctx: ServiceContext): ModelLookups {
  let l = lookups.get(ctx);
  if (!l) lookups.set(ctx, l = new ModelLookups(ctx));
  return l;
}

/**
 * A lookup begun as a request comes, before its body is read, to be handed
 * to evaluateModel; should the request be refused before (a malformed
 * body), its outcome is dropped here rather than left unhandled.
 */
export function earlyLookup(
  ctx: ServiceContext,
  projectId: string,
  modelId: string,
): Promise<ModelRow> {
  const lookup = modelLookups(ctx).check(projectId, modelId);
  lookup.catch(() => {});
  return lookup;
}
