/**
 * Joe and Kuo's primitive polynomials and initial direction numbers
 * (new-joe-kuo-6.21201, first 10 000 dimensions), read from the compact table
 * in `sobol_directions.json`, and the direction numbers of a Sobol' sequence
 * computed from them. Provenance, licence and the table's format are in
 * `SOBOL_DIRECTIONS.md`.
 *
 * @module
 */
import table from "./sobol_directions.json" with { type: "json" };

/** How many dimensions the table covers (the first is the van der Corput sequence). */
export const SOBOL_TABLE_DIMENSIONS: number = table.dimensions;

/** The table entry of one dimension, in Joe and Kuo's terms. */
export interface DimensionEntry {
  /** s: the degree of the primitive polynomial (0 for the first dimension). */
  degree: number;
  /**
   * The polynomial x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 as a bit mask:
   * bit s is the leading coefficient, bit 0 the constant term (1 for the
   * first dimension, whose "polynomial" is the constant 1).
   */
  polynomial: number;
  /** m_1 … m_s: odd, with m_k < 2^k. */
  initial: number[];
}

/** The decoded table: for dimension j ≥ 1, its entry; dimension 0 is implicit. */
interface DecodedTable {
  /** Dimension (0-based) → degree s. */
  degrees: Uint8Array;
  /** Dimension → polynomial bit mask. */
  polynomials: Uint32Array;
  /** Dimension → where its m_1..m_s start in `initial`. */
  offsets: Uint32Array;
  /** Every dimension's m_1..m_s, one after the other. */
  initial: Uint32Array;
}

let decoded: DecodedTable | null = null;

/** Reads the bit stream of the JSON table (format in SOBOL_DIRECTIONS.md). */
function decodeTable(): DecodedTable {
  const text = atob(table.data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  let position = 0;
  const read = (width: number): number => {
    let value = 0;
    for (let i = 0; i < width; i++, position++) {
      const bit = (bytes[position >>> 3] >>> (7 - (position & 7))) & 1;
      value = value * 2 + bit;
    }
    return value;
  };
  const n = table.dimensions;
  const degrees = new Uint8Array(n);
  const polynomials = new Uint32Array(n);
  const offsets = new Uint32Array(n + 1);
  const initial: number[] = [];
  polynomials[0] = 1;
  for (let j = 1; j < n; j++) {
    const s = read(5);
    degrees[j] = s;
    polynomials[j] = ((1 << s) | (read(s - 1) << 1) | 1) >>> 0;
    offsets[j] = initial.length;
    for (let k = 1; k <= s; k++) initial.push(2 * read(k - 1) + 1);
  }
  offsets[n] = initial.length;
  if (position > bytes.length * 8) {
    throw new Error("sobol_directions.json is truncated");
  }
  return { degrees, polynomials, offsets, initial: Uint32Array.from(initial) };
}

/** The decoded table, decoded on first use. */
function decodedTable(): DecodedTable {
  decoded ??= decodeTable();
  return decoded;
}

/**
 * The table entry of a dimension (0-based: 0 is the van der Corput
 * sequence, 1 is Joe and Kuo's d = 2, …).
 *
 * @throws {RangeError} when the dimension is outside the table.
 */
export function dimensionEntry(dimension: number): DimensionEntry {
  if (
    !Number.isInteger(dimension) || dimension < 0 ||
    dimension >= SOBOL_TABLE_DIMENSIONS
  ) {
    throw new RangeError(
      `dimension must be an integer in [0, ${SOBOL_TABLE_DIMENSIONS}), got ${dimension}`,
    );
  }
  const t = decodedTable();
  const start = t.offsets[dimension];
  const end = start + t.degrees[dimension];
  return {
    degree: t.degrees[dimension],
    polynomial: t.polynomials[dimension],
    initial: Array.from(t.initial.subarray(start, end)),
  };
}

/**
 * The direction numbers of the first `dimension` coordinates of the Sobol'
 * sequence, as `bits`-bit integers: entry [k · dimension + j] is column k of
 * coordinate j's generator matrix, m_(k+1) · 2^(bits − 1 − k). Column-major
 * by bit, so that one Gray-code step touches one contiguous run.
 *
 * Beyond the initial m_1..m_s the recurrence of Bratley and Fox (1988) gives
 * m_k = 2^s m_(k−s) ⊕ m_(k−s) ⊕ ⨁_(i=1..s−1) 2^i a_i m_(k−i).
 *
 * @param dimension how many coordinates, in [1, SOBOL_TABLE_DIMENSIONS].
 * @param bits how many bits per coordinate, in [1, 31].
 */
export function directionNumbers(dimension: number, bits: number): Uint32Array {
  if (
    !Number.isInteger(dimension) || dimension < 1 ||
    dimension > SOBOL_TABLE_DIMENSIONS
  ) {
    throw new RangeError(
      `dimension must be an integer in [1, ${SOBOL_TABLE_DIMENSIONS}], got ${dimension}`,
    );
  }
  if (!Number.isInteger(bits) || bits < 1 || bits > 31) {
    throw new RangeError(`bits must be an integer in [1, 31], got ${bits}`);
  }
  const t = decodedTable();
  const columns = new Uint32Array(bits * dimension); // [bit k][coordinate j]
  const m = new Uint32Array(bits); // m_1..m_bits of one coordinate
  for (let j = 0; j < dimension; j++) {
    if (j === 0) {
      m.fill(1);
    } else {
      const s = t.degrees[j];
      const p = t.polynomials[j];
      const offset = t.offsets[j];
      for (let k = 0; k < bits; k++) {
        if (k < s) {
          m[k] = t.initial[offset + k];
          continue;
        }
        let value = m[k - s] ^ (m[k - s] << s);
        for (let i = 1; i < s; i++) {
          if ((p >>> (s - i)) & 1) value ^= m[k - i] << i;
        }
        m[k] = value;
      }
    }
    for (let k = 0; k < bits; k++) {
      columns[k * dimension + j] = (m[k] << (bits - 1 - k)) >>> 0;
    }
  }
  return columns;
}
