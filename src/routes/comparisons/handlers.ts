/**
 * The comparisons handlers, each typed against its route (./routes.ts): what
 * a handler returns must be one of the route's documented responses.
 *
 * Labeler tokens (src/routes/labelers/) reach only these routes, and only for
 * their own study; project keys reach them too (scripts, admins).
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { Problem } from "../../errors.ts";
import { nextComparison } from "../../services/comparison_next.ts";
import {
  candidateOf,
  getComparison,
  listComparisons,
  skipComparison,
  submitRanking,
  undoRanking,
} from "../../services/comparisons.ts";
import { exportComparisons } from "../../services/comparisons_export.ts";
import { exportContentType } from "../../services/export.ts";
import { renderParams } from "../../services/model_renderer.ts";
import type { Principal } from "../../services/principals.ts";
import { requireLabelerAccess, requireProjectKey } from "../../services/projects.ts";
import { type AppEnv, idempotent } from "../common.ts";
import type {
  exportRoute,
  getRoute,
  listRoute,
  nextRoute,
  rankRoute,
  renderRoute,
  skipRoute,
  undoRoute,
} from "./routes.ts";

/** The caller's project and identity as a labeler of `studyId`. */
function labelerOf(principal: Principal, studyId: string) {
  const projectId = requireLabelerAccess(principal, studyId);
  if (!principal.keyId) {
    throw new Problem("forbidden", "rank with a project key or a labeler token");
  }
  return { projectId, labelerId: principal.keyId };
}

/** The comparison a request names, and the caller as its labeler. */
function target(principal: Principal, ids: { studyId: string; comparisonId: string }) {
  const { studyId, comparisonId } = ids;
  return { ...labelerOf(principal, studyId), studyId, comparisonId };
}

/** nextComparison: a comparison to rank, or none yet (with Retry-After). */
export const nextHandler: RouteHandler<typeof nextRoute, AppEnv> = async (c) => {
  const { studyId } = c.req.valid("param");
  const { projectId, labelerId } = labelerOf(c.var.principal, studyId);
  const s = c.var.services;
  const next = await nextComparison(s, s.db, projectId, studyId, labelerId, c.req.raw.signal);
  if (next.retryAfterSeconds !== undefined) {
    c.header("Retry-After", String(Math.ceil(next.retryAfterSeconds)));
  }
  return c.json(next, 200);
};

/**
 * submitRanking: a retry of the same ranking answers as the first did, with
 * an Idempotency-Key (replayed from the key) or without one (from the
 * labeler's stored answer); both say so in `Idempotent-Replayed: true`.
 */
export const rankHandler: RouteHandler<typeof rankRoute, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const who = target(c.var.principal, c.req.valid("param"));
  let replayed = false;
  const response = await idempotent(c, "submitRanking", body, async (q) => {
    const answer = await submitRanking(c.var.services, q, who, body.ranking);
    replayed = answer.replayed;
    return { status: 200 as const, body: answer.view };
  });
  if (replayed) response.headers.set("Idempotent-Replayed", "true");
  return response;
};

/** skipComparison. */
export const skipHandler: RouteHandler<typeof skipRoute, AppEnv> = async (c) => {
  const s = c.var.services;
  return c.json(await skipComparison(s, s.db, target(c.var.principal, c.req.valid("param"))), 200);
};

/** undoRanking. */
export const undoHandler: RouteHandler<typeof undoRoute, AppEnv> = async (c) => {
  const s = c.var.services;
  return c.json(await undoRanking(s, s.db, target(c.var.principal, c.req.valid("param"))), 200);
};

/** listComparisons. */
export const listHandler: RouteHandler<typeof listRoute, AppEnv> = async (c) => {
  const { studyId } = c.req.valid("param");
  const { projectId, labelerId } = labelerOf(c.var.principal, studyId);
  const s = c.var.services;
  const page = c.req.valid("query");
  return c.json(await listComparisons(s, s.db, projectId, studyId, labelerId, page), 200);
};

/** exportComparisons: streamed, so a plain Response (the route documents its media types). */
export const exportHandler: RouteHandler<typeof exportRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const s = c.var.services;
  const { studyId } = c.req.valid("param");
  const { format } = c.req.valid("query");
  const stream = await exportComparisons(s, s.db, projectId, studyId, format);
  return new Response(stream, {
    headers: {
      "content-type": exportContentType(format),
      "content-disposition": `attachment; filename="comparisons-${studyId}.${format}"`,
    },
  });
};

/** getComparison. */
export const getHandler: RouteHandler<typeof getRoute, AppEnv> = async (c) => {
  const { studyId, comparisonId } = c.req.valid("param");
  const { projectId, labelerId } = labelerOf(c.var.principal, studyId);
  const s = c.var.services;
  return c.json(
    await getComparison(s, s.db, projectId, studyId, comparisonId, labelerId),
    200,
  );
};

/** renderCandidate: the study's renderer draws the candidate's params (SVG, or PNG from a model). */
export const renderHandler: RouteHandler<typeof renderRoute, AppEnv> = async (c) => {
  const { studyId, comparisonId, candidateId } = c.req.valid("param");
  const { projectId } = labelerOf(c.var.principal, studyId);
  const s = c.var.services;
  const { meta, params } = await candidateOf(
    s,
    s.db,
    projectId,
    studyId,
    comparisonId,
    candidateId,
  );
  const image = await renderParams(s, meta, params);
  c.header("Cache-Control", "private, max-age=3600");
  // Bytes over a shared buffer are copied: a response body owns its buffer.
  const body = typeof image.body === "string" ? image.body : new Uint8Array(image.body);
  return c.body(body, 200, { "Content-Type": image.contentType });
};
