import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { normalCdf } from "../gp_bo/normal.ts";
import { NormalStream } from "./normals.ts";

const SAMPLES = 400_000;

function sample(seed: number, n = SAMPLES): Float64Array {
  const out = new Float64Array(n);
  NormalStream.fromRng(Rng.fromSeed(seed)).fill(out);
  return out;
}

Deno.test("NormalStream: moments of N(0, 1)", () => {
  const x = sample(1);
  const n = x.length;
  let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (const v of x) {
    m1 += v / n;
    m2 += v * v / n;
    m3 += v ** 3 / n;
    m4 += v ** 4 / n;
  }
  // Standard errors: 1/√n, √(2/n), √(15/n), √(96/n).
  assert.ok(Math.abs(m1) < 5 / Math.sqrt(n), `mean ${m1}`);
  assert.ok(Math.abs(m2 - 1) < 5 * Math.sqrt(2 / n), `variance ${m2}`);
  assert.ok(Math.abs(m3) < 5 * Math.sqrt(15 / n), `third moment ${m3}`);
  assert.ok(Math.abs(m4 - 3) < 5 * Math.sqrt(96 / n), `fourth moment ${m4}`);
});

Deno.test("NormalStream: Kolmogorov–Smirnov against Φ, and the tails", () => {
  const x = sample(2).sort();
  const n = x.length;
  let ks = 0;
  for (let i = 0; i < n; i++) {
    const f = normalCdf(x[i]);
    ks = Math.max(ks, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
  }
  // The 0.1% critical value is 1.95/√n.
  assert.ok(ks < 1.95 / Math.sqrt(n), `KS ${ks}`);
  // The base layer's tail (beyond 3.4426) and the wedges far out are sampled at the right rate.
  for (const t of [2, 3, 3.4426, 4]) {
    const expected = 2 * normalCdf(-t) * n;
    const observed = x.filter((v) => Math.abs(v) > t).length;
    assert.ok(
      Math.abs(observed - expected) < 5 * Math.sqrt(expected),
      `|x| > ${t}: ${observed} vs ${expected}`,
    );
  }
  // Symmetric.
  const positive = x.filter((v) => v > 0).length;
  assert.ok(Math.abs(positive - n / 2) < 5 * Math.sqrt(n / 4), `positive ${positive}`);
});

Deno.test("NormalStream: consecutive deviates are uncorrelated", () => {
  const x = sample(3);
  const n = x.length - 1;
  let lag1 = 0, squares = 0;
  for (let i = 0; i < n; i++) {
    lag1 += x[i] * x[i + 1] / n;
    squares += x[i] * x[i] * x[i + 1] * x[i + 1] / n; // E = 1 under independence
  }
  assert.ok(Math.abs(lag1) < 5 / Math.sqrt(n), `lag-1 correlation ${lag1}`);
  assert.ok(Math.abs(squares - 1) < 5 * Math.sqrt(8 / n), `E[x²y²] ${squares}`);
});

Deno.test("NormalStream: seeded by four draws; the stream does not depend on how it is cut", () => {
  const rng = Rng.fromSeed(5);
  NormalStream.fromRng(rng);
  const skipped = Rng.fromSeed(5);
  for (let k = 0; k < 4; k++) skipped.nextUint32();
  assert.deepEqual(rng.state(), skipped.state());
  const whole = sample(6, 5000);
  const pieces = new Float64Array(5000);
  const cut = NormalStream.fromRng(Rng.fromSeed(6));
  for (const [a, b] of [[0, 1], [1, 8], [8, 1000], [1000, 1003], [1003, 4999], [4999, 5000]]) {
    cut.fill(pieces, a, b);
  }
  assert.deepEqual(pieces, whole);
  const single = NormalStream.fromRng(Rng.fromSeed(6));
  assert.deepEqual(Float64Array.from({ length: 50 }, () => single.normal()), whole.subarray(0, 50));
  assert.notDeepEqual(sample(7, 50), whole.subarray(0, 50));
});
