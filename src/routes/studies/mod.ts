/**
 * Studies: createStudy, listStudies, getStudy, updateStudy, deleteStudy.
 */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { z as zod } from "zod";
import { listAlgorithms } from "../../algorithms/mod.ts";
import { requireProjectKey } from "../../services/projects.ts";
import {
  createStudy,
  deleteStudy,
  getStudy,
  listStudies,
  updateStudy,
} from "../../services/studies.ts";
import { forgetStudy } from "../../services/study_meta.ts";
import {
  AlgorithmChoiceSchema,
  CreateStudySchema,
  StudyStateSchema,
  UpdateStudySchema,
} from "../../services/study_schema.ts";
import {
  type AppEnv,
  IdempotencyHeaders,
  idempotent,
  idParam,
  pageOf,
  PageQuery,
  problemResponses,
  validationHook,
} from "../common.ts";
import { EXAMPLE, EXAMPLE_SPACE, EXAMPLE_STUDY, StudySchema } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Studies"];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const studyResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: StudySchema, example: EXAMPLE_STUDY } },
});

/** Each algorithm's config schema as a component of the document: `<Name>Config`. */
const CONFIG_COMPONENTS = listAlgorithms().map((a) => ({
  algorithm: a.name,
  component: `${
    a.name.split(/[^a-z0-9]+/i).map((w) => w[0].toUpperCase() + w.slice(1)).join("")
  }Config`,
  schema: a.configSchema,
}));

/**
 * createStudy's body as documented: `algorithm.config` is one of the
 * algorithms' config components (validated against the named algorithm's).
 */
const CreateStudyRequest = CreateStudySchema.extend({
  algorithm: AlgorithmChoiceSchema.extend({
    config: AlgorithmChoiceSchema.shape.config.openapi({
      description: "The algorithm's options (its component below, by `name`: " +
        CONFIG_COMPONENTS.map((c) => `${c.algorithm} → ${c.component}`).join(", ") +
        "); unknown keys are refused, defaults fill the rest",
      anyOf: CONFIG_COMPONENTS.map((c) => ({ $ref: `#/components/schemas/${c.component}` })),
    } as never),
  }),
}).openapi("CreateStudyRequest");

const createStudyRoute = createRoute({
  method: "post",
  path: "/v1/studies",
  operationId: "createStudy",
  summary: "Create a study",
  description:
    "A search space, an objective (the first metric is optimised, others recorded) and an algorithm " +
    "(see listAlgorithms) with its config and an optional seed; a seeded study is deterministic. " +
    "Floats and ints may have a `step`; `scale: log` needs min > 0.",
  tags,
  security,
  request: {
    headers: IdempotencyHeaders,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: CreateStudyRequest,
          example: {
            name: "branin",
            metadata: { owner: "ada" },
            space: EXAMPLE_SPACE,
            objective: { metrics: [{ name: "value", goal: "minimize" }] },
            algorithm: { name: "random", config: {}, seed: 1 },
            settings: { leaseSeconds: 3600 },
          },
        },
      },
    },
  },
  responses: {
    201: studyResponse("Created"),
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

const listStudiesRoute = createRoute({
  method: "get",
  path: "/v1/studies",
  operationId: "listStudies",
  summary: "List the project's studies",
  description: "Newest first, paginated with a cursor; optionally only studies in one state.",
  tags,
  security,
  request: { query: PageQuery.extend({ state: StudyStateSchema.optional() }) },
  responses: {
    200: {
      description: "A page of studies",
      content: {
        "application/json": {
          schema: pageOf(StudySchema),
          example: { items: [EXAMPLE_STUDY], nextCursor: null },
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

const getStudyRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}",
  operationId: "getStudy",
  summary: "Get a study",
  description: "The study with its trials counted by state. Another project's study is a 404.",
  tags,
  security,
  request: { params: StudyParams },
  responses: { 200: studyResponse("The study"), ...problemResponses(401, 403, 404) },
});

const updateStudyRoute = createRoute({
  method: "patch",
  path: "/v1/studies/{studyId}",
  operationId: "updateStudy",
  summary: "Rename a study, replace its metadata, or change its state",
  description:
    "PAUSED and COMPLETED studies hand out no trials (suggestTrials is a 409) but still accept results.",
  tags,
  security,
  request: {
    params: StudyParams,
    body: {
      required: true,
      content: {
        "application/json": {
          schema: UpdateStudySchema.openapi("UpdateStudyRequest"),
          example: { state: "PAUSED", metadata: { owner: "ada", note: "paused for the weekend" } },
        },
      },
    },
  },
  responses: {
    200: studyResponse("The updated study"),
    ...problemResponses(400, 401, 403, 404, 413, 415, 422),
  },
});

const deleteStudyRoute = createRoute({
  method: "delete",
  path: "/v1/studies/{studyId}",
  operationId: "deleteStudy",
  summary: "Delete a study and all its trials",
  tags,
  security,
  request: { params: StudyParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});

/** The studies routes. */
export function studyRoutes(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  // As JSON Schema (the config schemas may predate zod's OpenAPI extension).
  for (const c of CONFIG_COMPONENTS) {
    const { $schema: _, ...schema } = zod.toJSONSchema(c.schema, { io: "input" });
    app.openAPIRegistry.registerComponent("schemas", c.component, schema as never);
  }
  app.openapi(createStudyRoute, (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const body = c.req.valid("json");
    return idempotent(c, "createStudy", body, async (q) => ({
      status: 201,
      body: await createStudy(c.var.services, q, projectId, body),
    })) as never;
  });
  app.openapi(listStudiesRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const s = c.var.services;
    return c.json(await listStudies(s, s.db, projectId, c.req.valid("query")) as never, 200);
  });
  app.openapi(getStudyRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const s = c.var.services;
    return c.json(await getStudy(s, s.db, projectId, c.req.valid("param").studyId) as never, 200);
  });
  app.openapi(updateStudyRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const s = c.var.services;
    const { studyId } = c.req.valid("param");
    return c.json(
      await updateStudy(s, s.db, projectId, studyId, c.req.valid("json")) as never,
      200,
    );
  });
  app.openapi(deleteStudyRoute, async (c) => {
    const projectId = requireProjectKey(c.var.principal);
    const { studyId } = c.req.valid("param");
    await deleteStudy(c.var.services.db, projectId, studyId);
    forgetStudy(studyId);
    return c.body(null, 204);
  });
  return app;
}
