/**
 * The options of "cbo", with CBXpy's defaults (`cbx/dynamics/pdyn.py`,
 * `cbx/scheduler.py`) except where `mod.ts` says otherwise.
 *
 * @module
 */
import { z } from "zod";

/** The most particles a study may have in all runs together. */
export const MAX_TOTAL_PARTICLES = 100_000;

/** Resampling when a run's consensus stalls (CBXpy's `consensus_stagnation`). */
export const ResamplingSchema = z.strictObject({
  patience: z.number().int().min(1).max(10_000).default(5).describe(
    "steps the consensus must have stalled for (CBXpy: 5)",
  ),
  threshold: z.number().nonnegative().max(1).default(1e-4).describe(
    "the consensus stalls while it moves less than this per step (Euclidean, in the encoded " +
      "unit cube; CBXpy: 1e-4)",
  ),
  sigma: z.number().positive().max(100).default(0.1).describe(
    "on a stall, every particle of the run moves by sigma·√dt·N(0, I) (CBXpy: 0.1)",
  ),
});

/** The box of the unit cube the particles start in. */
export const InitialBoxSchema = z.strictObject({
  low: z.number().min(0).max(1).default(0).describe("lower end of every coordinate"),
  high: z.number().min(0).max(1).default(1).describe("upper end of every coordinate"),
}).refine((box) => box.low < box.high, { message: "low must be below high" });

/** The options of "cbo". */
export const CboConfigSchema = z.strictObject({
  particles: z.number().int().min(2).max(MAX_TOTAL_PARTICLES).default(20).describe(
    "N, particles per run: one generation hands out N trials per run (CBXpy: 20)",
  ),
  runs: z.number().int().min(1).max(1000).default(1).describe(
    "independent runs stepped together, each with its own particles and consensus; the " +
      "recommendation is the consensus of the run with the lowest energy seen",
  ),
  dt: z.number().positive().max(10).default(0.01).describe("time step dt (CBXpy: 0.01)"),
  alpha: z.number().positive().max(1e15).default(1).describe(
    "initial α, the inverse temperature of the consensus weights exp(−α·loss) (CBXpy: 1)",
  ),
  alphaFactor: z.number().min(1).max(100).default(1.05).describe(
    "α is multiplied by this after every step (CBXpy's default scheduler: 1.05)",
  ),
  alphaMax: z.number().positive().max(1e15).default(1e5).describe(
    "cap of α (CBXpy: 1e5)",
  ),
  lambda: z.number().nonnegative().max(1e3).default(1).describe(
    "λ, the drift rate toward the consensus (CBXpy: 1)",
  ),
  sigma: z.number().nonnegative().max(1e3).default(5.1).describe(
    "σ, the noise scale (CBXpy: 5.1)",
  ),
  noise: z.enum(["anisotropic", "isotropic"]).default("anisotropic").describe(
    "anisotropic (default here; CBXpy's is isotropic): each coordinate's noise scales with its " +
      "own distance to the consensus, which works far better in high dimension; isotropic: " +
      "the whole vector's noise scales with the Euclidean distance",
  ),
  batchSize: z.number().int().min(1).max(MAX_TOTAL_PARTICLES).optional().describe(
    "a random mini-batch of this many particles per run and step: only they are evaluated and " +
      "form the consensus (batches are drawn without replacement until every particle had its " +
      "turn, as CBXpy does); default: every particle",
  ),
  batchPartial: z.boolean().default(true).describe(
    "with a mini-batch, move only the batch's particles (CBXpy: true); false moves every " +
      "particle toward the batch's consensus",
  ),
  resampling: ResamplingSchema.optional().describe(
    "add small noise to a run whose consensus has stalled for `patience` steps (CBXpy's " +
      "consensus_stagnation resampling); off when absent",
  ),
  initialBox: InitialBoxSchema.optional().describe(
    "particles start uniform in [low, high]^d of the encoded unit cube; default the whole cube",
  ),
  boundary: z.enum(["project", "clip", "reflect"]).default("project").describe(
    "particles that leave the unit cube: project (default) keeps their positions and evaluates " +
      "the nearest point of the space; clip moves them onto the face; reflect mirrors them back",
  ),
  failuresBeforeInfeasible: z.number().int().min(1).max(1000).default(3).describe(
    "a particle whose trial fails (FAILED) is handed out again; after this many failures in " +
      "one step it counts as infeasible so the step is not held up forever",
  ),
}).refine((c) => c.batchSize === undefined || c.batchSize <= c.particles, {
  message: "batchSize must not exceed particles",
  path: ["batchSize"],
}).refine((c) => c.particles * c.runs <= MAX_TOTAL_PARTICLES, {
  message: `particles × runs must be at most ${MAX_TOTAL_PARTICLES}`,
  path: ["runs"],
});

/** The config of "cbo", defaults applied. */
export type CboConfig = z.infer<typeof CboConfigSchema>;
