/**
 * The admin routes as documented: admin keys as objects (minted, listed and
 * revoked like project keys) and the audit log. The handlers are in
 * ./handlers.ts.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { AUDIT_ACTIONS } from "../../services/audit.ts";
import {
  IdempotencyHeaders,
  idParam,
  json,
  jsonBody,
  pageOf,
  PageQuery,
  problemResponses,
  uuid,
} from "../common.ts";
import {
  ApiKeyListSchema,
  ApiKeySchema,
  AuditEventSchema,
  EXAMPLE,
  EXAMPLE_ADMIN_KEY,
  EXAMPLE_AUDIT_EVENT,
  EXAMPLE_KEY,
  NewApiKeySchema,
} from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Admin keys and audit"];

export const createAdminKeyRoute = createRoute({
  method: "post",
  path: "/v1/admin/keys",
  operationId: "createAdminKey",
  summary: "Mint an admin key",
  description:
    "Admin only. The answer holds the key, the only time it is shown: only its SHA-256 hash is " +
    "stored. An admin key manages projects, their keys, admin keys and reads the audit log. " +
    "With an `Idempotency-Key`, a retry mints nothing and answers 409 (`errors[0].rule`: " +
    "`shown_once`) naming the key's id: revoke it and mint another if the first answer was lost. " +
    "Rotating away from `MINIMA_ADMIN_KEY`: mint one with it, move clients to the new key, then " +
    "start the processes without `MINIMA_ADMIN_KEY`.",
  tags,
  security,
  request: {
    headers: IdempotencyHeaders,
    body: jsonBody(
      z.strictObject({ name: z.string().min(1).max(200).openapi({ example: "ops-2026-q4" }) })
        .openapi("CreateAdminKeyRequest"),
      { name: "ops-2026-q4" },
    ),
  },
  responses: {
    201: {
      description: "The new admin key (shown once)",
      ...json(NewApiKeySchema, { ...EXAMPLE_ADMIN_KEY, key: EXAMPLE_KEY }),
    },
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

export const listAdminKeysRoute = createRoute({
  method: "get",
  path: "/v1/admin/keys",
  operationId: "listAdminKeys",
  summary: "List admin keys",
  description: "Admin only. The stored admin keys, oldest first, revoked ones with `revokedAt`; " +
    "keys themselves never are, and `MINIMA_ADMIN_KEY` (not stored) is not listed.",
  tags,
  security,
  responses: {
    200: {
      description: "The admin keys",
      ...json(ApiKeyListSchema, { items: [EXAMPLE_ADMIN_KEY] }),
    },
    ...problemResponses(401, 403),
  },
});

export const revokeAdminKeyRoute = createRoute({
  method: "delete",
  path: "/v1/admin/keys/{keyId}",
  operationId: "revokeAdminKey",
  summary: "Revoke an admin key",
  description:
    "Admin only. The key stops working at once on this process and within 5 seconds on others " +
    "(the same path as every key's revocation). Revoking twice is harmless. The last live admin " +
    "key cannot be revoked unless this process has `MINIMA_ADMIN_KEY` (409, `errors[0].rule`: " +
    "`last_admin_key`): that would lock every admin out.",
  tags,
  security,
  request: { params: z.object({ keyId: idParam("keyId", EXAMPLE_ADMIN_KEY.id) }) },
  responses: {
    200: {
      description: "The revoked key",
      ...json(ApiKeySchema, { ...EXAMPLE_ADMIN_KEY, revokedAt: EXAMPLE.later }),
    },
    ...problemResponses(401, 403, 404, 409),
  },
});

/** The audit log's query: a page, narrowed by action, project and time. */
const AuditQuery = PageQuery.extend({
  action: z.enum(AUDIT_ACTIONS).optional().openapi({
    description: "Only events of this action",
    example: "api_key.revoked",
  }),
  projectId: uuid().optional().openapi({
    description: "Only events in this project",
    example: EXAMPLE.projectId,
  }),
  since: z.string().datetime({ offset: true }).optional().openapi({
    description: "Only events at or after this time (RFC 3339)",
    example: EXAMPLE.time,
  }),
  until: z.string().datetime({ offset: true }).optional().openapi({
    description: "Only events before this time (RFC 3339)",
    example: EXAMPLE.later,
  }),
});

export const listAuditEventsRoute = createRoute({
  method: "get",
  path: "/v1/admin/audit-events",
  operationId: "listAuditEvents",
  summary: "List audit events",
  description:
    "Admin only. Every key minted or revoked (admin keys, project keys, labeler tokens), every " +
    "project created and every study deleted: who (`actor`, a key's id), when, what, and the " +
    "request's id. Each event was written in the transaction of its change. Newest first, " +
    "paginated with a cursor.",
  tags,
  security,
  request: { query: AuditQuery },
  responses: {
    200: {
      description: "A page of events",
      ...json(pageOf(AuditEventSchema).openapi("AuditEventPage"), {
        items: [EXAMPLE_AUDIT_EVENT],
        nextCursor: null,
      }),
    },
    ...problemResponses(400, 401, 403),
  },
});
