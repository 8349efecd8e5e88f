import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import {
  applyBoundary,
  cboStep,
  consensusPoint,
  moveParticles,
  projectCoordinate,
  reflectCoordinate,
} from "./dynamics.ts";
import { NormalStream } from "./normals.ts";

/** Σ e^{−αf} x / Σ e^{−αf} straight from the definition, no shift. */
function directConsensus(points: number[][], energies: number[], alpha: number): number[] {
  const weights = energies.map((f) => Math.exp(-alpha * f));
  const total = weights.reduce((a, b) => a + b, 0);
  return points[0].map((_, j) => points.reduce((sum, p, i) => sum + weights[i] * p[j], 0) / total);
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let j = 0; j < expected.length; j++) {
    assert.ok(
      Math.abs(actual[j] - expected[j]) <= tol * Math.max(1, Math.abs(expected[j])),
      `[${j}] ${actual[j]} vs ${expected[j]}`,
    );
  }
}

Deno.test("consensusPoint matches the direct weighted mean", () => {
  const rng = Rng.fromSeed(1);
  const n = 7, d = 3;
  const points = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
  const energies = Array.from({ length: n }, () => 2 * rng.next());
  for (const alpha of [0.1, 1, 2.5, 10]) {
    const c = consensusPoint(Float64Array.from(points.flat()), Float64Array.from(energies), {
      particles: n,
      dimension: d,
      alpha,
    });
    assertClose(c!, directConsensus(points, energies, alpha), 1e-13);
  }
  // α → 0: the plain mean.
  const mean = points[0].map((_, j) => points.reduce((s, p) => s + p[j], 0) / n);
  const c0 = consensusPoint(Float64Array.from(points.flat()), Float64Array.from(energies), {
    particles: n,
    dimension: d,
    alpha: 1e-300,
  });
  assertClose(c0!, mean, 1e-14);
});

Deno.test("consensusPoint does not underflow at α = 1e5 with large energies", () => {
  const points = [[1, 2], [3, -4], [5, 6], [-7, 8]];
  // The naive formula gives 0/0 here.
  const energies = [1e6 + 2e-5, 1e6, 1e6 + 1e-5, 5e6];
  assert.ok(Number.isNaN(directConsensus(points, energies, 1e5)[0]));
  const c = consensusPoint(Float64Array.from(points.flat()), Float64Array.from(energies), {
    particles: 4,
    dimension: 2,
    alpha: 1e5,
  })!;
  // Shifted by the minimum the weights are e^{−2}, 1, e^{−1}, 0 (up to the
  // rounding of 1e6 + 1e-5, about 1e-10, times α).
  const shifted = energies.map((f) => f - 1e6);
  assertClose(c, directConsensus(points, shifted, 1e5), 1e-9);
  const w = [Math.exp(-2), 1, Math.exp(-1)];
  const expected = [0, 1].map((j) =>
    (w[0] * points[0][j] + w[1] * points[1][j] + w[2] * points[2][j]) /
    (w[0] + w[1] + w[2])
  );
  assertClose(c, expected, 1e-4);
  // Far apart: the consensus is the best point, exactly.
  const far = consensusPoint(
    Float64Array.from(points.flat()),
    Float64Array.from([9e7, 3e7, 8e7, 1e8]),
    {
      particles: 4,
      dimension: 2,
      alpha: 1e5,
    },
  )!;
  assert.deepEqual(Array.from(far), [3, -4]);
});

Deno.test("consensusPoint gives infeasible points no weight", () => {
  const points = Float64Array.from([0, 0, 10, 10, 2, 4]);
  const c = consensusPoint(points, Float64Array.from([Infinity, NaN, 1]), {
    particles: 3,
    dimension: 2,
    alpha: 1,
  })!;
  assert.deepEqual(Array.from(c), [2, 4]);
  assert.equal(
    consensusPoint(points, Float64Array.from([Infinity, NaN, Infinity]), {
      particles: 3,
      dimension: 2,
      alpha: 1,
    }),
    null,
  );
  // Two points at −∞ share the weight; the finite one has none.
  const minusInf = consensusPoint(points, Float64Array.from([-Infinity, -Infinity, 0]), {
    particles: 3,
    dimension: 2,
    alpha: 1,
  })!;
  assert.deepEqual(Array.from(minusInf), [5, 5]);
});

Deno.test("moveParticles: anisotropic noise per coordinate, isotropic by the distance", () => {
  const d = 4, n = 20_000;
  const offset = [1, 2, 0, 4];
  const c = Float64Array.from([0.5, -1, 3, 0]);
  const sigma = 2, dt = 0.25, lambda = 1;
  const moved = (noise: "anisotropic" | "isotropic") => {
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) x[i * d + j] = c[j] + offset[j];
    moveParticles(x, c, {
      particles: n,
      dimension: d,
      lambda,
      sigma,
      dt,
      noise,
      rng: Rng.fromSeed(3),
    });
    return x;
  };
  const stats = (x: Float64Array, j: number) => {
    let mean = 0, sq = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j] / n;
    for (let i = 0; i < n; i++) sq += (x[i * d + j] - mean) ** 2 / (n - 1);
    return { mean, sd: Math.sqrt(sq) };
  };
  const norm = Math.hypot(...offset);
  for (const noise of ["anisotropic", "isotropic"] as const) {
    const x = moved(noise);
    for (let j = 0; j < d; j++) {
      const { mean, sd } = stats(x, j);
      const expected = sigma * Math.sqrt(dt) * (noise === "anisotropic" ? offset[j] : norm);
      // Mean: the drift, x − λ·dt·(x − c), within 5 standard errors.
      const drifted = c[j] + offset[j] * (1 - lambda * dt);
      assert.ok(
        Math.abs(mean - drifted) <= 5 * expected / Math.sqrt(n) + 1e-9,
        `${noise} mean ${j}`,
      );
      assert.ok(
        Math.abs(sd - expected) <= 0.03 * Math.max(expected, 0.1),
        `${noise} sd ${j}: ${sd}`,
      );
    }
  }
  // A coordinate already at the consensus gets no anisotropic noise at all.
  const x = moved("anisotropic");
  for (let i = 0; i < n; i++) assert.equal(x[i * d + 2], c[2]);
});

Deno.test("moveParticles is the Euler–Maruyama update, draw for draw", () => {
  const d = 3;
  const x0 = [0.2, 0.9, -0.4, 1.5, 0.1, 0.3];
  const c = Float64Array.from([0.5, 0.5, 0.5]);
  const o = { lambda: 0.7, sigma: 1.3, dt: 0.04 };
  for (const noise of ["anisotropic", "isotropic"] as const) {
    const x = Float64Array.from(x0);
    moveParticles(x, c, { particles: 2, dimension: d, ...o, noise, rng: Rng.fromSeed(9) });
    const xi = NormalStream.fromRng(Rng.fromSeed(9));
    const expected: number[] = [];
    for (let i = 0; i < 2; i++) {
      const v = [0, 1, 2].map((j) => x0[i * d + j] - c[j]);
      const dist = Math.hypot(...v);
      for (let j = 0; j < d; j++) {
        const scale = noise === "anisotropic" ? v[j] : dist;
        expected.push(
          x0[i * d + j] - o.lambda * o.dt * v[j] + o.sigma * Math.sqrt(o.dt) * scale * xi.normal(),
        );
      }
    }
    assertClose(x, expected, 1e-15);
  }
  // Only the particles named move, in that order.
  const x = Float64Array.from(x0);
  moveParticles(x, c, {
    particles: 2,
    dimension: d,
    ...o,
    noise: "anisotropic",
    rng: Rng.fromSeed(9),
    indices: [1],
  });
  assert.deepEqual(Array.from(x.subarray(0, 3)), x0.slice(0, 3));
  assert.notDeepEqual(Array.from(x.subarray(3)), x0.slice(3));
});

Deno.test("cboStep: consensus then move; without noise the swarm contracts onto it", () => {
  const positions = Float64Array.from([0, 0, 1, 1, 4, -2]);
  const energies = Float64Array.from([3, 0, 1]);
  const options = {
    particles: 3,
    dimension: 2,
    alpha: 1e3,
    lambda: 1,
    sigma: 0,
    dt: 0.5,
    noise: "anisotropic" as const,
    rng: Rng.fromSeed(1),
  };
  const c = cboStep(positions, energies, options);
  assertClose(c, [1, 1], 1e-12);
  assertClose(positions, [0.5, 0.5, 1, 1, 2.5, -0.5], 1e-12);
  for (let k = 0; k < 60; k++) cboStep(positions, energies, options);
  assertClose(positions, [1, 1, 1, 1, 1, 1], 1e-12);
  // No finite energy: the fallback consensus, or an error.
  const none = Float64Array.from([Infinity, Infinity, Infinity]);
  assert.throws(() => cboStep(positions, none, options), RangeError);
  const fallback = Float64Array.from([3, 3]);
  assert.equal(cboStep(positions, none, { ...options, fallback }), fallback);
  assertClose(positions, [2, 2, 2, 2, 2, 2], 1e-12);
});

Deno.test("project, clip and reflect the unit cube", () => {
  assert.deepEqual([-0.5, 0, 0.3, 1, 1.7].map(projectCoordinate), [0, 0, 0.3, 1, 1]);
  assertClose([1.2, -0.3, 2.5, -1.25, 3.9, 0.4].map(reflectCoordinate), [
    0.8,
    0.3,
    0.5,
    0.75,
    0.1,
    0.4,
  ], 1e-12);
  const x0 = [1.5, -0.25, 0.5, 3e8, -2.3, 0.9];
  const apply = (kind: "project" | "clip" | "reflect", indices = [0, 1]) => {
    const x = Float64Array.from(x0);
    applyBoundary(x, kind, 3, indices);
    return Array.from(x);
  };
  assert.deepEqual(apply("project"), [1.5, -0.25, 0.5, 1e8, -2.3, 0.9]);
  assert.deepEqual(apply("clip"), [1, 0, 0.5, 1, 0, 0.9]);
  assertClose(apply("reflect"), [0.5, 0.25, 0.5, 0, 0.3, 0.9], 1e-12);
  // Only the particles named.
  assert.deepEqual(apply("clip", [1]), [1.5, -0.25, 0.5, 1, 0, 0.9]);
});
