/**
 * The search space of a study as the algorithms see it: the unit cube
 * [0, 1]^d, one coordinate per parameter, and the maps between its points
 * and the parameter values clients see.
 *
 * @module
 */
import { type ParameterCodec, parameterCodec } from "./codec.ts";
import { checkParams, type ParamIssue } from "./check.ts";
import type { Parameter, ParameterValue, Params, SpaceSpec } from "./schema.ts";

export type { Parameter, ParameterValue, Params, SpaceSpec } from "./schema.ts";
export type { ParamIssue } from "./check.ts";

/** Clamps a coordinate into [0, 1]; NaN becomes the centre, 0.5. */
function sanitize(u: number): number {
  if (Number.isNaN(u)) return 0.5;
  return u < 0 ? 0 : u > 1 ? 1 : u;
}

/**
 * A search space and its encoding into the unit cube.
 *
 * Each parameter is one coordinate, in the order of `spec.parameters`:
 * - floats: linear in the value, or in its logarithm on a log scale;
 * - integers, floats with a step and categoricals: the coordinate is cut
 *   into one cell per allowed value (equal cells on a linear scale, so a
 *   uniform coordinate gives every value the same probability; cells of the
 *   log-uniform variable on a log scale), and a value encodes to its cell's
 *   centre. Categorical value i of k owns [i/k, (i+1)/k).
 *
 * `decode` turns any point into a valid one. `decode(encode(p))` is `p` for
 * every point `decode` can produce, and for every valid point whose floats
 * `decode` can produce (every integer and categorical value, grid floats as
 * `decode` writes them: 0.3, not 0.30000000000000004). Other floats come back
 * within rounding error, grid floats as their grid value.
 *
 * @example
 * ```ts
 * import { SpaceSchema } from "./schema.ts";
 *
 * const space = new Space(SpaceSchema.parse({ parameters: [
 *   { name: "lr", type: "float", min: 1e-5, max: 1, scale: "log" },
 *   { name: "layers", type: "int", min: 1, max: 8 },
 * ] }));
 * space.decode([0.5, 0.5]); // { lr: 0.00316…, layers: 5 }
 * ```
 */
export class Space {
  /** The space as validated by `SpaceSchema` (defaults applied). */
  readonly spec: SpaceSpec;
  /** The parameters, in coordinate order. */
  readonly parameters: readonly Parameter[];
  /** The number of coordinates: one per parameter. */
  readonly dimension: number;
  readonly #codecs: readonly ParameterCodec[];

  /** @param spec a space already validated by `SpaceSchema`. */
  constructor(spec: SpaceSpec) {
    this.spec = spec;
    this.parameters = spec.parameters;
    this.dimension = spec.parameters.length;
    this.#codecs = spec.parameters.map(parameterCodec);
  }

  /**
   * The valid point of the space at a point of the unit cube. Coordinates
   * outside [0, 1] are clamped and NaN reads as 0.5.
   *
   * @throws {RangeError} when `point` does not have `dimension` coordinates.
   */
  decode(point: ArrayLike<number>): Params {
    if (point.length !== this.dimension) {
      throw new RangeError(
        `a point of this space has ${this.dimension} coordinates, got ${point.length}`,
      );
    }
    // Object.fromEntries defines own properties, so even "__proto__" works.
    return Object.fromEntries(
      this.parameters.map((p, j): [string, ParameterValue] => [
        p.name,
        this.#codecs[j].decode(sanitize(point[j])),
      ]),
    );
  }

  /**
   * The point of the unit cube for valid params: one coordinate per
   * parameter, each in [0, 1].
   *
   * @throws {Error} when `params` is not a valid point (see `check`).
   */
  encode(params: Params): number[] {
    const issues = this.check(params);
    if (issues.length > 0) {
      const reasons = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
      throw new Error(`cannot encode params that are not a point of the space: ${reasons}`);
    }
    return this.parameters.map((p, j) => this.#codecs[j].encode(params[p.name]));
  }

  /**
   * Every reason `params` is not a point of this space; empty when it is one.
   *
   * @param params anything, typically a request body's field.
   * @param field the name issues use for `params` (`params.<name>` for one parameter).
   */
  check(params: unknown, field = "params"): ParamIssue[] {
    return checkParams(this.parameters, params, field);
  }
}
