import assert from "node:assert/strict";
import { cholesky, choleskyInverse, choleskySolve, logDetFromCholesky } from "../../math/linalg.ts";
import {
  linalgBackend,
  type LinalgBackendName,
  openblasBackend,
  selectLinalgBackend,
} from "../../math/linalg_backend.ts";
import { Rng } from "../../math/rng.ts";
import { contractGramGradient, gramMatrix, type KernelKind } from "./kernels.ts";
import { KNOWN_NOISE_FLOOR } from "./gp_predict.ts";
import {
  clearFactorCache,
  conditionGp,
  createFitObjective,
  fitGp,
  type GpHyperparameters,
  logMarginalLikelihood,
  predict,
  predictWithGradient,
  type PriorKind,
} from "./gp.ts";

const KERNELS: KernelKind[] = ["matern52", "rbf"];

function randomPoints(rng: Rng, n: number, d: number): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.next();
  return x;
}

function hyperOf(
  logLengthscales: number[],
  logOutputScale: number,
  logNoise: number,
  mean: number,
): GpHyperparameters {
  return { logLengthscales: Float64Array.from(logLengthscales), logOutputScale, logNoise, mean };
}

function assertClose(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );
}

Deno.test("fit objective gradient (LML + priors) matches central differences", () => {
  const rng = Rng.fromSeed(7);
  const n = 9;
  const d = 3;
  const x = randomPoints(rng, n, d);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = Math.sin(4 * x[i * d]) + x[i * d + 1] - 0.3 + 0.1 * rng.normal();
  }
  // Known variances for some points (NaN: the learned noise), and for all.
  const noiseStd = Float64Array.from({ length: n }, (_, i) => i % 2 ? NaN : 0.01 * rng.next());
  const allKnown = Float64Array.from({ length: n }, () => 0.01 * rng.next());
  for (const kernel of KERNELS) {
    for (const prior of ["legacy", "dimension-scaled"] as PriorKind[]) {
      for (const known of [undefined, noiseStd, allKnown]) {
        const objective = createFitObjective(x, z, { kernel, prior, d, noiseStd: known });
        const p = objective.lower.length;
        assert.equal(p, d + 3);
        const theta = Float64Array.from([-1.2, -0.4, 0.3, 0.2, Math.log(0.05), 0.15]);
        const grad = new Float64Array(p);
        const value = objective.evaluate(theta, grad);
        assert.ok(Number.isFinite(value) && value < 1e9);
        const h = 1e-5;
        const scratch = new Float64Array(p);
        for (let k = 0; k < p; k++) {
          const plus = theta.slice();
          const minus = theta.slice();
          plus[k] += h;
          minus[k] -= h;
          const fd = (objective.evaluate(plus, scratch) - objective.evaluate(minus, scratch)) /
            (2 * h);
          assertClose(grad[k], fd, 1e-5, `${kernel}/${prior} ∂θ_${k}`);
        }
      }
    }
  }
});

Deno.test("fixed noise drops the noise parameter and matches the model's LML", () => {
  const rng = Rng.fromSeed(3);
  const n = 6;
  const x = randomPoints(rng, n, 2);
  const z = Float64Array.from({ length: n }, () => rng.normal());
  const objective = createFitObjective(x, z, {
    kernel: "matern52",
    prior: "legacy",
    d: 2,
    noiseMode: "fixed",
    minNoise: 1e-3,
  });
  assert.equal(objective.lower.length, 4);
  const theta = Float64Array.from([-1, -0.5, 0.2, 0.1]);
  const hyper = objective.toHyper(theta);
  assertClose(hyper.logNoise, Math.log(1e-3), 1e-12, "logNoise");
  // Without priors: value = −LML − log prior; check via the model's LML.
  const model = conditionGp(x, z, hyper, { kernel: "matern52", yMean: 0, yStd: 1 });
  const value = objective.evaluate(theta, new Float64Array(4));
  // log prior in θ: lengthscales Gamma(3, 6), output scale Gamma(2, 0.15).
  let prior = 0;
  for (const t of [-1, -0.5]) prior += 3 * t - 6 * Math.exp(t);
  prior += 2 * 0.2 - 0.15 * Math.exp(0.2);
  assertClose(value, -(logMarginalLikelihood(model) + prior), 1e-10, "objective");
});

Deno.test("posterior with one observation matches the closed form", () => {
  const s2 = 1.5;
  const noise = 0.1;
  const m = 0.2;
  for (const kernel of KERNELS) {
    const hyper = hyperOf([Math.log(0.3)], Math.log(s2), Math.log(noise), m);
    // One point: standardise with given yMean/yStd so the algebra is explicit.
    const yMean = 3;
    const yStd = 2;
    const y = 5; // z = 1
    const model = conditionGp(Float64Array.of(0.5), Float64Array.of(y), hyper, {
      kernel,
      yMean,
      yStd,
    });
    const xs = 0.7;
    const r = 0.2 / 0.3;
    const kStar = kernel === "rbf"
      ? s2 * Math.exp(-0.5 * r * r)
      : s2 * (1 + Math.sqrt(5) * r + (5 / 3) * r * r) * Math.exp(-Math.sqrt(5) * r);
    const z = (y - yMean) / yStd;
    const meanStd = m + kStar * (z - m) / (s2 + noise);
    const varStd = s2 - kStar * kStar / (s2 + noise);
    const out = predict(model, Float64Array.of(xs));
    assertClose(out.mean[0], yMean + yStd * meanStd, 1e-12, "mean");
    assertClose(out.variance[0], yStd * yStd * varStd, 1e-12, "variance");
    const lml = -0.5 * (z - m) ** 2 / (s2 + noise) - 0.5 * Math.log(s2 + noise) -
      0.5 * Math.log(2 * Math.PI);
    assertClose(logMarginalLikelihood(model), lml, 1e-12, "LML");
    // Standardisation from y itself: one point has sd 0 → 1, mean y.
    const own = conditionGp(Float64Array.of(0.5), Float64Array.of(y), hyper, { kernel });
    assert.equal(own.yStd, 1);
    assert.equal(own.yMean, y);
    const ownMean = y + m + kStar * (0 - m) / (s2 + noise);
    assertClose(predict(own, Float64Array.of(xs)).mean[0], ownMean, 1e-12, "own mean");
  }
});

Deno.test("a known noise variance replaces the learned noise for its point only", () => {
  const x = Float64Array.of(0.2, 0.5, 0.9);
  const y = Float64Array.of(1, 2, 0.5);
  const hyper = hyperOf([Math.log(0.3)], 0, Math.log(0.05), 0);
  const options = { kernel: "rbf" as const, yMean: 0, yStd: 2 };
  // Point 1's variance 0.4 is 0.1 standardised; points 0 and 2 keep the learned 0.05.
  const mixed = conditionGp(x, y, hyper, {
    ...options,
    noiseVariances: Float64Array.of(NaN, 0.4, NaN),
  });
  // The same by hand: K + diag(0.05, 0.1 + floor, 0.05) in standardised units.
  const z = Float64Array.from(y, (v) => v / 2);
  const k = (a: number, b: number) => Math.exp(-0.5 * ((a - b) / 0.3) ** 2);
  const diag = [0.05, 0.1 + KNOWN_NOISE_FLOOR, 0.05];
  const kMat = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) kMat[i * 3 + j] = k(x[i], x[j]) + (i === j ? diag[i] : 0);
  }
  const l = cholesky(kMat, 3)!;
  const alpha = choleskySolve(l, 3, z);
  const q = 0.6;
  const kq = Float64Array.from(x, (xi) => k(q, xi));
  let mean = 0;
  for (let i = 0; i < 3; i++) mean += kq[i] * alpha[i];
  const v = choleskySolve(l, 3, kq);
  let variance = 1;
  for (let i = 0; i < 3; i++) variance -= kq[i] * v[i];
  const got = predict(mixed, Float64Array.of(q));
  assertClose(got.mean[0], 2 * mean, 1e-12, "mean");
  assertClose(got.variance[0], 4 * variance, 1e-12, "variance");
  // A known variance of 0 pins the posterior to that observation.
  const pinned = conditionGp(x, y, { ...hyper, logNoise: Math.log(0.5) }, {
    ...options,
    noiseVariances: Float64Array.of(NaN, 0, NaN),
  });
  assertClose(predict(pinned, Float64Array.of(0.5)).mean[0], 2, 1e-4, "pinned");
});

Deno.test("with tiny noise the posterior mean interpolates the data", () => {
  const rng = Rng.fromSeed(11);
  const n = 12;
  const d = 2;
  const x = randomPoints(rng, n, d);
  const y = Float64Array.from(
    { length: n },
    (_, i) => 10 + 5 * Math.cos(3 * x[i * d]) * x[i * d + 1],
  );
  for (const kernel of KERNELS) {
    const model = conditionGp(x, y, hyperOf([Math.log(0.4), Math.log(0.6)], 0, Math.log(1e-8), 0), {
      kernel,
    });
    const out = predict(model, x);
    for (let i = 0; i < n; i++) {
      assertClose(out.mean[i], y[i], 1e-4, `${kernel} mean at x_${i}`);
      assert.ok(out.variance[i] >= 0 && out.variance[i] < 1e-4 * model.yStd ** 2);
    }
  }
});

Deno.test("fitted GP predicts sin(6x) from 15 points with RMSE < 0.05", () => {
  const n = 15;
  const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const y = x.map((v) => Math.sin(6 * v));
  const m = 101;
  const xq = Float64Array.from({ length: m }, (_, i) => (i + 0.5) / m);
  for (const kernel of KERNELS) {
    for (const prior of ["legacy", "dimension-scaled"] as PriorKind[]) {
      const model = fitGp(x, y, { kernel, prior, restarts: 2, rng: Rng.fromSeed(1) });
      const out = predict(model, xq);
      let se = 0;
      for (let k = 0; k < m; k++) se += (out.mean[k] - Math.sin(6 * xq[k])) ** 2;
      const rmse = Math.sqrt(se / m);
      assert.ok(rmse < 0.05, `${kernel}/${prior}: RMSE ${rmse}`);
      // A warm start from the fit converges to (about) the same place.
      const again = fitGp(x, y, {
        kernel,
        prior,
        restarts: 0,
        rng: Rng.fromSeed(2),
        warmStart: model.hyper,
      });
      assert.ok(logMarginalLikelihood(again) >= logMarginalLikelihood(model) - 1e-3);
    }
  }
});

Deno.test("predictWithGradient matches predict and its central differences", () => {
  const rng = Rng.fromSeed(5);
  const n = 10;
  const d = 3;
  const x = randomPoints(rng, n, d);
  const y = Float64Array.from({ length: n }, () => 4 + 3 * rng.normal());
  const noise = Float64Array.from({ length: n }, () => 0.05 * rng.next());
  for (const kernel of KERNELS) {
    const hyper = hyperOf([-1.3, -0.7, -0.2], 0.3, Math.log(1e-3), 0.2);
    const model = conditionGp(x, y, hyper, { kernel, noiseVariances: noise });
    for (let t = 0; t < 4; t++) {
      const q = Float64Array.from({ length: d }, () => 0.05 + 0.9 * rng.next());
      const g = predictWithGradient(model, q);
      const ref = predict(model, q);
      assertClose(g.mean, ref.mean[0], 1e-10, "mean");
      assertClose(g.sd, Math.sqrt(ref.variance[0]), 1e-8, "sd");
      const h = 1e-6;
      for (let j = 0; j < d; j++) {
        const plus = q.slice();
        const minus = q.slice();
        plus[j] += h;
        minus[j] -= h;
        const p = predict(model, plus);
        const mi = predict(model, minus);
        const dMean = (p.mean[0] - mi.mean[0]) / (2 * h);
        const dSd = (Math.sqrt(p.variance[0]) - Math.sqrt(mi.variance[0])) / (2 * h);
        assertClose(g.dMean[j], dMean, 1e-5, `${kernel} dMean_${j}`);
        assertClose(g.dSd[j], dSd, 1e-5, `${kernel} dSd_${j}`);
      }
    }
  }
});

Deno.test("variance is never negative, even with duplicated points and tiny noise", () => {
  const rng = Rng.fromSeed(9);
  const base = randomPoints(rng, 8, 2);
  const x = new Float64Array(32);
  x.set(base);
  x.set(base, 16); // every point twice
  const y = Float64Array.from({ length: 16 }, () => rng.normal());
  for (const kernel of KERNELS) {
    const model = conditionGp(x, y, hyperOf([0.5, 1], 0, Math.log(1e-12), 0), { kernel });
    const xq = new Float64Array(2 * 200);
    xq.set(x);
    for (let i = x.length; i < xq.length; i++) xq[i] = rng.next();
    const out = predict(model, xq);
    for (let k = 0; k < 200; k++) {
      assert.ok(out.variance[k] >= 1e-12 * model.yStd ** 2, `variance ${out.variance[k]}`);
      assert.ok(Number.isFinite(out.mean[k]));
    }
    for (let i = 0; i < 16; i++) {
      const g = predictWithGradient(model, x.subarray(2 * i, 2 * i + 2));
      assert.ok(g.sd > 0 && g.dSd.every(Number.isFinite));
    }
  }
});

const OPENBLAS = openblasBackend();
const BACKENDS: LinalgBackendName[] = OPENBLAS.backend
  ? ["typescript", "openblas"]
  : ["typescript"];
const OPENBLAS_SKIPPED = OPENBLAS.backend
  ? ""
  : ` (OpenBLAS comparison SKIPPED: ${OPENBLAS.reason})`;

/** Runs f with `name` as the linear-algebra backend, then restores the previous one. */
function withBackend<T>(name: LinalgBackendName, f: () => T): T {
  const before = linalgBackend().name;
  selectLinalgBackend(name);
  try {
    return f();
  } finally {
    selectLinalgBackend(before);
  }
}

/**
 * −(LML + log prior) and its gradient by the textbook route: kernels.ts's
 * gramMatrix and contractGramGradient with linalg.ts's Cholesky, solve and
 * full inverse (the reference for the fused objective of gp_fit.ts).
 */
function referenceObjective(
  x: Float64Array,
  z: Float64Array,
  d: number,
  kernel: KernelKind,
  theta: Float64Array,
  noiseStd?: Float64Array,
): { value: number; grad: Float64Array; prior: { value: number; grad: Float64Array } } {
  const n = z.length;
  const hyper = { kind: kernel, logLengthscales: theta.slice(0, d), logOutputScale: theta[d] };
  const noise = Math.exp(theta[d + 1]);
  const mean = theta[d + 2];
  // A point's known variance (plus the floor) replaces the learned noise; NaN: not known.
  const known = (i: number) => noiseStd !== undefined && !Number.isNaN(noiseStd[i]);
  const diag = Float64Array.from(
    { length: n },
    (_, i) => known(i) ? KNOWN_NOISE_FLOOR + noiseStd![i] : noise,
  );
  const l = cholesky(gramMatrix(x, hyper, { noise: diag }), n)!;
  const r = Float64Array.from(z, (v) => v - mean);
  const alpha = choleskySolve(l, n, r);
  let fit = 0;
  for (let i = 0; i < n; i++) fit += r[i] * alpha[i];
  const lml = -0.5 * fit - 0.5 * logDetFromCholesky(l, n) - 0.5 * n * Math.log(2 * Math.PI);
  const w = choleskyInverse(l, n);
  let trace = 0;
  let sumAlpha = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) w[i * n + k] = alpha[i] * alpha[k] - w[i * n + k];
    if (!known(i)) trace += w[i * n + i];
    sumAlpha += alpha[i];
  }
  const g = contractGramGradient(x, hyper, w);
  // Legacy priors in θ: Gamma(3, 6) lengthscales, Gamma(2, 0.15) scale, Gamma(1.1, 0.05) noise.
  const gamma = (t: number, a: number, b: number) => [a * t - b * Math.exp(t), a - b * Math.exp(t)];
  const prior = { value: 0, grad: new Float64Array(d + 3) };
  for (let j = 0; j <= d + 1; j++) {
    const [a, b] = j < d ? [3, 6] : j === d ? [2, 0.15] : [1.1, 0.05];
    const [v, dv] = gamma(theta[j], a, b);
    prior.value += v;
    prior.grad[j] = dv;
  }
  const grad = new Float64Array(d + 3);
  for (let j = 0; j <= d; j++) grad[j] = -(0.5 * g[j] + prior.grad[j]);
  grad[d + 1] = -(0.5 * trace * noise + prior.grad[d + 1]);
  grad[d + 2] = -sumAlpha;
  return { value: -(lml + prior.value), grad, prior };
}

Deno.test(`the fused MAP objective equals the kernels.ts + linalg.ts reference to 1e-10, on each backend${OPENBLAS_SKIPPED}`, () => {
  const rng = Rng.fromSeed(21);
  const n = 60;
  const d = 4;
  const x = randomPoints(rng, n, d);
  const z = Float64Array.from({ length: n }, (_, i) => Math.cos(3 * x[i * d]) + 0.1 * rng.normal());
  // Known variances for two points in three, learned noise for the rest.
  const noiseStd = Float64Array.from(
    { length: n },
    (_, i) => i % 3 === 0 ? NaN : 0.02 * rng.next(),
  );
  for (const backend of BACKENDS) {
    for (const kernel of KERNELS) {
      for (const known of [undefined, noiseStd]) {
        const theta = Float64Array.from([-1.1, -0.3, 0.4, -2, 0.25, Math.log(3e-3), 0.1]);
        const want = referenceObjective(x, z, d, kernel, theta, known);
        const grad = new Float64Array(theta.length);
        const value = withBackend(
          backend,
          () =>
            createFitObjective(x, z, { kernel, prior: "legacy", d, noiseStd: known })
              .evaluate(theta, grad),
        );
        assertClose(value, want.value, 1e-10, `${backend}/${kernel} value`);
        for (let k = 0; k < theta.length; k++) {
          assertClose(grad[k], want.grad[k], 1e-10, `${backend}/${kernel} ∂θ_${k}`);
        }
      }
    }
  }
});

Deno.test(`conditioning, prediction and fitting agree across backends${OPENBLAS_SKIPPED}`, {
  ignore: !OPENBLAS.backend,
}, () => {
  const rng = Rng.fromSeed(22);
  const n = 150;
  const d = 5;
  const x = randomPoints(rng, n, d);
  const y = Float64Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x[i * d + j] - 0.4) ** 2 + 0.1 * Math.sin(6 * x[i * d + j]);
    return s;
  });
  const xq = randomPoints(rng, 300, d);
  const q = xq.subarray(0, d);
  for (const kernel of KERNELS) {
    const hyper = hyperOf([-0.9, -0.5, -0.2, 0.1, -1.2], 0.2, Math.log(2e-4), 0.05);
    const run = (backend: LinalgBackendName) =>
      withBackend(backend, () => {
        clearFactorCache();
        const model = conditionGp(x, y, hyper, { kernel });
        const fitted = fitGp(x, y, { kernel, prior: "legacy", restarts: 1, rng: Rng.fromSeed(4) });
        return {
          model,
          out: predict(model, xq),
          gradient: predictWithGradient(model, q),
          lml: logMarginalLikelihood(model),
          fitted,
          fittedOut: predict(fitted, xq),
        };
      });
    const ts = run("typescript");
    const ob = run("openblas");
    for (let k = 0; k < 300; k++) {
      assertClose(ob.out.mean[k], ts.out.mean[k], 1e-8, `${kernel} mean ${k}`);
      assertClose(ob.out.variance[k], ts.out.variance[k], 1e-8, `${kernel} variance ${k}`);
    }
    assertClose(ob.lml, ts.lml, 1e-10, `${kernel} LML`);
    assertClose(ob.gradient.mean, ts.gradient.mean, 1e-10, "gradient: mean");
    assertClose(ob.gradient.sd, ts.gradient.sd, 1e-8, "gradient: sd");
    for (let j = 0; j < d; j++) {
      assertClose(ob.gradient.dMean[j], ts.gradient.dMean[j], 1e-8, `dMean ${j}`);
      assertClose(ob.gradient.dSd[j], ts.gradient.dSd[j], 1e-8, `dSd ${j}`);
    }
    // Fits: the optimiser's path differs by rounding only, so the fitted posteriors agree.
    assertClose(logMarginalLikelihood(ob.fitted), logMarginalLikelihood(ts.fitted), 1e-8, "fit");
    for (let k = 0; k < 300; k++) {
      assertClose(ob.fittedOut.mean[k], ts.fittedOut.mean[k], 1e-8, `${kernel} fitted mean`);
      assertClose(ob.fittedOut.variance[k], ts.fittedOut.variance[k], 1e-8, "fitted variance");
    }
  }
});

Deno.test(`a kept factor gives the model a fresh one gives, bit for bit, on each backend${OPENBLAS_SKIPPED}`, () => {
  const rng = Rng.fromSeed(23);
  const n = 70;
  const d = 3;
  const x = randomPoints(rng, n, d);
  const y = Float64Array.from({ length: n }, () => rng.normal());
  const hyper = hyperOf([-1, -0.4, 0.2], 0.1, Math.log(1e-3), 0);
  const xq = randomPoints(rng, 40, d);
  for (const backend of BACKENDS) {
    withBackend(backend, () => {
      clearFactorCache();
      conditionGp(x.subarray(0, (n - 2) * d), y.subarray(0, n - 2), hyper, { kernel: "matern52" });
      const grown = conditionGp(x, y, hyper, { kernel: "matern52" });
      clearFactorCache();
      const fresh = conditionGp(x, y, hyper, { kernel: "matern52" });
      assert.deepEqual(grown.factor, fresh.factor, backend);
      assert.deepEqual(grown.alpha, fresh.alpha, backend);
      assert.deepEqual(predict(grown, xq), predict(fresh, xq));
      // Buffers reused between gradient calls leave no trace in the results.
      const a = predictWithGradient(grown, xq.subarray(0, d));
      predictWithGradient(grown, xq.subarray(d, 2 * d));
      assert.deepEqual(predictWithGradient(grown, xq.subarray(0, d)), a);
      assert.deepEqual(predictWithGradient(fresh, xq.subarray(0, d)), a);
    });
  }
});
