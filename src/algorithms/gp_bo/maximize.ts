/**
 * Maximising the acquisition over the unit cube: score a few thousand
 * scrambled Sobol points, then run bounded L-BFGS from the best few (with
 * the acquisition's analytic gradient), and keep the best point found.
 */
import { minimizeBounded } from "../../math/lbfgsb.ts";
import type { Rng } from "../../math/rng.ts";
import { SobolSequence } from "../../math/sobol.ts";
import { logExpectedImprovement, logExpectedImprovementWithGradient } from "./acquisition.ts";
import { type GpModel, predict, predictWithGradient } from "./gp.ts";

/** Which acquisition, and how hard to search. */
export interface AcquisitionOptions {
  /** "logei": log expected improvement; "ucb": a lower confidence bound (minimising). */
  kind: "logei" | "ucb";
  /** The best (smallest) loss so far, for expected improvement. */
  best: number;
  /** β of the confidence bound: mean − √β·sd. */
  beta: number;
  /** Sobol points scored. */
  candidates: number;
  /** L-BFGS runs, from the best candidates. */
  localStarts: number;
  rng: Rng;
}

/** The acquisition to maximise and its gradient (with respect to mean and sd). */
function score(
  options: AcquisitionOptions,
  mean: number,
  sd: number,
): { value: number; dMean: number; dSd: number } {
  if (options.kind === "ucb") {
    const root = Math.sqrt(options.beta);
    return { value: -(mean - root * sd), dMean: -1, dSd: root };
  }
  if (!(sd > 0)) return { value: logExpectedImprovement(mean, 0, options.best), dMean: 0, dSd: 0 };
  return logExpectedImprovementWithGradient(mean, sd, options.best);
}

/** The point of [0,1]^d that maximises the acquisition, as far as the search finds. */
export function maximizeAcquisition(model: GpModel, options: AcquisitionOptions): number[] {
  const d = model.d;
  const m = options.candidates;
  const sobol = new SobolSequence(d, { scramble: true, seed: options.rng.nextUint32() });
  const xq = new Float64Array(m * d); // m candidates × d
  for (let i = 0; i < m; i++) xq.set(sobol.next(), i * d);
  const { mean, variance } = predict(model, xq);
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = score(options, mean[i], Math.sqrt(variance[i])).value;
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  let bestX = Array.from(xq.subarray(order[0] * d, order[0] * d + d));
  let bestValue = values[order[0]];
  const lower = new Float64Array(d);
  const upper = new Float64Array(d).fill(1);
  for (const start of order.slice(0, options.localStarts)) {
    const result = minimizeBounded(
      (x, grad) => {
        const p = predictWithGradient(model, x);
        const s = score(options, p.mean, p.sd);
        for (let j = 0; j < d; j++) grad[j] = -(s.dMean * p.dMean[j] + s.dSd * p.dSd[j]);
        return -s.value;
      },
      xq.slice(start * d, start * d + d),
      { lower, upper, maxIterations: 50 },
    );
    if (Number.isFinite(result.value) && -result.value > bestValue) {
      bestValue = -result.value;
      bestX = Array.from(result.x);
    }
  }
  return bestX.map((v) => Math.min(1, Math.max(0, v)));
}
