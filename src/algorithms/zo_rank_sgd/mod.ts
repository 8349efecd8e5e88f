/**
 * "zo-rank-sgd": zeroth-order optimisation from rankings (Tang, Rybin,
 * Chang, ICLR 2024; docs/algorithms.md §5), in the encoded unit cube [0, 1]^d.
 *
 * Round by round. A gradient round shows the m candidates x_t + μ·ξᵢ
 * (ξᵢ ~ N(0, I), projected into the cube; the ξ stay in the state and are
 * never handed out). Once the round is ranked, the preferences it implies
 * give the estimate g (estimator.ts) and x_{t+1} = x_t − η·g, projected into
 * the cube (or along g/‖g‖ with `normalize`). With line search, a line round
 * first shows x_t, the best candidate of the gradient round and
 * x_t − η·γ^l·g for l = 0..L−1; its top-1 becomes x_{t+1}.
 *
 * A round is ranked by one of two sources, whichever comes first:
 * - a ranking (feedback kind "ranking", from people through comparisons):
 *   its trials' tags name candidates of the current round; a ranking may
 *   cover only some of them and rank only its top k (the rest shown are
 *   unranked), and gives the pairs among the candidates it shows;
 * - reported values: when every candidate of the round has one (the first
 *   value per candidate wins; infeasible is worse than any value), minima
 *   ranks them itself, keeping the top k as a person would.
 * A ranking that shows candidates of the round and ranks none (a skipped
 * comparison) drops the round: x_t stays and a fresh round is drawn.
 * Feedback about another round is ignored and counted. A FAILED candidate is
 * handed out again; a STALE one the service hands out again itself, with
 * the same tag.
 *
 * `suggest` hands out the candidates of the current round not yet out, so it
 * returns fewer points than asked, or none, while a round is out; it never
 * blocks. Each carries the tag `{ t, round: "gradient" | "line", i }`.
 *
 * @module
 */
import { z } from "zod";
import { Rng } from "../../math/rng.ts";
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  FailedFeedback,
  Feedback,
  InfeasibleFeedback,
  JsonValue,
  RankingFeedback,
  Recommendation,
  Suggestion,
  TrialRef,
  ValueFeedback,
} from "../types.ts";
import { estimateFromPairs, pairsFromLosses, type Preference, rankingPairs } from "./estimator.ts";
import {
  clampUnit,
  gradientCandidates,
  linePoints,
  restoreState,
  type RoundState,
  samePoint,
  type ZoRankState,
} from "./state.ts";

/** The options of "zo-rank-sgd". */
export const ZoRankSgdConfigSchema = z.strictObject({
  candidates: z.number().int().min(2).max(64).default(6).describe(
    "m: candidates per gradient round, x_t + μ·ξᵢ with ξᵢ ~ N(0, I)",
  ),
  topK: z.number().int().min(1).max(64).optional().describe(
    "k: how many of the m candidates a ranking orders, best first (1: pick the best); the " +
      "others count as worse than these. Rankings people give may rank fewer; when minima " +
      "ranks candidates from reported values it keeps the top k. Default m (a full ranking)",
  ),
  smoothing: z.number().positive().max(1).default(0.05).describe(
    "μ: the standard deviation of the perturbations, as a fraction of each parameter's " +
      "encoded range",
  ),
  stepSize: z.number().positive().max(10).default(0.05).describe(
    "η: x_{t+1} = x_t − η·g, in units of the encoded range",
  ),
  normalize: z.boolean().default(false).describe(
    "step along g/‖g‖, so every step has length η (without line search) or η·γ^l",
  ),
  lineSearchSteps: z.number().int().min(0).max(16).default(0).describe(
    "L: after each gradient round, a round that shows x_t, the best candidate and " +
      "x_t − η·γ^l·g for l = 0..L−1; its top-1 becomes x_{t+1}. 0: no line search",
  ),
  lineSearchShrink: z.number().gt(0).lt(1).default(0.5).describe("γ of the line search"),
  accumulate: z.boolean().default(true).describe(
    "with line search: while x_t wins its line round, step along the mean of the estimates " +
      "since x_t last moved (as the authors' code does)",
  ),
  initialPoint: z.array(z.number().min(0).max(1)).optional().describe(
    "x_0 in the encoded unit cube, one coordinate per parameter in the space's order " +
      "(default: the centre, 0.5 each)",
  ),
}).refine((c) => c.topK === undefined || c.topK <= c.candidates, {
  message: "topK must not exceed candidates",
  path: ["topK"],
});

/** The config of "zo-rank-sgd", defaults applied. */
export type ZoRankSgdConfig = z.infer<typeof ZoRankSgdConfigSchema>;

/** The tag of a candidate: its iteration, round and index. */
export interface CandidateTag {
  t: number;
  round: "gradient" | "line";
  i: number;
}

/** The tag of a trial if it names a candidate of "zo-rank-sgd", else null. */
export function candidateTag(tag: JsonValue): CandidateTag | null {
  if (typeof tag !== "object" || tag === null || Array.isArray(tag)) return null;
  const { t, round, i } = tag;
  if (!Number.isSafeInteger(t) || !Number.isSafeInteger(i)) return null;
  if (round !== "gradient" && round !== "line") return null;
  return { t: t as number, round, i: i as number };
}

/** m perturbations of dimension d, drawn in order. */
function drawPerturbations(rng: Rng, m: number, d: number): number[][] {
  return Array.from({ length: m }, () => Array.from({ length: d }, () => rng.normal()));
}

/** A round of fresh candidates, none out yet. */
function freshRound(kind: RoundState["kind"], points: number[][], roles: RoundState["roles"]) {
  const n = points.length;
  return {
    kind,
    points,
    issued: new Array<boolean>(n).fill(false),
    outcomes: new Array(n).fill(null),
    roles,
  } as RoundState;
}

/** Runs ZO-RankSGD for one study. */
class ZoRankSgdDesigner implements Designer {
  readonly #config: ZoRankSgdConfig;
  readonly #d: number;
  readonly #state: ZoRankState;
  readonly #rng: Rng;

  constructor(options: CreateOptions<ZoRankSgdConfig>) {
    this.#config = ZoRankSgdConfigSchema.parse(options.config);
    this.#d = options.space.dimension;
    const m = this.#config.candidates;
    if (options.state !== undefined) {
      this.#state = restoreState(options.state, this.#d, m);
      this.#rng = Rng.restore(this.#state.rng);
      return;
    }
    const start = this.#config.initialPoint ?? new Array<number>(this.#d).fill(0.5);
    if (start.length !== this.#d) {
      throw new Error(
        `initialPoint has ${start.length} coordinates; this space has ${this.#d} parameters`,
      );
    }
    this.#rng = Rng.fromSeed(options.seed);
    const xi = drawPerturbations(this.#rng, m, this.#d);
    const { points } = gradientCandidates(start, xi, this.#config.smoothing);
    this.#state = {
      v: 1,
      rng: [],
      t: 0,
      x: start.slice(),
      xi,
      round: freshRound("gradient", points, []),
      direction: null,
      accumulated: null,
      roundBest: null,
      lastLineSearch: null,
      stats: { comparisons: 0, valueRounds: 0, skipped: 0, ignored: 0 },
    };
  }

  suggest(count: number): Promise<Suggestion[]> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(new RangeError(`count must be a non-negative integer, got ${count}`));
    }
    const { t, round } = this.#state;
    const out: Suggestion[] = [];
    for (let i = 0; i < round.points.length && out.length < count; i++) {
      if (round.issued[i]) continue;
      round.issued[i] = true;
      out.push({ point: round.points[i].slice(), tag: { t, round: round.kind, i } });
    }
    return Promise.resolve(out);
  }

  update(feedback: Feedback[]): void {
    for (const f of feedback) {
      if (f.kind === "ranking") this.#applyRanking(f);
      else if (f.kind === "value" || f.kind === "infeasible" || f.kind === "failed") {
        this.#record(f);
      } else this.#state.stats.ignored++;
    }
  }

  recommend(): Recommendation {
    const { t, x, stats, lastLineSearch } = this.#state;
    return {
      point: x.slice(),
      details: {
        basis: "current iterate x_t",
        iteration: t,
        comparisons: stats.comparisons,
        valueRounds: stats.valueRounds,
        skippedComparisons: stats.skipped,
        ignoredFeedback: stats.ignored,
        lastLineSearch: lastLineSearch === null
          ? null
          : { iteration: lastLineSearch.t, winner: lastLineSearch.winner },
      },
    };
  }

  dump(): JsonValue {
    this.#state.rng = this.#rng.state();
    return structuredClone(this.#state) as unknown as JsonValue;
  }

  /** The index of the current round's candidate a trial is, or null (counted as ignored). */
  #current(ref: TrialRef): number | null {
    const tag = candidateTag(ref.tag);
    const round = this.#state.round;
    if (
      tag === null || tag.t !== this.#state.t || tag.round !== round.kind ||
      tag.i < 0 || tag.i >= round.points.length
    ) return null;
    return tag.i;
  }

  /** Records a value, infeasible mark or failure of a candidate. */
  #record(f: ValueFeedback | InfeasibleFeedback | FailedFeedback): void {
    const i = this.#current(f);
    if (i === null) {
      this.#state.stats.ignored++;
      return;
    }
    const round = this.#state.round;
    if (round.outcomes[i] !== null) return; // the first result of a candidate wins
    if (f.kind === "failed") {
      if (f.cause === "FAILED") round.issued[i] = false; // hand it out again
      return;
    }
    round.issued[i] = true;
    round.outcomes[i] = f.kind === "value" && Number.isFinite(f.loss) ? f.loss : "infeasible";
    if (round.outcomes.every((o) => o !== null)) {
      const losses = round.outcomes.map((o) => (typeof o === "number" ? o : Infinity));
      this.#state.stats.valueRounds++;
      if (round.kind === "gradient") {
        const k = this.#config.topK ?? this.#config.candidates;
        const { pairs, order } = pairsFromLosses(losses, k);
        this.#finishGradientRound(pairs, order[0]);
      } else {
        this.#finishLineRound(pairsFromLosses(losses, 1).order[0]);
      }
    }
  }

  /** Applies a ranking of candidates of the current round. */
  #applyRanking(f: RankingFeedback): void {
    const ranked: number[] = [];
    const unranked: number[] = [];
    for (const ref of f.ranked) {
      const i = this.#current(ref);
      if (i !== null && !ranked.includes(i)) ranked.push(i);
    }
    for (const ref of f.unranked) {
      const i = this.#current(ref);
      if (i !== null && !ranked.includes(i) && !unranked.includes(i)) unranked.push(i);
    }
    if (ranked.length === 0 && unranked.length > 0) {
      // Shown and none ranked (a skipped comparison): fresh candidates around x_t.
      this.#state.stats.skipped++;
      this.#nextIteration(this.#state.x);
      return;
    }
    if (ranked.length + unranked.length < 2) {
      this.#state.stats.ignored++;
      return;
    }
    this.#state.stats.comparisons++;
    if (this.#state.round.kind === "gradient") {
      this.#finishGradientRound(rankingPairs(ranked, unranked), ranked[0]);
    } else {
      this.#finishLineRound(ranked[0]);
    }
  }

  /** The estimate from a ranked gradient round; then the step or the line round. */
  #finishGradientRound(pairs: Preference[], best: number): void {
    const s = this.#state;
    const c = this.#config;
    const { displacements, points } = gradientCandidates(s.x, s.xi, c.smoothing);
    let direction = Array.from(estimateFromPairs(displacements, pairs));
    const lineSearch = c.lineSearchSteps > 0;
    if (lineSearch && c.accumulate && pairs.length > 0) {
      const acc = s.accumulated ?? { sum: new Array<number>(this.#d).fill(0), count: 0 };
      acc.sum = acc.sum.map((u, j) => u + direction[j]);
      acc.count++;
      s.accumulated = acc;
      direction = acc.sum.map((u) => u / acc.count);
    }
    const norm = Math.sqrt(direction.reduce((sum, u) => sum + u * u, 0));
    if (c.normalize && norm > 0) direction = direction.map((u) => u / norm);
    const line = norm > 0 && lineSearch
      ? linePoints(s.x, direction, {
        roundBest: points[best],
        stepSize: c.stepSize,
        steps: c.lineSearchSteps,
        shrink: c.lineSearchShrink,
      })
      : null;
    if (norm === 0 || (line !== null && line.points.length < 2)) {
      // No preference, or nowhere to go inside the cube: a fresh round around x_t.
      this.#nextIteration(s.x);
    } else if (line !== null) {
      s.direction = direction;
      s.roundBest = points[best];
      s.round = freshRound("line", line.points, line.roles);
    } else {
      this.#nextIteration(s.x.map((u, j) => clampUnit(u - c.stepSize * direction[j])));
    }
  }

  /** x_{t+1} is the winner of the line round. */
  #finishLineRound(winner: number): void {
    const s = this.#state;
    const role = s.round.roles[winner];
    s.lastLineSearch = { t: s.t, winner: role };
    this.#nextIteration(s.round.points[winner]);
  }

  /** Moves to x_{t+1} and draws the perturbations of its gradient round. */
  #nextIteration(x: number[]): void {
    const s = this.#state;
    if (!samePoint(x, s.x)) s.accumulated = null;
    s.t++;
    s.x = x.slice();
    s.xi = drawPerturbations(this.#rng, this.#config.candidates, this.#d);
    s.round = freshRound(
      "gradient",
      gradientCandidates(s.x, s.xi, this.#config.smoothing).points,
      [],
    );
    s.direction = null;
    s.roundBest = null;
  }
}

/** The "zo-rank-sgd" algorithm. */
export const zoRankSgdAlgorithm: AlgorithmDefinition<ZoRankSgdConfig> = {
  name: "zo-rank-sgd",
  description: "Zeroth-order SGD from rankings (ZO-RankSGD, Tang et al. 2024): rounds of m " +
    "candidates around the current point, ranked by people (comparisons) or by reported " +
    "values; the ranking's pairs give a gradient estimate and a step. Invariant to any " +
    "increasing transform of the objective.",
  feedbackKinds: ["value", "infeasible", "failed", "ranking"],
  learnsFromFeedback: true,
  configSchema: ZoRankSgdConfigSchema as z.ZodType<ZoRankSgdConfig>,
  // A line-search round shows up to lineSearchSteps + 2 points.
  labelingNeeds: (config) => ({
    roundSize: Math.max(config.candidates, config.lineSearchSteps + 2),
    ...(config.topK === undefined ? {} : { topK: config.topK }),
  }),
  create: (options) => new ZoRankSgdDesigner(options),
};
