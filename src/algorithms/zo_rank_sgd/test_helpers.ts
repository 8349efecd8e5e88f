/**
 * Helpers for the "zo-rank-sgd" tests: a space, a designer, and feedback
 * built from suggestions the way the service builds it.
 *
 * @module
 */
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import type {
  Designer,
  Feedback,
  JsonValue,
  RankingFeedback,
  Suggestion,
  TrialRef,
} from "../types.ts";
import type { ZoRankState } from "./state.ts";
import { zoRankSgdAlgorithm, type ZoRankSgdConfig } from "./mod.ts";

/** A space of `d` floats in [0, 1], so encoded points are the params. */
export function unitSpace(d: number): Space {
  return new Space(SpaceSchema.parse({
    parameters: Array.from({ length: d }, (_, j) => ({
      name: `x${j}`,
      type: "float",
      min: 0,
      max: 1,
    })),
  }));
}

/** The context `suggest` takes. */
export const ctx = { pending: [], signal: new AbortController().signal };

/** A designer for a config given in part (defaults fill the rest). */
export function makeDesigner(
  d: number,
  config: Partial<ZoRankSgdConfig> = {},
  seed = 1,
  state?: JsonValue,
): Designer {
  return zoRankSgdAlgorithm.create({
    space: unitSpace(d),
    config: zoRankSgdAlgorithm.configSchema.parse(config),
    seed,
    state,
  });
}

/** The designer's state, as the service would store it. */
export function stateOf(designer: Designer): ZoRankState {
  return JSON.parse(JSON.stringify(designer.dump())) as ZoRankState;
}

let trialNumber = 0;

/** A trial for a suggestion. */
export function trial(s: Suggestion): TrialRef {
  const number = trialNumber++;
  return { trialId: `trial-${number}`, number, point: s.point.slice(), tag: s.tag ?? null };
}

/** A value report. */
export function value(t: TrialRef, loss: number): Feedback {
  return { kind: "value", ...t, loss, values: { loss } };
}

/** A ranking of trials, best first, with the others shown unranked. */
export function ranking(ranked: TrialRef[], unranked: TrialRef[] = []): RankingFeedback {
  return { kind: "ranking", comparisonId: `c-${trialNumber++}`, ranked, unranked };
}

/** Asks for every candidate of the round and reports f of each; returns the trials. */
export async function reportValues(
  designer: Designer,
  f: (x: number[]) => number,
): Promise<TrialRef[]> {
  const trials = (await designer.suggest(1000, ctx)).map(trial);
  designer.update(trials.map((t) => value(t, f(t.point))));
  return trials;
}

/** Σ (xⱼ − cⱼ)². */
export function quadratic(centre: number[]): (x: number[]) => number {
  return (x) => x.reduce((s, u, j) => s + (u - centre[j]) ** 2, 0);
}
