import assert from "node:assert/strict";
import { Rng } from "../../math/rng.ts";
import { Space } from "../../space/mod.ts";
import { SpaceSchema } from "../../space/schema.ts";
import { MIXED_SPACE } from "../test_spaces.ts";
import { Embedding, ONE_HOT_LEVEL } from "./embed.ts";

function categoricalSpace(values: string[]): Space {
  return new Space(SpaceSchema.parse({
    parameters: [
      { name: "x", type: "float", min: 0, max: 1 },
      { name: "c", type: "categorical", values },
    ],
  }));
}

function randomPoint(rng: Rng, d: number): number[] {
  return Array.from({ length: d }, () => rng.next());
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  return a.reduce((sum, v, i) => sum + (v - b[i]) ** 2, 0);
}

Deno.test("the mixed space embeds as 8 numeric columns and one column per category", () => {
  const e = new Embedding(MIXED_SPACE);
  assert.equal(e.dimension, 12);
  assert.equal(e.width, 8 + 3 + 3 + 2 + 4);
  assert.deepEqual(e.free, [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(e.categorical, [8, 9, 10, 11]);
  assert.deepEqual(e.coordinates.map((c) => c.kind), [
    "continuous",
    "continuous",
    ...Array(6).fill("grid"),
    ...Array(4).fill("categorical"),
  ]);
  assert.deepEqual(e.coordinates.map((c) => c.column), [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 16]);
});

Deno.test("snap gives the point the service evaluates, and decodes like the original", () => {
  const e = new Embedding(MIXED_SPACE);
  const rng = Rng.fromSeed(3);
  for (let i = 0; i < 500; i++) {
    const u = randomPoint(rng, e.dimension);
    const snapped = e.snap(u);
    assert.deepEqual(MIXED_SPACE.decode(snapped), MIXED_SPACE.decode(u));
    assert.equal(e.key(snapped), e.key(u));
    assert.deepEqual(e.snap(snapped), snapped, "snapping is idempotent");
    const service = MIXED_SPACE.encode(MIXED_SPACE.decode(u));
    for (let j = 0; j < e.dimension; j++) {
      if (e.coordinates[j].kind === "continuous") {
        assert.equal(snapped[j], u[j]);
        assert.ok(Math.abs(service[j] - u[j]) < 1e-12);
      } else {
        assert.equal(snapped[j], service[j], `coordinate ${j}`);
      }
    }
    // The embedding of the snapped point is that of the point itself on every categorical column.
    const a = e.embed([u]);
    const b = e.embed([snapped]);
    for (const j of e.categorical) {
      const c = e.coordinates[j];
      if (c.kind !== "categorical") continue;
      for (let v = 0; v < c.size; v++) assert.equal(a[c.column + v], b[c.column + v]);
    }
  }
});

Deno.test("each category embeds to its (scaled) unit vector and decodes back to itself", () => {
  const e = new Embedding(MIXED_SPACE);
  for (const j of e.categorical) {
    const c = e.coordinates[j];
    assert.ok(c.kind === "categorical" && c.oneHot);
    const p = MIXED_SPACE.parameters[j];
    assert.ok(p.type === "categorical");
    for (let k = 0; k < c.size; k++) {
      const point = Array(e.dimension).fill(0.5);
      point[j] = c.centres[k];
      assert.equal(e.category(j, point[j]), k);
      assert.equal(MIXED_SPACE.decode(point)[p.name], p.values[k]);
      assert.equal(c.centres[k], MIXED_SPACE.encode({ ...MIXED_SPACE.decode(point) })[j]);
      const row = e.embed([point]);
      const block: number[] = Array.from(row.subarray(c.column, c.column + c.size));
      const unitVector: number[] = Array.from(
        { length: c.size },
        (_, v) => (v === k ? ONE_HOT_LEVEL : 0),
      );
      assert.deepEqual(block, unitVector);
      // Anywhere in the value's cell embeds the same.
      const edge = point.slice();
      edge[j] = k / c.size + 1e-9;
      assert.deepEqual(Array.from(e.embed([edge])), Array.from(row));
    }
  }
});

Deno.test("one-hot distances do not depend on the order of the values", () => {
  assert.ok(Math.abs(2 * ONE_HOT_LEVEL ** 2 - 0.25) < 1e-15);
  const values = ["a", "b", "c", "d", "e"];
  const e = new Embedding(categoricalSpace(values));
  const c = e.coordinates[1];
  assert.ok(c.kind === "categorical");
  const rows = c.centres.map((u) => e.embed([[0.3, u]]));
  for (let i = 0; i < values.length; i++) {
    for (let k = 0; k < values.length; k++) {
      const expected = i === k ? 0 : 2 * ONE_HOT_LEVEL ** 2;
      assert.ok(Math.abs(squaredDistance(rows[i], rows[k]) - expected) < 1e-15, `${i}, ${k}`);
    }
  }
  // Permuting the list permutes the columns, nothing else.
  const permuted = ["d", "a", "e", "c", "b"];
  const p = new Embedding(categoricalSpace(permuted));
  const pc = p.coordinates[1];
  assert.ok(pc.kind === "categorical");
  values.forEach((v, i) => {
    const k = permuted.indexOf(v);
    const row = p.embed([[0.3, pc.centres[k]]]);
    assert.equal(row[0], 0.3);
    permuted.forEach((w, col) => assert.equal(row[1 + col], rows[i][1 + values.indexOf(w)]));
  });
});

Deno.test("index mode and large categoricals use one ordinal column", () => {
  const values = ["a", "b", "c", "d", "e"];
  const space = categoricalSpace(values);
  for (
    const e of [
      new Embedding(space, { categoricals: "index" }),
      new Embedding(space, { maxOneHot: 4 }),
    ]
  ) {
    assert.equal(e.width, 2);
    const c = e.coordinates[1];
    assert.ok(c.kind === "categorical" && !c.oneHot);
    const rows = c.centres.map((u) => e.embed([[0.3, u + 0.05]]));
    rows.forEach((row, k) => assert.equal(row[1], c.centres[k]));
    // Here the order shows: the first value is closer to the second than to the last.
    assert.ok(squaredDistance(rows[0], rows[1]) < squaredDistance(rows[0], rows[4]));
  }
  assert.equal(new Embedding(space, { maxOneHot: 5 }).width, 6);
});

Deno.test("keys tell trials apart by their params", () => {
  const e = new Embedding(MIXED_SPACE);
  const rng = Rng.fromSeed(5);
  const u = randomPoint(rng, e.dimension);
  const other = u.slice();
  other[10] = u[10] < 0.5 ? 0.75 : 0.25; // the other value of "bias"
  assert.notEqual(e.key(other), e.key(u));
  const same = u.slice();
  same[4] = e.snap(u)[4]; // layers: the same integer
  assert.equal(e.key(same), e.key(u));
  // "1", 1, true and "true" are four different values.
  const keys = new Set([0.1, 0.3, 0.6, 0.9].map((v) => e.key([...u.slice(0, 11), v])));
  assert.equal(keys.size, 4);
});

Deno.test("points of the wrong length, and categories of other coordinates, are refused", () => {
  const e = new Embedding(MIXED_SPACE);
  assert.throws(() => e.snap([0.5]), RangeError);
  assert.throws(() => e.embed([[0.5, 0.5]]), RangeError);
  assert.throws(() => e.category(0, 0.5), RangeError);
});

Deno.test("one-hot is capped in width: the largest categoricals fall back first", () => {
  const categorical = (name: string, k: number) => ({
    name,
    type: "categorical",
    values: Array.from({ length: k }, (_, i) => `v${i}`),
  });
  // 1,000 categoricals of 32 values: 32,000 columns one-hot; capped, each keeps one column.
  const wide = new Space(SpaceSchema.parse({
    parameters: Array.from({ length: 1000 }, (_, i) => categorical(`c${i}`, 32)),
  }));
  const e = new Embedding(wide);
  assert.equal(e.width, 1000);
  assert.ok(e.coordinates.every((c) => c.kind === "categorical" && !c.oneHot));
  // Under a cap of 20 columns: 3 + 10 + 10 + 4 = 27 one-hot; the later 10-value one falls
  // back first (27 − 9 = 18), the others stay one-hot.
  const mixed = new Space(SpaceSchema.parse({
    parameters: [
      categorical("a", 3),
      categorical("b", 10),
      categorical("c", 10),
      categorical("d", 4),
    ],
  }));
  const capped = new Embedding(mixed, { maxWidth: 20 });
  assert.deepEqual(capped.coordinates.map((c) => c.kind === "categorical" && c.oneHot), [
    true,
    true,
    false,
    true,
  ]);
  assert.equal(capped.width, 18);
  assert.equal(new Embedding(mixed).width, 27, "under the default cap: unchanged");
  // A categorical of 10,000 values even with maxOneHot 10,000: one column.
  const long = categoricalSpace(Array.from({ length: 10_000 }, (_, i) => `v${i}`));
  assert.equal(new Embedding(long, { maxOneHot: 10_000 }).width, 2);
});
