/**
 * What every use case needs: the database, the clock, and the caller.
 */
import type { DesignerPool } from "../algorithms/remote/mod.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../log.ts";
import type { SuggestionQueue } from "./suggest_queue.ts";

/** Who is calling: resolved from the API key. */
export interface Principal {
  /** The key's id (null for the MINIMA_ADMIN_KEY from the environment). */
  keyId: string | null;
  /**
   * "admin" keys manage projects and keys; "project" keys work with studies;
   * "labeler" tokens only fetch and rank one study's comparisons.
   */
  role: "admin" | "project" | "labeler";
  /** The project a project key (or labeler token) belongs to. */
  projectId: string | null;
  /** The one study a labeler token may label. */
  studyId?: string | null;
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
  /** Serves concurrent suggestions for a study together (set by the app). */
  suggestions?: SuggestionQueue;
}
