import assert from "node:assert/strict";
import { Rng } from "../math/rng.ts";
import { type Parameter, type Params, Space } from "./mod.ts";
import { ParameterSchema, SpaceSchema } from "./schema.ts";

/** A space from the API's form of it. */
function spaceOf(parameters: Record<string, unknown>[]): Space {
  return new Space(SpaceSchema.parse({ parameters }));
}

/** A random parameter that the schema accepts. */
function randomParameter(rng: Rng, name: string): Record<string, unknown> {
  for (;;) {
    const p = randomParameterDraft(rng, name);
    if (
      ParameterSchema.safeParse(p).success && SpaceSchema.safeParse({ parameters: [p] }).success
    ) {
      return p;
    }
  }
}

/** A random parameter of any kind, with varied bounds; may break a schema rule. */
function randomParameterDraft(rng: Rng, name: string): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const magnitude = 10 ** (rng.int(13) - 6); // 1e-6 … 1e6
  const kind = rng.int(9);
  switch (kind) {
    case 0: { // float, linear
      const min = (rng.next() - 0.5) * magnitude;
      return { name, type: "float", min, max: min + rng.next() * magnitude + 1e-9 };
    }
    case 1: { // float, log
      const min = magnitude * (0.1 + rng.next());
      return { name, type: "float", min, max: min * (1 + rng.next() * 1e4), scale: "log" };
    }
    case 2: { // float with a decimal step, possibly not dividing the range
      const step = pick([0.1, 0.05, 0.25, 0.3, 1e-3, 2.5, 7]) * magnitude;
      const min = Number(((rng.int(200) - 100) * step).toPrecision(12));
      const max = min + step * (1 + rng.int(50)) + pick([0, 0, step * rng.next()]);
      return { name, type: "float", min, max, step };
    }
    case 3: { // float with a step, log scale
      const step = pick([0.1, 0.5, 1, 3]);
      const min = step * (1 + rng.int(5));
      return { name, type: "float", min, max: min + step * (1 + rng.int(300)), step, scale: "log" };
    }
    case 4: { // int, linear
      const min = rng.int(2001) - 1000;
      return { name, type: "int", min, max: min + 1 + rng.int(pick([3, 100, 1e6])) };
    }
    case 5: { // int with a step
      const step = 1 + rng.int(20);
      const min = rng.int(201) - 100;
      return { name, type: "int", min, max: min + step * (1 + rng.int(30)) + rng.int(step), step };
    }
    case 6: { // int, log
      const min = 1 + rng.int(100);
      return { name, type: "int", min, max: min + 1 + rng.int(pick([10, 1e4, 1e9])), scale: "log" };
    }
    case 7: { // int, log, with a step
      const step = 1 + rng.int(10);
      const min = 1 + rng.int(50);
      return { name, type: "int", min, max: min + step * (1 + rng.int(100)), step, scale: "log" };
    }
    default: { // categorical with strings, numbers and booleans
      const pool = ["a", "b", "1", 1, 0, -2.5, true, false, "true", "", "x y"];
      const values = pool.filter(() => rng.next() < 0.5);
      return { name, type: "categorical", values: values.length > 0 ? values : ["only"] };
    }
  }
}

/** A random space of 1 to 12 parameters. */
function randomSpace(rng: Rng): Space {
  const d = 1 + rng.int(12);
  return spaceOf(Array.from({ length: d }, (_, j) => randomParameter(rng, `p${j}`)));
}

/** A uniform random point of the unit cube, with end points now and then. */
function randomPoint(rng: Rng, d: number): number[] {
  return Array.from({ length: d }, () => {
    const r = rng.next();
    return r < 0.03 ? 0 : r < 0.06 ? 1 : rng.next();
  });
}

/** True for parameters whose round trip is exact. */
function isDiscrete(p: Parameter): boolean {
  return p.type !== "float" || p.step !== undefined;
}

/** Asserts decode(encode(params)) equals params: exactly, or up to rounding for plain floats. */
function assertRoundTrip(space: Space, params: Params): void {
  const point = space.encode(params);
  assert.equal(point.length, space.dimension);
  for (const u of point) assert.ok(u >= 0 && u <= 1, `coordinate ${u}`);
  const back = space.decode(point);
  for (const p of space.parameters) {
    const [a, b] = [back[p.name], params[p.name]];
    if (isDiscrete(p)) {
      assert.equal(a, b, `${JSON.stringify(p)}: ${b} → ${a}`);
    } else {
      const scale = Math.max(
        Math.abs(b as number),
        (p as { max: number }).max - (p as { min: number }).min,
      );
      assert.ok(
        Math.abs((a as number) - (b as number)) <= 1e-12 * scale,
        `${JSON.stringify(p)}: ${b} → ${a}`,
      );
    }
  }
}

Deno.test("decode gives valid points of random spaces, and round-trips", () => {
  const rng = Rng.fromSeed(2025);
  for (let s = 0; s < 300; s++) {
    const space = randomSpace(rng);
    for (let i = 0; i < 60; i++) {
      const params = space.decode(randomPoint(rng, space.dimension));
      assert.deepEqual(space.check(params), [], JSON.stringify({ spec: space.spec, params }));
      // Decoded params round-trip exactly, floats included.
      assert.deepEqual(space.decode(space.encode(params)), params);
      assertRoundTrip(space, params);
    }
  }
});

Deno.test("every grid value of random spaces round-trips exactly", () => {
  const rng = Rng.fromSeed(77);
  for (let s = 0; s < 300; s++) {
    const space = randomSpace(rng);
    for (const p of space.parameters) {
      if (!isDiscrete(p)) continue;
      const one = new Space({ parameters: [p] });
      const n = p.type === "categorical"
        ? p.values.length
        : Math.floor((p.max - p.min) / (p.step ?? 1) + 1e-9) + 1;
      // All values of small grids, a sample of large ones (by index).
      const ks = n <= 400
        ? Array.from({ length: n }, (_, k) => k)
        : Array.from({ length: 400 }, () => rng.int(n));
      for (const k of ks) {
        const params = one.decode([(k + 0.5) / n]);
        if (p.type === "categorical") assert.equal(params[p.name], p.values[k]);
        else if (p.type === "int" && p.scale === "linear") {
          assert.equal(params[p.name], p.min + k * (p.step ?? 1));
        } else if (p.type === "float" && p.scale === "linear" && p.step !== undefined) {
          const expected = p.min + k * p.step;
          assert.ok(Math.abs((params[p.name] as number) - expected) <= 1e-9 * p.step);
        }
        assertRoundTrip(one, params);
      }
    }
  }
});

Deno.test("valid params that decode never wrote round-trip", () => {
  const rng = Rng.fromSeed(5);
  for (let s = 0; s < 200; s++) {
    const space = randomSpace(rng);
    for (let i = 0; i < 30; i++) {
      const params: Params = {};
      for (const p of space.parameters) {
        if (p.type === "categorical") params[p.name] = p.values[rng.int(p.values.length)];
        else if (p.type === "int") {
          const step = p.step ?? 1;
          params[p.name] = p.min + step * rng.int(Math.floor((p.max - p.min) / step) + 1);
        } else if (p.step === undefined) {
          params[p.name] = Math.min(p.max, p.min + rng.next() * (p.max - p.min));
        } else {
          // A grid value as a client computes it: 0.30000000000000004 and all.
          const k = rng.int(Math.floor((p.max - p.min) / p.step + 1e-9) + 1);
          params[p.name] = Math.min(p.max, p.min + k * p.step);
        }
      }
      assert.deepEqual(space.check(params), []);
      const back = space.decode(space.encode(params));
      assert.deepEqual(space.check(back), []);
      for (const p of space.parameters) {
        const tolerance = p.type === "float" ? 1e-9 * (p.step ?? (p.max - p.min)) : 0;
        assert.ok(
          back[p.name] === params[p.name] ||
            Math.abs((back[p.name] as number) - (params[p.name] as number)) <= tolerance,
          `${JSON.stringify(p)}: ${params[p.name]} → ${back[p.name]}`,
        );
      }
    }
  }
});

Deno.test("encode(decode(u)) ≈ u for floats without a step", () => {
  const space = spaceOf([
    { name: "a", type: "float", min: -3, max: 7 },
    { name: "b", type: "float", min: 1e-6, max: 1e3, scale: "log" },
    { name: "c", type: "float", min: 1e6, max: 1e6 + 1e-3 },
  ]);
  const rng = Rng.fromSeed(1);
  for (let i = 0; i < 2000; i++) {
    const u = randomPoint(rng, 3);
    const v = space.encode(space.decode(u));
    // Up to the resolution of the values: c's values near 1e6 have a spacing
    // of 1.2e-10, 1.2e-7 of its range.
    const tolerance = [1e-15, 1e-13, 2e-7];
    for (let j = 0; j < 3; j++) {
      assert.ok(Math.abs(v[j] - u[j]) <= tolerance[j], `${u[j]} → ${v[j]}`);
    }
  }
});

Deno.test("the mixed space decodes to the right types and grids", () => {
  const space = spaceOf([
    { name: "f", type: "float", min: -1, max: 1 },
    { name: "flog", type: "float", min: 1e-3, max: 10, scale: "log" },
    { name: "fstep", type: "float", min: 0, max: 1, step: 0.1 },
    { name: "i", type: "int", min: -5, max: 5 },
    { name: "istep", type: "int", min: 0, max: 100, step: 25 },
    { name: "ilog", type: "int", min: 1, max: 1024, scale: "log" },
    { name: "c", type: "categorical", values: ["x", 2, false] },
  ]);
  assert.equal(space.dimension, 7);
  assert.deepEqual(space.decode([0, 0, 0, 0, 0, 0, 0]), {
    f: -1,
    flog: 1e-3,
    fstep: 0,
    i: -5,
    istep: 0,
    ilog: 1,
    c: "x",
  });
  assert.deepEqual(space.decode([1, 1, 1, 1, 1, 1, 1]), {
    f: 1,
    flog: 10,
    fstep: 1,
    i: 5,
    istep: 100,
    ilog: 1024,
    c: false,
  });
  const mid = space.decode([0.5, 0.5, 0.35, 0.5, 0.5, 0.5, 0.5]);
  assert.equal(mid.f, 0);
  assert.ok(Math.abs((mid.flog as number) - 0.1) < 1e-15);
  assert.equal(mid.fstep, 0.3);
  assert.equal(mid.i, 0);
  assert.equal(mid.istep, 50);
  assert.equal(mid.ilog, 32); // floor(√1025) = 32
  assert.equal(mid.c, 2);
});

Deno.test("decode clamps coordinates and reads NaN as 0.5", () => {
  const space = spaceOf([
    { name: "a", type: "float", min: 0, max: 10 },
    { name: "b", type: "int", min: 0, max: 10 },
  ]);
  assert.deepEqual(space.decode([-3, 7]), { a: 0, b: 10 });
  assert.deepEqual(space.decode([-Infinity, Infinity]), { a: 0, b: 10 });
  assert.deepEqual(space.decode([NaN, NaN]), { a: 5, b: 5 });
  assert.deepEqual(space.decode(new Float64Array([0.5, 0])), { a: 5, b: 0 });
});

Deno.test("decode rejects points of the wrong dimension", () => {
  const space = spaceOf([{ name: "a", type: "float", min: 0, max: 1 }]);
  assert.throws(() => space.decode([]), /has 1 coordinates, got 0/);
  assert.throws(() => space.decode([0.1, 0.2]), RangeError);
});

Deno.test("encode rejects invalid params with the reasons", () => {
  const space = spaceOf([
    { name: "a", type: "float", min: 0, max: 1 },
    { name: "b", type: "categorical", values: ["x"] },
  ]);
  assert.throws(() => space.encode({ a: 2, b: "x" }), /params\.a: must be at most 1/);
  assert.throws(() => space.encode({ a: 0.5 }), /params\.b: parameter "b" is missing/);
});

Deno.test("the schema refuses __proto__ as a name; Space copes with it anyway", () => {
  const refused = SpaceSchema.safeParse({
    parameters: [{ name: "__proto__", type: "int", min: 0, max: 3 }],
  });
  assert.equal(refused.success, false);
  const space = new Space(SpaceSchema.parse({
    parameters: [
      { name: "a", type: "int", min: 0, max: 3 },
      { name: "constructor", type: "float", min: 0, max: 1 },
    ],
  }));
  const params = space.decode([0, 0.5]);
  assert.ok(Object.hasOwn(params, "constructor"));
  assert.equal(params.constructor, 0.5);
});

Deno.test("a parameter named __proto__ (bypassing the schema) still round-trips", () => {
  const space = new Space({
    parameters: [
      { name: "__proto__", type: "int", min: 0, max: 3, scale: "linear" },
      { name: "constructor", type: "float", min: 0, max: 1, scale: "linear" },
    ],
  } as never);
  const params = space.decode([0.9, 0.5]);
  assert.ok(Object.hasOwn(params, "__proto__"));
  assert.equal(Object.getPrototypeOf(params), Object.prototype);
  assert.equal(JSON.stringify(params), '{"__proto__":3,"constructor":0.5}');
  assert.deepEqual(space.check(params), []);
  assert.deepEqual(space.check(JSON.parse('{"__proto__":1,"constructor":0.25}')), []);
  assert.equal(space.check({ constructor: 0.5 })[0].rule, "missing_parameter");
  assert.deepEqual(space.decode(space.encode(params)), params);
});

Deno.test("spec, parameters and dimension", () => {
  const spec = SpaceSchema.parse({
    parameters: [{ name: "a", type: "float", min: 0, max: 1 }, {
      name: "b",
      type: "categorical",
      values: [1],
    }],
  });
  const space = new Space(spec);
  assert.equal(space.spec, spec);
  assert.equal(space.parameters, spec.parameters);
  assert.equal(space.dimension, 2);
  assert.deepEqual(space.check({ a: 0.5, b: 1 }, "trial.params"), []);
  assert.equal(space.check({ a: 0.5 }, "trial.params")[0].field, "trial.params.b");
});
