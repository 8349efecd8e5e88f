/**
 * The saved state of "zo-rank-sgd" and the geometry of its rounds: the
 * candidates of a gradient round around x_t, the points of a line-search
 * round, and the checks a saved state must pass before it is used.
 *
 * @module
 */
import type { JsonValue } from "../types.ts";

/** What a line-search candidate is. */
export type LineRole = "current" | "round-best" | `step-${number}`;

/** The outcome of a candidate reported with a value: its loss, or infeasible. */
export type Outcome = number | "infeasible" | null;

/** The round whose candidates are out. */
export interface RoundState {
  kind: "gradient" | "line";
  /** The candidates, in the unit cube. */
  points: number[][];
  /** Whether each candidate has been handed out (and not failed since). */
  issued: boolean[];
  /** Reported values (first one wins); null until reported. */
  outcomes: Outcome[];
  /** Line rounds: what each candidate is. Empty for gradient rounds. */
  roles: LineRole[];
}

/** Everything a designer needs to resume, JSON-safe. */
export interface ZoRankState {
  v: 1;
  rng: number[];
  /** The iteration: x_t is the point after t gradient rounds. */
  t: number;
  /** x_t, in the unit cube. */
  x: number[];
  /** ξ₁..ξ_m of iteration t's gradient round (m × d); never handed out. */
  xi: number[][];
  round: RoundState;
  /** The step direction of iteration t, once its gradient round is ranked (line phase). */
  direction: number[] | null;
  /** With line search: estimates summed since x_t last moved, and how many. */
  accumulated: { sum: number[]; count: number } | null;
  /** The best candidate of iteration t's gradient round (shown in its line round). */
  roundBest: number[] | null;
  /** The last line round: its iteration and the role of the winner. */
  lastLineSearch: { t: number; winner: LineRole } | null;
  /** Rankings applied, rounds ranked from values, rounds skipped, feedback ignored. */
  stats: { comparisons: number; valueRounds: number; skipped: number; ignored: number };
}

/** Clamps a coordinate into [0, 1]. */
export function clampUnit(u: number): number {
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

/**
 * The candidates x + μ·ξᵢ, projected into the cube coordinate by coordinate,
 * and the displacements the estimator uses: ξᵢⱼ where the coordinate was not
 * clipped, (clipped − xⱼ)/μ where it was, so the estimate follows the points
 * actually shown.
 */
export function gradientCandidates(
  x: readonly number[],
  xi: readonly number[][],
  mu: number,
): { points: number[][]; displacements: number[][] } {
  const points: number[][] = [];
  const displacements: number[][] = [];
  for (const row of xi) {
    const point = new Array<number>(x.length);
    const displacement = new Array<number>(x.length);
    for (let j = 0; j < x.length; j++) {
      const raw = x[j] + mu * row[j];
      point[j] = clampUnit(raw);
      displacement[j] = point[j] === raw ? row[j] : (point[j] - x[j]) / mu;
    }
    points.push(point);
    displacements.push(displacement);
  }
  return { points, displacements };
}

/** True when two points are the same, coordinate by coordinate. */
export function samePoint(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((u, j) => u === b[j]);
}

/**
 * The points of a line round: x_t first, then the best candidate of the
 * gradient round, then x_t − η·γ^l·direction for l = 0..L−1, each projected
 * into the cube; a point equal to an earlier one is left out. Equal values
 * go to the earlier point, so x_t wins a tie.
 */
export function linePoints(
  x: readonly number[],
  direction: readonly number[],
  options: { roundBest: readonly number[] | null; stepSize: number; steps: number; shrink: number },
): { points: number[][]; roles: LineRole[] } {
  const points: number[][] = [x.slice()];
  const roles: LineRole[] = ["current"];
  const add = (point: number[], role: LineRole) => {
    if (points.some((p) => samePoint(p, point))) return;
    points.push(point);
    roles.push(role);
  };
  if (options.roundBest) add(options.roundBest.slice(), "round-best");
  for (let l = 0; l < options.steps; l++) {
    const scale = options.stepSize * options.shrink ** l;
    add(x.map((u, j) => clampUnit(u - scale * direction[j])), `step-${l}`);
  }
  return { points, roles };
}

/** True for an array of `length` finite numbers (any length when omitted). */
function isVector(value: unknown, length?: number): value is number[] {
  return Array.isArray(value) && (length === undefined || value.length === length) &&
    value.every((u) => typeof u === "number" && Number.isFinite(u));
}

/** True for a point of the unit cube of dimension d. */
function isUnitPoint(value: unknown, d: number): value is number[] {
  return isVector(value, d) && value.every((u) => u >= 0 && u <= 1);
}

/** True for a line role. */
function isRole(value: unknown): value is LineRole {
  return value === "current" || value === "round-best" ||
    (typeof value === "string" && /^step-\d+$/.test(value));
}

/** Checks a round; returns a reason when it is malformed. */
function roundProblem(round: Partial<RoundState> | null | undefined, d: number): string | null {
  if (typeof round !== "object" || round === null) return "no round";
  if (round.kind !== "gradient" && round.kind !== "line") return "unknown round kind";
  const n = Array.isArray(round.points) ? round.points.length : -1;
  if (n < 0 || !round.points!.every((p) => isUnitPoint(p, d))) return "round points";
  if (!Array.isArray(round.issued) || round.issued.length !== n) return "issued flags";
  if (!round.issued.every((b) => typeof b === "boolean")) return "issued flags";
  if (!Array.isArray(round.outcomes) || round.outcomes.length !== n) return "outcomes";
  const outcomeOk = (o: unknown) => o === null || o === "infeasible" || isVector([o]);
  if (!round.outcomes.every(outcomeOk)) return "outcomes";
  if (!Array.isArray(round.roles) || !round.roles.every(isRole)) return "roles";
  if (round.roles.length !== (round.kind === "line" ? n : 0)) return "roles";
  return null;
}

/**
 * The state `dump` wrote, checked against the space's dimension and the
 * number of candidates per round.
 *
 * @throws {Error} when it is not such a state.
 */
export function restoreState(state: JsonValue, d: number, m: number): ZoRankState {
  const fail = (why: string): never => {
    throw new Error(
      `corrupt "zo-rank-sgd" state (${why}): ${JSON.stringify(state)?.slice(0, 200)}`,
    );
  };
  if (typeof state !== "object" || state === null || Array.isArray(state)) fail("not an object");
  const s = state as unknown as Partial<ZoRankState>;
  if (s.v !== 1) fail(`unknown version ${JSON.stringify(s.v)}`);
  if (!Array.isArray(s.rng)) fail("rng");
  if (!Number.isSafeInteger(s.t) || s.t! < 0) fail("iteration");
  if (!isUnitPoint(s.x, d)) fail("x");
  if (!Array.isArray(s.xi) || s.xi.length !== m || !s.xi.every((r) => isVector(r, d))) fail("xi");
  const problem = roundProblem(s.round, d);
  if (problem) fail(problem);
  if (s.round!.kind === "gradient" && s.round!.points.length !== m) fail("round size");
  if (s.direction !== null && !isVector(s.direction, d)) fail("direction");
  if (s.round!.kind === "line" && s.direction === null) fail("line round without a direction");
  const acc = s.accumulated;
  if (acc !== null && (!isVector(acc?.sum, d) || !Number.isSafeInteger(acc?.count))) {
    fail("accumulated");
  }
  if (s.roundBest !== null && !isUnitPoint(s.roundBest, d)) fail("roundBest");
  const last = s.lastLineSearch;
  if (last !== null && (!Number.isSafeInteger(last?.t) || !isRole(last?.winner))) fail("last");
  const stats = s.stats;
  if (
    typeof stats !== "object" || stats === null ||
    ![stats.comparisons, stats.valueRounds, stats.skipped, stats.ignored].every(
      Number.isSafeInteger,
    )
  ) fail("stats");
  return s as ZoRankState;
}
