/**
 * "gp-bo": Bayesian optimisation with a Gaussian process (ALGORITHMS.md §1).
 *
 * A scrambled Sobol design first, then, for each point asked for: fit the GP
 * (MAP hyperparameters, warm-started; refit every `refitEvery` results),
 * maximise log expected improvement (or a confidence bound), and hand the
 * point out. Points already handed out and not yet reported (pending trials,
 * and earlier points of the same batch) enter the model as fantasies at the
 * posterior mean ("kriging believer") or at the best value ("constant
 * liar"), so parallel workers get distinct points. Infeasible points enter
 * with the worst value observed, which steers the search away from them.
 *
 * Works in the encoded unit cube: integers, steps and log scales are handled
 * by the space's decoding; a categorical is one index coordinate (a kernel
 * that treats categories as unordered is future work).
 *
 * @module
 */
import { z } from "zod";
import { Rng } from "../../math/rng.ts";
import { SobolSequence } from "../../math/sobol.ts";
import type {
  AlgorithmDefinition,
  CreateOptions,
  Designer,
  Feedback,
  JsonValue,
  Recommendation,
  SuggestContext,
  Suggestion,
} from "../types.ts";
import { conditionGp, fitGp, type GpHyperparameters, type GpModel, predict } from "./gp.ts";
import { maximizeAcquisition } from "./maximize.ts";

/** The options of "gp-bo". */
export const GpBoConfigSchema = z.strictObject({
  initialDesign: z.number().int().min(2).max(10_000).optional().describe(
    "Sobol points before the GP takes over (default max(5, 2·dimension))",
  ),
  kernel: z.enum(["matern52", "rbf"]).default("matern52").describe(
    "Matérn-5/2 ARD (default) or RBF ARD",
  ),
  prior: z.enum(["legacy", "dimension-scaled"]).optional().describe(
    "Lengthscale prior: BoTorch's legacy Gamma(3, 6), or LogNormal(√2 + ½ ln d, √3) " +
      "(default: legacy for matern52, dimension-scaled for rbf)",
  ),
  acquisition: z.enum(["logei", "ucb"]).default("logei"),
  beta: z.number().positive().max(1e6).default(4).describe("β of ucb: mean − √β·sd"),
  batch: z.enum(["kriging-believer", "constant-liar"]).default("kriging-believer"),
  restarts: z.number().int().min(0).max(20).default(2).describe(
    "extra random starts of the MAP fit (on the first fit and every tenth result; other fits " +
      "start from the previous one)",
  ),
  candidates: z.number().int().min(16).max(100_000).default(2048),
  localStarts: z.number().int().min(0).max(100).default(10),
  refitEvery: z.number().int().min(1).max(1000).optional().describe(
    "refit hyperparameters after this many new results; in between the last fit is reused " +
      "(default: every result up to 100 trials, then every n/100 results)",
  ),
  noise: z.enum(["learned", "fixed"]).default("learned"),
});

/** The config of "gp-bo", defaults applied. */
export type GpBoConfig = z.infer<typeof GpBoConfigSchema>;

interface SavedHyper {
  logLengthscales: number[];
  logOutputScale: number;
  logNoise: number;
  mean: number;
}

interface GpBoState {
  v: 1;
  rng: number[];
  sobolIndex: number;
  /** Observed points (encoded) and losses. */
  x: number[][];
  y: number[];
  /** Points reported infeasible. */
  infeasible: number[][];
  hyper: SavedHyper | null;
  /** Results seen at the last hyperparameter fit. */
  fittedAt: number;
}

function restoreState(state: JsonValue, dimension: number): GpBoState {
  const s = state as Partial<GpBoState> | null;
  const ok = typeof s === "object" && s !== null && !Array.isArray(s) && s.v === 1 &&
    Array.isArray(s.rng) && Number.isInteger(s.sobolIndex) && Array.isArray(s.x) &&
    Array.isArray(s.y) && s.x.length === s.y.length && Array.isArray(s.infeasible) &&
    s.x.every((p) => Array.isArray(p) && p.length === dimension) &&
    typeof s.fittedAt === "number";
  if (!ok) throw new Error(`corrupt "gp-bo" state: ${JSON.stringify(state)?.slice(0, 200)}`);
  return s as GpBoState;
}

class GpBoDesigner implements Designer {
  readonly #d: number;
  readonly #config: GpBoConfig;
  readonly #seed: number;
  readonly #state: GpBoState;
  readonly #rng: Rng;

  constructor(options: CreateOptions<GpBoConfig>) {
    this.#d = options.space.dimension;
    this.#config = GpBoConfigSchema.parse(options.config);
    this.#seed = options.seed;
    this.#state = options.state === undefined
      ? {
        v: 1,
        rng: Rng.fromSeed(options.seed).state(),
        sobolIndex: 0,
        x: [],
        y: [],
        infeasible: [],
        hyper: null,
        fittedAt: 0,
      }
      : restoreState(options.state, this.#d);
    this.#rng = Rng.restore(this.#state.rng);
  }

  get #initialDesign(): number {
    return this.#config.initialDesign ?? Math.max(5, 2 * this.#d);
  }

  /** The data the GP sees: observations, then infeasible points at the worst value. */
  #data(): { x: number[][]; y: number[] } {
    const { x, y, infeasible } = this.#state;
    if (infeasible.length === 0 || y.length === 0) return { x, y };
    const worst = Math.max(...y);
    return { x: [...x, ...infeasible], y: [...y, ...infeasible.map(() => worst)] };
  }

  #model(
    x: number[][],
    y: number[],
    refit: boolean,
    units?: { yMean: number; yStd: number },
  ): GpModel {
    const flat = Float64Array.from(x.flat());
    const ys = Float64Array.from(y);
    const kernel = this.#config.kernel;
    const saved = this.#state.hyper;
    const hyper: GpHyperparameters | undefined = saved
      ? { ...saved, logLengthscales: Float64Array.from(saved.logLengthscales) }
      : undefined;
    if (!refit && hyper) return conditionGp(flat, ys, hyper, { kernel, ...units });
    const model = fitGp(flat, ys, {
      kernel,
      prior: this.#config.prior ?? (kernel === "rbf" ? "dimension-scaled" : "legacy"),
      // Random restarts on the first fit and every tenth; the warm start carries the rest.
      restarts: hyper === undefined || this.#state.y.length % 10 === 0 ? this.#config.restarts : 0,
      rng: this.#rng,
      warmStart: hyper,
      minNoise: this.#config.noise === "fixed" ? 1e-6 : 1e-4,
      noiseMode: this.#config.noise,
    });
    this.#state.hyper = {
      logLengthscales: Array.from(model.hyper.logLengthscales),
      logOutputScale: model.hyper.logOutputScale,
      logNoise: model.hyper.logNoise,
      mean: model.hyper.mean,
    };
    this.#state.fittedAt = this.#state.y.length;
    return model;
  }

  async suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]> {
    await Promise.resolve();
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count must be a non-negative integer, got ${count}`);
    }
    const out: Suggestion[] = [];
    const sobol = new SobolSequence(Math.max(1, this.#d), { scramble: true, seed: this.#seed });
    sobol.skipTo(this.#state.sobolIndex);
    while (
      out.length < count &&
      (this.#state.sobolIndex < this.#initialDesign || this.#state.y.length < 2)
    ) {
      out.push({ point: Array.from(sobol.next()).slice(0, this.#d) });
      this.#state.sobolIndex++;
    }
    if (out.length === count) return out;
    const data = this.#data();
    const refitEvery = this.#config.refitEvery ??
      Math.max(1, Math.ceil(this.#state.y.length / 100));
    const refit = this.#state.hyper === null ||
      this.#state.y.length - this.#state.fittedAt >= refitEvery;
    let model = this.#model(data.x, data.y, refit);
    const best = Math.min(...this.#state.y);
    const fantasyX = [...data.x];
    const fantasyY = [...data.y];
    const fantasise = (point: number[]) => {
      const value = this.#config.batch === "constant-liar"
        ? best
        : predict(model, Float64Array.from(point)).mean[0];
      fantasyX.push(point);
      fantasyY.push(value);
    };
    for (const p of [...ctx.pending, ...out.map((s) => s.point)]) fantasise(p);
    // Fantasies keep the units the hyperparameters were fitted in.
    const units = { yMean: model.yMean, yStd: model.yStd };
    if (fantasyX.length > data.x.length) model = this.#model(fantasyX, fantasyY, false, units);
    while (out.length < count) {
      if (ctx.signal.aborted) throw new Error("suggestion cancelled");
      const point = maximizeAcquisition(model, {
        kind: this.#config.acquisition,
        best,
        beta: this.#config.beta,
        candidates: this.#config.candidates,
        localStarts: this.#config.localStarts,
        rng: this.#rng,
      });
      out.push({ point });
      if (out.length < count) {
        fantasise(point);
        model = this.#model(fantasyX, fantasyY, false, units);
      }
    }
    return out;
  }

  update(feedback: Feedback[]): void {
    for (const f of feedback) {
      if (f.kind === "value" && Number.isFinite(f.loss)) {
        this.#state.x.push(f.point.slice());
        this.#state.y.push(f.loss);
      } else if (f.kind === "infeasible") {
        this.#state.infeasible.push(f.point.slice());
      }
    }
  }

  recommend(): Recommendation | null {
    const { x, y } = this.#state;
    if (y.length === 0) return null;
    if (y.length < 2 || this.#state.hyper === null) {
      const i = y.indexOf(Math.min(...y));
      return { point: x[i].slice(), details: { basis: "best observed value" } };
    }
    const model = this.#model(x, y, false);
    const { mean, variance } = predict(model, Float64Array.from(x.flat()));
    let i = 0;
    for (let k = 1; k < mean.length; k++) if (mean[k] < mean[i]) i = k;
    return {
      point: x[i].slice(),
      details: {
        basis: "evaluated point with the best posterior mean",
        posteriorMean: mean[i],
        posteriorSd: Math.sqrt(variance[i]),
      },
    };
  }

  dump(): JsonValue {
    this.#state.rng = this.#rng.state();
    return structuredClone(this.#state) as unknown as JsonValue;
  }
}

/** The "gp-bo" algorithm. */
export const gpBoAlgorithm: AlgorithmDefinition<GpBoConfig> = {
  name: "gp-bo",
  description:
    "Bayesian optimisation with a Gaussian process (Matérn-5/2 ARD, MAP hyperparameters) and log " +
    "expected improvement; for expensive objectives. Batches and pending trials are handled with " +
    "fantasies; infeasible points count as the worst value seen.",
  feedbackKinds: ["value", "infeasible", "failed"],
  learnsFromFeedback: true,
  offload: true,
  configSchema: GpBoConfigSchema as z.ZodType<GpBoConfig>,
  create: (options) => new GpBoDesigner(options),
};
