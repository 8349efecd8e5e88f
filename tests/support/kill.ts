/**
 * SIGKILL in the middle of a batch, proven by the database: a process is
 * killed once it holds a batch of the run, and the batch is looked up again
 * after it died. A worker is between batches only for the moment between
 * recording one and claiming the next; a kill that lands there is reported,
 * so the test can try again rather than pass without a takeover.
 */
import type postgres from "postgres";
import type { ServiceProcess } from "./server.ts";
import { pollUntil, withDeadline } from "./wait.ts";

/**
 * The batches of a run that the process (by its pid, part of every worker
 * id) holds with trials in flight (ACTIVE under the batch's client).
 */
async function heldBy(sql: postgres.Sql, runId: string, pid: number) {
  return await sql<{ seq: number; worker_id: string }[]>`
    SELECT b.seq, b.worker_id FROM run_batches b
    WHERE b.run_id = ${runId} AND b.worker_id LIKE ${`%:${pid}:%`} AND NOT b.released
      AND EXISTS (SELECT 1 FROM trials t
                  WHERE t.client_id = 'run:' || b.run_id || '/' || b.seq AND t.state = 'ACTIVE')`;
}

/**
 * Waits until `proc` holds a batch of the run with trials in flight and
 * `ready()` (the run went far enough), SIGKILLs it, and returns the batch
 * it still held so once dead (undefined if the kill landed after the
 * batch was recorded).
 */
export async function killHoldingBatch(
  proc: ServiceProcess,
  sql: postgres.Sql,
  runId: string,
  ready: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<{ seq: number; workerId: string } | undefined> {
  const pid = proc.process.pid;
  await withDeadline(
    pollUntil(
      async () => ((await heldBy(sql, runId, pid)).length > 0 && await ready()) || undefined,
      proc.exited,
      5,
    ),
    () => `the process never held a batch:\n${proc.output()}`,
  );
  const status = await proc.stop("SIGKILL");
  if (status.signal !== "SIGKILL") throw new Error(`not killed: ${JSON.stringify(status)}`);
  const [held] = await heldBy(sql, runId, pid);
  return held && { seq: held.seq, workerId: held.worker_id };
}
