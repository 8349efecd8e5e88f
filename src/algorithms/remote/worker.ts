/**
 * A designer worker: runs designers (their fits and searches) off the
 * service's event loop. Each session is one designer for the length of one
 * suggestion transaction; messages of a session arrive in order.
 */
/// <reference lib="deno.worker" />
import { Space } from "../../space/mod.ts";
import { findAlgorithm } from "../mod.ts";
import type { Designer } from "../types.ts";
import type { DesignerReply, DesignerRequest } from "./protocol.ts";

const sessions = new Map<number, Designer | Error>();

self.onmessage = async (event: MessageEvent<DesignerRequest>) => {
  const message = event.data;
  switch (message.op) {
    case "create": {
      try {
        const definition = findAlgorithm(message.algorithm);
        if (!definition) throw new Error(`unknown algorithm ${message.algorithm}`);
        sessions.set(
          message.session,
          definition.create({
            space: new Space(message.space),
            config: definition.configSchema.parse(message.config),
            seed: message.seed,
            state: message.state,
          }),
        );
      } catch (error) {
        sessions.set(message.session, error as Error);
      }
      return;
    }
    case "update": {
      const designer = sessions.get(message.session);
      if (designer && !(designer instanceof Error)) {
        try {
          designer.update(message.feedback);
        } catch (error) {
          sessions.set(message.session, error as Error);
        }
      }
      return;
    }
    case "suggest":
      return await answer(message, async (designer) => ({
        suggestions: await designer.suggest(message.count, {
          pending: message.pending,
          signal: new AbortController().signal,
        }),
        state: designer.dump(),
      }));
    case "recommend":
      return await answer(message, (designer) => ({
        recommendation: designer.recommend?.() ?? null,
      }));
    case "close":
      sessions.delete(message.session);
      return;
  }
};

/** Answers a call of a session with `compute`'s result, or with the error it threw. */
async function answer(
  message: { session: number; call: number },
  compute: (designer: Designer) => Promise<object> | object,
): Promise<void> {
  const { session, call } = message;
  let reply: DesignerReply;
  try {
    const designer = sessions.get(session);
    if (!designer) throw new Error(`no designer session ${session}`);
    if (designer instanceof Error) throw designer;
    reply = { session, call, ...(await compute(designer)) } as DesignerReply;
  } catch (error) {
    reply = { session, call, error: String((error as Error)?.message ?? error) };
  }
  self.postMessage(reply);
}
