/**
 * The body of a designer worker: runs designers (their fits and searches)
 * off the service's event loop. Each session is one designer for the length
 * of one use (a suggestion, a recommendation, a round of sso); messages of a
 * session arrive in order. Calls compute in turns, round robin between
 * projects and their studies, and a long suggestion gives its turn back
 * between steps (turns.ts), so sessions sharing a worker share it fairly.
 * Which algorithms it knows is a parameter, so that
 * tests can run a worker with designers made to crash or to wait.
 */
/// <reference lib="deno.worker" />
import { Space } from "../../space/mod.ts";
import { DesignMemoryExceeded } from "../design_memory.ts";
import type { AlgorithmDefinition, Designer } from "../types.ts";
import type { DesignerReply, DesignerRequest } from "./protocol.ts";
import { type Owner, pauser, Turns } from "./turns.ts";

const ABORTED = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted")!.get!;

/**
 * An AbortSignal that turns aborted as soon as the service stores 1 in
 * `flag`: its `aborted` reads the shared flag, so a designer that checks
 * `signal.aborted` between steps of a synchronous computation sees the
 * cancellation without the worker's event loop having to run.
 */
export function sharedFlagSignal(flag: Int32Array): AbortSignal {
  const controller = new AbortController();
  const signal = controller.signal;
  let aborting = false;
  Object.defineProperty(signal, "aborted", {
    get() {
      // (abort() reads `aborted` itself: the guard keeps it from coming back here.)
      if (!aborting && !ABORTED.call(signal) && Atomics.load(flag, 0) !== 0) {
        aborting = true;
        controller.abort(new Error("suggestion cancelled"));
      }
      return ABORTED.call(signal);
    },
  });
  return signal;
}

/** Serves designer sessions in this worker, making designers with `find`. */
export function serveDesigners(
  find: (name: string) => AlgorithmDefinition<unknown> | undefined,
): void {
  const sessions = new Map<number, Designer | Error>();
  const owners = new Map<number, Owner>();
  // Calls compute in turns, round robin between projects and studies (turns.ts).
  const turns = new Turns();

  self.onmessage = async (event: MessageEvent<DesignerRequest>) => {
    const message = event.data;
    switch (message.op) {
      case "create": {
        const { session, call } = message;
        const owner = message.owner ?? { project: "", study: "" };
        owners.set(session, owner);
        let reply: DesignerReply;
        await turns.take(owner);
        try {
          const definition = find(message.algorithm);
          if (!definition) throw new Error(`unknown algorithm ${message.algorithm}`);
          const config = definition.configSchema.parse(message.config);
          const space = new Space(message.space);
          try {
            sessions.set(
              session,
              definition.create({ space, config, seed: message.seed, state: message.state }),
            );
            reply = { session, call, created: true };
          } catch (error) {
            // The state is to blame only when a new designer can be made.
            let unreadableState = false;
            if (message.state !== undefined) {
              try {
                definition.create({ space, config, seed: message.seed, state: undefined });
                unreadableState = true;
              } catch { /* the same failure without the state */ }
            }
            reply = {
              session,
              call,
              error: String((error as Error)?.message ?? error),
              unreadableState,
            };
          }
        } catch (error) {
          reply = { session, call, error: String((error as Error)?.message ?? error) };
        } finally {
          turns.release();
        }
        self.postMessage(reply);
        return;
      }
      case "update":
        return await answer(message, async (designer) => {
          await designer.update(message.feedback);
          return { updated: true, state: designer.dump() };
        });
      case "suggest":
        return await answer(message, async (designer, owner) => ({
          suggestions: await designer.suggest(message.count, {
            pending: message.pending,
            signal: sharedFlagSignal(message.cancel),
            pause: pauser(turns, owner),
          }),
          state: designer.dump(),
        }));
      case "recommend":
        return await answer(message, (designer) => ({
          recommendation: designer.recommend?.() ?? null,
        }));
      case "close":
        sessions.delete(message.session);
        owners.delete(message.session);
        return;
    }
  };

  /** Answers a call of a session with `compute`'s result, or with the error it threw. */
  async function answer(
    message: { session: number; call: number },
    compute: (designer: Designer, owner: Owner) => Promise<object> | object,
  ): Promise<void> {
    const { session, call } = message;
    const owner = owners.get(session) ?? { project: "", study: "" };
    let reply: DesignerReply;
    await turns.take(owner);
    try {
      const designer = sessions.get(session);
      if (!designer) throw new Error(`no designer session ${session}`);
      if (designer instanceof Error) throw designer;
      reply = { session, call, ...(await compute(designer, owner)) } as DesignerReply;
    } catch (error) {
      reply = { session, call, error: String((error as Error)?.message ?? error) };
      if (error instanceof DesignMemoryExceeded) reply.memory = error.toRefusal();
    } finally {
      turns.release();
    }
    self.postMessage(reply);
  }
}
