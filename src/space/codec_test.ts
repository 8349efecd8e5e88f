import assert from "node:assert/strict";
import { lastGridIndex, parameterCodec } from "./codec.ts";
import { type Parameter, ParameterSchema } from "./schema.ts";

/** A codec for a parameter written as the API receives it. */
function codecOf(spec: Record<string, unknown>) {
  return parameterCodec(ParameterSchema.parse({ name: "x", ...spec }) as Parameter);
}

/** Decodes n evenly spaced cell centres (i + 0.5)/n and counts each value. */
function histogram(spec: Record<string, unknown>, n: number): Map<unknown, number> {
  const codec = codecOf(spec);
  const counts = new Map<unknown, number>();
  for (let i = 0; i < n; i++) {
    const v = codec.decode((i + 0.5) / n);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

/** Asserts |a − b| ≤ tolerance. */
function near(a: number, b: number, tolerance = 1e-12): void {
  assert.ok(Math.abs(a - b) <= tolerance, `${a} is not within ${tolerance} of ${b}`);
}

Deno.test("float, linear: min + u·(max − min)", () => {
  const c = codecOf({ type: "float", min: -2, max: 6 });
  assert.equal(c.decode(0), -2);
  assert.equal(c.decode(0.25), 0);
  assert.equal(c.decode(1), 6);
  assert.equal(c.encode(0), 0.25);
  assert.equal(c.encode(6), 1);
});

Deno.test("float, linear: bounds near ±MAX_VALUE do not overflow", () => {
  const c = codecOf({ type: "float", min: -1e308, max: 1e308 });
  assert.equal(c.decode(0.5), 0);
  assert.equal(c.decode(1), 1e308);
  assert.equal(c.decode(0), -1e308);
  assert.equal(c.encode(1e308), 1);
  assert.equal(c.encode(0), 0.5);
});

Deno.test("float, log: exp(ln min + u·(ln max − ln min))", () => {
  const c = codecOf({ type: "float", min: 1e-4, max: 1, scale: "log" });
  near(c.decode(0.5) as number, 0.01, 1e-15);
  near(c.decode(0.25) as number, 0.001, 1e-16);
  assert.equal(c.decode(0), 1e-4);
  assert.equal(c.decode(1), 1);
  near(c.encode(0.01), 0.5);
  near(c.encode(0.1), 0.75);
});

Deno.test("float with a step: equal cells, one per grid value", () => {
  const spec = { type: "float", min: 0, max: 1, step: 0.25 };
  const c = codecOf(spec);
  assert.equal(c.decode(0), 0);
  assert.equal(c.decode(0.1999), 0);
  assert.equal(c.decode(0.2), 0.25);
  assert.equal(c.decode(0.5), 0.5);
  assert.equal(c.decode(1), 1);
  assert.equal(c.encode(0.75), 3.5 / 5);
  assert.deepEqual(
    histogram(spec, 500),
    new Map([[0, 100], [0.25, 100], [0.5, 100], [0.75, 100], [1, 100]]),
  );
});

Deno.test("float with a decimal step: grid values are written shortest", () => {
  const c = codecOf({ type: "float", min: 0, max: 1, step: 0.1 });
  const values = Array.from({ length: 11 }, (_, k) => c.decode((k + 0.5) / 11));
  assert.deepEqual(values, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  const shifted = codecOf({ type: "float", min: -0.7, max: 0.5, step: 0.3 });
  const grid = Array.from({ length: 5 }, (_, k) => shifted.decode((k + 0.5) / 5));
  assert.deepEqual(grid, [-0.7, -0.4, -0.1, 0.2, 0.5]);
});

Deno.test("float with a step that does not divide the range", () => {
  const spec = { type: "float", min: 0, max: 1, step: 0.3 };
  assert.deepEqual(
    histogram(spec, 400),
    new Map([[0, 100], [0.3, 100], [0.6, 100], [0.9, 100]]),
  );
  assert.equal(codecOf(spec).decode(1), 0.9);
});

Deno.test("float with a step on a log scale: the nearest grid value", () => {
  const c = codecOf({ type: "float", min: 1, max: 100, step: 1, scale: "log" });
  assert.equal(c.decode(0), 1);
  assert.equal(c.decode(0.5), 10);
  assert.equal(c.decode(1), 100);
  // Value 1 owns x ∈ [1, 1.5), i.e. u ∈ [0, ln 1.5 / ln 100).
  const edge = Math.log(1.5) / Math.log(100);
  assert.equal(c.decode(edge * 0.999), 1);
  assert.equal(c.decode(edge * 1.001), 2);
  for (let v = 1; v <= 100; v++) assert.equal(c.decode(c.encode(v)), v);
  // Its cell centre is the log-midpoint of [1, 1.5).
  near(c.encode(1), edge / 2);
});

Deno.test("int, linear: uniform over the integers", () => {
  const spec = { type: "int", min: 1, max: 4 };
  const c = codecOf(spec);
  assert.equal(c.decode(0), 1);
  assert.equal(c.decode(0.2499), 1);
  assert.equal(c.decode(0.25), 2);
  assert.equal(c.decode(1), 4);
  assert.equal(c.encode(2), 0.375);
  assert.deepEqual(histogram(spec, 400), new Map([[1, 100], [2, 100], [3, 100], [4, 100]]));
});

Deno.test("int with a step: the grid min + k·step", () => {
  const spec = { type: "int", min: -3, max: 10, step: 3 };
  assert.deepEqual(
    histogram(spec, 500),
    new Map([[-3, 100], [0, 100], [3, 100], [6, 100], [9, 100]]),
  );
  assert.equal(codecOf(spec).decode(1), 9);
});

Deno.test("int, log: floor(exp(ln min + u·(ln(max + 1) − ln min)))", () => {
  const c = codecOf({ type: "int", min: 1, max: 1000, scale: "log" });
  const lnMin = Math.log(1);
  const lnTop = Math.log(1001);
  for (let i = 0; i <= 1000; i++) {
    const u = i / 1000;
    const expected = Math.min(1000, Math.floor(Math.exp(lnMin + u * (lnTop - lnMin))));
    assert.equal(c.decode(u), expected, `u=${u}`);
  }
  for (let v = 1; v <= 1000; v++) assert.equal(c.decode(c.encode(v)), v);
  // Integer n owns [ln n, ln(n + 1)): its centre is ln √(n(n + 1)).
  near(c.encode(10), Math.log(Math.sqrt(110)) / lnTop);
});

Deno.test("int, log, with a step: value k owns [v_k, v_k + step)", () => {
  const c = codecOf({ type: "int", min: 1, max: 100, step: 10, scale: "log" });
  assert.equal(c.decode(0), 1);
  assert.equal(c.decode(1), 91);
  // x = exp(u · ln 101) ∈ [11, 21) ↦ 11.
  assert.equal(c.decode(Math.log(11.5) / Math.log(101)), 11);
  for (let v = 1; v <= 91; v += 10) assert.equal(c.decode(c.encode(v)), v);
});

Deno.test("int with step 1 behaves like an int without a step", () => {
  for (const scale of ["linear", "log"]) {
    const plain = codecOf({ type: "int", min: 2, max: 50, scale });
    const stepped = codecOf({ type: "int", min: 2, max: 50, step: 1, scale });
    for (let i = 0; i <= 1000; i++) assert.equal(plain.decode(i / 1000), stepped.decode(i / 1000));
  }
});

Deno.test("categorical: value i of k owns [i/k, (i+1)/k)", () => {
  const c = codecOf({ type: "categorical", values: ["a", 1, true] });
  assert.equal(c.decode(0), "a");
  assert.equal(c.decode(0.3333), "a");
  assert.equal(c.decode(0.3334), 1);
  assert.equal(c.decode(1), true);
  assert.equal(c.encode("a"), 1 / 6);
  assert.equal(c.encode(true), 5 / 6);
});

Deno.test("lastGridIndex: floats tolerate rounding, ints are exact", () => {
  assert.equal(lastGridIndex(0, 0.3, 0.1, false), 3); // 0.3 / 0.1 = 2.9999999999999996
  assert.equal(lastGridIndex(0, 1, 0.3, false), 3);
  assert.equal(lastGridIndex(0, 10, 3, true), 3);
  assert.equal(lastGridIndex(-9, 9, 3, true), 6);
  assert.equal(lastGridIndex(0, 2 ** 53 - 1, 1, true), 2 ** 53 - 1);
  assert.equal(
    lastGridIndex(-(2 ** 53 - 1), 2 ** 53 - 1, 2 ** 52, true),
    3,
  );
});

Deno.test("huge integer ranges decode to integers within bounds", () => {
  const c = codecOf({ type: "int", min: -(2 ** 53 - 1), max: 2 ** 53 - 1 });
  for (const u of [0, 1e-17, 0.25, 0.5, 0.75, 1 - 1e-16, 1]) {
    const v = c.decode(u) as number;
    assert.ok(Number.isInteger(v) && Math.abs(v) <= 2 ** 53 - 1, `u=${u}: ${v}`);
  }
  const log = codecOf({ type: "int", min: 1, max: 2 ** 53 - 1, scale: "log" });
  for (const u of [0, 0.5, 0.999999, 1]) {
    const v = log.decode(u) as number;
    assert.ok(Number.isInteger(v) && v >= 1 && v <= 2 ** 53 - 1, `u=${u}: ${v}`);
  }
  for (const v of [1, 2, 1000, 123456789, 2 ** 40 + 7]) {
    assert.equal(log.decode(log.encode(v)), v);
  }
});
