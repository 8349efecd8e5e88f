import assert from "node:assert/strict";
import { Rng } from "./rng.ts";
import { type LinalgBackend, openblasBackend, typescriptBackend } from "./linalg_backend.ts";
import { FactorCache, type GrowableMatrix } from "./linalg_factor_cache.ts";

/** K_ik = exp(−|x_i − x_k|²/0.5) + noise·δ_ik over points in [0,1]^d. */
function rbfMatrix(points: Float64Array, d: number, noise: number, key = `rbf ${noise}`) {
  const n = points.length / d;
  let calls = 0;
  let rowsFilled = 0;
  const matrix: GrowableMatrix = {
    key,
    points,
    d,
    fillRows(from, out) {
      calls++;
      rowsFilled += n - from;
      for (let i = from; i < n; i++) {
        for (let k = 0; k <= i; k++) {
          let r2 = 0;
          for (let j = 0; j < d; j++) r2 += (points[i * d + j] - points[k * d + j]) ** 2;
          out[i * n + k] = Math.exp(-r2 / 0.5) + (i === k ? noise : 0);
        }
      }
    },
  };
  return { matrix, stats: () => ({ calls, rowsFilled }) };
}

function randomPoints(rng: Rng, n: number, d: number): Float64Array {
  return Float64Array.from({ length: n * d }, () => rng.next());
}

const openblas = openblasBackend().backend;
const backends: LinalgBackend[] = openblas ? [typescriptBackend, openblas] : [typescriptBackend];
const SKIPPED = openblas ? "" : " (OpenBLAS not loadable here: typescript only)";

Deno.test(`a grown matrix reuses the kept rows and equals a fresh factor bit for bit${SKIPPED}`, () => {
  for (const backend of backends) {
    const rng = Rng.fromSeed(1);
    const d = 3;
    const points = randomPoints(rng, 40, d);
    const cache = new FactorCache();
    const first = cache.factor(backend, rbfMatrix(points.subarray(0, 25 * d), d, 1e-3).matrix);
    assert.equal(first.reused, 0);
    const grown = rbfMatrix(points, d, 1e-3);
    const second = cache.factor(backend, grown.matrix);
    assert.equal(second.reused, 25, backend.name);
    assert.deepEqual(grown.stats(), { calls: 1, rowsFilled: 15 }, "only the new rows are filled");
    const fresh = new FactorCache().factor(backend, rbfMatrix(points, d, 1e-3).matrix);
    assert.equal(fresh.reused, 0);
    assert.deepEqual(second.factor, fresh.factor, `${backend.name}: bit for bit`);
    assert.equal(second.jitter, 0);
    // The same matrix again: everything reused.
    assert.equal(cache.factor(backend, rbfMatrix(points, d, 1e-3).matrix).reused, 40);
  }
});

Deno.test("another key, other leading points or a null key are not reused", () => {
  for (const backend of backends) {
    const rng = Rng.fromSeed(2);
    const d = 2;
    const points = randomPoints(rng, 12, d);
    const cache = new FactorCache();
    cache.factor(backend, rbfMatrix(points.subarray(0, 8 * d), d, 1e-2).matrix);
    assert.equal(cache.factor(backend, rbfMatrix(points, d, 2e-2).matrix).reused, 0, "key");
    const moved = points.slice();
    moved[3] += 1e-12;
    assert.equal(cache.factor(backend, rbfMatrix(moved, d, 1e-2).matrix).reused, 0, "points");
    const unkeyed = rbfMatrix(points, d, 1e-2);
    unkeyed.matrix.key = null;
    assert.equal(cache.factor(backend, unkeyed.matrix).reused, 0, "null key");
    assert.equal(cache.factor(backend, unkeyed.matrix).reused, 0, "null key is never stored");
    // The other backend's entries are not used either.
    const other = backends.find((b) => b !== backend);
    if (other) assert.equal(cache.factor(other, rbfMatrix(points, d, 1e-2).matrix).reused, 0);
  }
});

Deno.test("jitter: a factor that needed it is not resumed, and results equal a fresh start", () => {
  const d = 2;
  const rng = Rng.fromSeed(3);
  const base = randomPoints(rng, 6, d);
  // Points 6..11 repeat 0..5: with no noise the matrix is singular from row 6 on.
  const points = new Float64Array(12 * d);
  points.set(base);
  points.set(base, 6 * d);
  for (const backend of backends) {
    const cache = new FactorCache();
    const head = cache.factor(backend, rbfMatrix(points.subarray(0, 6 * d), d, 0).matrix);
    assert.equal(head.jitter, 0);
    // The grown matrix fails without jitter at the new rows: a full jittered factorisation.
    const grown = cache.factor(backend, rbfMatrix(points, d, 0).matrix);
    const fresh = new FactorCache().factor(backend, rbfMatrix(points, d, 0).matrix);
    assert.ok(grown.jitter > 0);
    assert.equal(grown.jitter, fresh.jitter);
    assert.deepEqual(grown.factor, fresh.factor, backend.name);
    // Growing a jittered factor: typescript starts afresh (reused 0).
    const more = new Float64Array(13 * d);
    more.set(points);
    more.set([0.5, 0.5], 12 * d);
    const next = cache.factor(backend, rbfMatrix(more, d, 0).matrix);
    const nextFresh = new FactorCache().factor(backend, rbfMatrix(more, d, 0).matrix);
    if (backend.choleskyFrom) assert.equal(next.reused, 0);
    assert.deepEqual(next.factor, nextFresh.factor);
    assert.equal(next.jitter, nextFresh.jitter);
  }
});

Deno.test("the cache keeps at most `entries` entries and `maxNumbers` numbers", () => {
  const d = 1;
  const points = Float64Array.from({ length: 30 }, (_, i) => i / 30);
  const small = new FactorCache({ entries: 2 });
  for (const noise of [0.1, 0.2, 0.3]) {
    small.factor(typescriptBackend, rbfMatrix(points.subarray(0, 10), d, noise).matrix);
  }
  // The first (noise 0.1) was dropped; 0.2 and 0.3 are kept.
  assert.equal(small.factor(typescriptBackend, rbfMatrix(points, d, 0.1).matrix).reused, 0);
  assert.equal(small.factor(typescriptBackend, rbfMatrix(points, d, 0.3).matrix).reused, 10);
  const tiny = new FactorCache({ maxNumbers: 50 });
  tiny.factor(typescriptBackend, rbfMatrix(points.subarray(0, 10), d, 0.1).matrix); // 110 numbers
  assert.equal(tiny.factor(typescriptBackend, rbfMatrix(points, d, 0.1).matrix).reused, 0);
  small.clear();
  assert.equal(small.factor(typescriptBackend, rbfMatrix(points, d, 0.3).matrix).reused, 0);
});
