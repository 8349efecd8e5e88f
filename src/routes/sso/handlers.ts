/**
 * The sso handlers, each typed against its route (./routes.ts): what a
 * handler returns must be one of the route's documented responses.
 */
import type { RouteHandler } from "@hono/zod-openapi";
import { requireProjectKey } from "../../services/projects.ts";
import { uploadFeatures } from "../../services/sso/features.ts";
import { exportStudyModel, getStudyModel } from "../../services/sso/model.ts";
import { completeRound, getRound, listRounds, startRound } from "../../services/sso/rounds.ts";
import { type AppEnv, idempotent } from "../common.ts";
import type {
  completeRoundRoute,
  getRoundRoute,
  getStudyModelRoute,
  listRoundsRoute,
  startRoundRoute,
  uploadFeaturesRoute,
} from "./routes.ts";

/** uploadFeatures (idempotent: a retried chunk is appended once). */
export const uploadFeaturesHandler: RouteHandler<typeof uploadFeaturesRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  return await idempotent(c, "uploadFeatures", body, async (q) => ({
    status: 200,
    body: await uploadFeatures(s, q, projectId, studyId, body),
  }));
};

/** startRound (idempotent). */
export const startRoundHandler: RouteHandler<typeof startRoundRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  return await idempotent(c, "startRound", body, async (q) => ({
    status: 201,
    body: await startRound(s, q, projectId, studyId, body),
  }));
};

/** completeRound (idempotent, and a retry with the same gradient replays without a key too). */
export const completeRoundHandler: RouteHandler<typeof completeRoundRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId, roundId } = c.req.valid("param");
  const body = c.req.valid("json");
  const s = c.var.services;
  return await idempotent(c, "completeRound", body, async (q) => ({
    status: 200,
    body: await completeRound(s, q, projectId, studyId, roundId, body),
  }));
};

/** getRound. */
export const getRoundHandler: RouteHandler<typeof getRoundRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId, roundId } = c.req.valid("param");
  const s = c.var.services;
  return c.json(await getRound(s, s.db, projectId, studyId, roundId), 200);
};

/** listRounds. */
export const listRoundsHandler: RouteHandler<typeof listRoundsRoute, AppEnv> = async (c) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const s = c.var.services;
  return c.json(await listRounds(s, s.db, projectId, studyId, c.req.valid("query")), 200);
};

/** getStudyModel: θ as JSON, or the forward pass as ONNX bytes. */
export const getStudyModelHandler: RouteHandler<typeof getStudyModelRoute, AppEnv> = async (
  c,
) => {
  const projectId = requireProjectKey(c.var.principal);
  const { studyId } = c.req.valid("param");
  const { format, dtype } = c.req.valid("query");
  const s = c.var.services;
  if (format === "json") return c.json(await getStudyModel(s, s.db, projectId, studyId), 200);
  const { bytes, thetaVersion } = await exportStudyModel(s, s.db, projectId, studyId, dtype);
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="sso-${studyId}-v${thetaVersion}.onnx"`,
    },
  });
};
