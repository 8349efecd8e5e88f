import assert from "node:assert/strict";
import { Turns } from "./turns.ts";

Deno.test("turns go round robin between projects, then between a project's studies", async () => {
  const turns = new Turns();
  const order: string[] = [];
  await turns.take({ project: "A", study: "a1" });
  const wait = (project: string, study: string, label: string) =>
    turns.take({ project, study }).then(() => {
      order.push(label);
    });
  // Project A queues four calls over two studies before project B queues two.
  const all = [
    wait("A", "a1", "a1-1"),
    wait("A", "a1", "a1-2"),
    wait("A", "a2", "a2-1"),
    wait("A", "a2", "a2-2"),
    wait("B", "b1", "b1-1"),
    wait("B", "b1", "b1-2"),
  ];
  for (let i = 0; i < all.length; i++) {
    turns.release();
    await Promise.resolve();
    await Promise.resolve();
  }
  await Promise.all(all);
  assert.deepEqual(order, ["a1-1", "b1-1", "a2-1", "b1-2", "a1-2", "a2-2"]);
  assert.equal(turns.waiting, 0);
  // The last turn ends with nobody waiting: the next call takes one at once.
  turns.release();
  let now = false;
  await turns.take({ project: "C", study: "c" }).then(() => (now = true));
  assert.equal(now, true);
});
