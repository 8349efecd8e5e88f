/**
 * The runs handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import { requireProjectKey } from "../../services/projects.ts";
import { cancelRun, getRun, listRuns, startRun, watchRun } from "../../services/runs/runs.ts";
import { type AppEnv, idempotent } from "../common.ts";
import type {
  cancelRunRoute,
  getRunRoute,
  listRunsRoute,
  startRunRoute,
  watchRunRoute,
} from "./routes.ts";

/** How often a quiet stream sends a comment, so that proxies keep it open. */
const KEEPALIVE_MS = 15_000;

/** startRun (idempotent); this process's idle workers are woken once it has committed. */
export const startRunHandler: RouteHandler<typeof startRunRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  const response = await idempotent(c, "startRun", body, async (q) => ({
    status: 202,
    body: await startRun(s, q, projectId, studyId, body),
  }));
  s.runs?.wake();
  return response;
};

/** listRuns. */
export const listRunsHandler: RouteHandler<typeof listRunsRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  return c.json(await listRuns(s, s.db, projectId, studyId, c.req.valid("query")), 200);
};

/** getRun. */
export const getRunHandler: RouteHandler<typeof getRunRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, runId } = c.req.valid("param");
  return c.json(await getRun(s, s.db, projectId, studyId, runId), 200);
};

/** cancelRun. */
export const cancelRunHandler: RouteHandler<typeof cancelRunRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, runId } = c.req.valid("param");
  return c.json(await cancelRun(s, s.db, projectId, studyId, runId), 200);
};

/**
 * watchRun: Server-Sent Events, each with its id, from after Last-Event-ID;
 * the stream ends after a final state, when the client leaves, or when the
 * process closes. A 204 for a run that has ended with nothing after
 * Last-Event-ID: the one answer that stops a browser's EventSource from
 * reconnecting for ever.
 */
export const watchRunHandler: RouteHandler<typeof watchRunRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, runId } = c.req.valid("param");
  const after = Number(c.req.valid("header")["last-event-id"] ?? 0);
  const gone = new AbortController();
  // Checked (a 404 is a problem response) before the stream starts.
  const events = await watchRun(s, projectId, studyId, runId, after, gone.signal);
  if (events === null) return c.body(null, 204);
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => gone.abort());
    let quiet = setTimeout(function ping() {
      stream.write(": keep-alive\n\n").catch(() => gone.abort());
      quiet = setTimeout(ping, KEEPALIVE_MS);
    }, KEEPALIVE_MS);
    try {
      for await (const event of events) {
        await stream.writeSSE({
          id: String(event.seq),
          event: event.kind,
          data: JSON.stringify(event.data),
        });
      }
    } finally {
      clearTimeout(quiet);
    }
  });
};
