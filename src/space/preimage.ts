/**
 * Exact inverses of monotone maps from [0, 1] to the reals, found among
 * floating-point numbers: encode then decode gives back a float exactly
 * whenever some coordinate decodes to it.
 *
 * @module
 */

const view = new DataView(new ArrayBuffer(8));

/** The IEEE 754 bits of a non-negative double; they order like the doubles. */
function bitsOf(x: number): bigint {
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

/** The double with these bits. */
function fromBits(bits: bigint): number {
  view.setBigUint64(0, bits);
  return view.getFloat64(0);
}

const BITS_OF_ZERO = bitsOf(0);
const BITS_OF_ONE = bitsOf(1);

/**
 * A coordinate u′ ∈ [0, 1] with decode(u′) === target, searched outward from
 * `guess` (galloping, then bisection, over the doubles between them); `guess`
 * when no double decodes exactly to `target`.
 *
 * @param decode a nondecreasing map on [0, 1].
 * @param target the value wanted.
 * @param guess an approximate preimage in [0, 1].
 */
export function exactPreimage(
  decode: (u: number) => number,
  target: number,
  guess: number,
): number {
  const first = decode(guess);
  if (first === target || Number.isNaN(first)) return guess;
  const up = first < target;
  // Invariant: decode(fromBits(behind)) is on the guess's side of target.
  let behind = bitsOf(guess);
  let ahead = behind;
  let stride = 1n;
  for (;;) {
    ahead = up ? behind + stride : behind - stride;
    if (ahead > BITS_OF_ONE) ahead = BITS_OF_ONE;
    if (ahead < BITS_OF_ZERO) ahead = BITS_OF_ZERO;
    const value = decode(fromBits(ahead));
    if (value === target) return fromBits(ahead);
    if (up ? value > target : value < target) break; // bracketed
    if (ahead === BITS_OF_ONE || ahead === BITS_OF_ZERO) return guess; // out of range
    behind = ahead;
    stride *= 2n;
  }
  while (ahead - behind > 1n || behind - ahead > 1n) {
    const middle = (ahead + behind) / 2n;
    const value = decode(fromBits(middle));
    if (value === target) return fromBits(middle);
    if (up ? value < target : value > target) behind = middle;
    else ahead = middle;
  }
  return guess;
}
