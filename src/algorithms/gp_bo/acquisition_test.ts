import assert from "node:assert/strict";
import {
  expectedImprovement,
  logExpectedImprovement,
  logExpectedImprovementWithGradient,
  logH,
  logHDerivative,
  lowerConfidenceBound,
} from "./acquisition.ts";
import { logNormalPdf } from "./normal.ts";

/** Asserts |actual − expected| ≤ tol·|expected|. */
function assertRelative(actual: number, expected: number, tol: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(err <= tol, `${what}: got ${actual}, expected ${expected}, relative error ${err}`);
}

// [u, log h(u), Φ(u)/h(u)] with h(u) = φ(u) + u·Φ(u), computed with mpmath at
// 50 significant digits (an independent method).
const REFERENCE: [number, number, number][] = [
  [-67000000.0, -2244500000000036.9593, 67000000.000000029851],
  [-10000000.0, -50000000000033.15513, 10000000.0000002],
  [-100000.0, -5000000023.9447894634, 100000.00001999999999],
  [-10000.0, -50000019.339619307157, 10000.000199999994],
  [-1000.0, -500014.73445209115845, 1000.001999994000042],
  [-100.0, -5010.1295788002497923, 100.01999400419586505],
  [-30.0, -457.72465376059800405, 30.066446154162418902],
  [-20.5, -217.09186837038312513, 20.59687586219297673],
  [-19.5, -196.99258561722833326, 19.601769440355081522],
  [-10.0, -55.553122036122355927, 10.194383033412553306],
  [-3.0, -7.8696860596030285171, 3.5323375176251605167],
  [-1.5, -3.5299359208057098515, 2.2795806941564461644],
  [-1.0, -2.4851210257126413368, 1.9042712333296918229],
  [-0.5, -1.6205162643873199193, 1.5598731483480796712],
  [0.0, -0.91893853320467274178, 1.2533141373155002512],
  [2.0, 0.69738354578822831219, 0.48655931878528386862],
  [5.0, 1.6094379231264313851, 0.19999994053122004649],
  [50.0, 3.9120230054281460586, 0.02],
];

Deno.test("logH matches high-precision reference values", () => {
  for (const [u, expected] of REFERENCE) {
    assertRelative(logH(u), expected, 1e-14, `log h(${u})`);
  }
});

Deno.test("log EI equals log of direct EI where direct EI is accurate", () => {
  for (let u = -5; u <= 5; u += 0.01) {
    for (const [mean, sd] of [[0, 1], [3.5, 0.02], [-120, 40]]) {
      const best = mean + u * sd;
      const direct = Math.log(expectedImprovement(mean, sd, best));
      assertRelative(logExpectedImprovement(mean, sd, best), direct, 1e-12, `u = ${u}`);
    }
  }
});

Deno.test("log h is finite and strictly increasing from u = −1e6 to 50", () => {
  const grid: number[] = [];
  for (let k = 0; k <= 3000; k++) grid.push(-(10 ** (6 - (9 * k) / 3000))); // −1e6 … −1e-3
  for (let k = 0; k <= 5000; k++) grid.push(-1e-3 + ((50 + 1e-3) * k) / 5000); // … 50
  grid.push(-1 - 1e-12, -1, -1 + 1e-12);
  const sorted = [...new Set(grid)].sort((a, b) => a - b);
  let previous = -Infinity;
  for (const u of sorted) {
    const value = logH(u);
    assert.ok(Number.isFinite(value), `log h(${u}) = ${value}`);
    assert.ok(value > previous, `not increasing at u = ${u}`);
    previous = value;
  }
});

Deno.test("log h is continuous across its branches", () => {
  const threshold = -1 / Math.sqrt(Number.EPSILON);
  for (const bound of [-1, threshold]) {
    const below = logH(bound * (1 + 1e-15));
    const above = logH(bound * (1 - 1e-15));
    assertRelative(below, above, 1e-13, `across u = ${bound}`);
  }
});

Deno.test("log h follows log φ(u) − 2·log|u| in the extreme tail", () => {
  for (const u of [-1e8, -1e12, -1e50, -1e150]) {
    const asymptote = logNormalPdf(u) - 2 * Math.log(-u);
    assert.equal(logH(u), asymptote);
    assert.ok(Number.isFinite(logH(u)));
  }
  // Just above the threshold the stable formula agrees with the asymptote
  // (log h = log φ − 2 log|u| + log(1 − 3/u² + …), the correction ~1e-15).
  const u = -6e7;
  assertRelative(logH(u), logNormalPdf(u) - 2 * Math.log(-u), 1e-15, "u = −6e7");
});

Deno.test("d log h/du matches high-precision reference values", () => {
  for (const [u, , expected] of REFERENCE) {
    assertRelative(logHDerivative(u), expected, 1e-13, `Φ/h at ${u}`);
  }
  for (const u of [-1e100, -1e12, 1e3]) {
    assert.ok(Number.isFinite(logHDerivative(u)) && logHDerivative(u) > 0, `u = ${u}`);
  }
});

Deno.test("d log h/du agrees with central finite differences", () => {
  for (const u of [-300, -45, -20, -19.9, -7, -1.2, -0.9, 0, 0.7, 3, 12]) {
    const step = 1e-5 * Math.max(1, Math.abs(u));
    const numeric = (logH(u + step) - logH(u - step)) / (2 * step);
    assertRelative(logHDerivative(u), numeric, 1e-6, `u = ${u}`);
  }
});

Deno.test("gradient of log EI in mean and sd agrees with finite differences", () => {
  const cases: [number, number, number][] = [
    [0.3, 0.8, 0.1],
    [2, 0.5, -1],
    [10, 0.1, 0],
    [-1, 2, 4],
    [5, 0.05, 1],
  ];
  for (const [mean, sd, best] of cases) {
    const { value, dMean, dSd } = logExpectedImprovementWithGradient(mean, sd, best);
    assertRelative(value, logExpectedImprovement(mean, sd, best), 1e-15, "value");
    const hm = 1e-6 * Math.max(1, Math.abs(mean));
    const numericMean = (logExpectedImprovement(mean + hm, sd, best) -
      logExpectedImprovement(mean - hm, sd, best)) / (2 * hm);
    const hs = 1e-6 * sd;
    const numericSd = (logExpectedImprovement(mean, sd + hs, best) -
      logExpectedImprovement(mean, sd - hs, best)) / (2 * hs);
    assertRelative(dMean, numericMean, 1e-6, `∂/∂μ at ${mean}, ${sd}, ${best}`);
    assertRelative(dSd, numericSd, 1e-6, `∂/∂σ at ${mean}, ${sd}, ${best}`);
  }
});

Deno.test("expected improvement: hand values and degenerate sd", () => {
  // u = 0: EI = σ·φ(0).
  assertRelative(expectedImprovement(1, 2, 1), 2 * 0.3989422804014327, 1e-15, "u = 0");
  // u = 1 with σ = 1: φ(1) + Φ(1) = 0.24197072451914337 + 0.8413447460685429.
  assertRelative(expectedImprovement(0, 1, 1), 1.0833154705876863, 1e-15, "u = 1");
  assert.equal(expectedImprovement(1, 0, 3), 2);
  assert.equal(expectedImprovement(3, 0, 1), 0);
  assert.equal(logExpectedImprovement(3, 0, 1), -Infinity);
  assert.equal(expectedImprovement(0, 1, -60), 0); // underflows; log EI does not
  assert.ok(Number.isFinite(logExpectedImprovement(0, 1, -60)));
});

Deno.test("lower confidence bound is μ − √β·σ", () => {
  assert.equal(lowerConfidenceBound(1.5, 0.5, 4), 0.5);
  assert.equal(lowerConfidenceBound(-2, 3, 0), -2);
});
