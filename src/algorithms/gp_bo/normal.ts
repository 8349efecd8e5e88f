/**
 * The standard normal distribution and the complementary error function,
 * accurate in the tails, as log expected improvement needs them.
 *
 * `erfc` and `erfcx` follow W. J. Cody's rational Chebyshev approximations:
 * W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Mathematics of Computation 23 (1969) 631–637, with the coefficients and the
 * argument splitting of Cody's SPECFUN routine CALERF (netlib, 1990). Cody
 * chose the degrees so that the approximation error lies below double
 * precision rounding; what remains is rounding. Measured against 40-digit
 * mpmath values (normal_test.ts): relative error ≤ 1e-15 for erfc on [0, 26]
 * and for erfcx on [−3, 1e4]; ≤ 1e-14 for Φ and φ down to x = −37 (below, they are subnormal), and for
 * log Φ everywhere (−40 included).
 *
 * @module
 */

/** 1/√π. */
const INV_SQRT_PI = 0.56418958354775628695;
/** 1/√(2π), the density of the standard normal at 0. */
const INV_SQRT_2PI = 0.3989422804014326779;
/** ½·ln(2π). */
const HALF_LOG_2PI = 0.91893853320467274178;
/** Where Cody's first (erf) approximation hands over to the second. */
const THRESHOLD = 0.46875;
/** Beyond this argument erfc(x) underflows to zero in double precision. */
const ERFC_UNDERFLOW = 26.543;
/** Beyond this argument erfcx(x) equals 1/(x√π) to double precision. */
const ERFCX_HUGE = 6.71e7;
/** Below this argument erfcx(x) = 2·exp(x²) − erfcx(−x) overflows. */
const ERFCX_OVERFLOW_NEGATIVE = -26.628;

/** Cody's coefficients for erf(x) = x·A(x²)/B(x²) on |x| ≤ 0.5. */
const A = [
  3.1611237438705656,
  113.864154151050156,
  377.485237685302021,
  3209.37758913846947,
  0.185777706184603153,
];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
/** Cody's coefficients for erfcx(x) = C(x)/D(x) on [0.46875, 4]. */
const C = [
  0.564188496988670089,
  8.88314979438837594,
  66.1191906371416295,
  298.635138197400131,
  881.95222124176909,
  1712.04761263407058,
  2051.07837782607147,
  1230.33935479799725,
  2.15311535474403846e-8,
];
const D = [
  15.7449261107098347,
  117.693950891312499,
  537.181101862009858,
  1621.38957456669019,
  3290.79923573345963,
  4362.61909014324716,
  3439.36767414372164,
  1230.33935480374942,
];
/** Cody's coefficients for erfcx(x) = (1/√π − P(1/x²)/(x²·Q(1/x²)))/x on [4, ∞). */
const P = [
  0.305326634961232344,
  0.360344899949804439,
  0.125781726111229246,
  0.0160837851487422766,
  0.000658749161529837803,
  0.0163153871373020978,
];
const Q = [
  2.56852019228982242,
  1.87295284992346725,
  0.527905102951428412,
  0.0605183413124413191,
  0.00233520497626869185,
];

/**
 * exp(−x²) for x ≥ 0, with x² split as s² + (x − s)(x + s), s = ⌊16x⌋/16, so
 * that s² is exact and the rounding of x² does not cost relative accuracy in
 * the tail (Cody's device).
 */
function expMinusSquare(x: number): number {
  const s = Math.trunc(x * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(x - s) * (x + s));
}

/** erfcx(y) for y ≥ 0.46875 by Cody's second and third approximations. */
function erfcxLarge(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  if (y >= ERFCX_HUGE) return INV_SQRT_PI / y;
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  return (INV_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
}

/** erf(x) for |x| ≤ 0.46875 by Cody's first approximation. */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return x * (num + A[3]) / (den + B[3]);
}

/**
 * The complementary error function erfc(x) = (2/√π) ∫ₓ^∞ exp(−t²) dt, to a
 * relative error of a few ulps for x ≥ 0 (Cody 1969); erfc(x) = 2 − erfc(−x)
 * for x < 0. Underflows to 0 past x ≈ 26.54.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= THRESHOLD) return 1 - erfSmall(x);
  const upper = y >= ERFC_UNDERFLOW ? 0 : expMinusSquare(y) * erfcxLarge(y);
  return x < 0 ? 2 - upper : upper;
}

/**
 * The scaled complementary error function erfcx(x) = exp(x²)·erfc(x), to a
 * relative error of a few ulps for all x ≥ −26.6 (Cody 1969); it decays like
 * 1/(x√π) for large x and overflows to +∞ below x ≈ −26.63.
 */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  let upper: number;
  if (y <= THRESHOLD) {
    upper = Math.exp(x * x) * (1 - erfSmall(y));
  } else {
    upper = erfcxLarge(y);
  }
  if (x >= 0) return upper;
  if (x < ERFCX_OVERFLOW_NEGATIVE) return Infinity;
  return 2 / expMinusSquare(y) - upper;
}

/** The standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  const y = Math.abs(x);
  // Split x² = s² + (y − s)(y + s) with s exact in few bits, as in expMinusSquare.
  const s = Math.trunc(y * 16) / 16;
  return INV_SQRT_2PI * Math.exp(-0.5 * s * s) * Math.exp(-0.5 * (y - s) * (y + s));
}

/** log φ(x) = −x²/2 − ½·ln(2π), finite for every finite x. */
export function logNormalPdf(x: number): number {
  return -0.5 * x * x - HALF_LOG_2PI;
}

/**
 * The standard normal distribution function Φ(x) = ½·erfc(−x/√2), with full
 * relative accuracy in the lower tail (it turns subnormal, losing digits, below x ≈ −37.5, and underflows past −38.5).
 */
export function normalCdf(x: number): number {
  if (x >= -1) return 0.5 * erfc(-x * Math.SQRT1_2);
  // Lower tail: ½·erfcx(t)·exp(−x²/2), t = −x/√2, with exp(−x²/2) from x itself.
  return 0.5 * erfcx(-x * Math.SQRT1_2) * normalPdf(x) / INV_SQRT_2PI;
}

/**
 * log Φ(x), accurate for all finite x: through log(erfcx) below −1, where
 * log Φ(x) = log(½·erfcx(−x/√2)) − x²/2 never underflows, and through
 * log1p(−Φ(−x)) above 0, where Φ(x) is close to 1.
 */
export function logNormalCdf(x: number): number {
  if (x > 0) return Math.log1p(-0.5 * erfc(x * Math.SQRT1_2));
  if (x >= -1) return Math.log(0.5 * erfc(-x * Math.SQRT1_2));
  return Math.log(0.5 * erfcx(-x * Math.SQRT1_2)) - 0.5 * x * x;
}

/**
 * log(1 − eˣ) for x < 0, computed stably (Mächler, "Accurately computing
 * log(1 − exp(−|a|))", 2012): log(−expm1(x)) for x > −ln 2, else log1p(−eˣ).
 * Returns −∞ at 0 and NaN for x > 0.
 */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}
