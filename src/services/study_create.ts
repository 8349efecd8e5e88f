/**
 * Creating a study: the algorithm chosen (named, or the default for the
 * space), its config validated, the designer's first state made, models
 * named by the objective or the labeling checked in the study's
 * transaction, and a taken name answered as ./study_names.ts says.
 */
import { designMemoryBudget } from "../algorithms/design_memory.ts";
import { findAlgorithm, listAlgorithms } from "../algorithms/mod.ts";
import type { SsoConfig } from "../algorithms/sso/config.ts";
import type { AlgorithmDefinition, JsonValue } from "../algorithms/types.ts";
import type { Queryable } from "../db/client.ts";
import { violatedConstraint } from "../db/errors.ts";
import { insertStudy, projectStudyNamed } from "../db/queries/studies.ts";
import { fieldIssues, invalid, invalidFields } from "../errors.ts";
import { Space } from "../space/mod.ts";
import type { SpaceSpec } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { defaultAlgorithm } from "./default_algorithm.ts";
import { newId } from "./ids.ts";
import { checkEvaluator } from "./model_objective.ts";
import { checkModelRenderer } from "./model_renderer.ts";
import { checkOnnxPair } from "./sso/onnx_pair.ts";
import { getStudyView, type StudyView } from "./studies.ts";
import { newStopSettings } from "./study_stops.ts";
import {
  definitionDifferences,
  definitionDiffers,
  nameTaken,
  STUDY_NAME_KEY,
} from "./study_names.ts";
import {
  type CreateStudyInput,
  type Labeling,
  LabelingSchema,
  type Objective,
} from "./study_schema.ts";
/** A createStudy request whose algorithm is chosen (named, or the default for its space). */
type ChosenInput = CreateStudyInput & { algorithm: NonNullable<CreateStudyInput["algorithm"]> };

/** The request with its algorithm: the one it names, or the default for its space. */
function chooseAlgorithm(input: CreateStudyInput): { input: ChosenInput; reason?: string } {
  if (input.algorithm) return { input: input as ChosenInput };
  if (!input.space) {
    throw invalid(
      "algorithm",
      "required",
      "name an algorithm: without a space there is nothing to choose a default by " +
        "(listAlgorithms names those available)",
    );
  }
  const { name, reason } = defaultAlgorithm(input.space);
  return { input: { ...input, algorithm: { name, config: {} } }, reason };
}

/** A created study, or the existing study of that name (`ifExists: "return"`). */
export interface CreatedStudy {
  study: StudyView;
  /** False when the answer is an existing study. */
  created: boolean;
}

/**
 * Creates a study in a project, or answers the existing study of that name
 * (see ./study_names.ts). The insert runs in its own (nested) transaction,
 * so that a concurrent create of the same name, found by the unique index,
 * is answered like a name that was taken before.
 */
export async function createStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  given: CreateStudyInput,
): Promise<CreatedStudy> {
  const { input, reason } = chooseAlgorithm(given);
  const existing = async () => {
    const row = await projectStudyNamed(q, projectId, input.name);
    if (!row) return undefined;
    if (input.ifExists !== "return") throw nameTaken(row);
    const definition = definitionOf(input);
    const config = definition.protocol === "rounds"
      ? undefined
      : parseConfig(definition, input.algorithm.config) as Record<string, unknown>;
    const differences = definitionDifferences(row, { input, config });
    if (differences.length) throw definitionDiffers(row, differences);
    return { study: await getStudyView(ctx, q, row), created: false };
  };
  const found = await existing();
  if (found) return found;
  try {
    const study = await q.transaction((tx) => createNewStudy(ctx, tx, projectId, input));
    if (reason) study.algorithm.reason = reason;
    return { study, created: true };
  } catch (error) {
    if (violatedConstraint(error) !== STUDY_NAME_KEY) throw error;
    const raced = await existing();
    if (!raced) throw error;
    return raced;
  }
}

/** The registered algorithm a new study names; a 422 naming `algorithm.name` when none. */
function definitionOf(input: ChosenInput): AlgorithmDefinition<unknown> {
  const definition = findAlgorithm(input.algorithm.name);
  if (!definition) {
    const names = listAlgorithms().map((a) => a.name);
    const near = nearest(input.algorithm.name, names);
    throw invalid(
      "algorithm.name",
      "known_algorithm",
      `unknown algorithm "${input.algorithm.name}"${near ? `: did you mean "${near}"?` : ""} ` +
        `(the algorithms: ${names.join(", ")})`,
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
function prepareAlgorithm(input: ChosenInput, space: Space) {
  const definition = definitionOf(input);
  const refused = definition.checkSpace?.(space) ?? null;
  if (refused !== null) throw invalid("space", "supported_space", refused);
  const config = parseConfig(definition, input.algorithm.config);
  const tooBig = definition.checkMemory?.(space, config, designMemoryBudget()) ?? null;
  if (tooBig !== null) throw invalid(tooBig.field ?? "algorithm", "design_memory", tooBig.message);
  const seed = input.algorithm.seed ?? Math.floor(Math.random() * 2 ** 32);
  const state = firstState(definition, space, config, seed);
  return { config: config as Record<string, unknown>, seed, state };
}

/**
 * The study's labeling settings: as given (only for algorithms that learn
 * from rankings), defaults for those algorithms when absent, else null.
 */
function labelingOf(input: ChosenInput, config: Record<string, unknown>): Labeling | null {
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
type TrialsStudyInput = ChosenInput & { space: SpaceSpec; objective: Objective };

/** Creates a new study in a project (its name is free). */
async function createNewStudy(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  input: ChosenInput,
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
  input: ChosenInput,
): Promise<StudyView> {
  const definition = definitionOf(input);
  const given = [
    ...(["space", "objective", "labeling"] as const).filter((k) => input[k] !== undefined),
    // Stop conditions bound trials; a study driven by rounds has none.
    ...(["maxTrials", "deadline"] as const).filter((k) => input.settings?.[k] !== undefined)
      .map((k) => `settings.${k}`),
  ];
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
    ...newStopSettings(input.settings, now),
    labeling: labelingOf(input, algorithm.config),
    createdAt: now,
    updatedAt: now,
  });
  return await getStudyView(ctx, q, row);
}

/**
 * The name closest to `given` (letters and digits compared in lower case, by
 * edit distance), when it is close enough to be what was meant.
 */
export function nearest(given: string, names: string[]): string | undefined {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const g = key(given).slice(0, 64);
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(g, key(name));
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(key(best.name).length / 3))
    ? best.name
    : undefined;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}
