/**
 * The one error body of the API (RFC 9457 problem+json, src/errors.ts) as
 * the OpenAPI document describes it: the Problem component, each status's
 * documented response with an example, and the statuses every operation may
 * answer (500, 503), documented on all of them in one place.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import { type ProblemKind, problemType, type Rule, RULES } from "../errors.ts";
import type { AppEnv } from "./common.ts";
import { BestSchema, CompletionSchema } from "./study_stops_schemas.ts";

/** An RFC 9457 problem, as documented. */
export const ProblemSchema = z.object({
  type: z.string().openapi({ example: "urn:minima:problem:validation" }),
  title: z.string().openapi({ example: "The request is not valid" }),
  status: z.number().int().openapi({ example: 422 }),
  detail: z.string().openapi({
    example: "space.parameters[0].max: max (-5) must be greater than min (10)",
  }),
  instance: z.string().optional().openapi({ example: "/v1/studies" }),
  requestId: z.string().optional(),
  errors: z.array(
    z.object({
      field: z.string().openapi({ example: "space.parameters[0].max" }),
      rule: z.enum(RULES).openapi({
        description: "The rule the field breaks (a stable name clients may switch on)",
        example: "min_below_max",
      }),
      message: z.string().openapi({ example: "max (-5) must be greater than min (10)" }),
    }).openapi("FieldIssue"),
  ).optional(),
  // The members of a study-complete problem (services/study_stops.ts).
  completion: CompletionSchema.optional().openapi({
    description: "type study-complete: why and when the study completed",
  }),
  best: BestSchema.optional().openapi({
    description: "type study-complete: the study's best trial (null when none completed)",
  }),
}).openapi("Problem");

const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (bad JSON, bad query parameter)",
  401: "Missing or invalid API key",
  403: "The key may not do this",
  404: "No such resource in the key's project",
  409: "Conflicts with the resource's state, or an Idempotency-Key reused with another body",
  413: "Request body too large",
  415: "Body is not application/json",
  422: "The body breaks a rule; `errors` names each field and rule",
  429:
    "The key's rate limit is spent (MINIMA_RATE_LIMIT_PER_KEY, MINIMA_RATE_LIMIT_PER_LABELER); " +
    "retry after `Retry-After` seconds",
  500: "An internal error (a defect): the body names the request id to report",
  503:
    "This process cannot serve it now (its database connection was lost, or a runtime it needs " +
    "is absent or failed); retry later, with the same Idempotency-Key where the request has one",
};

const EXAMPLES: Record<
  number,
  [ProblemKind, string, string, { field: string; rule: Rule; message: string }?]
> = {
  400: ["bad-request", "Bad request", "the body is not valid JSON", {
    field: "(body)",
    rule: "json",
    message: "the body is not valid JSON",
  }],
  401: ["unauthorized", "Missing or invalid API key", "the API key is unknown or revoked"],
  403: ["forbidden", "Not allowed with this key", "this operation needs an admin key"],
  404: ["not-found", "Not found", "study 8c4a3f8e-2b1d-4e6f-9a0b-1c2d3e4f5a6b does not exist"],
  409: [
    "conflict",
    "Conflict",
    'trial 12 is already COMPLETED with values {"value":0.41}; a finished trial cannot be reported differently',
  ],
  413: ["payload-too-large", "Request body too large", "the request body exceeds 4194304 bytes"],
  415: ["unsupported-media-type", "Unsupported media type", "Unsupported Media Type"],
  422: [
    "validation",
    "The request is not valid",
    "space.parameters[0].max: max (-5) must be greater than min (10)",
    {
      field: "space.parameters[0].max",
      rule: "min_below_max",
      message: "max (-5) must be greater than min (10)",
    },
  ],
  429: [
    "too-many-requests",
    "Too many requests",
    "this key may make 50 requests a second (bursts of 100); retry after 1 s",
  ],
  500: [
    "internal",
    "Internal error",
    "an internal error occurred (request 2f6b0c8e-1d3a-4e5f-8a9b-0c1d2e3f4a5b)",
  ],
  503: [
    "unavailable",
    "Service unavailable",
    "no execution provider loaded the model (cuda: Failed to load shared library)",
  ],
};

/** The documented problem responses for the given statuses, each with an example. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => {
    const [kind, title, detail, issue] = EXAMPLES[s];
    return [s, {
      description: DESCRIPTIONS[s],
      content: {
        "application/problem+json": {
          schema: ProblemSchema,
          example: {
            type: problemType(kind),
            title,
            status: s,
            detail,
            ...(issue ? { errors: [issue] } : {}),
          },
        },
      },
    }];
  }));
}

/**
 * Statuses any operation may answer, whatever it does: an internal error
 * (500) and a database or runtime this process cannot reach (503).
 */
export const SERVER_PROBLEMS = [500, 503];

/** Documents `statuses` (as problems) on every operation of `app` that lacks them. */
export function documentProblems(
  app: OpenAPIHono<AppEnv>,
  statuses: number[],
  onlyUnder = "/",
): void {
  const documented = problemResponses(...statuses);
  for (const def of app.openAPIRegistry.definitions) {
    if (def.type !== "route" || !def.route.path.startsWith(onlyUnder)) continue;
    const responses = def.route.responses;
    for (const [status, response] of Object.entries(documented)) responses[status] ??= response;
  }
}
