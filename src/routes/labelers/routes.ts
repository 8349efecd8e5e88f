/**
 * The labeler-token routes as documented: paths, parameters, bodies, responses
 * and examples, apart from the handlers (./handlers.ts) so the contract reads
 * on its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { IdempotencyHeaders, idParam, json, jsonBody, problemResponses } from "../common.ts";
import {
  ApiKeyListSchema,
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

export const createLabelerRoute = createRoute({
  method: "post",
  path: "/v1/studies/{studyId}/labelers",
  operationId: "createLabelerToken",
  summary: "Mint a labeler token for a study",
  description: "The token can fetch, rank, skip and undo this study's comparisons and see their " +
    "renderings, nothing else. It is shown once; only its hash is stored. Open the labeling " +
    "page at `/label/{studyId}#token=<token>`. With an `Idempotency-Key`, a retry mints " +
    "nothing and, since the token is not kept, answers 409 (`errors[0].rule`: `shown_once`) " +
    "naming the token's id: revoke it and mint another if the first answer was lost.",
  tags,
  security,
  request: {
    params: StudyParams,
    headers: IdempotencyHeaders,
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
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const listLabelersRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}/labelers",
  operationId: "listLabelerTokens",
  summary: "List a study's labeler tokens",
  description: "The study's labeler tokens, revoked ones included (revokedAt set); the tokens " +
    "themselves are never shown again, only their prefixes.",
  tags,
  security,
  request: { params: StudyParams },
  responses: {
    200: {
      description: "The study's labeler tokens, revoked ones included",
      ...json(ApiKeyListSchema, { items: [EXAMPLE_LABELER] }),
    },
    ...problemResponses(401, 403, 404),
  },
});

export const revokeLabelerRoute = createRoute({
  method: "delete",
  path: "/v1/studies/{studyId}/labelers/{keyId}",
  operationId: "revokeLabelerToken",
  summary: "Revoke a labeler token",
  description:
    "Revokes the token at once: its next request answers 401. The revocation is recorded " +
    "in the audit log.",
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
