import assert from "node:assert/strict";
import { type BoundedObjective, minimizeBounded } from "./lbfgsb.ts";

/** Chained Rosenbrock Σ 100(x_{i+1} − x_i²)² + (1 − x_i)² and its gradient. */
function rosenbrock(x: Float64Array, grad: Float64Array): number {
  grad.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    f += 100 * a * a + b * b;
    grad[i] += -400 * x[i] * a - 2 * b;
    grad[i + 1] += 200 * a;
  }
  return f;
}

/** Wraps f so that every evaluated point is checked against the box. */
function boxChecked(
  f: BoundedObjective,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): BoundedObjective {
  return (x, grad) => {
    for (let i = 0; i < x.length; i++) {
      assert.ok(x[i] >= lower[i] && x[i] <= upper[i], `x[${i}] = ${x[i]} outside the box`);
    }
    return f(x, grad);
  };
}

/** f = ½(x − c)ᵀQ(x − c) for a 2×2 Q = [[q00, q01], [q01, q11]]. */
function quadratic2(q00: number, q01: number, q11: number, c: [number, number]): BoundedObjective {
  return (x, grad) => {
    const r0 = x[0] - c[0];
    const r1 = x[1] - c[1];
    grad[0] = q00 * r0 + q01 * r1;
    grad[1] = q01 * r0 + q11 * r1;
    return 0.5 * (r0 * grad[0] + r1 * grad[1]);
  };
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(
      Math.abs(actual[i] - expected[i]) <= tol,
      `component ${i}: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

Deno.test("unconstrained Rosenbrock in 2 dimensions from (−1.2, 1)", () => {
  const inf = [-Infinity, -Infinity];
  const sup = [Infinity, Infinity];
  const result = minimizeBounded(rosenbrock, Float64Array.from([-1.2, 1]), {
    lower: inf,
    upper: sup,
    gradientTolerance: 1e-9,
    functionTolerance: 0,
  });
  assert.ok(result.converged, result.reason);
  assertClose(result.x, [1, 1], 1e-6);
  assert.ok(result.value < 1e-12);
  assert.ok(result.iterations < 100, `${result.iterations} iterations`);
});

Deno.test("unconstrained Rosenbrock in 10 dimensions from (−1.2, 1, −1.2, 1, …)", () => {
  const n = 10;
  const x0 = new Float64Array(n).map((_, i) => (i % 2 === 0 ? -1.2 : 1));
  const result = minimizeBounded(rosenbrock, x0, {
    lower: new Array(n).fill(-Infinity),
    upper: new Array(n).fill(Infinity),
    maxIterations: 1000,
    gradientTolerance: 1e-9,
    functionTolerance: 0,
  });
  assert.ok(result.converged, result.reason);
  assertClose(result.x, new Array(n).fill(1), 1e-6);
});

Deno.test("Rosenbrock with the minimum cut off by a bound ends on the KKT point (0.5, 0.25)", () => {
  // On the face x0 = 0.5: min over x1 of 100(x1 − 0.25)² + 0.25 → x1 = 0.25, and there
  // ∂f/∂x0 = −400·x0·(x1 − x0²) − 2(1 − x0) = −1 < 0, pushing against the upper bound.
  const lower = [-1.5, -2];
  const upper = [0.5, 2];
  const result = minimizeBounded(
    boxChecked(rosenbrock, lower, upper),
    Float64Array.from([-1.2, 1]),
    { lower, upper, gradientTolerance: 1e-10, functionTolerance: 0 },
  );
  assert.ok(result.converged, result.reason);
  assertClose(result.x, [0.5, 0.25], 1e-8);
  assert.ok(Math.abs(result.value - 0.25) < 1e-12);
});

Deno.test("quadratic with its minimiser outside the box converges to the corner", () => {
  // Q = [[2, 1], [1, 2]], c = (3, 3), box [0, 1]²: at (1, 1) the gradient Q(x − c) = (−6, −6)
  // points out through both upper bounds, so (1, 1) is the KKT point.
  const lower = [0, 0];
  const upper = [1, 1];
  const f = boxChecked(quadratic2(2, 1, 2, [3, 3]), lower, upper);
  const result = minimizeBounded(f, Float64Array.from([0.2, 0.9]), { lower, upper });
  assert.ok(result.converged, result.reason);
  assert.deepEqual(Array.from(result.x), [1, 1]);
  assert.equal(result.value, 0.5 * (2 * 4 + 2 * 4 + 2 * 4));
});

Deno.test("quadratic with its minimiser outside the box converges to a face", () => {
  // Q = [[2, 1], [1, 2]], c = (2, 0), box [−1, 1]²: on x0 = 1, ∂f/∂x1 = (1 − 2) + 2·x1 = 0
  // gives x1 = 0.5, and ∂f/∂x0 = 2·(−1) + 0.5 = −1.5 < 0 at the upper bound: KKT at (1, 0.5).
  const lower = [-1, -1];
  const upper = [1, 1];
  const f = boxChecked(quadratic2(2, 1, 2, [2, 0]), lower, upper);
  for (const start of [[-1, -1], [0, 0], [1, 1], [-0.7, 0.9]]) {
    const result = minimizeBounded(f, Float64Array.from(start), { lower, upper });
    assert.ok(result.converged, result.reason);
    assertClose(result.x, [1, 0.5], 1e-6);
    assert.equal(result.x[0], 1);
  }
});

Deno.test("a start outside the box is projected and a fixed variable (lower = upper) stays", () => {
  const lower = new Float64Array([-1, 0.3]);
  const upper = new Float64Array([1, 0.3]);
  const f = boxChecked(quadratic2(1, 0, 1, [0.25, 5]), lower, upper);
  const result = minimizeBounded(f, Float64Array.from([7, -7]), { lower, upper });
  assert.ok(result.converged, result.reason);
  assertClose(result.x, [0.25, 0.3], 1e-7);
  assert.equal(result.x[1], 0.3);
});

Deno.test("NaN and Infinity in part of the domain are backtracked from", () => {
  // f = Σ a_i·x_i − log x_i: NaN for x_i < 0, +Infinity at 0; minimum at x_i = 1/a_i.
  const a = [100, 1, 10];
  let nonFinite = 0;
  const f: BoundedObjective = (x, grad) => {
    let v = 0;
    for (let i = 0; i < x.length; i++) {
      v += a[i] * x[i] - Math.log(x[i]);
      grad[i] = a[i] - 1 / x[i];
    }
    if (!Number.isFinite(v)) nonFinite++;
    return v;
  };
  const lower = [-5, -5, -5];
  const upper = [5, 5, 5];
  const result = minimizeBounded(boxChecked(f, lower, upper), Float64Array.from([1, 3, 2]), {
    lower,
    upper,
    gradientTolerance: 1e-9,
  });
  assert.ok(nonFinite > 0, "the test should visit the undefined region");
  assert.ok(result.converged, result.reason);
  assert.ok(Number.isFinite(result.value));
  assertClose(result.x, [0.01, 1, 0.1], 1e-6);
});

Deno.test("a non-finite value at the start is reported, not thrown", () => {
  const result = minimizeBounded(() => NaN, Float64Array.from([0]), { lower: [-1], upper: [1] });
  assert.equal(result.converged, false);
  assert.match(result.reason, /not finite/);
  assert.equal(result.evaluations, 1);
});

Deno.test("the iteration limit is respected", () => {
  let evaluations = 0;
  const counted: BoundedObjective = (x, grad) => {
    evaluations++;
    return rosenbrock(x, grad);
  };
  const result = minimizeBounded(counted, Float64Array.from([-1.2, 1]), {
    lower: [-5, -5],
    upper: [5, 5],
    maxIterations: 5,
  });
  assert.equal(result.iterations, 5);
  assert.equal(result.converged, false);
  assert.match(result.reason, /iteration limit/);
  assert.equal(result.evaluations, evaluations);
  const zero = minimizeBounded(counted, Float64Array.from([-1.2, 1]), {
    lower: [-5, -5],
    upper: [5, 5],
    maxIterations: 0,
  });
  assert.equal(zero.iterations, 0);
  assert.equal(zero.evaluations, 1);
});

Deno.test("invalid bounds are rejected", () => {
  const x0 = Float64Array.from([0, 0]);
  assert.throws(() => minimizeBounded(rosenbrock, x0, { lower: [0], upper: [1, 1] }), RangeError);
  assert.throws(
    () => minimizeBounded(rosenbrock, x0, { lower: [0, 2], upper: [1, 1] }),
    RangeError,
  );
});
