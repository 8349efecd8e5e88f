/**
 * The numerics of consensus-based optimisation (docs/algorithms.md §4), on flat
 * arrays: the consensus point, the particle update, and one whole step. The
 * designer (`mod.ts`) and the benchmark (`bench/cbo.ts`) both drive these.
 *
 * Layout: positions are a Float64Array of N × d numbers, particle i at
 * [i·d, (i+1)·d) (row-major, particle-major); energies are N numbers.
 *
 * @module
 */
import type { Rng } from "../../math/rng.ts";
import { NormalStream } from "./normals.ts";

/** How the noise is scaled: by the distance to the consensus, or per coordinate. */
export type NoiseKind = "anisotropic" | "isotropic";

/** What `consensusPoint` needs besides the points and their energies. */
export interface ConsensusOptions {
  /** N: the number of points. */
  particles: number;
  /** d: coordinates per point. */
  dimension: number;
  /** α > 0: the inverse temperature of the weights exp(−α·f). */
  alpha: number;
  /** Where to write the consensus (d numbers); a new array when absent. */
  out?: Float64Array;
}

/**
 * The consensus point c = Σᵢ wᵢ xᵢ / Σᵢ wᵢ, wᵢ = exp(−α(fᵢ − min f)).
 *
 * Computed in log-space: every log-weight −α(fᵢ − min f) is at most 0 and the
 * lowest energy has weight exactly 1, so the normaliser Σ wᵢ ≥ 1 never
 * underflows, whatever α and the energies (this is the log-sum-exp form
 * c = Σᵢ exp(ℓᵢ − logsumexp ℓ)·xᵢ with ℓᵢ = −α fᵢ). Energies of +∞ and NaN
 * (infeasible points) have weight 0. Several points sharing the lowest
 * energy share the weight (−∞ included).
 *
 * @param points N × d, point i at [i·d, (i+1)·d).
 * @param energies N energies.
 * @returns the consensus, or null when no energy is below +∞.
 */
export function consensusPoint(
  points: Float64Array,
  energies: Float64Array,
  options: ConsensusOptions,
): Float64Array | null {
  const { particles: n, dimension: d, alpha } = options;
  const out = options.out ?? new Float64Array(d);
  let min = Infinity;
  for (let i = 0; i < n; i++) if (energies[i] < min) min = energies[i];
  if (!(min < Infinity)) return null;
  out.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const f = energies[i];
    if (!(f < Infinity)) continue;
    // f === min also covers min = −∞, where f − min would be NaN.
    const w = f === min ? 1 : Math.exp(-alpha * (f - min));
    if (w === 0) continue;
    total += w;
    const base = i * d;
    for (let j = 0; j < d; j++) out[j] += w * points[base + j];
  }
  for (let j = 0; j < d; j++) out[j] /= total;
  return out;
}

/** The parameters of the particle update. */
export interface MoveOptions {
  /** N: the number of particles in `positions`. */
  particles: number;
  /** d: coordinates per particle. */
  dimension: number;
  /** λ ≥ 0: the drift rate toward the consensus. */
  lambda: number;
  /** σ ≥ 0: the noise scale. */
  sigma: number;
  /** dt > 0: the time step. */
  dt: number;
  /** anisotropic: D(v) = diag(v); isotropic: D(v) = ‖v‖₂. */
  noise: NoiseKind;
  /** Seeds the stream of ξ ~ N(0, I) (four 32-bit draws per call; see `NormalStream`). */
  rng: Rng;
  /** Only these particles move, in this order; all of them, in order, when absent. */
  indices?: ArrayLike<number>;
}

/**
 * Moves particles toward the consensus with noise (Euler–Maruyama):
 * xᵢ ← xᵢ − λ·dt·(xᵢ − c) + σ·√dt·D(xᵢ − c)·ξᵢ, ξᵢ ~ N(0, I), where
 * anisotropic noise scales each coordinate by its own distance to c
 * (D(v) = diag(v)) and isotropic noise scales the whole vector by ‖v‖₂.
 * The deviates come from `NormalStream.fromRng(rng)`, d per moved particle,
 * in particle then coordinate order.
 */
export function moveParticles(
  positions: Float64Array,
  consensus: Float64Array,
  options: MoveOptions,
): void {
  const { particles: n, dimension: d, lambda, sigma, dt, noise, rng, indices } = options;
  const drift = lambda * dt;
  const scale = sigma * Math.sqrt(dt);
  const count = indices === undefined ? n : indices.length;
  const normals = NormalStream.fromRng(rng);
  const xi = new Float64Array(d);
  for (let k = 0; k < count; k++) {
    const base = (indices === undefined ? k : indices[k]) * d;
    normals.fill(xi);
    if (noise === "anisotropic") {
      for (let j = 0; j < d; j++) {
        const v = positions[base + j] - consensus[j];
        positions[base + j] -= drift * v - scale * v * xi[j];
      }
    } else {
      let squared = 0;
      for (let j = 0; j < d; j++) {
        const v = positions[base + j] - consensus[j];
        squared += v * v;
      }
      const s = scale * Math.sqrt(squared);
      for (let j = 0; j < d; j++) {
        const v = positions[base + j] - consensus[j];
        positions[base + j] -= drift * v - s * xi[j];
      }
    }
  }
}

/** Options of `cboStep`: the consensus's and the update's. */
export interface CboStepOptions extends Omit<MoveOptions, "indices"> {
  /** α > 0 of the consensus weights. */
  alpha: number;
  /** The consensus to use when no energy is finite; without one such a step throws. */
  fallback?: Float64Array;
  /** Where to write the consensus (d numbers). */
  out?: Float64Array;
}

/**
 * One CBO step of N particles in place, as CBXpy's `CBO.inner_step` without
 * mini-batches: the consensus of the particles at their energies, then every
 * particle moves. Positions are not constrained.
 *
 * @param positions N × d, updated in place.
 * @param energies f(xᵢ) at the positions before the step.
 * @returns the consensus point the step used.
 * @throws {RangeError} when no energy is finite and no fallback is given.
 */
export function cboStep(
  positions: Float64Array,
  energies: Float64Array,
  options: CboStepOptions,
): Float64Array {
  const consensus = consensusPoint(positions, energies, options) ?? options.fallback;
  if (consensus === undefined) {
    throw new RangeError("no particle has a finite energy and no fallback consensus was given");
  }
  moveParticles(positions, consensus, options);
  return consensus;
}

/** How particles that leave the unit cube are treated (see `mod.ts`). */
export type BoundaryKind = "project" | "clip" | "reflect";

/** Positions farther than this from the cube are held here ("project"), as CBXpy does at 1e8. */
export const POSITION_LIMIT = 1e8;

/** The coordinate of [0, 1] a position maps to when it is evaluated: its projection. */
export function projectCoordinate(u: number): number {
  return u > 0 ? (u < 1 ? u : 1) : 0;
}

/**
 * Reflects a coordinate into [0, 1] off both faces, as often as it takes
 * (the "tent" map of period 2): 1.2 → 0.8, −0.3 → 0.3, 2.5 → 0.5.
 */
export function reflectCoordinate(u: number): number {
  if (u >= 0 && u <= 1) return u;
  let t = u % 2;
  if (t < 0) t += 2;
  return t > 1 ? 2 - t : t;
}

/**
 * Applies the boundary rule to the given particles' positions in place:
 * "project" keeps positions (bounded by ±POSITION_LIMIT), "clip" projects
 * them onto [0, 1]^d, "reflect" folds them back in.
 */
export function applyBoundary(
  positions: Float64Array,
  kind: BoundaryKind,
  dimension: number,
  indices: ArrayLike<number>,
): void {
  // One loop per rule, each with its test inline: this runs over N × d numbers per step.
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * dimension;
    const end = base + dimension;
    if (kind === "project") {
      for (let j = base; j < end; j++) {
        const u = positions[j];
        if (u > POSITION_LIMIT) positions[j] = POSITION_LIMIT;
        else if (u < -POSITION_LIMIT) positions[j] = -POSITION_LIMIT;
      }
    } else if (kind === "clip") {
      for (let j = base; j < end; j++) {
        const u = positions[j];
        if (u > 1) positions[j] = 1;
        else if (!(u >= 0)) positions[j] = 0;
      }
    } else {
      for (let j = base; j < end; j++) {
        const u = positions[j];
        if (!(u >= 0 && u <= 1)) positions[j] = reflectCoordinate(u);
      }
    }
  }
}

/**
 * The points the given particles are evaluated at (their positions projected
 * onto [0, 1]^d), packed: the k-th named particle at [k·d, (k+1)·d).
 */
export function evaluatedPoints(
  positions: Float64Array,
  dimension: number,
  indices: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(indices.length * dimension);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * dimension;
    const at = k * dimension;
    for (let j = 0; j < dimension; j++) {
      const u = positions[base + j];
      out[at + j] = u > 0 ? (u < 1 ? u : 1) : 0;
    }
  }
  return out;
}
