/**
 * The projects-and-keys routes as documented: paths, parameters, bodies, responses
 * and examples, apart from the handlers (./handlers.ts) so the contract reads
 * on its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { IdempotencyHeaders, idParam, pageOf, PageQuery, problemResponses } from "../common.ts";
import {
  ApiKeyListSchema,
  ApiKeySchema,
  EXAMPLE,
  EXAMPLE_API_KEY,
  EXAMPLE_KEY,
  EXAMPLE_PROJECT,
  NewApiKeySchema,
  ProjectSchema,
} from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Projects and keys"];
const ProjectParams = z.object({ projectId: idParam("projectId", EXAMPLE.projectId) });
const NameBody = (example: string) =>
  z.strictObject({ name: z.string().min(1).max(200).openapi({ example }) });

export const createProjectRoute = createRoute({
  method: "post",
  path: "/v1/projects",
  operationId: "createProject",
  summary: "Create a project",
  description: "Admin only. Projects own studies and API keys; names are unique.",
  tags,
  security,
  request: {
    headers: IdempotencyHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: NameBody("vision-team").openapi("CreateProjectRequest"),
          example: { name: "vision-team" },
        },
      },
    },
  },
  responses: {
    201: {
      description: "Created",
      content: {
        "application/json": {
          schema: ProjectSchema,
          example: EXAMPLE_PROJECT,
        },
      },
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

export const listProjectsRoute = createRoute({
  method: "get",
  path: "/v1/projects",
  operationId: "listProjects",
  summary: "List projects",
  description: "Admin only. Ordered by name, paginated with a cursor.",
  tags,
  security,
  request: { query: PageQuery },
  responses: {
    200: {
      description: "A page of projects",
      content: {
        "application/json": {
          schema: pageOf(ProjectSchema).openapi("ProjectPage"),
          example: {
            items: [EXAMPLE_PROJECT],
            nextCursor: null,
          },
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/v1/projects/{projectId}/keys",
  operationId: "createApiKey",
  summary: "Mint an API key for a project",
  description:
    "Admin only. The answer holds the key, the only time it is shown: only its SHA-256 hash is stored. " +
    "A project key sees its project's studies and nothing else. With an `Idempotency-Key`, a " +
    "retry mints nothing and, since the key is not kept, answers 409 (`errors[0].rule`: " +
    "`shown_once`) naming the key's id: revoke it and mint another if the first answer was lost.",
  tags,
  security,
  request: {
    params: ProjectParams,
    headers: IdempotencyHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: NameBody("training-cluster").openapi("CreateApiKeyRequest"),
          example: { name: "training-cluster" },
        },
      },
    },
  },
  responses: {
    201: {
      description: "The new key (shown once)",
      content: {
        "application/json": {
          schema: NewApiKeySchema,
          example: { ...EXAMPLE_API_KEY, key: EXAMPLE_KEY },
        },
      },
    },
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/v1/projects/{projectId}/keys",
  operationId: "listApiKeys",
  summary: "List a project's API keys",
  description: "Admin only. Revoked keys are listed with `revokedAt`; keys themselves never are.",
  tags,
  security,
  request: { params: ProjectParams },
  responses: {
    200: {
      description: "The project's keys",
      content: {
        "application/json": {
          schema: ApiKeyListSchema,
          example: {
            items: [EXAMPLE_API_KEY],
          },
        },
      },
    },
    ...problemResponses(401, 403, 404),
  },
});

export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/v1/projects/{projectId}/keys/{keyId}",
  operationId: "revokeApiKey",
  summary: "Revoke an API key",
  description:
    "Admin only. The key stops working at once on this process and, as soon as the revocation " +
    "reaches them (well within a second), on others. " +
    "Revoking twice is harmless.",
  tags,
  security,
  request: {
    params: ProjectParams.extend({ keyId: idParam("keyId", EXAMPLE.keyId) }),
  },
  responses: {
    200: {
      description: "The revoked key",
      content: {
        "application/json": {
          schema: ApiKeySchema,
          example: { ...EXAMPLE_API_KEY, revokedAt: EXAMPLE.later },
        },
      },
    },
    ...problemResponses(401, 403, 404),
  },
});
