/**
 * Labeler tokens: a project key mints, lists and revokes tokens that can
 * fetch, rank, skip and undo one study's comparisons and nothing else.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  createLabelerToken,
  listLabelerTokens,
  requireProjectKey,
  revokeLabelerToken,
} from "../../services/projects.ts";
import { findStudy } from "../../services/studies.ts";
import {
  type AppEnv,
  idParam,
  json,
  jsonBody,
  problemResponses,
  validationHook,
} from "../common.ts";
import {
  ApiKeySchema,
  EXAMPLE,
  EXAMPLE_API_KEY,
  EXAMPLE_KEY,
  NewApiKeySchema,
} from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Comparisons"];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });

const EXAMPLE_LABELER = {
  ...EXAMPLE_API_KEY,
  role: "labeler",
  studyId: EXAMPLE.studyId,
  name: "ada",
};

const createLabelerRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/labelers",
  operationId: "createLabelerToken",
  summary: "Mint a labeler token for a study",
  description: "The token can fetch, rank, skip and undo this study's comparisons and see their " +
    "renderings, nothing else. It is shown once; only its hash is stored. Open the labeling " +
    "page at `/label/{studyId}#token=<token>`.",
  tags,
  security,
  request: {
    params: StudyParams,
    body: jsonBody(
      z.strictObject({ name: z.string().min(1).max(200) }).openapi("CreateLabelerTokenRequest"),
      { name: "ada" },
    ),
  },
  responses: {
    201: {
      description: "The token (shown once)",
      ...json(NewApiKeySchema, { ...EXAMPLE_LABELER, key: EXAMPLE_KEY }),
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const listLabelersRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/labelers",
  operationId: "listLabelerTokens",
  summary: "List a study's labeler tokens",
  tags,
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "The study's labeler tokens, revoked ones included",
      ...json(z.object({ items: z.array(ApiKeySchema) }), { items: [EXAMPLE_LABELER] }),
    },
    ...problemResponses(401, 403, 404),
  },
});

const revokeLabelerRoute = createRoute({
  method: "delete",
  path: "/v1/studies/{studyId}/labelers/{keyId}",
  operationId: "revokeLabelerToken",
  summary: "Revoke a labeler token",
  tags,
  security,
  request: { params: StudyParams.extend({ keyId: idParam("keyId", EXAMPLE.keyId) }) },
  responses: {
    200: {
      description: "The revoked token",
      ...json(ApiKeySchema, { ...EXAMPLE_LABELER, revokedAt: EXAMPLE.later }),
    },
    ...problemResponses(401, 403, 404),
  },
});

/** The labeler-token routes. */
export function labelerRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(createLabelerRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const { studyId } = c.req.valid("param");
    const s = c.var.services;
    await findStudy(s.db, projectId, studyId);
    const { name } = c.req.valid("json");
    return c.json(await createLabelerToken(s.db, projectId, studyId, name) as never, 201);
  });
  app.openapi(listLabelersRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const { studyId } = c.req.valid("param");
    const s = c.var.services;
    await findStudy(s.db, projectId, studyId);
    return c.json({ items: await listLabelerTokens(s.db, projectId, studyId) } as never, 200);
  });
  app.openapi(revokeLabelerRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const { studyId, keyId } = c.req.valid("param");
    const s = c.var.services;
    return c.json(await revokeLabelerToken(s.db, projectId, studyId, keyId, s.now()) as never, 200);
  });
  return app;
}
