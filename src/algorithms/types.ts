/**
 * The plug-in interface every optimisation algorithm implements.
 *
 * Algorithms are pure TypeScript: no I/O, no clock, no global randomness. The
 * service restores a designer from its saved state, feeds it what was
 * reported since its last update, asks it for points and saves its state
 * again, all inside one transaction that holds the study's row lock.
 */
import type { z } from "zod";
import type { Space } from "../space/mod.ts";
import type { MemoryRefusal } from "./design_memory.ts";
import type { SsoModel } from "./sso/models.ts";

/** Any JSON value: what an algorithm's state and trial tags must be. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A point of the unit cube [0, 1]^d of the encoded space (d = space.dimension). */
export type Point = number[];

/** The kinds of feedback an algorithm may accept. */
export type FeedbackKind =
  | "value"
  | "infeasible"
  | "failed"
  | "ranking"
  | "target_gradient";

/** Every feedback kind, in a stable order (documentation, validation). */
export const FEEDBACK_KINDS: readonly FeedbackKind[] = [
  "value",
  "infeasible",
  "failed",
  "ranking",
  "target_gradient",
];

/** The trial a piece of feedback is about. */
export interface TrialRef {
  /** The trial's id (UUID). */
  trialId: string;
  /** The trial's number within its study, from 0. */
  number: number;
  /** The evaluated point, encoded: `space.encode(trial.params)`. */
  point: Point;
  /** The tag the designer attached to the suggestion, if any. */
  tag: JsonValue;
}

/** A scalar objective observed for a trial. */
export interface ValueFeedback extends TrialRef {
  kind: "value";
  /** The primary metric, negated for maximised metrics: smaller is better. */
  loss: number;
  /** Every reported metric, as reported (not negated). */
  values: Record<string, number>;
  /** Known observation noise variance of the primary metric, if given. */
  noiseVariance?: number;
}

/** A trial whose point could not be evaluated (outside a hidden constraint). */
export interface InfeasibleFeedback extends TrialRef {
  kind: "infeasible";
  reason?: string;
}

/** A trial that failed or went stale without a result. */
export interface FailedFeedback extends TrialRef {
  kind: "failed";
  /** FAILED: the client said so; STALE: its lease ran out. */
  cause: "FAILED" | "STALE";
}

/** A ranking of a group of trials shown together, best first. */
export interface RankingFeedback {
  kind: "ranking";
  /** The comparison the ranking answers. */
  comparisonId: string;
  /** The ranked trials, best first (possibly only the top k). */
  ranked: TrialRef[];
  /** Trials shown but not ranked: each is worse than every ranked one. */
  unranked: TrialRef[];
}

/**
 * A gradient of a client's loss with respect to a model's targets (outputs):
 * one round of target-based surrogate optimisation (`sso`). The round handed
 * out z_t = f(θ; X) for a batch of inputs X; the client answers G = ∂ℓ/∂z at
 * z_t. Not about a trial: rounds are the protocol of such studies.
 */
export interface TargetGradientFeedback {
  kind: "target_gradient";
  /** The round the gradient answers (its id). */
  roundId: string;
  /** Rows of the batch (b). */
  rows: number;
  /** The batch's inputs X, b×p, row-major. */
  inputs: Float64Array;
  /** z_t, the targets the round handed out, b×c, row-major. */
  targets: Float64Array;
  /** G = ∂ℓ/∂z at z_t, b×c, row-major. */
  gradient: Float64Array;
  /** The version of θ the targets were computed at (older than θ's own when rounds overlap). */
  thetaVersion: number;
}

/** Anything reported since the designer's last update. */
export type Feedback =
  | ValueFeedback
  | InfeasibleFeedback
  | FailedFeedback
  | RankingFeedback
  | TargetGradientFeedback;

/** A point an algorithm proposes. */
export interface Suggestion {
  /** The point in the unit cube; the service decodes it to params. */
  point: Point;
  /** Anything the designer wants back with this trial's feedback (e.g. a particle index). */
  tag?: JsonValue;
}

/** What a designer is told when asked for points. */
export interface SuggestContext {
  /** Points handed out and not yet reported (ACTIVE trials), encoded. */
  pending: Point[];
  /** Aborted when the request is cancelled or runs out of time. */
  signal: AbortSignal;
  /**
   * A designer that computes for long awaits this between steps: where
   * designers share a worker (src/algorithms/remote/serve.ts) it gives the
   * others their turn, round robin by project and study. It changes no result.
   */
  pause?: () => Promise<void>;
}

/** An algorithm's own view of the best point, where it has one. */
export interface Recommendation {
  /** The recommended point, encoded. */
  point: Point;
  /** Anything else worth showing (posterior mean and sd, consensus step, ...). */
  details?: Record<string, JsonValue>;
  /**
   * Other points worth showing (e.g. the best point ever evaluated), encoded;
   * the service shows each decoded to params under the same name.
   */
  points?: Record<string, Point>;
}

/** A live instance of an algorithm for one study. */
export interface Designer {
  /**
   * Up to `count` new points. Generation-based algorithms may return fewer
   * (even none) while a generation is still out; a designer never blocks.
   */
  suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]>;
  /**
   * Feedback since the last call, oldest first. Most designers take it in at
   * once; one that computes on it (sso's inner steps, whose model may run
   * elsewhere) returns a promise, and the service waits for it before it
   * saves the state.
   */
  update(feedback: Feedback[]): void | Promise<void>;
  /** JSON-safe state, RNG included, so the next request resumes exactly here. */
  dump(): JsonValue;
  /** The algorithm's recommendation, if it makes one. */
  recommend?(): Recommendation | null;
}

/** How a designer is made: for a new study, or from its saved state. */
export interface CreateOptions<Config> {
  space: Space;
  config: Config;
  seed: number;
  /** The state `dump()` returned last time; absent for a new study. */
  state?: JsonValue;
  /** What the service lends a designer that runs on its event loop (absent in a worker). */
  services?: DesignerServices;
}

/**
 * Things a designer may use that an algorithm cannot make itself, because
 * they do I/O. Lent only to designers on the service's event loop.
 */
export interface DesignerServices {
  /**
   * sso's `onnx` family: the study's forward and VJP graphs, run by the
   * service's ONNX runtime.
   */
  ssoModel?: SsoModel;
}

/** A registered algorithm. */
export interface AlgorithmDefinition<Config = unknown> {
  /** The name studies use to pick it, e.g. "random". */
  name: string;
  /** One or two sentences for `listAlgorithms`. */
  description: string;
  /** The feedback kinds it accepts (a study's trials may report only these). */
  feedbackKinds: readonly FeedbackKind[];
  /** False when `update` ignores feedback, so the service need not load it. */
  learnsFromFeedback: boolean;
  /**
   * True for CPU-heavy algorithms: the service runs their designers in a
   * worker, off the event loop (when it has a worker pool).
   */
  offload?: boolean;
  /**
   * For an algorithm that offloads: whether a study with this config does
   * (absent: every one). sso's built-in models compute in a worker; a model
   * the service's ONNX runtime runs is driven from the event loop.
   */
  offloads?(config: Config): boolean;
  /**
   * How clients talk to it: `trials` (the default: suggest and complete
   * trials over a search space) or `rounds` (sso: a study without a space,
   * driven by startRound and completeRound; trials are refused).
   */
  protocol?: "trials" | "rounds";
  /** Its config; unknown keys are rejected; defaults fill the rest. */
  configSchema: z.ZodType<Config>;
  /**
   * Why the algorithm cannot search `space` (e.g. it has categorical
   * parameters), or null when it can; absent: every space is fine. A study
   * over a refused space is not created.
   */
  checkSpace?(space: Space): string | null;
  /**
   * Why a study over `space` with `config` could not make its designer
   * calls within `budget` bytes (the design memory budget:
   * design_memory.ts), with the field to change; null when they fit.
   * Absent: its calls are small. A refused study is not created (a 422).
   */
  checkMemory?(space: Space, config: Config, budget: number): MemoryRefusal | null;
  /**
   * For algorithms that learn from rankings: how comparisons must be shaped
   * for a config. `roundSize`: the points one round offers (a comparison
   * must be able to show them all); `topK`: the ranking length the
   * algorithm was configured for (the study's default).
   */
  labelingNeeds?(config: Config): { roundSize: number; topK?: number };
  /** Makes a designer. */
  create(options: CreateOptions<Config>): Designer;
}
