/**
 * How a run's worker sorts the errors of its steps (./executor.ts), so that
 * only the model's own faults fail a run for good:
 *
 * - the model's fault: a `validation` problem from its evaluation
 *   (onnxruntime cannot load it or evaluate these points, an output it does
 *   not give: models_evaluate.ts runModel, model_objective.ts), or the model
 *   gone (`not-found`, `conflict`). The run FAILS with the model's reason.
 * - the database away (a dropped connection, a restart, pg_terminate_backend,
 *   too many connections, a deadlock or serialisation failure): `always`,
 *   the step is tried again in place for as long as the batch is held,
 *   after a pause that doubles from RETRY_FIRST_MS to RETRY_MAX_MS.
 * - a busy shared worker (`unavailable`: the ONNX batcher, the designer
 *   pool, no provider loading here) or `cancelled`: `briefly`, up to
 *   BRIEF_ATTEMPTS times, then the batch is given back for another worker.
 * - anything else (a problem the services raise: the study was paused or
 *   deleted; an `internal` problem or an error that is no problem: a
 *   defect): `never`, the run fails with its message.
 */
import { isConnectionLost, isTransient, sqlState } from "../../db/errors.ts";
import { Problem } from "../../errors.ts";

/** The first pause before a step is tried again. */
export const RETRY_FIRST_MS = 100;
/** The longest pause between two attempts. */
export const RETRY_MAX_MS = 5000;

/** Thrown inside a transaction when the worker no longer holds its run (rolls it back). */
export class LeaseLost extends Error {
  override name = "LeaseLost";
}

/** Attempts of a step that fails `briefly` before its batch is given back. */
export const BRIEF_ATTEMPTS = 8;

/** How a failed step may be tried again: for as long as the batch is held, a few times, or not. */
export function retryable(error: unknown): "always" | "briefly" | "never" {
  if (error instanceof LeaseLost) return "never";
  if (isTransient(error) || isConnectionLost(error)) return "always";
  const state = sqlState(error);
  if (state?.startsWith("53") || state?.startsWith("57")) return "always";
  if (error instanceof Problem) {
    return error.kind === "unavailable" || error.kind === "cancelled" ? "briefly" : "never";
  }
  return "never";
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
