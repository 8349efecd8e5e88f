/**
 * Messages between the service and a designer worker.
 */
import type { SpaceSpec } from "../../space/schema.ts";
import type { Feedback, JsonValue, Point, Recommendation, Suggestion } from "../types.ts";

/** What the service asks of a worker; `session` names one designer. */
export type DesignerRequest =
  | {
    op: "create";
    session: number;
    algorithm: string;
    space: SpaceSpec;
    config: unknown;
    seed: number;
    state: JsonValue | undefined;
  }
  | { op: "update"; session: number; feedback: Feedback[] }
  | { op: "suggest"; session: number; call: number; count: number; pending: Point[] }
  | { op: "recommend"; session: number; call: number }
  | { op: "close"; session: number };

/**
 * A worker's answer: to a suggest, the points and the designer's state after
 * them; to a recommend, the designer's recommendation.
 */
export type DesignerReply =
  | { session: number; call: number; suggestions: Suggestion[]; state: JsonValue }
  | { session: number; call: number; recommendation: Recommendation | null }
  | { session: number; call: number; error: string };
