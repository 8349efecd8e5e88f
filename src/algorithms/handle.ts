/**
 * A designer as the service uses it, wherever it computes: on the event loop
 * (`LocalDesigner`) or in a worker of the pool (`RemoteDesigner`). Both have
 * these calls, so the service's designer session (restore → feed → ask →
 * save) is written once for both.
 */
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Recommendation,
  SuggestContext,
  Suggestion,
} from "./types.ts";

/** One designer, open for one use (a suggestion, a recommendation). */
export interface DesignerHandle {
  /**
   * Feedback since the last call, oldest first; settles once the designer
   * has taken it in (for a worker's designer: with its state, so `dump`
   * needs no suggest after it). A designer that takes feedback in at once
   * may return nothing.
   */
  update(feedback: Feedback[]): void | Promise<void>;
  /** Up to `count` new points (see Designer.suggest). */
  suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]>;
  /** The state to save; for a worker's designer, known after a suggest. */
  dump(): JsonValue;
  /** The algorithm's recommendation, or null when it makes none. */
  recommend(): Promise<Recommendation | null>;
  /** Frees what the designer holds (its worker session). */
  close(): void;
}

/** The saved state could not be restored: the designer must be rebuilt from the trials. */
export class UnreadableState extends Error {
  override name = "UnreadableState";
}

/** The worker computing for a designer crashed; the calls waiting on it are rejected. */
export class DesignerWorkerFailed extends Error {
  override name = "DesignerWorkerFailed";
}

/** The caller gave up on a computation (its signal was aborted). */
export class DesignerCancelled extends Error {
  override name = "DesignerCancelled";
}

/** A designer running on the event loop. */
export class LocalDesigner implements DesignerHandle {
  constructor(readonly designer: Designer) {}
  async update(feedback: Feedback[]): Promise<void> {
    await this.designer.update(feedback);
  }
  async suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]> {
    if (ctx.signal.aborted) throw new DesignerCancelled("the suggestion was cancelled");
    return await this.designer.suggest(count, ctx);
  }
  dump(): JsonValue {
    return this.designer.dump();
  }
  recommend(): Promise<Recommendation | null> {
    return Promise.resolve(this.designer.recommend?.() ?? null);
  }
  close(): void {}
}

/**
 * Makes a designer on the event loop. A saved state the algorithm refuses is
 * an UnreadableState when the algorithm can still make a new designer (its
 * config is fine); any other failure is thrown as it is.
 */
export function createLocal<Config>(
  definition: AlgorithmDefinition<Config>,
  options: CreateOptions<Config>,
): LocalDesigner {
  try {
    return new LocalDesigner(definition.create(options));
  } catch (error) {
    if (options.state === undefined) throw error;
    definition.create({ ...options, state: undefined });
    throw new UnreadableState(String((error as Error)?.message ?? error), { cause: error });
  }
}
