/**
 * A designer worker for tests: every registered algorithm, except that a
 * gp-bo designer with one of the seeds below misbehaves on purpose (or,
 * SEED_ANNOUNCE, only says when it starts). Tests
 * see what it does through a BroadcastChannel (LATCH_CHANNEL): "started"
 * when a suggest begins, "cancelled" when a spinning one saw its signal;
 * they send "release" to let the suggestions held now go on.
 */
/// <reference lib="deno.worker" />
import { findAlgorithm } from "../../src/algorithms/mod.ts";
import { serveDesigners } from "../../src/algorithms/remote/serve.ts";
import type { AlgorithmDefinition, Designer } from "../../src/algorithms/types.ts";
import {
  LATCH_CHANNEL,
  SEED_ANNOUNCE,
  SEED_CRASH,
  SEED_HOLD,
  SEED_SPIN,
} from "./faulty_designers.ts";

const channel = new BroadcastChannel(LATCH_CHANNEL);
const waiting: (() => void)[] = [];
channel.onmessage = (event) => {
  if (event.data === "release") { for (const go of waiting.splice(0)) go(); }
};

/** gp-bo, with the misbehaving seeds. */
function faulty(definition: AlgorithmDefinition<unknown>): AlgorithmDefinition<unknown> {
  return {
    ...definition,
    create(options) {
      const designer = definition.create(options);
      const seed = options.seed;
      if (![SEED_CRASH, SEED_SPIN, SEED_HOLD, SEED_ANNOUNCE].includes(seed)) return designer;
      const wrapped: Designer = {
        update: (feedback) => designer.update(feedback),
        dump: () => designer.dump(),
        recommend: () => designer.recommend?.() ?? null,
        async suggest(count, ctx) {
          channel.postMessage("started");
          if (seed === SEED_CRASH) {
            // An uncaught error: the worker dies with the call unanswered.
            setTimeout(() => {
              throw new Error("a designer made to crash");
            });
            return await new Promise<never>(() => {});
          }
          if (seed === SEED_SPIN) {
            // Computes synchronously until cancelled (at most a minute, so a broken
            // cancellation fails the test instead of hanging it).
            const until = Date.now() + 60_000;
            while (!ctx.signal.aborted && Date.now() < until) { /* busy */ }
            if (ctx.signal.aborted) {
              channel.postMessage("cancelled");
              throw new Error("suggestion cancelled");
            }
            channel.postMessage("not cancelled");
          }
          if (seed === SEED_HOLD) {
            await new Promise<void>((resolve) => waiting.push(resolve));
          }
          return await designer.suggest(count, ctx);
        },
      };
      return wrapped;
    },
  };
}

const gpBo = faulty(findAlgorithm("gp-bo")!);
serveDesigners((name) => name === "gp-bo" ? gpBo : findAlgorithm(name));
