/**
 * What every use case needs: the database, the clock, the caller, and the
 * caches that belong to one app (never to the process: two apps in one
 * process share nothing).
 */
import type { DesignerPool } from "../algorithms/remote/mod.ts";
import type { Database } from "../db/client.ts";
import type { OnnxRuntime } from "../evaluators/onnx/mod.ts";
import type { Logger } from "../log.ts";
import type { DesignerCounters, RunCounters } from "../metrics.ts";
import type { ModelFileCache } from "./models_cache.ts";
import { PrincipalCache } from "./principals.ts";
import type { RunHub } from "./runs/hub.ts";
import { StudyMetaCache } from "./study_meta.ts";
import type { StopNote } from "./study_stops.ts";
import type { TrialView } from "./trial_rows.ts";

/**
 * Serves suggestions: suggest_queue.ts's SuggestionQueue, which groups
 * concurrent requests for a study. Declared here, not imported, so that the
 * context depends on no use case (the queue runs suggest.ts, which takes a
 * context).
 */
export interface Suggestions {
  /** Hands out trials for one request; `signal` is the caller's (or gives it when asked). */
  suggest(
    projectId: string,
    studyId: string,
    request: { count: number; clientId?: string },
    signal?: AbortSignal | (() => AbortSignal),
  ): Promise<{ trials: TrialView[]; stop?: StopNote }>;
  /** Requests waiting for the group in flight for their study (for /metrics). */
  waiting?(): number;
}

/** The services' dependencies. */
export interface ServiceContext {
  db: Database;
  /** The current time; tests replace it to move leases forward. */
  now: () => Date;
  /** Lease of a handed-out trial for studies that set none. */
  defaultLeaseSeconds: number;
  /** Where services write what operators should see. */
  log?: Logger;
  /** Workers for CPU-heavy designers (absent: they run on the event loop). */
  designers?: DesignerPool;
  /** Counters of the designer lifecycle, for /metrics (absent: not counted). */
  counters?: DesignerCounters;
  /** Serves concurrent suggestions for a study together (set by the app). */
  suggestions?: Suggestions;
  /** Studies' fixed facts (see study_meta.ts); made on first use when absent. */
  studyMetas?: StudyMetaCache;
  /** Resolved API keys (see principals.ts); made on first use when absent. */
  principals?: PrincipalCache;
  /** Signals between runs' workers, starters and watchers (absent: they poll). */
  runs?: RunHub;
  /** Counters of the runs this process's workers drive, for /metrics (absent: not counted). */
  runCounters?: RunCounters;
  /** Evaluates ONNX models (absent: model uploads and evaluations answer 503). */
  onnx?: OnnxRuntime;
  /** This host's copies of models' bytes, one file per sha256 (see models_cache.ts). */
  modelFiles?: ModelFileCache;
  /** The largest model an upload may send (MINIMA_MAX_MODEL_BYTES). */
  maxModelBytes?: number;
  /**
   * Whether MINIMA_ADMIN_KEY is set on this process (then the last stored
   * admin key may be revoked: the environment's key still lets admins in).
   */
  envAdminKey?: boolean;
}

/** A context with caches of its own (the app makes one; so may tests). */
export function createServiceContext(
  options: Omit<ServiceContext, "studyMetas" | "principals">,
): ServiceContext {
  return { ...options, studyMetas: new StudyMetaCache(), principals: new PrincipalCache() };
}
