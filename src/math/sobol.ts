/**
 * Sobol' low-discrepancy sequences, plain or scrambled, with constant-time
 * resumption: the whole state of a sequence (given its dimension, scrambling
 * flag and seed) is the index of its next point.
 *
 * Construction as in `scipy.stats.qmc.Sobol` (SciPy 1.10): Joe and Kuo's
 * new-joe-kuo-6.21201 direction numbers, 30-bit digital net, points in Gray
 * code order (point i is the XOR of the columns selected by the bits of
 * i ⊕ (i >> 1)), so the first point of the plain sequence is the origin.
 * Scrambling is SciPy's LMS + shift: each coordinate's generator matrix is
 * multiplied on the left by a random lower-triangular binary matrix with a
 * unit diagonal (Matoušek's linear matrix scramble), then the coordinate is
 * XORed with a random 30-bit digital shift. Both keep the net's
 * stratification: every 2^m consecutive points from an index that is a
 * multiple of 2^m still put exactly one point in each of the 2^m intervals
 * [k/2^m, (k+1)/2^m) of every coordinate. The random bits come from `Rng`,
 * not SciPy's generator, so scrambled points differ from SciPy's while plain
 * points are identical.
 *
 * @module
 */
import { Rng } from "./rng.ts";
import { directionNumbers, SOBOL_TABLE_DIMENSIONS } from "./sobol_directions.ts";

/** Bits per coordinate: points are multiples of 2^−30. */
const BITS = 30;
const SCALE = 2 ** -BITS;
const LOW_BITS_MASK = 2 ** BITS - 1;

/** How a Sobol' sequence is randomised. */
export interface SobolOptions {
  /** Apply LMS + digital shift scrambling (recommended). */
  scramble: boolean;
  /** Seeds the scrambling (any safe integer); ignored when not scrambling. */
  seed: number;
}

/** The number of trailing zero bits of a positive 32-bit integer. */
function trailingZeros(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * Scrambles the direction numbers in place and returns the digital shifts.
 * Random draws, per coordinate in order: one word for the shift, then one
 * word per row p = 1..BITS−1 of the lower-triangular matrix L (its p bits
 * below the diagonal). Coordinate j's scrambling therefore does not depend on
 * how many coordinates follow it.
 *
 * Digit p of a coordinate (weight 2^−(p+1)) sits at bit BITS − 1 − p. L maps
 * digits x to digits y_p = ⨁_(k ≤ p) L_pk x_k, with L_pp = 1 (SciPy's
 * `_cscramble`); it is applied to each column of the generator matrix.
 */
function scramble(columns: Uint32Array, dimension: number, seed: number): Uint32Array {
  const rng = Rng.fromSeed(seed);
  const shifts = new Uint32Array(dimension);
  // lColumns[k]: column k of L as a bit mask over output digits.
  const lColumns = new Int32Array(BITS);
  for (let j = 0; j < dimension; j++) {
    shifts[j] = rng.nextUint32() & LOW_BITS_MASK;
    for (let k = 0; k < BITS; k++) lColumns[k] = 1 << (BITS - 1 - k);
    for (let p = 1; p < BITS; p++) {
      const row = rng.nextUint32(); // bit BITS − 1 − k holds L_pk, for k < p
      for (let k = 0; k < p; k++) {
        lColumns[k] |= ((row >>> (BITS - 1 - k)) & 1) << (BITS - 1 - p);
      }
    }
    for (let c = 0; c < BITS; c++) {
      const column = columns[c * dimension + j];
      let scrambled = 0;
      for (let k = 0; k < BITS; k++) {
        // Branch-free: XOR column k of L when digit k of the column is 1.
        scrambled ^= lColumns[k] & -((column >>> (BITS - 1 - k)) & 1);
      }
      columns[c * dimension + j] = scrambled;
    }
  }
  return shifts;
}

/**
 * A Sobol' sequence in [0, 1)^dimension.
 *
 * Coordinates are multiples of 2^−30 in [0, 1 − 2^−30]. The plain sequence
 * starts at the origin; a scrambled one may also produce an exact 0 (with
 * probability 2^−30 per coordinate), never 1.
 *
 * @example
 * ```ts
 * const sobol = new SobolSequence(3, { scramble: true, seed: 7 });
 * const first = sobol.next(); // Float64Array of length 3
 * const saved = sobol.index; // the whole state
 * const resumed = new SobolSequence(3, { scramble: true, seed: 7 });
 * resumed.skipTo(saved); // resumed.next() equals sobol.next()
 * ```
 */
export class SobolSequence {
  /** The largest dimension the direction-number table supports. */
  static readonly MAX_DIMENSION: number = SOBOL_TABLE_DIMENSIONS;
  /** How many distinct points a sequence has (2^30). */
  static readonly MAX_POINTS: number = 2 ** BITS;

  /** The number of coordinates of each point. */
  readonly dimension: number;
  /** Whether the sequence is scrambled. */
  readonly scrambled: boolean;
  /** Column k of coordinate j at [k · dimension + j]. */
  readonly #columns: Uint32Array;
  /** Per coordinate: the digital shift (0 when not scrambled). */
  readonly #shifts: Uint32Array;
  /** The next point, as 30-bit integers. */
  readonly #current: Uint32Array;
  #index = 0;

  /**
   * @param dimension the number of coordinates, in [1, MAX_DIMENSION].
   * @param options scrambling and its seed.
   * @throws {RangeError} when the dimension or the seed is out of range.
   */
  constructor(dimension: number, options: SobolOptions) {
    if (
      !Number.isInteger(dimension) || dimension < 1 ||
      dimension > SobolSequence.MAX_DIMENSION
    ) {
      throw new RangeError(
        `a Sobol' sequence needs a dimension in [1, ${SobolSequence.MAX_DIMENSION}], got ${dimension}`,
      );
    }
    this.dimension = dimension;
    this.scrambled = options.scramble;
    this.#columns = directionNumbers(dimension, BITS);
    this.#shifts = options.scramble
      ? scramble(this.#columns, dimension, options.seed)
      : new Uint32Array(dimension);
    this.#current = this.#shifts.slice();
  }

  /** The index of the next point: how many points come before it. */
  get index(): number {
    return this.#index;
  }

  /**
   * Moves to point `index` in O(dimension · 30), whatever the current
   * position: the next call to `next()` returns that point.
   *
   * @param index in [0, MAX_POINTS].
   * @throws {RangeError} when the index is out of range.
   */
  skipTo(index: number): void {
    if (
      !Number.isInteger(index) || index < 0 || index > SobolSequence.MAX_POINTS
    ) {
      throw new RangeError(
        `a Sobol' index must be an integer in [0, 2^${BITS}], got ${index}`,
      );
    }
    const d = this.dimension;
    this.#current.set(this.#shifts);
    const gray = index < SobolSequence.MAX_POINTS ? index ^ (index >>> 1) : 0;
    for (let k = 0; k < BITS; k++) {
      if (((gray >>> k) & 1) === 0) continue;
      const offset = k * d;
      for (let j = 0; j < d; j++) this.#current[j] ^= this.#columns[offset + j];
    }
    this.#index = index;
  }

  /**
   * The next point; advancing costs O(dimension).
   *
   * @param out where to write the point (a new array when omitted).
   * @throws {RangeError} after MAX_POINTS points, or when `out` is too short.
   */
  next(out: Float64Array = new Float64Array(this.dimension)): Float64Array {
    const d = this.dimension;
    if (this.#index >= SobolSequence.MAX_POINTS) {
      throw new RangeError(
        `a Sobol' sequence has only 2^${BITS} points; all have been generated`,
      );
    }
    if (out.length < d) {
      throw new RangeError(`out has length ${out.length}, expected ${d}`);
    }
    for (let j = 0; j < d; j++) out[j] = this.#current[j] * SCALE;
    this.#index++;
    if (this.#index < SobolSequence.MAX_POINTS) {
      // Gray code of index and index − 1 differ in bit trailingZeros(index).
      const offset = trailingZeros(this.#index) * d;
      for (let j = 0; j < d; j++) this.#current[j] ^= this.#columns[offset + j];
    }
    return out;
  }
}
