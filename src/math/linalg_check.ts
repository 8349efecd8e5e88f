/**
 * Argument checks shared by the linear-algebra modules.
 *
 * @module
 */

/** Throws unless n is a valid order and `a` holds at least n² entries. */
export function checkSize(n: number, a: Float64Array, what: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  if (a.length < n * n) {
    throw new RangeError(`${what} has ${a.length} entries, fewer than n² = ${n * n}`);
  }
}

/** Number of columns of an n×m right-hand side stored in `b`. */
export function columnsOf(b: Float64Array, n: number): number {
  if (n === 0) return 0;
  const m = b.length / n;
  if (!Number.isInteger(m)) {
    throw new RangeError(`right-hand side length ${b.length} is not a multiple of n = ${n}`);
  }
  return m;
}
