/**
 * The Gaussian process's view of a point of the encoded space.
 *
 * The encoded space gives every parameter one coordinate of [0, 1]; a
 * categorical's coordinate is cut into one cell per value, in list order
 * (src/space/codec.ts). Fed to a stationary kernel as it is, that coordinate
 * would make the first value "closer" to the second than to the last. The
 * embedding maps an encoded point to the GP's inputs instead, parameter by
 * parameter in order:
 * - a float without a step: its coordinate, one column;
 * - an integer or a float with a step: its coordinate, one column (a point
 *   the service will evaluate sits at the centre of its value's cell; see
 *   {@linkcode Embedding.snap});
 * - a categorical with K values ("one-hot", the default): K columns,
 *   h = {@linkcode ONE_HOT_LEVEL} in the column of its value and 0 elsewhere.
 *   With one ARD lengthscale per column, two points with the same value are
 *   at distance 0 on those columns and two different values i ≠ j at
 *   h²·((1/ℓ_i)² + (1/ℓ_j)²) in r², whatever their positions in the list:
 *   the kernel sees no order;
 * - a categorical in "index" mode (or with more values than `maxOneHot`,
 *   where one-hot would add too many dimensions): one column, the centre of
 *   its value's cell (an ordinal treatment, as before one-hot existed).
 *
 * The width is capped: when one-hot columns would take the embedding past
 * {@linkcode MAX_EMBEDDING_WIDTH} columns (or d, when there are more
 * parameters than that), the categoricals with the most values switch to
 * their index column, largest first (the later one first among equals),
 * until it fits. Every point scored costs a row of `width` numbers and the
 * fit one lengthscale per column (issue 14: 1,000 categoricals of 32 values
 * made 32,000 columns, and one suggestion took 7 GB). The ordinal column
 * keeps one dimension per parameter, at the price of an order among the
 * values that the kernel then sees; small categoricals, which gain most
 * from one-hot and cost least, keep it longest.
 *
 * @module
 */
import { type ParameterCodec, parameterCodec } from "../../space/codec.ts";
import type { ParameterValue, Space } from "../../space/mod.ts";

/**
 * The value of a one-hot column for the parameter's value: 1/(2√2), so that
 * at equal lengthscales two different values are as far apart (r² = 2h² =
 * 1/4 of 1/ℓ²) as two points half the range apart on a numeric coordinate.
 * With plain 0/1 columns, the lengthscale prior's mode (ℓ = 1/3 for the
 * legacy Gamma(3, 6)) puts different values at r ≈ 4.2, where the Matérn
 * correlation is about 0.003, so nothing learnt under one value carried over
 * to another until the fit had the data to lengthen those lengthscales; on a
 * mixed test problem (3 floats/ints and 3 categoricals, 10 seeds) this level
 * reached the optimum within 30 evaluations far more often than 1 or 1/√2.
 * The fit can still shorten a lengthscale to make values independent.
 */
export const ONE_HOT_LEVEL = Math.SQRT1_2 / 2;

/** The most GP input columns one-hot categoricals may take the embedding to (see the module doc). */
export const MAX_EMBEDDING_WIDTH = 1024;

/** How categoricals enter the GP. */
export type CategoricalMode = "one-hot" | "index";

/** Options of {@linkcode Embedding}. */
export interface EmbeddingOptions {
  /** "one-hot" (default): K columns per categorical; "index": its one coordinate. */
  categoricals?: CategoricalMode;
  /** Categoricals with more values than this use their index coordinate (default 32). */
  maxOneHot?: number;
  /** The width one-hot may take the embedding to (default MAX_EMBEDDING_WIDTH; at least d). */
  maxWidth?: number;
}

/**
 * Which categoricals of `space` are one-hot: those with at most `maxOneHot`
 * values, less the largest ones while the width is over `maxWidth`.
 */
function oneHotSet(space: Space, mode: CategoricalMode, maxOneHot: number, maxWidth: number) {
  const chosen = new Set<number>();
  if (mode !== "one-hot") return chosen;
  let width = space.dimension;
  space.parameters.forEach((p, j) => {
    if (p.type === "categorical" && p.values.length <= maxOneHot) {
      chosen.add(j);
      width += p.values.length - 1;
    }
  });
  if (width <= maxWidth) return chosen;
  const size = (j: number) => (space.parameters[j] as { values: unknown[] }).values.length;
  const largestFirst = [...chosen].sort((a, b) => size(b) - size(a) || b - a);
  for (const j of largestFirst) {
    if (width <= maxWidth) break;
    chosen.delete(j);
    width -= size(j) - 1;
  }
  return chosen;
}

/** One coordinate of the encoded space, as the embedding treats it. */
export type Coordinate =
  | {
    /** A float without a step: the coordinate itself. */
    kind: "continuous";
    /** Its column among the GP's inputs. */
    column: number;
  }
  | {
    /** An integer or a float with a step: snapped to the centre of its cell. */
    kind: "grid";
    column: number;
    codec: ParameterCodec;
  }
  | {
    /** A categorical: held fixed by local search, changed only by swapping values. */
    kind: "categorical";
    /** Its first column. */
    column: number;
    /** K, its number of values. */
    size: number;
    /** True: K one-hot columns; false: one column, the centre of the value's cell. */
    oneHot: boolean;
    /** The coordinate of value k: the centre of its cell (what it encodes to). */
    centres: number[];
    codec: ParameterCodec;
    /** Value → k. */
    index: Map<ParameterValue, number>;
  };

/** Clamps into [0, 1]; NaN reads as 0.5, as `Space.decode` reads it. */
function unit(u: number): number {
  if (Number.isNaN(u)) return 0.5;
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

/** The map from encoded points to GP inputs for one space (see the module doc). */
export class Embedding {
  /** The encoded dimension d: one coordinate per parameter. */
  readonly dimension: number;
  /** The number of GP input columns. */
  readonly width: number;
  /** Per encoded coordinate, how it is embedded. */
  readonly coordinates: readonly Coordinate[];
  /** Encoded coordinates that local search moves continuously (floats, integers, steps). */
  readonly free: readonly number[];
  /** Encoded coordinates that are categoricals. */
  readonly categorical: readonly number[];
  readonly #space: Space;

  constructor(space: Space, options: EmbeddingOptions = {}) {
    const mode = options.categoricals ?? "one-hot";
    const maxOneHot = options.maxOneHot ?? 32;
    const oneHots = oneHotSet(space, mode, maxOneHot, options.maxWidth ?? MAX_EMBEDDING_WIDTH);
    this.#space = space;
    this.dimension = space.dimension;
    const coordinates: Coordinate[] = [];
    const free: number[] = [];
    const categorical: number[] = [];
    let column = 0;
    space.parameters.forEach((p, j) => {
      const codec = parameterCodec(p);
      if (p.type === "categorical") {
        const size = p.values.length;
        const oneHot = oneHots.has(j);
        coordinates.push({
          kind: "categorical",
          column,
          size,
          oneHot,
          centres: p.values.map((v) => codec.encode(v)),
          codec,
          index: new Map(p.values.map((v, k) => [v, k])),
        });
        categorical.push(j);
        column += oneHot ? size : 1;
      } else {
        const grid = p.type === "int" || p.step !== undefined;
        coordinates.push(grid ? { kind: "grid", column, codec } : { kind: "continuous", column });
        free.push(j);
        column += 1;
      }
    });
    this.coordinates = coordinates;
    this.free = free;
    this.categorical = categorical;
    this.width = column;
  }

  /** The value index k of categorical coordinate j at u, as the space decodes it. */
  category(j: number, u: number): number {
    const c = this.coordinates[j];
    if (c.kind !== "categorical") throw new RangeError(`coordinate ${j} is not a categorical`);
    return c.index.get(c.codec.decode(unit(u))) ?? 0;
  }

  /**
   * The encoded point the service evaluates for `point`: each integer, step
   * and categorical coordinate moved to the centre of the cell it is in
   * (`encode(decode(u))`), floats clamped into [0, 1]. Decoding it gives the
   * same params as decoding `point`.
   */
  snap(point: ArrayLike<number>): number[] {
    this.#checkLength(point);
    const out = new Array<number>(this.dimension);
    for (let j = 0; j < this.dimension; j++) {
      const c = this.coordinates[j];
      const u = unit(point[j]);
      if (c.kind === "continuous") out[j] = u;
      else if (c.kind === "grid") out[j] = c.codec.encode(c.codec.decode(u));
      else out[j] = c.centres[this.category(j, u)];
    }
    return out;
  }

  /** Writes the GP input of one encoded point into `out` at `offset` (`width` numbers). */
  embedInto(point: ArrayLike<number>, out: Float64Array, offset = 0): void {
    this.#checkLength(point);
    for (let j = 0; j < this.dimension; j++) {
      const c = this.coordinates[j];
      if (c.kind !== "categorical") {
        out[offset + c.column] = unit(point[j]);
        continue;
      }
      const k = this.category(j, point[j]);
      if (!c.oneHot) {
        out[offset + c.column] = c.centres[k];
        continue;
      }
      for (let v = 0; v < c.size; v++) out[offset + c.column + v] = v === k ? ONE_HOT_LEVEL : 0;
    }
  }

  /** The GP inputs of several encoded points, row-major (points.length × width). */
  embed(points: readonly ArrayLike<number>[]): Float64Array {
    const out = new Float64Array(points.length * this.width);
    points.forEach((p, i) => this.embedInto(p, out, i * this.width));
    return out;
  }

  /**
   * A string that two points share exactly when they decode to the same
   * params: the trial they stand for.
   */
  key(point: ArrayLike<number>): string {
    const params = this.#space.decode(point);
    return JSON.stringify(this.#space.parameters.map((p) => params[p.name]));
  }

  #checkLength(point: ArrayLike<number>): void {
    if (point.length !== this.dimension) {
      throw new RangeError(
        `expected a point of ${this.dimension} coordinates, got ${point.length}`,
      );
    }
  }
}
