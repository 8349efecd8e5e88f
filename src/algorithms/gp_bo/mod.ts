/**
 * "gp-bo": Bayesian optimisation with a Gaussian process (docs/algorithms.md §3).
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
 * Mixed spaces (embed.ts, maximize.ts): the GP's inputs are the float,
 * integer and step coordinates plus, for each categorical, one one-hot
 * column per value with its own ARD lengthscale, so the kernel sees no order
 * among categories (config `categoricals: "index"`, or a categorical with
 * more than `maxOneHot` values, or the largest ones past the width cap,
 * falls back to its ordinal index coordinate).
 * Observations, fantasies and the recommendation all go through that
 * embedding. The acquisition is scored at snapped points (integers, steps and
 * categoricals at the centre of their cell: exactly what the service will
 * evaluate); local search moves the non-categorical coordinates by L-BFGS
 * and swaps one categorical value at a time; and a point whose params equal
 * those of an evaluated, infeasible or pending trial, or of an earlier point
 * of the batch, is passed over for the next best one (unless every scored
 * point is such a duplicate). Suggestions are therefore always valid points
 * of the space that decode to the category the GP scored.
 *
 * Known noise: a result's `noiseVariance` (the primary metric's variance, in
 * its units squared) is stored with it and passed to the fit: that point's
 * diagonal entry of the kernel matrix is its known variance instead of the
 * learned homoscedastic noise (gp_fit.ts, gp_predict.ts), and only the points
 * without one inform the learned noise. When every result has a known
 * variance there is nothing to learn: the homoscedastic noise is then held at
 * its floor (as with `noise: "fixed"`). With known variances, expected improvement is
 * measured from the best posterior mean among evaluated points instead of the
 * best raw (noisy) value.
 *
 * The recommendation is the evaluated point with the best (smallest loss)
 * posterior mean, with that mean and the posterior sd in the primary
 * metric's units (the sign of a maximised metric restored once the designer
 * has seen which reported metric the loss is).
 *
 * Memory (memory.ts): each GP call is estimated before it allocates against
 * the design memory budget, and refused when it cannot fit; candidates and
 * local search's sweeps are scored in blocks sized to what is left.
 * A large batch (past a budget of sequential work: thompson.ts) is drawn
 * instead by Thompson sampling on a candidate set, whose time is bounded.
 *
 * The first `initialDesign` points are plain Sobol points, neither snapped
 * nor de-duplicated (the service decodes them to valid points).
 *
 * @module
 */
import type { z } from "zod";
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
import { Embedding } from "./embed.ts";
import {
  conditionGp,
  fitGp,
  type GpHyperparameters,
  type GpModel,
  type NoiseMode,
  predict,
} from "./gp.ts";
import { maximizeAcquisition } from "./maximize.ts";
import { checkGpBoCall, checkGpBoStudy } from "./memory.ts";
import { designMemoryBudget, DesignMemoryExceeded } from "../design_memory.ts";
import { prefersThompson, thompsonBatch, thompsonBytes } from "./thompson.ts";
import { fitSubset } from "./fit_subset.ts";
import { type GpBoConfig, GpBoConfigSchema } from "./config.ts";
import { type GpBoState, learnMetric, primaryMetric, restoreState } from "./state.ts";

export { type GpBoConfig, GpBoConfigSchema };

/** What the GP is conditioned on: encoded points, losses, known variances (0: none). */
interface Data {
  x: number[][];
  y: number[];
  noise: number[];
}

class GpBoDesigner implements Designer {
  readonly #d: number;
  readonly #config: GpBoConfig;
  readonly #seed: number;
  readonly #state: GpBoState;
  readonly #rng: Rng;
  readonly #embedding: Embedding;

  constructor(options: CreateOptions<GpBoConfig>) {
    this.#d = options.space.dimension;
    this.#config = GpBoConfigSchema.parse(options.config);
    this.#seed = options.seed;
    this.#embedding = new Embedding(options.space, {
      categoricals: this.#config.categoricals,
      maxOneHot: this.#config.maxOneHot,
    });
    this.#state = options.state === undefined
      ? {
        v: 1,
        rng: Rng.fromSeed(options.seed).state(),
        sobolIndex: 0,
        x: [],
        y: [],
        noise: [],
        infeasible: [],
        hyper: null,
        fittedAt: 0,
        metricSigns: null,
      }
      : restoreState(options.state, this.#d);
    this.#rng = Rng.restore(this.#state.rng);
  }

  get #initialDesign(): number {
    return this.#config.initialDesign ?? Math.max(5, 2 * this.#d);
  }

  /** True when some result came with a known noise variance. */
  get #knownNoise(): boolean {
    return this.#state.noise.some((v) => v !== null);
  }

  /** "fixed" when configured, or when every result has a known variance. */
  get #noiseMode(): NoiseMode {
    if (this.#config.noise === "fixed") return "fixed";
    const { noise } = this.#state;
    return noise.length > 0 && noise.every((v) => v !== null) ? "fixed" : "learned";
  }

  /** The data the GP sees: observations, then infeasible points at the worst value. */
  #data(): Data {
    const { x, y, infeasible } = this.#state;
    const noise = this.#state.noise.map((v) => v ?? NaN);
    if (infeasible.length === 0 || y.length === 0) return { x, y, noise };
    const worst = Math.max(...y);
    return {
      x: [...x, ...infeasible],
      y: [...y, ...infeasible.map(() => worst)],
      noise: [...noise, ...infeasible.map(() => NaN)],
    };
  }

  /** The saved hyperparameters, when they fit this embedding. */
  #savedHyper(): GpHyperparameters | undefined {
    const saved = this.#state.hyper;
    if (!saved || saved.logLengthscales.length !== this.#embedding.width) return undefined;
    return {
      logLengthscales: Float64Array.from(saved.logLengthscales),
      logOutputScale: saved.logOutputScale,
      logNoise: saved.logNoise,
      mean: saved.mean,
    };
  }

  /** The GP on `data` with the saved hyperparameters (which must exist). */
  #condition(data: Data, units?: { yMean: number; yStd: number }): GpModel {
    const hyper = this.#savedHyper();
    if (!hyper) throw new Error("gp-bo: no hyperparameters to condition on");
    return conditionGp(this.#embedding.embed(data.x), Float64Array.from(data.y), hyper, {
      kernel: this.#config.kernel,
      noiseVariances: this.#knownNoise ? Float64Array.from(data.noise) : undefined,
      ...units,
    });
  }

  /**
   * Fits the hyperparameters on `data` (MAP; on a subset of it past FIT_ROWS
   * results: fit_subset.ts), saves them, returns the GP on all of `data`.
   */
  #fit(data: Data): GpModel {
    const kernel = this.#config.kernel;
    const warmStart = this.#savedHyper();
    const noiseMode = this.#noiseMode;
    const rows = fitSubset(data.y);
    const fitted = rows
      ? {
        x: rows.map((i) => data.x[i]),
        y: rows.map((i) => data.y[i]),
        noise: rows.map((i) => data.noise[i]),
      }
      : data;
    const model = fitGp(this.#embedding.embed(fitted.x), Float64Array.from(fitted.y), {
      kernel,
      prior: this.#config.prior ?? (kernel === "rbf" ? "dimension-scaled" : "legacy"),
      // Random restarts on the first fit and every tenth; the warm start carries the rest.
      restarts: warmStart === undefined || this.#state.y.length % 10 === 0
        ? this.#config.restarts
        : 0,
      rng: this.#rng,
      warmStart,
      noiseVariances: this.#knownNoise ? Float64Array.from(fitted.noise) : undefined,
      minNoise: noiseMode === "fixed" ? 1e-6 : 1e-4,
      noiseMode,
    });
    this.#state.hyper = {
      logLengthscales: Array.from(model.hyper.logLengthscales),
      logOutputScale: model.hyper.logOutputScale,
      logNoise: model.hyper.logNoise,
      mean: model.hyper.mean,
      noiseMode,
    };
    this.#state.fittedAt = this.#state.y.length;
    // On all the results, in the units the hyperparameters were fitted in (the subset's).
    return rows ? this.#condition(data, { yMean: model.yMean, yStd: model.yStd }) : model;
  }

  /** Whether the saved hyperparameters are missing, unusable or due for a refit. */
  #needsFit(): boolean {
    const saved = this.#state.hyper;
    if (!saved || !this.#savedHyper()) return true;
    if ((saved.noiseMode ?? this.#config.noise) !== this.#noiseMode) return true;
    const refitEvery = this.#config.refitEvery ??
      Math.max(1, Math.ceil(this.#state.y.length / 100));
    return this.#state.y.length - this.#state.fittedAt >= refitEvery;
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
    const embedding = this.#embedding;
    const data = this.#data();
    // A large batch is drawn by Thompson sampling, whose time is bounded (thompson.ts): no
    // fantasies of its own, and buffers of its own, bounded.
    const pending = ctx.pending.length + out.length;
    let thompson = prefersThompson(data.x.length + pending, count - out.length);
    // Before anything is allocated: the call's memory, and the points it may score at once.
    // Where Thompson's buffers do not fit, the sequential batch does or is refused as usual.
    let blockRows: number;
    try {
      blockRows = thompson
        ? this.#checkMemory(
          data.x.length,
          pending,
          0,
          thompsonBytes(data.x.length + pending, embedding.width),
        )
        : this.#checkMemory(data.x.length, pending, count - out.length);
    } catch (error) {
      if (!thompson || !(error instanceof DesignMemoryExceeded)) throw error;
      thompson = false;
      blockRows = this.#checkMemory(data.x.length, pending, count - out.length);
    }
    let model = this.#needsFit() ? this.#fit(data) : this.#condition(data);
    const best = this.#knownNoise
      ? Math.min(...predict(model, embedding.embed(this.#state.x)).mean)
      : Math.min(...this.#state.y);
    const fantasy: Data = { x: [...data.x], y: [...data.y], noise: [...data.noise] };
    const fantasise = (point: number[]) => {
      const value = this.#config.batch === "constant-liar"
        ? best
        : predict(model, embedding.embed([point])).mean[0];
      fantasy.x.push(point);
      fantasy.y.push(value);
      fantasy.noise.push(NaN);
    };
    for (const p of [...ctx.pending, ...out.map((s) => s.point)]) fantasise(p);
    // Fantasies keep the units the hyperparameters were fitted in.
    const units = { yMean: model.yMean, yStd: model.yStd };
    if (fantasy.x.length > data.x.length) model = this.#condition(fantasy, units);
    // Trials not to suggest again: evaluated, infeasible, pending, earlier in this batch.
    const taken = new Set<string>();
    for (const p of [...this.#state.x, ...this.#state.infeasible]) taken.add(embedding.key(p));
    for (const p of fantasy.x.slice(data.x.length)) taken.add(embedding.key(p));
    if (thompson) {
      const points = await thompsonBatch(model, embedding, {
        count: count - out.length,
        candidates: this.#config.candidates,
        rng: this.#rng,
        taken,
        observed: this.#state,
        signal: ctx.signal,
        pause: ctx.pause,
      });
      return [...out, ...points.map((point) => ({ point }))];
    }
    while (out.length < count) {
      if (ctx.signal.aborted) throw new Error("suggestion cancelled");
      const point = maximizeAcquisition(model, embedding, {
        kind: this.#config.acquisition,
        best,
        beta: this.#config.beta,
        candidates: this.#config.candidates,
        localStarts: this.#config.localStarts,
        rng: this.#rng,
        taken,
        blockRows,
      });
      out.push({ point });
      taken.add(embedding.key(point));
      if (out.length < count) {
        fantasise(point);
        model = this.#condition(fantasy, units);
        await ctx.pause?.();
      }
    }
    return out;
  }

  /** Points to score at once within the design memory budget; throws when none fit. */
  #checkMemory(trials: number, pending: number, count: number, reserved = 0): number {
    const shape = { dimension: this.#d, width: this.#embedding.width };
    return checkGpBoCall(shape, { trials, pending, count }, designMemoryBudget() - reserved);
  }

  update(feedback: Feedback[]): void {
    for (const f of feedback) {
      if (f.kind === "value" && Number.isFinite(f.loss)) {
        this.#state.x.push(f.point.slice());
        this.#state.y.push(f.loss);
        const v = f.noiseVariance;
        this.#state.noise.push(typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : null);
        this.#state.metricSigns = learnMetric(this.#state.metricSigns, f.loss, f.values);
      } else if (f.kind === "infeasible") {
        this.#state.infeasible.push(f.point.slice());
      }
    }
  }

  recommend(): Recommendation | null {
    const { x, y } = this.#state;
    if (y.length === 0) return null;
    const metric = primaryMetric(this.#state.metricSigns);
    const sign = metric?.sign ?? 1;
    const of = metric
      ? { of: "metric", ...(metric.name === null ? {} : { metric: metric.name }) }
      : { of: "loss" };
    if (y.length < 2 || !this.#savedHyper()) {
      const i = y.indexOf(Math.min(...y));
      return {
        point: x[i].slice(),
        details: { basis: "best observed value", ...of, observedValue: sign * y[i] },
      };
    }
    const data = this.#data();
    this.#checkMemory(data.x.length, 0, 0);
    const model = this.#condition(data);
    const { mean, variance } = predict(model, this.#embedding.embed(x));
    let i = 0;
    for (let k = 1; k < mean.length; k++) if (mean[k] < mean[i]) i = k;
    return {
      point: x[i].slice(),
      details: {
        basis: "evaluated point with the best posterior mean",
        ...of,
        posteriorMean: sign * mean[i],
        posteriorSd: Math.sqrt(variance[i]),
        observedValue: sign * y[i],
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
    "Bayesian optimisation with a Gaussian process (Matérn-5/2 ARD, MAP hyperparameters, " +
    "categoricals one-hot) and log expected improvement; for expensive objectives. Batches and " +
    "pending trials are handled with fantasies; infeasible points count as the worst value seen; " +
    "known per-trial noise variances are used.",
  feedbackKinds: ["value", "infeasible", "failed"],
  learnsFromFeedback: true,
  offload: true,
  configSchema: GpBoConfigSchema as z.ZodType<GpBoConfig>,
  checkMemory: (space, config, budget) => checkGpBoStudy(space, config, budget),
  create: (options) => new GpBoDesigner(options),
};
