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
    case "suggest": {
      const designer = sessions.get(message.session);
      let reply: DesignerReply;
      try {
        if (!designer) throw new Error(`no designer session ${message.session}`);
        if (designer instanceof Error) throw designer;
        const suggestions = await designer.suggest(message.count, {
          pending: message.pending,
          signal: new AbortController().signal,
        });
        reply = {
          session: message.session,
          call: message.call,
          suggestions,
          state: designer.dump(),
        };
      } catch (error) {
        reply = {
          session: message.session,
          call: message.call,
          error: String((error as Error)?.message ?? error),
        };
      }
      self.postMessage(reply);
      return;
    }
    case "recommend": {
      const designer = sessions.get(message.session);
      let reply: DesignerReply;
      try {
        if (!designer) throw new Error(`no designer session ${message.session}`);
        if (designer instanceof Error) throw designer;
        reply = {
          session: message.session,
          call: message.call,
          recommendation: designer.recommend?.() ?? null,
        };
      } catch (error) {
        reply = {
          session: message.session,
          call: message.call,
          error: String((error as Error)?.message ?? error),
        };
      }
      self.postMessage(reply);
      return;
    }
    case "close":
      sessions.delete(message.session);
      return;
  }
};
