/**
 * How a run ends, written once for everyone who ends one: the worker whose
 * batch reached the budget or the target, a worker that finds the deadline
 * passed or its model failing, whoever closes the last batch in flight of
 * a run whose study completed (batch.ts: stopPending; by then none is left
 * to drop), and cancelRun. One transaction finishes the
 * row, drops its batches in flight (their workers' writes then find nothing
 * and roll back), gives up their trials still ACTIVE (STALE, as lapsed
 * leases would make them) and appends the state event.
 */
import type { Queryable } from "../../db/client.ts";
import { dropRunBatches } from "../../db/queries/run_batches.ts";
import { finishRun, type RunEnding } from "../../db/queries/runs.ts";
import { insertRunEvent } from "../../db/queries/runs_events.ts";
import { staleClientTrials } from "../../db/queries/runs_trials.ts";
import type { RunRow } from "../../db/schema.ts";
import { runClientPrefix, stateEvent } from "./view.ts";

/**
 * Ends a run that has not ended, in the caller's transaction; returns its
 * row, or undefined when it had already ended (someone else ended it).
 */
export async function endRun(
  tx: Queryable,
  run: Pick<RunRow, "id" | "studyId">,
  ending: RunEnding,
  learns: boolean,
  now: Date,
): Promise<RunRow | undefined> {
  const row = await finishRun(tx, run.id, ending, now);
  if (!row) return undefined;
  await dropRunBatches(tx, run.id);
  await staleClientTrials(tx, run.studyId, runClientPrefix(run.id), learns);
  await insertRunEvent(tx, row.id, stateEvent(row), now);
  return row;
}
