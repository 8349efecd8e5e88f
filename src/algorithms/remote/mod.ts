/**
 * Designers that run in Workers, so that CPU-heavy suggestions (GP fits)
 * never stall the service's event loop: other studies' requests go on while
 * one study's suggestion is being computed.
 *
 * A `RemoteDesigner` is a stand-in with the Designer interface; its
 * `suggest` runs in a worker of the pool and brings back the points and the
 * designer's state, which `dump` then returns.
 */
import type { SpaceSpec } from "../../space/schema.ts";
import type {
  Designer,
  Feedback,
  JsonValue,
  Recommendation,
  SuggestContext,
  Suggestion,
} from "../types.ts";
import type { DesignerReply, DesignerRequest } from "./protocol.ts";

interface PooledWorker {
  worker: Worker;
  sessions: number;
}

/** A fixed set of designer workers, started on first use. */
export class DesignerPool {
  readonly #size: number;
  readonly #workers: PooledWorker[] = [];
  readonly #waiting = new Map<string, (reply: DesignerReply) => void>();
  #nextSession = 1;
  #nextCall = 1;

  /** A pool of `size` workers (at least one). */
  constructor(size: number) {
    this.#size = Math.max(1, Math.floor(size));
  }

  #pick(): PooledWorker {
    if (this.#workers.length < this.#size) {
      const worker = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
      worker.onmessage = (event: MessageEvent<DesignerReply>) => {
        const key = `${event.data.session}/${event.data.call}`;
        this.#waiting.get(key)?.(event.data);
        this.#waiting.delete(key);
      };
      this.#workers.push({ worker, sessions: 0 });
    }
    return this.#workers.reduce((a, b) => (b.sessions < a.sessions ? b : a));
  }

  /** A designer living in one of the pool's workers. */
  open(options: {
    algorithm: string;
    space: SpaceSpec;
    config: unknown;
    seed: number;
    state: JsonValue | undefined;
  }): RemoteDesigner {
    const pooled = this.#pick();
    pooled.sessions++;
    const session = this.#nextSession++;
    const send = (message: DesignerRequest) => pooled.worker.postMessage(message);
    // A request that expects a reply, matched by session and call number.
    const ask = (message: (call: number) => DesignerRequest) => {
      const call = this.#nextCall++;
      const { promise, resolve } = Promise.withResolvers<DesignerReply>();
      this.#waiting.set(`${session}/${call}`, resolve);
      send(message(call));
      return promise;
    };
    send({ op: "create", session, ...options });
    return new RemoteDesigner({
      update: (feedback) => send({ op: "update", session, feedback }),
      call: (count, pending) => ask((call) => ({ op: "suggest", session, call, count, pending })),
      recommend: () => ask((call) => ({ op: "recommend", session, call })),
      close: () => {
        send({ op: "close", session });
        pooled.sessions--;
      },
      initialState: options.state,
    });
  }

  /** Stops the workers. */
  close(): void {
    for (const w of this.#workers) w.worker.terminate();
    this.#workers.length = 0;
  }
}

interface RemoteLink {
  update: (feedback: Feedback[]) => void;
  call: (count: number, pending: number[][]) => Promise<DesignerReply>;
  recommend: () => Promise<DesignerReply>;
  close: () => void;
  initialState: JsonValue | undefined;
}

/** A designer whose work happens in a worker. Call `close` when done with it. */
export class RemoteDesigner implements Designer {
  readonly #link: RemoteLink;
  #state: JsonValue | undefined;
  /** False after an update, until a suggest brings the state back. */
  #fresh: boolean;

  constructor(link: RemoteLink) {
    this.#link = link;
    this.#state = link.initialState;
    this.#fresh = true;
  }

  async suggest(count: number, ctx: SuggestContext): Promise<Suggestion[]> {
    const reply = await this.#link.call(count, ctx.pending);
    if ("error" in reply) throw new Error(reply.error);
    if (!("suggestions" in reply)) throw new Error("a designer worker answered out of turn");
    this.#state = reply.state;
    this.#fresh = true;
    return reply.suggestions;
  }

  update(feedback: Feedback[]): void {
    this.#link.update(feedback);
    this.#fresh = false;
  }

  dump(): JsonValue {
    if (!this.#fresh || this.#state === undefined) {
      throw new Error("a remote designer's state is known only after a suggest");
    }
    return this.#state;
  }

  /** The designer's recommendation, computed in its worker. */
  async recommendation(): Promise<Recommendation | null> {
    const reply = await this.#link.recommend();
    if ("error" in reply) throw new Error(reply.error);
    if (!("recommendation" in reply)) throw new Error("a designer worker answered out of turn");
    return reply.recommendation;
  }

  /** Ends the designer's session in its worker. */
  close(): void {
    this.#link.close();
  }
}
