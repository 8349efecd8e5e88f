/**
 * The trials handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Queryable } from "../../db/client.ts";
import { exportContentType, exportTrials } from "../../services/export.ts";
import { requireProjectKey } from "../../services/projects.ts";
import { completeTrial, completeTrials } from "../../services/reports.ts";
import { retryAfterSeconds } from "../../services/retry_hints.ts";
import { type SuggestAnswer, suggestTrials } from "../../services/suggest.ts";
import {
  createTrial,
  failTrial,
  getBestTrials,
  getTrial,
  heartbeatTrial,
  listTrials,
} from "../../services/trials.ts";
import { type AppEnv, idempotent, prefersMinimal } from "../common.ts";
import type {
  bestRoute,
  completeTrialRoute,
  completeTrialsRoute,
  createTrialRoute,
  exportRoute,
  failRoute,
  getTrialRoute,
  heartbeatRoute,
  listTrialsRoute,
  suggestRoute,
} from "./routes.ts";

/**
 * suggestTrials: through the suggestion queue when it can, else (and always
 * with an Idempotency-Key) in one transaction.
 */
export const suggestHandler: RouteHandler<typeof suggestRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  // Fewer trials than asked: a stop condition cut them short (say so), or the algorithm waits
  // for a generation (say when to ask again).
  const answer = async (q: Queryable, { trials, stop }: SuggestAnswer) => {
    if (stop) return { trials, stop };
    if (trials.length >= body.count) return { trials };
    const retryAfter = await retryAfterSeconds(q, studyId);
    c.header("Retry-After", String(Math.ceil(retryAfter)));
    return { trials, retryAfterSeconds: retryAfter };
  };
  if (c.req.header("idempotency-key") === undefined && s.suggestions) {
    // The signal only when the queue needs it: making it costs every request (see suggest_queue.ts).
    const given = await s.suggestions.suggest(projectId, studyId, body, () => c.req.raw.signal);
    return c.json(await answer(s.db, given), 200);
  }
  return idempotent(c, "suggestTrials", body, async (q) => ({
    status: 200,
    body: await answer(q, await suggestTrials(s, q, projectId, studyId, body, c.req.raw.signal)),
  }));
};

/** createTrial (idempotent). */
export const createTrialHandler: RouteHandler<typeof createTrialRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  return idempotent(c, "createTrial", body, async (q) => ({
    status: 201,
    body: await createTrial(c.var.services, q, projectId, studyId, body),
  }));
};

/** listTrials. */
export const listTrialsHandler: RouteHandler<typeof listTrialsRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  return c.json(await listTrials(s, s.db, projectId, studyId, c.req.valid("query")), 200);
};

/** getBestTrials. */
export const bestHandler: RouteHandler<typeof bestRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  const { limit } = c.req.valid("query");
  return c.json(await getBestTrials(s, s.db, projectId, studyId, limit), 200);
};

/** exportTrials: streamed, so a plain Response (the route documents its media types). */
export const exportHandler: RouteHandler<typeof exportRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  const { format } = c.req.valid("query");
  const stream = await exportTrials(s, s.db, projectId, studyId, format);
  return new Response(stream, {
    headers: {
      "content-type": exportContentType(format),
      "content-disposition": `attachment; filename="study-${studyId}.${format}"`,
    },
  });
};

/** completeTrials (idempotent); `Prefer: return=minimal` answers 204. */
export const completeTrialsHandler: RouteHandler<typeof completeTrialsRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const minimal = prefersMinimal(c.req.valid("header").prefer);
  return idempotent(c, "completeTrials", body, async (q) => {
    const trials = await completeTrials(
      c.var.services,
      q,
      projectId,
      studyId,
      body.items,
      !minimal,
    );
    return minimal ? { status: 204, body: {} } : { status: 200, body: { trials } };
  });
};

/** getTrial. */
export const getTrialHandler: RouteHandler<typeof getTrialRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, trialId } = c.req.valid("param");
  return c.json(await getTrial(s, s.db, projectId, studyId, trialId), 200);
};

/** completeTrial (idempotent). */
export const completeTrialHandler: RouteHandler<typeof completeTrialRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId, trialId } = c.req.valid("param");
  const body = c.req.valid("json");
  return idempotent(c, "completeTrial", body, async (q) => ({
    status: 200,
    body: await completeTrial(c.var.services, q, projectId, studyId, trialId, body),
  }));
};

/** heartbeatTrial. */
export const heartbeatHandler: RouteHandler<typeof heartbeatRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId, trialId } = c.req.valid("param");
  return c.json(await heartbeatTrial(s, s.db, projectId, studyId, trialId), 200);
};

/** failTrial (idempotent). */
export const failHandler: RouteHandler<typeof failRoute, AppEnv> = (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId, trialId } = c.req.valid("param");
  const body = c.req.valid("json");
  return idempotent(c, "failTrial", body, async (q) => ({
    status: 200,
    body: await failTrial(c.var.services, q, projectId, studyId, trialId, body.reason),
  }));
};
