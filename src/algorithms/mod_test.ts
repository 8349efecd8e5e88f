import assert from "node:assert/strict";
import { algorithms, findAlgorithm, getAlgorithm, listAlgorithms } from "./mod.ts";
import { randomAlgorithm } from "./random/mod.ts";
import { sobolAlgorithm } from "./sobol/mod.ts";

Deno.test("random and sobol are registered under their names", () => {
  assert.equal(algorithms.get("random"), randomAlgorithm);
  assert.equal(algorithms.get("sobol"), sobolAlgorithm);
  for (const [name, definition] of algorithms) assert.equal(definition.name, name);
});

Deno.test("findAlgorithm and getAlgorithm look names up", () => {
  assert.equal(findAlgorithm("sobol"), sobolAlgorithm);
  assert.equal(findAlgorithm("nope"), undefined);
  assert.equal(getAlgorithm("random"), randomAlgorithm);
  assert.throws(() => getAlgorithm("nope"), /unknown algorithm "nope"; known: random, sobol/);
});

Deno.test("listAlgorithms lists every registered algorithm once", () => {
  const names = listAlgorithms().map((a) => a.name);
  assert.deepEqual(names, [...algorithms.keys()]);
  assert.ok(names.includes("random") && names.includes("sobol"));
  assert.equal(new Set(names).size, names.length);
});
