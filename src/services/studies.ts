/**
 * Studies: create, read, list, update, delete.
 */
import { findAlgorithm } from "../algorithms/mod.ts";
import type { SsoConfig } from "../algorithms/sso/config.ts";
import type { AlgorithmDefinition, JsonValue } from "../algorithms/types.ts";
import type { Queryable } from "../db/client.ts";
import {
  deleteStudyRows,
  insertStudy,
  projectStudies,
  projectStudy,
  updateStudyRow,
} from "../db/queries/studies.ts";
import { countStudyTrials } from "../db/queries/trials.ts";
import type { StudyRow } from "../db/schema.ts";
import { fieldIssues, invalid, invalidFields, notFound } from "../errors.ts";
import { Space } from "../space/mod.ts";
import type { SpaceSpec } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { encodeCursor, newId } from "./ids.ts";
import { checkEvaluator } from "./model_objective.ts";
import { checkModelRenderer } from "./model_renderer.ts";
import { type Actor, recordAudit } from "./audit.ts";
import { createdCursor, type Page } from "./page.ts";
import { checkOnnxPair } from "./sso/onnx_pair.ts";
import type {
  CreateStudyInput,
  Objective,
  StudyState,
  TrialState,
  UpdateStudyInput,
} from "./study_schema.ts";
import { type Labeling, LabelingSchema, TrialStateSchema } from "./study_schema.ts";
import { forgetStudyMeta } from "./study_meta.ts";

/** A study as the API shows it. */
export interface StudyView {
  id: string;
  projectId: string;
  name: string;
  metadata: Record<string, unknown>;
  state: StudyState;
  /** Null for a study driven by rounds (sso). */
  space: SpaceSpec | null;
  /** Null for a study driven by rounds (sso). */
  objective: Objective | null;
  algorithm: { name: string; config: Record<string, unknown>; seed: number };
  settings: { leaseSeconds: number };
  labeling: Labeling | null;
  trialCounts: Record<TrialState, number>;
  createdAt: string;
  updatedAt: string;
}

/** Counts a study's trials by (effective) state. */
export async function countTrials(
  q: Queryable,
  studyId: string,
  now: Date,
): Promise<Record<TrialState, number>> {
  const found = await countStudyTrials(q, studyId, now);
  return Object.fromEntries(TrialStateSchema.options.map((s) => [s, found.get(s) ?? 0])) as Record<
    TrialState,
    number
  >;
}

/** A study row and its counts as the API shows them. */
export function studyView(row: StudyRow, trialCounts: Record<TrialState, number>): StudyView {
  const rounds = findAlgorithm(row.algorithmName)?.protocol === "rounds";
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    metadata: row.metadata as Record<string, unknown>,
    state: row.state,
    space: rounds ? null : row.space as SpaceSpec,
    objective: rounds ? null : row.objective as Objective,
    algorithm: {
      name: row.algorithmName,
      config: row.algorithmConfig as Record<string, unknown>,
      seed: row.seed,
    },
    settings: { leaseSeconds: row.leaseSeconds },
    labeling: (row.labeling ?? null) as Labeling | null,
    trialCounts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The registered algorithm a new study names; a 422 naming `algorithm.name` when none. */
function definitionOf(input: CreateStudyInput): AlgorithmDefinition<unknown> {
  const definition = findAlgorithm(input.algorithm.name);
  if (!definition) {
    throw invalid(
      "algorithm.name",
      "known_algorithm",
      `unknown algorithm "${input.algorithm.name}" (listAlgorithms names those available)`,
    );
  }
  return definition;
}

/** The algorithm's config, validated (422s naming `algorithm.config.<field>`). */
function parseConfig(definition: AlgorithmDefinition<unknown>, config: unknown): unknown {
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) {
    throw invalidFields(fieldIssues(parsed.error.issues, "algorithm.config"));
  }
  return parsed.data;
}

/** The designer's first state. */
function firstState(
  definition: AlgorithmDefinition<unknown>,
  space: Space,
  config: unknown,
  seed: number,
): JsonValue {
  try {
    return definition.create({ space, config, seed }).dump();
  } catch (error) {
    throw invalid("algorithm", "supported_space", (error as Error).message);
  }
}

/** Validates the algorithm choice and makes the designer's first state. */
function prepareAlgorithm(input: CreateStudyInput, space: Space) {
  const definition = definitionOf(input);
  const refused = definition.checkSpace?.(space) ?? null;
  if (refused !== null) throw invalid("space", "supported_space", refused);
  const config = parseConfig(definition, input.algorithm.config);
  const seed = input.algorithm.seed ?? Math.floor(Math.random() * 2 ** 32);
  const state = firstState(definition, space, config, seed);
  return { config: config as Record<string, unknown>, seed, state };
}

/**
 * The study's labeling settings: as given (only for algorithms that learn
 * from rankings), defaults for those algorithms when absent, else null.
 */
function labelingOf(input: CreateStudyInput, config: Record<string, unknown>): Labeling | null {
  const definition = findAlgorithm(input.algorithm.name)!;
  const takesRankings = definition.feedbackKinds.includes("ranking");
  if (input.labeling !== undefined && !takesRankings) {
    throw invalid(
      "labeling",
      "ranking_algorithm",
      `algorithm "${input.algorithm.name}" does not learn from rankings: comparisons need one ` +
        "that does (listAlgorithms shows each one's feedback kinds)",
    );
  }
  if (!takesRankings) return null;
  const labeling = input.labeling ?? LabelingSchema.parse({});
  const needs = definition.labelingNeeds?.(config);
  // One round, one comparison: a comparison that shows only part of a round would leave the
  // rest to comparisons the algorithm has moved past by the time they are ranked.
  if (needs && labeling.candidates !== undefined && labeling.candidates < needs.roundSize) {
    throw invalid(
      "labeling.candidates",
      "round_size",
      `a round of "${input.algorithm.name}" with this config shows ${needs.roundSize} ` +
        `candidates: labeling.candidates must be at least that (or absent)`,
    );
  }
  if (labeling.topK === undefined && needs?.topK !== undefined) labeling.topK = needs.topK;
  if (
    labeling.topK !== undefined && labeling.candidates !== undefined &&
    labeling.topK > labeling.candidates
  ) {
    throw invalid("labeling.topK", "max", "topK cannot exceed the number of candidates");
  }
  return labeling;
}

/** A new study whose algorithm searches a space: its space and objective are required. */
type TrialsStudyInput = CreateStudyInput & { space: SpaceSpec; objective: Objective };

/** Creates a study in a project. */
export async function createStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  input: CreateStudyInput,
): Promise<StudyView> {
  if (definitionOf(input).protocol === "rounds") {
    return await createRoundsStudy(ctx, q, projectId, input);
  }
  const missing = (["space", "objective"] as const).filter((k) => input[k] === undefined);
  if (missing.length) {
    throw invalidFields(missing.map((field) => ({
      field,
      rule: "required",
      message: `a study of "${input.algorithm.name}" needs a ${field}`,
    })));
  }
  const checked = input as TrialsStudyInput;
  const space = new Space(checked.space);
  const algorithm = prepareAlgorithm(checked, space);
  const evaluator = checked.objective.evaluator;
  const renderer = input.labeling?.renderer;
  const rendererModel = renderer && "model" in renderer ? renderer : undefined;
  if (evaluator || rendererModel) {
    // Checked against the models in the study's transaction, which keeps the models' rows
    // locked until the study is written (a concurrent deleteModel then sees the study).
    const checkedEvaluator = evaluator && { ...evaluator, model: evaluator.model.toLowerCase() };
    const checkedRenderer = rendererModel &&
      { ...rendererModel, model: rendererModel.model.toLowerCase() };
    const checkedInput: TrialsStudyInput = {
      ...checked,
      objective: checkedEvaluator
        ? { ...checked.objective, evaluator: checkedEvaluator }
        : checked.objective,
      labeling: input.labeling && checkedRenderer
        ? { ...input.labeling, renderer: checkedRenderer }
        : input.labeling,
    };
    return await q.transaction(async (tx) => {
      if (checkedEvaluator) await checkEvaluator(tx, projectId, space, checkedEvaluator);
      if (checkedRenderer) await checkModelRenderer(tx, projectId, space, checkedRenderer);
      return await insertNewStudy(ctx, tx, projectId, checkedInput, algorithm);
    });
  }
  return await insertNewStudy(ctx, q, projectId, checked, algorithm);
}

/** What a study driven by rounds stores for the space it does not have (shown as null). */
const NO_SPACE: SpaceSpec = { parameters: [] };
/**
 * What a study driven by rounds stores for the objective it does not have
 * (shown as null): its client's loss, minimised, so that code reading a
 * study's first metric finds one before the trial paths refuse the study.
 */
const NO_OBJECTIVE: Objective = { metrics: [{ name: "loss", goal: "minimize" }] };

/**
 * Creates a study whose algorithm is driven by rounds (sso): no space, no
 * objective, no labeling (422s naming each given). Its config is checked,
 * and an ONNX pair against the project's models in the study's transaction
 * (their sizes stored with the config); the designer's first state holds θ₀.
 */
async function createRoundsStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  input: CreateStudyInput,
): Promise<StudyView> {
  const definition = definitionOf(input);
  const given = (["space", "objective", "labeling"] as const).filter((k) => input[k] !== undefined);
  if (given.length) {
    throw invalidFields(given.map((field) => ({
      field,
      rule: "rounds_algorithm",
      message: `"${definition.name}" is driven by rounds (its subject is a model): a study of ` +
        `it takes no ${field}`,
    })));
  }
  const space = new Space(NO_SPACE);
  const config = parseConfig(definition, input.algorithm.config) as SsoConfig;
  const seed = input.algorithm.seed ?? Math.floor(Math.random() * 2 ** 32);
  const insert = async (tx: Queryable, checked: SsoConfig) => {
    const algorithm = {
      config: checked as unknown as Record<string, unknown>,
      seed,
      state: firstState(definition, space, checked, seed),
    };
    const study = { ...input, space: NO_SPACE, objective: NO_OBJECTIVE };
    return await insertNewStudy(ctx, tx, projectId, study, algorithm);
  };
  if (config.model.family !== "onnx") return await insert(q, config);
  const model = config.model;
  // Checked in the study's transaction, which keeps the models' rows locked until it commits.
  return await q.transaction(async (tx) => {
    const resolved = await checkOnnxPair(tx, projectId, model);
    return await insert(tx, parseConfig(definition, { ...config, model: resolved }) as SsoConfig);
  });
}

/** Writes a checked new study. */
async function insertNewStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  input: TrialsStudyInput,
  algorithm: { config: Record<string, unknown>; seed: number; state: JsonValue },
): Promise<StudyView> {
  const now = ctx.now();
  const row = await insertStudy(q, {
    id: newId(),
    projectId,
    name: input.name,
    metadata: input.metadata ?? {},
    state: "ACTIVE",
    space: input.space,
    objective: input.objective,
    algorithmName: input.algorithm.name,
    algorithmConfig: algorithm.config,
    seed: algorithm.seed,
    algorithmState: algorithm.state,
    leaseSeconds: input.settings?.leaseSeconds ?? ctx.defaultLeaseSeconds,
    labeling: labelingOf(input, algorithm.config),
    createdAt: now,
    updatedAt: now,
  });
  return studyView(row, await countTrials(q, row.id, now));
}

/** A study of the project, or a 404 (also for another project's study). */
export async function findStudy(
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyRow> {
  const row = await projectStudy(q, projectId, studyId);
  if (!row) throw notFound("study", studyId);
  return row;
}

/** One study with its trial counts. */
export async function getStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
): Promise<StudyView> {
  const row = await findStudy(q, projectId, studyId);
  return studyView(row, await countTrials(q, row.id, ctx.now()));
}

/** The project's studies, newest first. */
export async function listStudies(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  page: { limit: number; cursor?: string; state?: StudyState },
): Promise<Page<StudyView>> {
  const after = createdCursor(page.cursor);
  const rows = await projectStudies(q, projectId, {
    limit: page.limit + 1,
    state: page.state,
    after,
  });
  const now = ctx.now();
  const shown = rows.slice(0, page.limit);
  const items: StudyView[] = [];
  for (const row of shown) items.push(studyView(row, await countTrials(q, row.id, now)));
  const last = shown[shown.length - 1];
  return {
    items,
    nextCursor: rows.length > page.limit
      ? encodeCursor([last.createdAt.toISOString(), last.id])
      : null,
  };
}

/** Renames a study, replaces its metadata, or moves it between states. */
export async function updateStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  input: UpdateStudyInput,
): Promise<StudyView> {
  const now = ctx.now();
  const row = await updateStudyRow(q, projectId, studyId, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
    ...(input.state !== undefined ? { state: input.state } : {}),
    updatedAt: now,
  });
  if (!row) throw notFound("study", studyId);
  return studyView(row, await countTrials(q, row.id, now));
}

/**
 * Deletes a study and all its trials, recording it in the audit log in the
 * same transaction, and forgets the facts this context cached of it.
 */
export async function deleteStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  by: Actor,
): Promise<void> {
  await q.transaction(async (tx) => {
    const deleted = await deleteStudyRows(tx, projectId, studyId);
    if (!deleted) throw notFound("study", studyId);
    await recordAudit(tx, by, {
      action: "study.deleted",
      targetId: studyId,
      projectId,
      details: { name: deleted.name },
    });
  });
  forgetStudyMeta(ctx, studyId);
}
