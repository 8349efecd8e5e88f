/**
 * What a "gp-bo" designer saves between calls (its JSON state in the study
 * row), how a saved state is checked when it is read back (states saved by
 * older versions included), and the metric-sign bookkeeping kept in it. Pure
 * data: the designer (mod.ts) owns the behaviour.
 *
 * @module
 */
import type { JsonValue } from "../types.ts";
import type { NoiseMode } from "./gp.ts";

export interface SavedHyper {
  logLengthscales: number[];
  logOutputScale: number;
  logNoise: number;
  mean: number;
  /** The noise mode of the fit (absent in states saved before known noise). */
  noiseMode?: NoiseMode;
}

export interface GpBoState {
  v: 1;
  rng: number[];
  sobolIndex: number;
  /** Observed points (encoded) and losses. */
  x: number[][];
  y: number[];
  /** Known noise variance of each loss (metric units squared); null when not given. */
  noise: (number | null)[];
  /** Points reported infeasible. */
  infeasible: number[][];
  hyper: SavedHyper | null;
  /** Results seen at the last hyperparameter fit. */
  fittedAt: number;
  /**
   * Which reported metric the loss is, learnt from the results: per metric
   * name, bit 1 while it has always equalled the loss, bit 2 while always
   * −loss; names that stopped matching are dropped. null before any result.
   */
  metricSigns: Record<string, number> | null;
}

function isNoiseEntry(v: unknown): boolean {
  return v === null || (typeof v === "number" && Number.isFinite(v) && v >= 0);
}

export function restoreState(state: JsonValue, dimension: number): GpBoState {
  const s = state as Partial<GpBoState> | null;
  const ok = typeof s === "object" && s !== null && !Array.isArray(s) && s.v === 1 &&
    Array.isArray(s.rng) && Number.isInteger(s.sobolIndex) && Array.isArray(s.x) &&
    Array.isArray(s.y) && s.x.length === s.y.length && Array.isArray(s.infeasible) &&
    s.x.every((p) => Array.isArray(p) && p.length === dimension) &&
    s.infeasible.every((p) => Array.isArray(p) && p.length === dimension) &&
    typeof s.fittedAt === "number" &&
    (s.noise === undefined ||
      (Array.isArray(s.noise) && s.noise.length === s.y.length && s.noise.every(isNoiseEntry))) &&
    (s.metricSigns === undefined || s.metricSigns === null ||
      (typeof s.metricSigns === "object" && !Array.isArray(s.metricSigns) &&
        Object.values(s.metricSigns).every((b) => b === 1 || b === 2 || b === 3)));
  if (!ok) throw new Error(`corrupt "gp-bo" state: ${JSON.stringify(state)?.slice(0, 200)}`);
  // States saved before known noise and metric signs: no variances known, signs unknown.
  const full = s as GpBoState;
  return {
    ...full,
    noise: full.noise ?? full.y.map(() => null),
    metricSigns: full.metricSigns ?? null,
  };
}

/**
 * Narrows down which reported metric the loss is, and with which sign: bit 1
 * stays while the metric has always equalled the loss, bit 2 while always
 * −loss. Returns the new signs (null before any result: every name given).
 */
export function learnMetric(
  metricSigns: Record<string, number> | null,
  loss: number,
  values: Record<string, number>,
): Record<string, number> {
  const bits = (v: unknown) => (v === loss ? 1 : 0) | (v === -loss ? 2 : 0);
  const signs: Record<string, number> = {};
  const names = metricSigns === null ? Object.keys(values ?? {}) : Object.keys(metricSigns);
  for (const name of names) {
    const b = (metricSigns?.[name] ?? 3) &
      bits(Object.hasOwn(values ?? {}, name) ? values[name] : undefined);
    if (b !== 0) signs[name] = b;
  }
  return signs;
}

/** The primary metric's name (when one name is left) and the sign metric = sign·loss. */
export function primaryMetric(
  metricSigns: Record<string, number> | null,
): { name: string | null; sign: 1 | -1 } | null {
  const entries = Object.entries(metricSigns ?? {});
  if (entries.length === 0) return null;
  const b = entries[0][1];
  if (b === 3 || entries.some(([, e]) => e !== b)) return null;
  return { name: entries.length === 1 ? entries[0][0] : null, sign: b === 1 ? 1 : -1 };
}
