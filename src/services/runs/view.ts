/**
 * Runs as the API shows them, and the events a run's changes make: one
 * place that turns a run's row into what clients read (getRun, listRuns)
 * and hear (watchRun), so the two never disagree.
 */
import type { RunRow } from "../../db/schema.ts";

/** A run's lifecycle state. */
export type RunState = RunRow["state"];

/** A run as the API shows it. */
export interface RunView {
  id: string;
  studyId: string;
  state: RunState;
  budget: number;
  batchSize: number;
  maxSeconds: number | null;
  stopAtValue: number | null;
  completed: number;
  best: { value: number; trialId: string } | null;
  stopReason: RunRow["stopReason"];
  reason: string | null;
  /** Trials its batches in flight hold (evaluated now, or waiting for their workers). */
  inFlight: number;
  /** What a worker must have to take its batches: null (any worker), or "gpu". */
  requires: "gpu" | null;
  claims: number;
  scheduleId: string | null;
  tick: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The best of a run's row, if any. */
function bestOf(row: RunRow): RunView["best"] {
  return row.bestValue === null || row.bestTrialId === null
    ? null
    : { value: row.bestValue, trialId: row.bestTrialId };
}

/** A run's row as the API shows it. */
export function runView(row: RunRow): RunView {
  return {
    id: row.id,
    studyId: row.studyId,
    state: row.state,
    budget: row.budget,
    batchSize: row.batchSize,
    maxSeconds: row.maxSeconds,
    stopAtValue: row.stopAtValue,
    completed: row.completed,
    best: bestOf(row),
    // A stopping run keeps its reason for the end (db/queries/runs.ts: closeStoppingBatch).
    stopReason: isFinal(row.state) ? row.stopReason : null,
    reason: isFinal(row.state) ? row.reason : null,
    inFlight: row.inFlight,
    requires: row.requires,
    claims: row.claims,
    scheduleId: row.scheduleId,
    tick: iso(row.tick),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The client a run's batch is among the study's clients: its trials'
 * `clientId`, `run:{run}/{seq}`. A worker that takes the batch over gets its
 * trials back by it.
 */
export const batchClientId = (runId: string, seq: number) => `run:${runId}/${seq}`;

/** What every one of a run's batches' client ids starts with. */
export const runClientPrefix = (runId: string) => `run:${runId}/`;

/** Whether a run's state is final. */
export function isFinal(state: RunState): boolean {
  return state === "SUCCEEDED" || state === "FAILED" || state === "CANCELLED";
}

/** The event a change of state makes (its id is the row's last_event_id). */
export function stateEvent(row: RunRow) {
  return {
    seq: row.lastEventId,
    kind: "state" as const,
    data: {
      state: row.state,
      stopReason: row.stopReason,
      reason: row.reason,
      completed: row.completed,
      best: bestOf(row),
    },
  };
}

/** The event a batch makes: where the run stands, and how fast it goes. */
export function progressEvent(row: RunRow, evaluationsPerSecond: number, elapsedSeconds: number) {
  return {
    seq: row.lastEventId,
    kind: "progress" as const,
    data: {
      completed: row.completed,
      budget: row.budget,
      best: bestOf(row),
      evaluationsPerSecond: Math.round(evaluationsPerSecond * 1000) / 1000,
      elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
    },
  };
}
