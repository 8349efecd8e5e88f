/**
 * How a run's worker sorts the errors of its steps (./executor.ts), so that
 * only the model's own faults fail a run for good:
 *
 * - the model's fault: a `validation` problem from its evaluation
 *   (onnxruntime cannot load it or evaluate these points, an output it does
 *   not give: models_evaluate.ts runModel, model_objective.ts), or the model
 *   gone (`not-found`, `conflict`). The run FAILS with the model's reason.
 * - errors that pass: `unavailable` (a shared worker's 503: the ONNX
 *   batcher, the designer pool), `cancelled`, `internal`, and every error
 *   that is not a problem at all (the database or the connection to it: a
 *   restart, pg_terminate_backend, a deadlock). The step is tried again in
 *   place, after a pause that doubles from RETRY_FIRST_MS to RETRY_MAX_MS.
 * - any other problem the services raise (the study was paused or deleted)
 *   fails the run with its message.
 */
import { Problem } from "../../errors.ts";

/** The first pause before a step is tried again. */
export const RETRY_FIRST_MS = 100;
/** The longest pause between two attempts. */
export const RETRY_MAX_MS = 5000;

/** Thrown inside a transaction when the worker no longer holds its run (rolls it back). */
export class LeaseLost extends Error {
  override name = "LeaseLost";
}

/** Whether a failed step may simply be tried again. */
export function passes(error: unknown): boolean {
  if (!(error instanceof Problem)) return !(error instanceof LeaseLost);
  return error.kind === "unavailable" || error.kind === "cancelled" || error.kind === "internal";
}

/** Whether an error of the model's evaluation is the model's own fault. */
export function isModelFault(error: unknown): boolean {
  return error instanceof Problem &&
    (error.kind === "validation" || error.kind === "not-found" || error.kind === "conflict");
}

/** The pause before attempt `attempt + 1` (0-based `attempt` failed), with a little jitter. */
export function backoffMs(attempt: number): number {
  const ms = Math.min(RETRY_FIRST_MS * 2 ** attempt, RETRY_MAX_MS);
  return Math.round(ms * (0.75 + Math.random() / 4));
}

/** Waits `ms`, less when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
