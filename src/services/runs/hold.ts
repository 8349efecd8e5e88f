/**
 * A worker's hold on one batch (./executor.ts drives it): renewing its lease
 * with its trials', hearing that it was lost, giving it back, abandoning it
 * while its algorithm waits, and giving up trials a lost batch's suggestion
 * made after its run ended. Every write is conditioned on the worker still
 * holding the batch (db/queries/run_batches.ts); `lost` aborts once the
 * worker learns it does not.
 */
import { retryTransient } from "../../db/errors.ts";
import {
  abandonBatch,
  holdsBatch,
  releaseBatch,
  renewBatchLease,
} from "../../db/queries/run_batches.ts";
import { studyRunById } from "../../db/queries/runs.ts";
import { renewClientTrials, staleBatchTrials } from "../../db/queries/runs_trials.ts";
import type { RunRow } from "../../db/schema.ts";
import type { ServiceContext } from "../context.ts";
import type { ClaimedBatch } from "./claim.ts";
import type { WorkerLease } from "./executor.ts";
import { isFinal } from "./view.ts";

/** One worker's hold on one batch. */
export class BatchHold {
  readonly #ctx: ServiceContext;
  readonly #claimed: ClaimedBatch;
  readonly #lease: WorkerLease;
  readonly #clientId: string;
  readonly #lost = new AbortController();

  constructor(ctx: ServiceContext, claimed: ClaimedBatch, lease: WorkerLease, clientId: string) {
    this.#ctx = ctx;
    this.#claimed = claimed;
    this.#lease = lease;
    this.#clientId = clientId;
  }

  /** Aborted once the worker learns that it no longer holds the batch. */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** The worker learnt that it no longer holds the batch. */
  lose(): void {
    this.#lost.abort();
  }

  get #runId(): string {
    return this.#claimed.run.id;
  }

  /** Renews the batch and its trials' leases; hears that the batch was lost. Never throws. */
  async renew(): Promise<void> {
    const { db } = this.#ctx;
    try {
      const { batch, run } = this.#claimed;
      const row = await renewBatchLease(
        db,
        this.#runId,
        batch.seq,
        this.#lease.workerId,
        this.#lease.leaseSeconds,
      );
      if (!row) return this.lose();
      await renewClientTrials(db, run.studyId, this.#clientId, this.#ctx.now());
    } catch (error) {
      this.#ctx.log?.warn("cannot renew a run's batch lease", {
        run: this.#runId,
        error: messageOf(error),
      });
    }
  }

  /**
   * Whether the batch is still this worker's after its suggestion (a read:
   * the lease was set by the claim, and the timer renews it). A run that
   * ended meanwhile (cancelled) gave up the trials its batches held when it
   * ended, but not those this suggestion made after: they are given up
   * here. (A batch taken over keeps them: its new worker takes them back.)
   * A failed look answers true: the record finds out.
   */
  async stillHeld(learns: boolean): Promise<boolean> {
    const { batch } = this.#claimed;
    let held = true;
    try {
      held = await holdsBatch(this.#ctx.db, this.#runId, batch.seq, this.#lease.workerId);
    } catch (error) {
      this.#ctx.log?.warn("cannot check a run's batch", {
        run: this.#runId,
        error: messageOf(error),
      });
    }
    if (held && !this.lost.aborted) return true;
    this.lose();
    await this.giveUpTrials(learns);
    return false;
  }

  /**
   * The batch was lost: if its run has ended, the batch's trials still
   * ACTIVE (made by a suggestion after the end) become STALE. A batch taken
   * over keeps them, for its new worker. Never throws.
   */
  async giveUpTrials(learns: boolean): Promise<void> {
    const ctx = this.#ctx;
    await retryTransient(() =>
      ctx.db.transaction(async (tx) => {
        const run = await studyRunById(tx, this.#runId);
        if (run && !isFinal(run.state)) return;
        await staleBatchTrials(tx, this.#claimed.run.studyId, this.#clientId, learns);
      })
    ).catch((error) =>
      ctx.log?.warn("cannot give up a lost batch's trials", {
        run: this.#runId,
        error: messageOf(error),
      })
    );
  }

  /**
   * Gives up the batch, which holds no trials, and its reservation (it
   * waits: see executeBatch). Returns the run's row after, or undefined when
   * the batch was no longer this worker's.
   */
  async abandon(): Promise<RunRow | undefined> {
    const { db } = this.#ctx;
    const { batch } = this.#claimed;
    return await retryTransient(() =>
      abandonBatch(db, this.#runId, batch.seq, this.#lease.workerId)
    );
  }

  /** Gives the batch back (this worker stops), for another worker to take over at once. */
  async release(): Promise<void> {
    const { batch } = this.#claimed;
    await releaseBatch(this.#ctx.db, this.#runId, batch.seq, this.#lease.workerId);
    this.#ctx.runs?.wake();
  }
}

/** An error's message. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
