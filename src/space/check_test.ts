import assert from "node:assert/strict";
import { checkParams, type ParamIssue } from "./check.ts";
import { SpaceSchema } from "./schema.ts";

const { parameters } = SpaceSchema.parse({
  parameters: [
    { name: "lr", type: "float", min: 1e-5, max: 1, scale: "log" },
    { name: "dropout", type: "float", min: 0, max: 0.5, step: 0.1 },
    { name: "layers", type: "int", min: 1, max: 8 },
    { name: "width", type: "int", min: 16, max: 256, step: 16 },
    { name: "act", type: "categorical", values: ["relu", "gelu", 1, true] },
  ],
});

const valid = { lr: 0.01, dropout: 0.3, layers: 3, width: 64, act: "gelu" };

/** The issues of `valid` with some fields replaced. */
function issuesWith(changes: Record<string, unknown>): ParamIssue[] {
  return checkParams(parameters, { ...valid, ...changes }, "params");
}

/** The single issue of `valid` with some fields replaced. */
function onlyIssue(changes: Record<string, unknown>): ParamIssue {
  const issues = issuesWith(changes);
  assert.equal(issues.length, 1, JSON.stringify(issues));
  return issues[0];
}

Deno.test("a valid point has no issues", () => {
  assert.deepEqual(checkParams(parameters, valid, "params"), []);
  assert.deepEqual(issuesWith({ lr: 1e-5, dropout: 0, layers: 8, width: 256, act: true }), []);
  assert.deepEqual(issuesWith({ act: 1, dropout: 0.30000000000000004 }), []);
  assert.deepEqual(checkParams(parameters, Object.assign(Object.create(null), valid), "p"), []);
});

Deno.test("rule object: params must be a plain object", () => {
  for (const bad of [null, undefined, 3, "x", [], [1], new Date(), new Map()]) {
    const issues = checkParams(parameters, bad, "body.params");
    assert.equal(issues.length, 1);
    assert.equal(issues[0].rule, "object");
    assert.equal(issues[0].field, "body.params");
  }
  assert.match(checkParams(parameters, null, "params")[0].message, /got null/);
});

Deno.test("rules missing_parameter and unknown_parameter", () => {
  const { lr: _, ...rest } = valid;
  const issues = checkParams(parameters, { ...rest, LR: 0.1, extra: 1 }, "params");
  assert.deepEqual(issues.map((i) => [i.field, i.rule]), [
    ["params.lr", "missing_parameter"],
    ["params.LR", "unknown_parameter"],
    ["params.extra", "unknown_parameter"],
  ]);
  assert.match(issues[0].message, /"lr" is missing/);
  assert.match(issues[1].message, /did you mean "lr"\?/);
  assert.doesNotMatch(issues[2].message, /did you mean/);
});

Deno.test("an object with another prototype is not params", () => {
  const proto = { lr: 0.1 };
  const { lr: _, ...rest } = valid;
  const params = Object.assign(Object.create(proto), rest);
  // Not a plain object: its prototype is not Object.prototype.
  assert.equal(checkParams(parameters, params, "params")[0].rule, "object");
});

Deno.test("rule type: floats must be finite numbers", () => {
  for (const bad of ["0.1", NaN, Infinity, null, true]) {
    const issue = onlyIssue({ lr: bad });
    assert.equal(issue.rule, "type");
    assert.equal(issue.field, "params.lr");
    assert.match(issue.message, /finite number/);
  }
});

Deno.test("rule type: ints must be integers", () => {
  for (const bad of [2.5, "3", NaN, Infinity]) {
    const issue = onlyIssue({ layers: bad });
    assert.equal(issue.rule, "type");
    assert.match(issue.message, /must be an integer/);
  }
  assert.deepEqual(issuesWith({ layers: 3.0 }), []);
});

Deno.test("rule bounds: names the bound", () => {
  const low = onlyIssue({ layers: 0 });
  assert.equal(low.rule, "bounds");
  assert.match(low.message, /at least 1 .*got 0/);
  const high = onlyIssue({ lr: 2 });
  assert.equal(high.rule, "bounds");
  assert.match(high.message, /at most 1 .*got 2/);
  assert.equal(onlyIssue({ lr: 0 }).rule, "bounds");
  assert.equal(onlyIssue({ width: 272 }).rule, "bounds");
});

Deno.test("rule step: off the grid, with the nearest grid values", () => {
  const f = onlyIssue({ dropout: 0.25 });
  assert.equal(f.rule, "step");
  assert.equal(f.field, "params.dropout");
  assert.match(f.message, /0 plus a multiple of 0\.1 \(nearest: 0\.2 or 0\.3\); got 0\.25/);
  const i = onlyIssue({ width: 40 });
  assert.equal(i.rule, "step");
  assert.match(i.message, /16 plus a multiple of 16 \(nearest: 32 or 48\)/);
  // Within 1e-9 step of a grid value is on the grid.
  assert.deepEqual(issuesWith({ dropout: 0.2 + 1e-11 }), []);
  assert.equal(onlyIssue({ dropout: 0.2 + 1e-8 }).rule, "step");
});

Deno.test("rule step: tolerates the rounding of large offsets", () => {
  const [p] = SpaceSchema.parse({
    parameters: [{ name: "t", type: "float", min: 1e10, max: 1e10 + 1, step: 1e-3 }],
  }).parameters;
  for (const k of [0, 1, 7, 333, 1000]) {
    assert.deepEqual(checkParams([p], { t: 1e10 + k * 1e-3 }, "params"), []);
  }
  assert.equal(checkParams([p], { t: 1e10 + 0.0005 }, "params")[0].rule, "step");
});

Deno.test("rules type and value for categoricals", () => {
  const lookalike = onlyIssue({ act: "1" });
  assert.equal(lookalike.rule, "type");
  assert.match(lookalike.message, /the string "1", not the number 1/);
  assert.equal(onlyIssue({ act: "true" }).rule, "type");
  assert.equal(onlyIssue({ act: null }).rule, "type");
  assert.equal(onlyIssue({ act: ["relu"] }).rule, "type");
  const unknown = onlyIssue({ act: "tanh" });
  assert.equal(unknown.rule, "value");
  assert.match(unknown.message, /one of "relu", "gelu", 1, true; got "tanh"/);
  assert.equal(onlyIssue({ act: 2 }).rule, "value");
  assert.equal(onlyIssue({ act: false }).rule, "value");
});

Deno.test("long value lists are cut short in messages", () => {
  const [p] = SpaceSchema.parse({
    parameters: [{
      name: "c",
      type: "categorical",
      values: Array.from({ length: 30 }, (_, i) => `v${i}`),
    }],
  }).parameters;
  const [issue] = checkParams([p], { c: "nope" }, "params");
  assert.match(issue.message, /"v9", … \(30 values\); got "nope"/);
  assert.doesNotMatch(issue.message, /v10/);
});

Deno.test("several issues are all reported, in space order", () => {
  const issues = checkParams(
    parameters,
    { lr: -1, dropout: "x", layers: 1.5, act: "tanh", more: 1 },
    "params",
  );
  assert.deepEqual(issues.map((i) => [i.field, i.rule]), [
    ["params.lr", "bounds"],
    ["params.dropout", "type"],
    ["params.layers", "type"],
    ["params.width", "missing_parameter"],
    ["params.act", "value"],
    ["params.more", "unknown_parameter"],
  ]);
});
