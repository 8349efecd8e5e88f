/**
 * The batching policy of one model (src/evaluators/onnx/batcher.ts), with a
 * run the test holds open: a request for an idle model runs at once, those
 * that arrive during a run go together in the next one (up to maxRows), the
 * gathering window at a run's end waits for the callers it answered (and
 * never holds a lone caller), and the optional delay gathers an idle
 * model's first requests. Runs are counted; no assertion reads a clock.
 */
import assert from "node:assert/strict";
import { Batcher, type BatchItem } from "../src/evaluators/onnx/batcher.ts";

interface Item extends BatchItem {
  id: number;
}

/** A batcher whose runs are recorded and each held until the test releases it. */
function held(
  options: { maxRows?: number; maxDelayMs?: number; gather?: boolean; now?: () => number } = {},
) {
  const runs: number[][] = [];
  const latches: (() => void)[] = [];
  const batcher = new Batcher<Item>({
    maxRows: options.maxRows ?? 4096,
    maxDelayMs: options.maxDelayMs ?? 0,
    ...(options.gather === undefined ? {} : { gather: options.gather }),
    ...(options.now ? { now: options.now } : {}),
    run: (items) => {
      runs.push(items.map((i) => i.id));
      return new Promise<void>((resolve) => latches.push(resolve));
    },
  });
  const item = (id: number, rows = 1, shapeKey: string | null = "k"): Item => ({
    id,
    rows,
    shapeKey,
    reject: () => {},
  });
  /** Lets the oldest held run end, and waits until the batcher has moved on. */
  const release = async () => {
    latches.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  /**
   * Lets the oldest held run end and lets the batcher react within the same
   * task (promise callbacks only): no timer of its own can fire meanwhile.
   */
  const releaseNow = async () => {
    latches.shift()!();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  /** Waits (polling, without a deadline of its own) until `n` runs have begun. */
  const runsReach = async (n: number) => {
    while (runs.length < n) await new Promise((r) => setTimeout(r, 1));
  };
  return { batcher, runs, item, release, releaseNow, runsReach };
}

Deno.test("a request for an idle model runs at once; those queued during a run go in the next", async () => {
  const { batcher, runs, item, release, runsReach } = held();
  batcher.push(item(0));
  assert.deepEqual(runs, [[0]], "ran at once, without waiting for company");
  for (let i = 1; i < 32; i++) batcher.push(item(i));
  assert.equal(runs.length, 1, "nothing else runs while the first is in flight");
  await release();
  // The window waits for the first run's caller; it does not come back, so the gap ends it.
  await runsReach(2);
  assert.deepEqual(runs[1], Array.from({ length: 31 }, (_, i) => i + 1), "in one run, in order");
  await release();
  await runsReach(2);
  assert.ok(batcher.idle);
});

Deno.test("without gather (continuous batching only), what queued during a run goes when it ends", async () => {
  const { batcher, runs, item, release } = held({ gather: false });
  batcher.push(item(0));
  for (let i = 1; i < 32; i++) batcher.push(item(i));
  await release();
  assert.equal(runs.length, 2, "at once, the run's end opening no window");
  assert.equal(runs[1].length, 31);
  await release();
  batcher.push(item(32));
  assert.deepEqual(runs[2], [32], "idle again: the next request runs at once");
  await release();
  assert.ok(batcher.idle);
});

Deno.test("gathering window: a run's end waits for the callers it answered, not for a lone one", async () => {
  // Each run "takes" 10 ms of the test's clock: the window after it is open while the test acts.
  let clock = 0;
  const { batcher, runs, item, releaseNow } = held({ now: () => clock });
  const release = async () => {
    clock += 10;
    await releaseNow();
  };
  // A lone caller that asks again each time it is answered runs at once every time.
  for (let n = 0; n < 3; n++) {
    batcher.push(item(n));
    assert.equal(runs.length, n + 1, `lone request ${n} ran at once`);
    await release();
  }
  // Four one-row callers: the first runs alone, the three others queue behind it.
  batcher.push(item(10));
  for (const id of [11, 12, 13]) batcher.push(item(id));
  assert.equal(runs.length, 4);
  await release();
  // The system held four rows when that run ended; three are queued: the window waits.
  assert.equal(runs.length, 4, "held for the caller just answered");
  batcher.push(item(14)); // that caller asks again
  assert.deepEqual(runs[4], [11, 12, 13, 14], "four rows queued: they go at once, together");
  await release();
  // All four come back one by one: nothing runs until the fourth is in.
  for (const id of [15, 16, 17]) {
    batcher.push(item(id));
    assert.equal(runs.length, 5, `${id - 14} of 4 back: still gathering`);
  }
  batcher.push(item(18));
  assert.deepEqual(runs[5], [15, 16, 17, 18], "the fourth completes the batch");
  await release();
  assert.ok(batcher.idle);
});

Deno.test("runs gathered during a run take at most maxRows rows, and only stackable requests", async () => {
  const { batcher, runs, item, release, runsReach } = held({ maxRows: 8 });
  batcher.push(item(0));
  for (let i = 1; i <= 20; i++) batcher.push(item(i));
  batcher.push(item(21, 3, "other"));
  batcher.push(item(22, 1, null));
  for (let n = 0; n < 6; n++) {
    await runsReach(n + 1);
    await release();
  }
  assert.deepEqual(runs.map((r) => r.length), [1, 8, 8, 4, 1, 1]);
  assert.deepEqual(runs[4], [21], "another shape (or scope) waits for a run of its own");
  assert.deepEqual(runs[5], [22], "a request that never stacks runs alone");
  assert.ok(batcher.idle);
});

Deno.test("maxDelayMs: an idle model's first request waits for company, until maxRows are queued", async () => {
  const { batcher, runs, item, release } = held({ maxRows: 4, maxDelayMs: 60_000 });
  batcher.push(item(0));
  batcher.push(item(1));
  batcher.push(item(2));
  assert.equal(runs.length, 0, "waiting for company");
  batcher.push(item(3));
  assert.deepEqual(runs, [[0, 1, 2, 3]], "four rows queued: the run goes");
  await release();
  batcher.push(item(4));
  assert.equal(runs.length, 1);
  // Draining drops what waits (and its timer) and rejects it.
  const dropped: number[] = [];
  await batcher.drain((i) => dropped.push(i.id));
  assert.deepEqual(dropped, [4]);
  assert.ok(batcher.idle);
});
