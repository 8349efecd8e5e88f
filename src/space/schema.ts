/**
 * The search space a study is defined over, as the API receives it.
 *
 * A space is a list of named parameters: floats and integers with bounds, an
 * optional log scale and an optional step, and categoricals with a list of
 * values. The schema checks every rule that does not need the rest of the
 * study (bounds ordered, names unique, steps that fit the range).
 */
// zod as @hono/zod-openapi extends it: the schemas name their OpenAPI components
// (FloatParameter, IntParameter, CategoricalParameter, ParameterSpec, SearchSpace).
import { z } from "@hono/zod-openapi";
import type { Rule } from "../errors.ts";

/** Parameter names: identifiers that survive CSV headers and URLs. */
export const PARAMETER_NAME = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_.\-]{0,63}$/;

/** The largest number of parameters a study may have. */
export const MAX_PARAMETERS = 10_000;

const name = z.string().regex(
  PARAMETER_NAME,
  "must start with a letter or '_', hold at most 64 letters, digits, '_', '.', '-', and not be __proto__",
);
const scale = z.enum(["linear", "log"]).default("linear");

/** A real-valued parameter in [min, max]. */
export const FloatParameterSchema = z.strictObject({
  name,
  type: z.literal("float"),
  min: z.number(),
  max: z.number(),
  scale,
  step: z.number().positive().optional(),
}).openapi("FloatParameter", { description: "A real-valued parameter in [min, max]" });

/** An integer parameter in [min, max]. */
export const IntParameterSchema = z.strictObject({
  name,
  type: z.literal("int"),
  min: z.number().int().safe(),
  max: z.number().int().safe(),
  scale,
  step: z.number().int().positive().safe().optional(),
}).openapi("IntParameter", { description: "An integer parameter in [min, max]" });

/** A categorical parameter: one of a list of distinct values. */
export const CategoricalParameterSchema = z.strictObject({
  name,
  type: z.literal("categorical"),
  values: z.array(z.union([z.string().max(256), z.number(), z.boolean()]))
    .min(1)
    .max(10_000),
}).openapi("CategoricalParameter", {
  description: "A categorical parameter: one of a list of distinct values",
});

/** Any one parameter. */
export const ParameterSchema = z.discriminatedUnion("type", [
  FloatParameterSchema,
  IntParameterSchema,
  CategoricalParameterSchema,
]).openapi("ParameterSpec", { description: "One parameter of a search space, by its `type`" });

/** A float parameter after defaults are applied. */
export type FloatParameter = z.infer<typeof FloatParameterSchema>;
/** An int parameter after defaults are applied. */
export type IntParameter = z.infer<typeof IntParameterSchema>;
/** A categorical parameter. */
export type CategoricalParameter = z.infer<typeof CategoricalParameterSchema>;
/** Any parameter after defaults are applied. */
export type Parameter = z.infer<typeof ParameterSchema>;
/** A parameter value as a client sees it. */
export type ParameterValue = number | string | boolean;
/** A point of the space as a client sees it: parameter name → value. */
export type Params = Record<string, ParameterValue>;

/** Checks the rules that involve more than one field of a parameter. */
function checkParameter(
  p: Parameter,
  ctx: z.RefinementCtx,
  path: (string | number)[],
): void {
  const issue = (field: string, message: string, rule: Rule) =>
    ctx.addIssue({
      code: "custom",
      path: [...path, field],
      message,
      params: { rule },
    });
  if (p.type === "categorical") {
    const seen = new Set<string>();
    p.values.forEach((v, i) => {
      const key = `${typeof v}:${String(v)}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: [...path, "values", i],
          message: `duplicate value ${JSON.stringify(v)}`,
          params: { rule: "unique_values" },
        });
      }
      seen.add(key);
      if (typeof v === "number" && !Number.isFinite(v)) {
        issue("values", "values must be finite", "finite");
      }
    });
    return;
  }
  if (!Number.isFinite(p.min)) issue("min", "must be finite", "finite");
  if (!Number.isFinite(p.max)) issue("max", "must be finite", "finite");
  if (!(p.min < p.max)) {
    issue("max", `max (${p.max}) must be greater than min (${p.min})`, "min_below_max");
    return;
  }
  if (p.scale === "log" && p.min <= 0) {
    issue("min", "a log-scaled parameter needs min > 0", "log_min_positive");
  }
  if (p.step !== undefined && p.step > p.max - p.min) {
    issue(
      "step",
      `step (${p.step}) is larger than max - min (${p.max - p.min})`,
      "step_fits_range",
    );
  }
  if (p.step !== undefined && (p.max - p.min) / p.step > 1e12) {
    issue("step", "step is too small: more than 1e12 grid points", "step_grid_size");
  }
}

/** A whole search space: at least one parameter, unique names. */
export const SpaceSchema = z.strictObject({
  parameters: z.array(ParameterSchema).min(1, "a space needs at least one parameter")
    .max(MAX_PARAMETERS),
}).superRefine((space, ctx) => {
  const seen = new Map<string, number>();
  space.parameters.forEach((p, i) => {
    const first = seen.get(p.name);
    if (first !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["parameters", i, "name"],
        message: `duplicate parameter name "${p.name}" (also parameters[${first}])`,
        params: { rule: "unique_names" },
      });
    } else seen.set(p.name, i);
    checkParameter(p, ctx, ["parameters", i]);
  });
}).openapi("SearchSpace", { description: "The parameters a study searches over" });

/** A validated search space. */
export type SpaceSpec = z.infer<typeof SpaceSchema>;
