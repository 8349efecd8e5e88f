/**
 * "sso": target-based surrogate optimisation (Lavington, Vaswani,
 * Babanezhad, Schmidt, Le Roux, ICML 2023; docs/algorithms.md) as a
 * designer of the service. Its subject is a model z = f(θ; X), not a search
 * space: the designer holds θ, the service hands out targets z_t = f(θ; X)
 * in rounds, and each round's gradient G = ∂ℓ/∂z (feedback kind
 * `target_gradient`) is turned into m inner steps on the surrogate around
 * the round's own z_t (inner.ts). θ is algorithm state like any other: saved
 * with the study, restored by the designer session; the features are data
 * the service keeps in its database and hands to `update` with the round.
 *
 * Rounds may overlap (several clients, parallel simulators): a gradient for
 * an older θ is still applied, to the surrogate around the z_t it was taken
 * at, starting from the current θ. The inner loop does not assume that
 * f(θ) = z_t, so this is the same surrogate the round would have had, now
 * minimised from where θ has moved since.
 *
 * The designer never suggests points (`suggest` gives none: rounds are its
 * protocol). The state is `{ v: 1, theta, thetaVersion, last }`: θ as the
 * base64 of its float64 bytes (exact, and a third of the size of JSON
 * numbers), how many rounds it has taken in, and what the last round's inner
 * steps did (the service answers completeRound with it).
 *
 * @module
 */
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Suggestion,
  TargetGradientFeedback,
} from "../types.ts";
import { builtInSpec, dimsOf, type SsoConfig, SsoConfigSchema } from "./config.ts";
import { type InnerStep, innerSteps } from "./inner.ts";
import { createModel, initialTheta, type SsoModel } from "./models.ts";

export { type SsoConfig, SsoConfigSchema } from "./config.ts";

/** What one round's inner steps did. */
export interface RoundSteps {
  /** The round the gradient answered. */
  roundId: string;
  /** θ's version after the round. */
  thetaVersion: number;
  /** The inner steps taken, in order. */
  steps: InnerStep[];
  /** h where the steps started (the current θ, on the round's surrogate). */
  surrogateBefore: number;
  /** h at the new θ. */
  surrogateAfter: number;
  /**
   * Why the inner loop ended: m steps, a vanishing gradient, a failed line
   * search, or `nonFinite` (a step gave a θ that is not finite: θ was kept).
   */
  stopped: "steps" | "gradient" | "lineSearch" | "nonFinite";
}

/** The state of an sso designer, read back. */
export interface SsoState {
  theta: Float64Array;
  /** Rounds taken in (0 for a new study). */
  thetaVersion: number;
  /** What the last round's inner steps did; null before the first. */
  last: RoundSteps | null;
}

/** θ's float64 bytes as base64. */
export function encodeTheta(theta: Float64Array): string {
  return new Uint8Array(theta.buffer, theta.byteOffset, theta.byteLength).toBase64();
}

/** θ from the base64 of its float64 bytes. */
export function decodeTheta(text: string): Float64Array {
  const bytes = Uint8Array.fromBase64(text);
  if (bytes.byteLength % 8 !== 0) throw new Error("θ's bytes are not float64s");
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
}

/** Reads a state `dump` wrote; throws on anything else. */
export function readSsoState(state: JsonValue, params: number): SsoState {
  const s = state as Record<string, JsonValue> | null;
  if (s === null || typeof s !== "object" || Array.isArray(s)) {
    throw new Error(`corrupt "sso" state: expected an object, got ${JSON.stringify(state)}`);
  }
  if (s.v !== 1) throw new Error(`corrupt "sso" state: unknown version ${JSON.stringify(s.v)}`);
  if (typeof s.theta !== "string") throw new Error('corrupt "sso" state: no θ');
  const theta = decodeTheta(s.theta);
  if (theta.length !== params) {
    throw new Error(`corrupt "sso" state: θ has ${theta.length} entries, the model ${params}`);
  }
  const version = s.thetaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new Error('corrupt "sso" state: bad thetaVersion');
  }
  return { theta, thetaVersion: version, last: (s.last ?? null) as unknown as RoundSteps | null };
}

/** θ₀ of a config: the config's, else the family's default from the seed. */
export function firstTheta(config: SsoConfig, seed: number): Float64Array {
  const { params } = dimsOf(config.model);
  if (config.initialTheta) {
    if (config.initialTheta.length !== params) {
      throw new RangeError(`θ₀ has ${config.initialTheta.length} entries, the model ${params}`);
    }
    return Float64Array.from(config.initialTheta);
  }
  const spec = builtInSpec(config.model);
  return spec ? initialTheta(spec, seed) : new Float64Array(params);
}

/** Checks a gradient's sizes against the model (the service checks them first, naming fields). */
function checkFeedback(f: TargetGradientFeedback, dims: ReturnType<typeof dimsOf>): void {
  const { rows } = f;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`bad row count ${rows}`);
  if (f.inputs.length !== rows * dims.inputs) {
    throw new RangeError(`X must hold ${rows}×${dims.inputs} values, got ${f.inputs.length}`);
  }
  const size = rows * dims.outputs;
  if (f.targets.length !== size || f.gradient.length !== size) {
    throw new RangeError(`z_t and G must hold ${rows}×${dims.outputs} values`);
  }
}

class SsoDesigner implements Designer {
  readonly #config: SsoConfig;
  readonly #model: () => SsoModel;
  #theta: Float64Array;
  #version: number;
  #last: RoundSteps | null;

  constructor({ config, seed, state, services }: CreateOptions<SsoConfig>) {
    this.#config = config;
    const { params } = dimsOf(config.model);
    if (state === undefined) {
      this.#theta = firstTheta(config, seed);
      this.#version = 0;
      this.#last = null;
    } else {
      const read = readSsoState(state, params);
      this.#theta = read.theta;
      this.#version = read.thetaVersion;
      this.#last = read.last;
    }
    const spec = builtInSpec(config.model);
    let model: SsoModel | undefined;
    this.#model = () => {
      if (model) return model;
      if (spec) return model = createModel(spec);
      if (!services?.ssoModel) {
        throw new Error("an onnx model runs on the service's ONNX runtime: none was lent");
      }
      return model = services.ssoModel;
    };
  }

  suggest(count: number): Promise<Suggestion[]> {
    if (!Number.isInteger(count) || count < 0) {
      return Promise.reject(new RangeError(`count must be a non-negative integer, got ${count}`));
    }
    // Rounds are this algorithm's protocol: it has no points to hand out.
    return Promise.resolve([]);
  }

  async update(feedback: Feedback[]): Promise<void> {
    for (const f of feedback) {
      if (f.kind === "target_gradient") await this.#round(f);
    }
  }

  /** One round's inner steps, from the current θ on the surrogate around the round's z_t. */
  async #round(f: TargetGradientFeedback): Promise<void> {
    const config = this.#config;
    const dims = dimsOf(config.model);
    checkFeedback(f, dims);
    const result = await innerSteps({
      model: this.#model(),
      theta: this.#theta,
      X: f.inputs,
      rows: f.rows,
      zt: f.targets,
      G: f.gradient,
      eta: config.targetStepSize,
      m: config.innerSteps,
      l2: config.l2,
      lineSearch: config.fixedStep !== undefined
        ? { fixedStep: config.fixedStep }
        : config.lineSearch,
    });
    const finite = result.theta.every(Number.isFinite);
    if (finite) this.#theta = result.theta;
    this.#version++;
    this.#last = {
      roundId: f.roundId,
      thetaVersion: this.#version,
      steps: result.steps,
      surrogateBefore: result.surrogateBefore,
      surrogateAfter: finite ? result.surrogateAfter : result.surrogateBefore,
      stopped: finite ? result.stopped : "nonFinite",
    };
  }

  dump(): JsonValue {
    return {
      v: 1,
      theta: encodeTheta(this.#theta),
      thetaVersion: this.#version,
      last: this.#last as unknown as JsonValue,
    };
  }

  recommend(): null {
    return null;
  }
}

/** The "sso" algorithm. */
export const ssoAlgorithm: AlgorithmDefinition<SsoConfig> = {
  name: "sso",
  description:
    "Target-based surrogate optimisation (Lavington et al., ICML 2023): trains a model's " +
    "parameters θ from gradients of the client's loss with respect to the model's outputs. " +
    "A study has no space; rounds hand out targets z = f(θ; X) for a batch of rows and take " +
    "back ∂ℓ/∂z, then minima takes m cheap inner steps on a surrogate of the loss. Models: " +
    "linear, mlp, or an ONNX forward/VJP pair.",
  feedbackKinds: ["target_gradient"],
  learnsFromFeedback: true,
  offload: true,
  offloads: (config) => config.model.family !== "onnx",
  protocol: "rounds",
  configSchema: SsoConfigSchema,
  create: (options) => new SsoDesigner(options),
};
