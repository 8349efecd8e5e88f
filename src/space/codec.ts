/**
 * How one parameter maps to a coordinate of the unit cube and back.
 *
 * Continuous floats map linearly (or linearly in log) onto [0, 1]. Every
 * parameter with finitely many values (categoricals, integers, floats with a
 * step) is a grid of N values v_0 < … < v_(N−1) (categoricals in list order),
 * and [0, 1] is cut into N cells, one per value; a value encodes to the
 * centre of its cell:
 * - on a linear scale the cells are equal, [k/N, (k+1)/N), so a uniform
 *   coordinate gives every value the same probability;
 * - on a log scale the cells are the images of intervals of the log-uniform
 *   variable x = exp(ln min + u·(ln top − ln min)): for floats, x rounds to
 *   the nearest grid value (top = max); for integers, x is floored to the
 *   grid, v_k owning [v_k, v_k + step) (top = v_(N−1) + step), so an
 *   integer n in a step-1 grid owns [ln n, ln(n + 1)).
 * Decoding a cell's centre gives back its value exactly, so decode(encode(v))
 * is v for every grid value.
 *
 * @module
 */
import type { Parameter, ParameterValue } from "./schema.ts";
import { exactPreimage } from "./preimage.ts";

/** Maps one parameter between its values and [0, 1]. */
export interface ParameterCodec {
  /** The value at coordinate u ∈ [0, 1]: always a valid value. */
  decode(u: number): ParameterValue;
  /** The coordinate of a valid value, in [0, 1]. */
  encode(value: ParameterValue): number;
}

/** Clamps x to [lo, hi]. */
function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * A continuous map and its inverse. Encoding looks for a coordinate that
 * decodes to the value exactly (see `exactPreimage`), so decode(encode(x))
 * is x for every x that decode can produce.
 */
function continuous(
  decode: (u: number) => number,
  approximateInverse: (x: number) => number,
): ParameterCodec {
  return {
    decode,
    encode: (x) => {
      const value = x as number;
      return exactPreimage(decode, value, clamp(approximateInverse(value), 0, 1));
    },
  };
}

/** Real parameters without a step, linear scale. */
function continuousLinear(min: number, max: number): ParameterCodec {
  // max − min overflows for bounds near ±Number.MAX_VALUE; halves do not.
  const halfSpan = max / 2 - min / 2;
  return continuous(
    (u) => clamp(min + 2 * (u * halfSpan), min, max),
    (x) => (x / 2 - min / 2) / halfSpan,
  );
}

/** Real parameters without a step, log scale. */
function continuousLog(min: number, max: number): ParameterCodec {
  const lnMin = Math.log(min);
  const lnSpan = Math.log(max) - lnMin;
  return continuous(
    // exp(ln min) need not be min: give the end points exactly.
    (u) => u <= 0 ? min : u >= 1 ? max : clamp(Math.exp(lnMin + u * lnSpan), min, max),
    (x) => (Math.log(x) - lnMin) / lnSpan,
  );
}

/** A parameter with finitely many values, cut into cells of [0, 1]. */
interface Grid {
  /** N, the number of values. */
  size: number;
  /** Value k. */
  value(k: number): ParameterValue;
  /** The k of a valid value. */
  indexOf(value: ParameterValue): number;
  /** The cell that holds u ∈ [0, 1]. */
  cellOf(u: number): number;
  /** A coordinate in cell k, ideally its centre. */
  centreOf(k: number): number;
}

/** Decoding and encoding through a grid. */
function gridCodec(grid: Grid): ParameterCodec {
  return {
    decode: (u) => grid.value(grid.cellOf(u)),
    encode: (value) => grid.centreOf(grid.indexOf(value)),
  };
}

/** Cell k of N equal cells: [k/N, (k+1)/N), the last one closed. */
function equalCells(size: number): Pick<Grid, "size" | "cellOf" | "centreOf"> {
  const cellOf = (u: number) => Math.min(size - 1, Math.floor(u * size));
  // (k + 0.5)/N rounds, which matters only for grids of more than 2^40 values.
  return { size, cellOf, centreOf: (k) => pointInCell(cellOf, k, (k + 0.5) / size) };
}

/**
 * A coordinate in cell k of a monotone cell map: `guess` when it is in the
 * cell, else one found by bisection. Guards against rounding in exp/log at
 * the edges of huge grids.
 */
function pointInCell(cellOf: (u: number) => number, k: number, guess: number): number {
  if (cellOf(guess) === k) return guess;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 64; i++) {
    const mid = (lo + hi) / 2;
    const cell = cellOf(mid);
    if (cell === k) return mid;
    if (cell < k) lo = mid;
    else hi = mid;
  }
  return guess;
}

/**
 * Grid value min + k·step, shown with at most 15 significant digits when that
 * is within 1e−12 step of the exact value (0.3, not 0.30000000000000004), and
 * kept in [min, max].
 */
function floatGridValue(min: number, max: number, step: number, k: number): number {
  const exact = min + k * step;
  const short = Number(exact.toPrecision(15));
  const value = Math.abs(short - exact) <= 1e-12 * step ? short : exact;
  return clamp(value, min, max);
}

/** The largest K with min + K·step ≤ max (floats: with 1e−9 step tolerance). */
export function lastGridIndex(min: number, max: number, step: number, isInt: boolean): number {
  if (!isInt) return Math.floor((max - min) / step + 1e-9);
  // The quotient of two integers may round up to the next integer: adjust.
  let k = Math.floor((max - min) / step);
  if (k > 0 && min + k * step > max) k--;
  else if (min + (k + 1) * step <= max) k++;
  return k;
}

/** Floats and ints with a step (ints: step 1 when none is given). */
function steppedGrid(p: Parameter & { type: "float" | "int" }): Grid {
  const isInt = p.type === "int";
  const step = p.step ?? 1;
  const { min, max } = p;
  const last = lastGridIndex(min, max, step, isInt);
  const value = isInt
    ? (k: number) => clamp(min + k * step, min, max)
    : (k: number) => floatGridValue(min, max, step, k);
  const indexOf = (x: ParameterValue) => clamp(Math.round((x as number - min) / step), 0, last);
  if (p.scale !== "log") return { ...equalCells(last + 1), value, indexOf };
  const lnMin = Math.log(min);
  if (isInt) {
    // x log-uniform on [min, top); value k owns [v_k, v_k + step).
    const lnSpan = Math.log(min + (last + 1) * step) - lnMin;
    const cellOf = (u: number) =>
      clamp(Math.floor((Math.exp(lnMin + u * lnSpan) - min) / step), 0, last);
    const centreOf = (k: number) => {
      const lo = min + k * step;
      const guess = ((Math.log(lo) + Math.log(lo + step)) / 2 - lnMin) / lnSpan;
      return pointInCell(cellOf, k, guess);
    };
    return { size: last + 1, value, indexOf, cellOf, centreOf };
  }
  // x log-uniform on [min, max], rounded to the nearest grid value.
  const lnSpan = Math.log(max) - lnMin;
  const cellOf = (u: number) =>
    clamp(Math.round((Math.exp(lnMin + u * lnSpan) - min) / step), 0, last);
  const centreOf = (k: number) => {
    const lo = Math.max(min, min + (k - 0.5) * step);
    const hi = Math.min(max, min + (k + 0.5) * step);
    const guess = ((Math.log(lo) + Math.log(hi)) / 2 - lnMin) / lnSpan;
    return pointInCell(cellOf, k, clamp(guess, 0, 1));
  };
  return { size: last + 1, value, indexOf, cellOf, centreOf };
}

/** A categorical parameter: its values in list order, in equal cells. */
function categoricalGrid(values: readonly ParameterValue[]): Grid {
  // Map keys compare like ===, so "1" and 1 are different values.
  const index = new Map<ParameterValue, number>(values.map((v, i) => [v, i]));
  return {
    ...equalCells(values.length),
    value: (k) => values[k],
    indexOf: (v) => index.get(v) ?? 0,
  };
}

/** The codec of a parameter (see the module documentation for the maps). */
export function parameterCodec(p: Parameter): ParameterCodec {
  if (p.type === "categorical") return gridCodec(categoricalGrid(p.values));
  if (p.type === "float" && p.step === undefined) {
    return p.scale === "log" ? continuousLog(p.min, p.max) : continuousLinear(p.min, p.max);
  }
  return gridCodec(steppedGrid(p));
}
