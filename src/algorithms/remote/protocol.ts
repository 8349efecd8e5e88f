/**
 * Messages between the service and a designer worker. Every request that
 * expects an answer carries a call number, unique within the pool; the
 * answer carries it back.
 */
import type { SpaceSpec } from "../../space/schema.ts";
import type { MemoryRefusal } from "../design_memory.ts";
import type { Owner } from "./turns.ts";
import type { Feedback, JsonValue, Point, Recommendation, Suggestion } from "../types.ts";

/** What the service asks of a worker; `session` names one designer. */
export type DesignerRequest =
  | {
    op: "create";
    session: number;
    call: number;
    algorithm: string;
    space: SpaceSpec;
    config: unknown;
    seed: number;
    state: JsonValue | undefined;
    /** Whose designer: the worker's turns are shared round robin by project, then study. */
    owner?: Owner;
  }
  | { op: "update"; session: number; call: number; feedback: Feedback[] }
  | {
    op: "suggest";
    session: number;
    call: number;
    count: number;
    pending: Point[];
    /**
     * A one-element Int32Array over a SharedArrayBuffer: the service stores 1
     * in it to cancel. Shared memory, because a designer computing
     * synchronously never sees a message until it is done.
     */
    cancel: Int32Array;
  }
  | { op: "recommend"; session: number; call: number }
  | { op: "close"; session: number };

/**
 * A worker's answer: to a create, that the designer is ready; to an update,
 * the designer's state after it; to a suggest, the points and the
 * designer's state after them; to a recommend, the
 * designer's recommendation. `unreadableState` marks a create that failed
 * because the saved state could not be restored; `memory`, a call the
 * design memory budget refused.
 */
export type DesignerReply =
  | { session: number; call: number; created: true }
  | { session: number; call: number; updated: true; state: JsonValue }
  | { session: number; call: number; suggestions: Suggestion[]; state: JsonValue }
  | { session: number; call: number; recommendation: Recommendation | null }
  | {
    session: number;
    call: number;
    error: string;
    unreadableState?: boolean;
    /** A call refused by the design memory budget: the refusal, to rethrow as such. */
    memory?: MemoryRefusal;
  };
