import assert from "node:assert/strict";
import {
  erfc,
  erfcx,
  log1mexp,
  logNormalCdf,
  logNormalPdf,
  normalCdf,
  normalPdf,
} from "./normal.ts";

/** Asserts |actual − expected| ≤ tol·|expected|. */
function assertRelative(actual: number, expected: number, tol: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= tol, `${what}: got ${actual}, expected ${expected}, relative error ${err}`);
}

// Reference values below were computed with mpmath at 40 significant digits
// (mp.erfc, exp(x²)·erfc(x), mp.ncdf, mp.npdf), an independent method.

Deno.test("erfc matches reference values to 1e-15 relative", () => {
  const cases: [number, number][] = [
    [0, 1],
    [0.1, 0.8875370839817151016],
    [0.3, 0.67137324054087258381],
    [0.46875, 0.50738652678206200841],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-05],
    [4, 1.5417257900280018852e-8],
    [5, 1.5374597944280348502e-12],
    [10, 2.088487583762544757e-45],
    [26, 5.6631924088561428465e-296],
  ];
  for (const [x, expected] of cases) {
    assertRelative(erfc(x), expected, 1e-15, `erfc(${x})`);
    assertRelative(erfc(-x), 2 - expected, 1e-15, `erfc(${-x})`);
  }
  assert.equal(erfc(27), 0);
  assert.equal(erfc(-30), 2);
  assert.ok(Number.isNaN(erfc(NaN)));
});

Deno.test("erfcx matches reference values to 1e-15 relative", () => {
  const cases: [number, number][] = [
    [-3, 16205.988853999586625],
    [-1, 5.0089800807622834663],
    [-0.3, 1.4537492328427655512],
    [0, 1],
    [0.2, 0.80901951990158073283],
    [0.5, 0.61569034419292587487],
    [1, 0.42758357615580700441],
    [2, 0.25539567631050574387],
    [4, 0.13699945762506138989],
    [6, 0.092776567800538354389],
    [10, 0.056140992743822585858],
    [26, 0.021683584850562906616],
    [100, 0.0056416137829894329036],
    [1e4, 0.000056418958072680841152],
  ];
  for (const [x, expected] of cases) {
    assertRelative(erfcx(x), expected, 1e-15, `erfcx(${x})`);
  }
  assert.equal(erfcx(-27), Infinity);
});

Deno.test("erfcx follows its asymptotic series for large x", () => {
  // erfcx(x) ~ 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶) + 105/(16x⁸) − …);
  // the first omitted term is below 1e-16 relative for x ≥ 50.
  for (const x of [50, 100, 1e3, 1e5, 1e7, 1e8, 1e12, 1e100]) {
    const z = 1 / (x * x);
    const series = 1 - z / 2 + (3 / 4) * z * z - (15 / 8) * z ** 3 + (105 / 16) * z ** 4;
    assertRelative(erfcx(x), series / (x * Math.sqrt(Math.PI)), 2e-15, `erfcx(${x})`);
  }
});

Deno.test("erfc and erfcx agree with each other where both are representable", () => {
  for (let x = -5; x <= 25; x += 0.173) {
    assertRelative(erfcx(x), Math.exp(x * x) * erfc(x), 1e-12, `erfcx(${x})`);
  }
});

Deno.test("normalPdf and normalCdf match table values", () => {
  assertRelative(normalPdf(0), 0.3989422804014327, 1e-15, "φ(0)");
  assertRelative(normalPdf(1), 0.24197072451914337, 1e-15, "φ(1)");
  assertRelative(normalPdf(-2), 0.05399096651318806, 1e-15, "φ(−2)");
  // φ(−37) = exp(−684.5)/√(2π): the tail keeps full relative accuracy.
  assertRelative(normalPdf(-37), 2.120006551524605626852e-298, 1e-14, "φ(−37)");
  const cdf: [number, number][] = [
    [-37, 5.725571222524576822683e-300],
    [-20, 2.7536241186062336951e-89],
    [-10, 7.619853024160526066e-24],
    [-5, 2.8665157187919391167e-7],
    [-1, 0.15865525393145705141],
    [0, 0.5],
    [1, 0.84134474606854294859],
    [1.96, 0.97500210485177956379],
    [5, 0.99999971334842812081],
    [8, 0.9999999999999993779],
  ];
  for (const [x, expected] of cdf) {
    assertRelative(normalCdf(x), expected, 1e-14, `Φ(${x})`);
  }
});

Deno.test("logNormalPdf is log φ, finite far out", () => {
  for (const x of [-3, 0, 0.5, 2]) {
    assertRelative(logNormalPdf(x), Math.log(normalPdf(x)), 1e-15, `log φ(${x})`);
  }
  assert.equal(logNormalPdf(1e10), -0.5e20 - 0.91893853320467274178);
});

Deno.test("logNormalCdf matches reference values to 1e-14 relative", () => {
  const cases: [number, number][] = [
    [-40, -804.60844201375378817],
    [-38, -726.5572160188201301],
    [-20, -203.91715537109726394],
    [-10, -53.231285150512470578],
    [-5, -15.064998393988725736],
    [-1, -1.8410216450092635058],
    [0, -0.69314718055994530942],
    [1, -0.17275377902344988953],
    [1.96, -0.025315649164282114853],
    [5, -2.8665161296376359338e-7],
    [8, -6.2209605742717860585e-16],
  ];
  for (const [x, expected] of cases) {
    assertRelative(logNormalCdf(x), expected, 1e-14, `log Φ(${x})`);
  }
});

Deno.test("logNormalCdf follows the Mills-ratio asymptote far in the tail", () => {
  // log Φ(x) = −x²/2 − log|x| − ½ log 2π + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + …).
  for (const x of [-40, -100, -1e4, -1e8]) {
    const z = 1 / (x * x);
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= 6; k++) {
      term *= -(2 * k - 1) * z;
      sum += term;
    }
    const asymptote = -0.5 * x * x - Math.log(-x) - 0.5 * Math.log(2 * Math.PI) + Math.log(sum);
    assertRelative(logNormalCdf(x), asymptote, 1e-15, `log Φ(${x})`);
  }
  assert.ok(Number.isFinite(logNormalCdf(-1e150)));
});

Deno.test("log1mexp is log(1 − eˣ) on both branches", () => {
  // Reference values: log(1 − e^x) from mpmath.
  assertRelative(log1mexp(-1e-20), -46.051701859880913680, 1e-15, "x = −1e-20");
  assertRelative(log1mexp(-0.1), -2.3521684610440903929, 1e-15, "x = −0.1");
  assertRelative(log1mexp(-Math.LN2), -Math.LN2, 1e-15, "x = −ln 2");
  assertRelative(log1mexp(-1), -0.45867514538708189005, 1e-15, "x = −1");
  assertRelative(log1mexp(-40), -4.2483542552915889953e-18, 1e-15, "x = −40");
  assert.equal(log1mexp(0), -Infinity);
  assert.ok(Number.isNaN(log1mexp(0.5)));
});
