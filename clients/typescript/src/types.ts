/**
 * The bodies the helpers take and give, named by the path and operation
 * they belong to in the generated schema (not by the document's component
 * names, which may change), so that a regenerated schema.d.ts is all a
 * change of the document needs.
 */
import type { paths } from "./schema.d.ts";

/** The JSON body of a request body or response. */
type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;

/** A study, as getStudy answers it. */
export type StudyView = Json<paths["/v1/studies/{studyId}"]["get"]["responses"][200]>;

/** A trial, as getTrial answers it. */
export type Trial = Json<paths["/v1/studies/{studyId}/trials/{trialId}"]["get"]["responses"][200]>;

/** createStudy's body. */
export type StudyDefinition = Json<NonNullable<paths["/v1/studies"]["post"]["requestBody"]>>;

/** completeTrial's body: values (with variances), or infeasible. */
export type TrialReport = Json<
  NonNullable<paths["/v1/studies/{studyId}/trials/{trialId}/complete"]["post"]["requestBody"]>
>;

/** suggestTrials' answer: the trials, and when to ask again when fewer came than asked. */
export type Suggestion = Json<
  paths["/v1/studies/{studyId}/trials/suggest"]["post"]["responses"][200]
>;

/** getBestTrials' answer. */
export type BestTrials = Json<paths["/v1/studies/{studyId}/trials/best"]["get"]["responses"][200]>;
