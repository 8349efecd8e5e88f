/**
 * One batch of a model's requests through its session: stacked along dim 0
 * into one run when there are several, and each caller's rows of the
 * outputs cut back for it; each request alone when there is one, when
 * onnxruntime refuses the stack (a model may still take each request), or
 * when the outputs are not row by row with the inputs. The batch's stacked
 * inputs are made for the run, so they move to the worker; a request alone
 * moves its own only when its caller gave them (`transfer`).
 */
import type { BatchItem } from "./batcher.ts";
import { RunFailed } from "./host.ts";
import { concatRows, sliceRows, type Tensor } from "./tensor.ts";

/** onnxruntime failed while running a model on inputs that match its signature. */
export class EvaluationFailed extends Error {
  override name = "EvaluationFailed";
}

/** A request as its batch runs it. */
export interface Request extends BatchItem {
  inputs: Record<string, Tensor>;
  /** Buffers that move to the worker when the request runs alone. */
  transfer: ArrayBuffer[];
  resolve: (r: { outputs: Record<string, Tensor>; batchRows: number }) => void;
  reject: (e: unknown) => void;
}

/** One session run of `rows` rows; the buffers in `transfer` move to the worker. */
export type SessionRun = (
  inputs: Record<string, Tensor>,
  rows: number,
  transfer: ArrayBuffer[],
) => Promise<Record<string, Tensor>>;

/**
 * Runs requests one by one, each settled with its own answer. An error
 * other than onnxruntime's on one request (the worker died: a 503) fails
 * it and every request after it: a fresh worker would hold no session.
 */
export async function runAlone(run: SessionRun, items: Request[]): Promise<void> {
  for (const [i, item] of items.entries()) {
    try {
      item.resolve({
        outputs: await run(item.inputs, item.rows, item.transfer),
        batchRows: item.rows,
      });
    } catch (error) {
      if (error instanceof RunFailed) {
        item.reject(new EvaluationFailed(error.message));
        continue;
      }
      for (const rest of items.slice(i)) rest.reject(error);
      return;
    }
  }
}

/** Runs a batch whose requests all have the inputs `names`, stacked when there are several. */
export async function runBatch(run: SessionRun, names: string[], items: Request[]): Promise<void> {
  if (items.length === 1) return runAlone(run, items);
  const rows = items.reduce((n, i) => n + i.rows, 0);
  const feeds: Record<string, Tensor> = {};
  for (const name of names) feeds[name] = concatRows(items.map((i) => i.inputs[name]));
  let outputs: Record<string, Tensor>;
  try {
    outputs = await run(feeds, rows, Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer));
  } catch (error) {
    // A model that cannot take this batch may still take each request alone.
    if (error instanceof RunFailed) return runAlone(run, items);
    for (const item of items) item.reject(error);
    return;
  }
  if (!Object.values(outputs).every((t) => t.dims[0] === rows)) {
    // Outputs not row by row with the inputs: they cannot be cut per caller.
    return runAlone(run, items);
  }
  let at = 0;
  for (const item of items) {
    const mine: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(outputs)) mine[name] = sliceRows(t, at, at + item.rows);
    at += item.rows;
    item.resolve({ outputs: mine, batchRows: rows });
  }
}
