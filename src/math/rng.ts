/**
 * A small, fast, seedable pseudo-random number generator whose whole state is
 * a short array of numbers, so an algorithm can save it as JSON between two
 * requests and resume exactly where it stopped.
 *
 * The generator is xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2018; reference code at
 * https://prng.di.unimi.it/xoshiro128starstar.c): 128 bits of state, period
 * 2^128 − 1, 32-bit outputs. Seeds go through SplitMix64, as the authors
 * recommend, so that nearby seeds give unrelated streams and every bit of a
 * seed (up to 2^53 in magnitude) matters.
 *
 * @module
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_POW_MINUS_53 = 1 / TWO_POW_53;

/** Rotates a 32-bit integer left by k bits. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * SplitMix64 (Steele, Lea and Flood 2014): the first two outputs for `seed`,
 * as four 32-bit words (low word first). Distinct seeds give distinct words,
 * and the words are never all zero.
 */
function splitMix64Words(seed: bigint): [number, number, number, number] {
  const mask = (1n << 64n) - 1n;
  let x = BigInt.asUintN(64, seed);
  const words: number[] = [];
  for (let i = 0; i < 2; i++) {
    x = (x + 0x9e3779b97f4a7c15n) & mask;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    z ^= z >> 31n;
    words.push(Number(z & 0xffffffffn), Number(z >> 32n));
  }
  return [words[0], words[1], words[2], words[3]];
}

/** True when `x` is an integer in [0, 2^32). */
function isUint32(x: unknown): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= 0 &&
    x < TWO_POW_32;
}

/**
 * A seedable PRNG (xoshiro128**) with JSON-safe, restorable state.
 *
 * @example
 * ```ts
 * const rng = Rng.fromSeed(42);
 * const u = rng.next(); // in [0, 1)
 * const saved = rng.state(); // number[], JSON-safe
 * const again = Rng.restore(saved); // continues exactly like rng
 * ```
 */
export class Rng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  /** The second normal of the last polar-method pair, not yet returned. */
  #spareNormal: number | null = null;

  private constructor(words: readonly number[]) {
    this.#s0 = words[0] | 0;
    this.#s1 = words[1] | 0;
    this.#s2 = words[2] | 0;
    this.#s3 = words[3] | 0;
  }

  /**
   * A generator for a seed: any safe integer, negative ones included. Every
   * bit of the seed affects the stream.
   *
   * @throws {RangeError} when `seed` is not a safe integer.
   */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`seed must be a safe integer, got ${seed}`);
    }
    return new Rng(splitMix64Words(BigInt(seed)));
  }

  /**
   * A generator that continues exactly where the one whose `state()` this
   * was left off.
   *
   * @throws {Error} when `state` is not an array that `state()` could return.
   */
  static restore(state: unknown): Rng {
    if (
      !Array.isArray(state) || (state.length !== 4 && state.length !== 5)
    ) {
      throw new Error(
        "corrupt RNG state: expected an array of 4 or 5 numbers",
      );
    }
    if (!state.slice(0, 4).every(isUint32)) {
      throw new Error(
        "corrupt RNG state: the first 4 entries must be integers in [0, 2^32)",
      );
    }
    if (state[0] === 0 && state[1] === 0 && state[2] === 0 && state[3] === 0) {
      throw new Error("corrupt RNG state: the state words are all zero");
    }
    const rng = new Rng(state);
    if (state.length === 5) {
      const spare = state[4];
      if (typeof spare !== "number" || !Number.isFinite(spare)) {
        throw new Error(
          "corrupt RNG state: the cached normal must be a finite number",
        );
      }
      rng.#spareNormal = spare;
    }
    return rng;
  }

  /**
   * The whole state, JSON-safe: four 32-bit words as non-negative integers,
   * followed by the cached normal deviate when there is one.
   */
  state(): number[] {
    const words = [
      this.#s0 >>> 0,
      this.#s1 >>> 0,
      this.#s2 >>> 0,
      this.#s3 >>> 0,
    ];
    if (this.#spareNormal !== null) words.push(this.#spareNormal);
    return words;
  }

  /** A uniform integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result >>> 0;
  }

  /** A uniform integer in [0, 2^53), from two 32-bit draws. */
  #nextUint53(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return high * 67108864 + low;
  }

  /** A uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  next(): number {
    return this.#nextUint53() * TWO_POW_MINUS_53;
  }

  /**
   * A standard normal deviate (mean 0, variance 1), by Marsaglia's polar
   * method. Deviates come in pairs; the second is cached and is part of
   * `state()`.
   */
  normal(): number {
    if (this.#spareNormal !== null) {
      const spare = this.#spareNormal;
      this.#spareNormal = null;
      return spare;
    }
    let x: number, y: number, r2: number;
    do {
      x = 2 * this.next() - 1;
      y = 2 * this.next() - 1;
      r2 = x * x + y * y;
    } while (r2 >= 1 || r2 === 0);
    const scale = Math.sqrt(-2 * Math.log(r2) / r2);
    this.#spareNormal = y * scale;
    return x * scale;
  }

  /**
   * A uniform integer in [0, n), without modulo bias (rejection sampling).
   *
   * @param n the number of outcomes: an integer in [1, 2^53].
   * @throws {RangeError} when `n` is out of range.
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_53) {
      throw new RangeError(`n must be an integer in [1, 2^53], got ${n}`);
    }
    if (n <= TWO_POW_32) {
      // Accept draws below the largest multiple of n that fits in 2^32.
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let draw = this.nextUint32();
      while (draw >= limit) draw = this.nextUint32();
      return draw % n;
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let draw = this.#nextUint53();
    while (draw >= limit) draw = this.#nextUint53();
    return draw % n;
  }
}
