/**
 * The studies routes as documented: paths, parameters, bodies, responses and
 * examples, apart from the handlers (./handlers.ts) so the contract reads on
 * its own and the handlers are typed against it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { documentedAs } from "../algorithm_components.ts";
import {
  AlgorithmChoiceSchema,
  CreateStudySchema,
  StudyStateSchema,
  UpdateStudySchema,
} from "../../services/study_schema.ts";
import { IdempotencyHeaders, idParam, pageOf, PageQuery, problemResponses } from "../common.ts";
import { EXAMPLE, EXAMPLE_SPACE, EXAMPLE_STUDY, StudySchema } from "../schemas.ts";

const security = [{ bearerAuth: [] }];
const tags = ["Studies"];
const StudyParams = z.object({ studyId: idParam("studyId", EXAMPLE.studyId) });
const studyResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: StudySchema, example: EXAMPLE_STUDY } },
});

/**
 * createStudy's body as documented: `algorithm` is the AlgorithmChoice
 * union (../algorithm_components.ts); the named algorithm's config is
 * validated by the service.
 */
const CreateStudyRequest = CreateStudySchema.extend({
  algorithm: documentedAs(
    AlgorithmChoiceSchema.optional(),
    "AlgorithmChoice",
    CreateStudySchema.shape.algorithm.description,
  ),
}).openapi("CreateStudyRequest");

export const createStudyRoute = createRoute({
  method: "post",
  path: "/v1/studies",
  operationId: "createStudy",
  summary: "Create a study",
  description:
    "A search space, an objective (the first metric is optimised, others recorded) and an algorithm " +
    "(see listAlgorithms) with its config and an optional seed; a seeded study is deterministic. " +
    "Floats and ints may have a `step`; `scale: log` needs min > 0. Names are unique in a " +
    'project: with `"ifExists": "return"` an existing study of that name is answered (200) ' +
    "when its definition matches, else 409 naming each difference. Without an algorithm, " +
    "minima chooses one for the space and says why (`algorithm.reason`). A study whose algorithm could not compute its first suggestions " +
    "within the design memory budget (`MINIMA_DESIGN_MEMORY_BYTES`) is refused with a 422 " +
    "naming the field to change (rule `design_memory`).",
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
    200: studyResponse('The existing study of that name (`"ifExists": "return"`)'),
    201: studyResponse("Created"),
    ...problemResponses(400, 401, 403, 409, 413, 415, 422),
  },
});

export const listStudiesRoute = createRoute({
  method: "get",
  path: "/v1/studies",
  operationId: "listStudies",
  summary: "List the project's studies",
  description: "Newest first, paginated with a cursor; optionally only studies in one state, " +
    "or the study of one name.",
  tags,
  security,
  request: {
    query: PageQuery.extend({
      state: StudyStateSchema.optional(),
      name: z.string().min(1).max(200).optional().openapi({
        description: "Only the study of this name (names are unique in a project)",
        example: "branin",
      }),
    }),
  },
  responses: {
    200: {
      description: "A page of studies",
      content: {
        "application/json": {
          schema: pageOf(StudySchema).openapi("StudyPage"),
          example: { items: [EXAMPLE_STUDY], nextCursor: null },
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const getStudyRoute = createRoute({
  method: "get",
  path: "/v1/studies/{studyId}",
  operationId: "getStudy",
  summary: "Get a study",
  description: "The study with its trials counted by state, its progress toward its stop " +
    "conditions (`progress`), its best trial (`best`) and, once COMPLETED, why and when " +
    "(`completion`; an ACTIVE study past its deadline shows as COMPLETED). Another project's " +
    "study is a 404.",
  tags,
  security,
  request: { params: StudyParams },
  responses: { 200: studyResponse("The study"), ...problemResponses(401, 403, 404) },
});

export const updateStudyRoute = createRoute({
  method: "patch",
  path: "/v1/studies/{studyId}",
  operationId: "updateStudy",
  summary: "Rename a study, replace its metadata, change its state or its stop conditions",
  description:
    "PAUSED and COMPLETED studies hand out no trials (suggestTrials is a 409) but still accept " +
    "results. `settings.maxTrials` and `settings.deadline` (null removes one; a deadline must be " +
    "in the future) re-open a study they completed when they no longer stop it, and complete " +
    "one they stop now; `state: ACTIVE` on a study its conditions still stop is a 409 naming " +
    "the setting to change.",
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
    ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422),
  },
});

export const deleteStudyRoute = createRoute({
  method: "delete",
  path: "/v1/studies/{studyId}",
  operationId: "deleteStudy",
  summary: "Delete a study and all its trials",
  description:
    "Deletes the study with its trials, runs, schedules, comparisons and labeler tokens; " +
    "the deletion is recorded in the audit log with the study's name. Cannot be undone.",
  tags,
  security,
  request: { params: StudyParams },
  responses: { 204: { description: "Deleted" }, ...problemResponses(401, 403, 404) },
});
