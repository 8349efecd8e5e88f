/**
 * Whether a value a client sent is a point of the space, and if not, why:
 * one issue per problem, each naming the field, a stable rule name and the
 * bound or values it broke.
 *
 * @module
 */
import type { CategoricalParameter, Parameter, ParameterValue } from "./schema.ts";
import { lastGridIndex } from "./codec.ts";
import type { Rule } from "../errors.ts";

/** One reason a value is not a valid point of the space. */
export interface ParamIssue {
  /** Where: `params`, or `params.<name>` for one parameter. */
  field: string;
  /**
   * Which rule: "object", "unknown_parameter", "missing_parameter", "type",
   * "bounds", "step" or "value".
   */
  rule: Rule;
  /** A sentence for people, naming the bound or the allowed values. */
  message: string;
}

/** How many categorical values a message lists before "…". */
const LISTED_VALUES = 10;

/** A value as a message shows it. */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A value with its type, for messages about types: `the string "1"`. */
function showTyped(value: unknown): string {
  const t = typeof value;
  return t === "string" || t === "number" || t === "boolean"
    ? `the ${t} ${show(value)}`
    : show(value);
}

/** True for a plain object: not null, not an array, not a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The allowed values of a categorical, for a message. */
function listValues(values: readonly ParameterValue[]): string {
  const shown = values.slice(0, LISTED_VALUES).map(show).join(", ");
  return values.length > LISTED_VALUES ? `${shown}, … (${values.length} values)` : shown;
}

/** The tolerance of the step rule: 1e−9 step, plus the rounding of min + k·step. */
function onGrid(x: number, min: number, step: number): boolean {
  const k = Math.round((x - min) / step);
  const nearest = min + k * step;
  const rounding = 4 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(min), Math.abs(nearest));
  return Math.abs(x - nearest) <= 1e-9 * step + rounding;
}

/** Each categorical's values as a set (Set compares like ===: "1" ≠ 1). */
const valueSets = new WeakMap<CategoricalParameter, Set<unknown>>();

/** The set of a categorical's values, built on first use. */
function valueSet(p: CategoricalParameter): Set<unknown> {
  let set = valueSets.get(p);
  if (!set) {
    set = new Set<unknown>(p.values);
    valueSets.set(p, set);
  }
  return set;
}

/** The issue with one categorical value, if any. */
function checkCategorical(
  p: CategoricalParameter,
  value: unknown,
  field: string,
): ParamIssue | null {
  if (valueSet(p).has(value)) return null;
  const allowed = listValues(p.values);
  const primitive = typeof value === "string" || typeof value === "number" ||
    typeof value === "boolean";
  if (!primitive) {
    return { field, rule: "type", message: `must be one of ${allowed}; got ${show(value)}` };
  }
  const lookalike = p.values.find((v) => String(v) === String(value));
  if (lookalike !== undefined) {
    return {
      field,
      rule: "type",
      message: `must be one of ${allowed}; got ${showTyped(value)}, not ${showTyped(lookalike)}`,
    };
  }
  return { field, rule: "value", message: `must be one of ${allowed}; got ${show(value)}` };
}

/** The issue with one numeric value, if any. */
function checkNumber(
  p: Parameter & { type: "float" | "int" },
  value: unknown,
  field: string,
): ParamIssue | null {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    const wanted = p.type === "int" ? "an integer" : "a finite number";
    return { field, rule: "type", message: `must be ${wanted}; got ${show(value)}` };
  }
  if (p.type === "int" && !Number.isInteger(value)) {
    return { field, rule: "type", message: `must be an integer; got ${show(value)}` };
  }
  if (value < p.min) {
    return {
      field,
      rule: "bounds",
      message: `must be at least ${p.min} (the minimum); got ${value}`,
    };
  }
  if (value > p.max) {
    return {
      field,
      rule: "bounds",
      message: `must be at most ${p.max} (the maximum); got ${value}`,
    };
  }
  const step = p.step;
  if (step === undefined) return null;
  const valid = p.type === "int" ? (value - p.min) % step === 0 : onGrid(value, p.min, step);
  if (valid) return null;
  const last = lastGridIndex(p.min, p.max, step, p.type === "int");
  const below = Math.min(last, Math.max(0, Math.floor((value - p.min) / step)));
  const neighbours = [below, below + 1].filter((k) => k <= last)
    .map((k) => Number((p.min + k * step).toPrecision(15)));
  return {
    field,
    rule: "step",
    message: `must be ${p.min} plus a multiple of ${step} (nearest: ${
      neighbours.join(" or ")
    }); got ${value}`,
  };
}

/** The issue with one parameter's value, if any. */
export function checkValue(p: Parameter, value: unknown, field: string): ParamIssue | null {
  return p.type === "categorical"
    ? checkCategorical(p, value, field)
    : checkNumber(p, value, field);
}

/**
 * Every reason `params` is not a point of a space with these parameters
 * (empty when it is one): parameters in space order, then unknown names.
 */
export function checkParams(
  parameters: readonly Parameter[],
  params: unknown,
  field: string,
): ParamIssue[] {
  if (!isPlainObject(params)) {
    return [{
      field,
      rule: "object",
      message: `must be an object that maps parameter names to values; got ${show(params)}`,
    }];
  }
  const issues: ParamIssue[] = [];
  const known = new Set<string>();
  for (const p of parameters) {
    known.add(p.name);
    const at = `${field}.${p.name}`;
    if (!Object.hasOwn(params, p.name)) {
      issues.push({
        field: at,
        rule: "missing_parameter",
        message: `parameter "${p.name}" is missing`,
      });
      continue;
    }
    const issue = checkValue(p, params[p.name], at);
    if (issue) issues.push(issue);
  }
  for (const name of Object.keys(params)) {
    if (known.has(name)) continue;
    const similar = parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const hint = similar ? `; did you mean "${similar.name}"?` : "";
    issues.push({
      field: `${field}.${name}`,
      rule: "unknown_parameter",
      message: `the space has no parameter "${name}"${hint}`,
    });
  }
  return issues;
}
