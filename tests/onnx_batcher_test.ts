/**
 * The batching policy of one model (src/evaluators/onnx/batcher.ts), with a
 * run the test holds open: a request for an idle model runs at once, those
 * that arrive during a run go together in the next one (up to maxRows), and
 * the optional delay gathers an idle model's first requests.
 */
import assert from "node:assert/strict";
import { Batcher, type BatchItem } from "../src/evaluators/onnx/batcher.ts";

interface Item extends BatchItem {
  id: number;
}

/** A batcher whose runs are recorded and each held until the test releases it. */
function held(options: { maxRows?: number; maxDelayMs?: number } = {}) {
  const runs: number[][] = [];
  const latches: (() => void)[] = [];
  const batcher = new Batcher<Item>({
    maxRows: options.maxRows ?? 4096,
    maxDelayMs: options.maxDelayMs ?? 0,
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
  return { batcher, runs, item, release };
}

Deno.test("a request for an idle model runs at once; those queued during a run go in the next", async () => {
  const { batcher, runs, item, release } = held();
  batcher.push(item(0));
  assert.deepEqual(runs, [[0]], "ran at once, without waiting for company");
  for (let i = 1; i < 32; i++) batcher.push(item(i));
  assert.equal(runs.length, 1, "nothing else runs while the first is in flight");
  await release();
  assert.equal(runs.length, 2, "the 31 queued requests went in one run");
  assert.deepEqual(runs[1], Array.from({ length: 31 }, (_, i) => i + 1), "in arrival order");
  await release();
  assert.ok(batcher.idle);
  batcher.push(item(32));
  assert.deepEqual(runs[2], [32], "idle again: the next request runs at once");
  await release();
  assert.ok(batcher.idle);
});

Deno.test("runs gathered during a run take at most maxRows rows, and only stackable requests", async () => {
  const { batcher, runs, item, release } = held({ maxRows: 8 });
  batcher.push(item(0));
  for (let i = 1; i <= 20; i++) batcher.push(item(i));
  batcher.push(item(21, 3, "other"));
  batcher.push(item(22, 1, null));
  for (let n = 0; n < 6; n++) await release();
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
