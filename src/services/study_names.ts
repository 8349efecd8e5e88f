/**
 * A study's name is unique in its project, so that a training script can
 * find its study again by name instead of keeping an id (Optuna's
 * `load_if_exists`). createStudy with `"ifExists": "return"` answers the
 * existing study when its definition is what the client asks for now, and a
 * 409 naming each difference when it is not: a script whose search space
 * changed must not silently add trials to a study of another space. Without
 * it, a taken name is a 409 that says how to get the study back.
 *
 * What counts as the definition: the algorithm's name and config (defaults
 * filled in), the space and the objective, and the seed, settings and
 * labeling where the request gives them. Metadata does not count: it is free
 * to change (updateStudy).
 */
import type { StudyRow } from "../db/schema.ts";
import { conflict, type FieldIssue, formatPath } from "../errors.ts";
import type { CreateStudyInput } from "./study_schema.ts";

/** The unique index that keeps names unique (migration 0010). */
export const STUDY_NAME_KEY = "studies_project_name_key";

/** Differences listed in a 409 at most (the rest are counted). */
const MAX_DIFFERENCES = 20;

/** What a request asks of the study, normalised as the study stores it. */
export interface WantedDefinition {
  input: CreateStudyInput;
  /** The algorithm's config with its defaults (undefined for algorithms driven by rounds). */
  config?: Record<string, unknown>;
}

/** The 409 for a taken name, without `ifExists: "return"`. */
export function nameTaken(existing: StudyRow): Error {
  return conflict(
    `a study named "${existing.name}" already exists in this project (${existing.id}); send ` +
      `"ifExists": "return" to get it back when its definition matches, or choose another name`,
    [{ field: "name", rule: "unique", message: "taken by study " + existing.id }],
  );
}

/** The 409 for an existing study whose definition differs from the request's. */
export function definitionDiffers(existing: StudyRow, differences: FieldIssue[]): Error {
  const shown = differences.slice(0, 3).map((d) => d.field).join(", ");
  const more = differences.length > 3 ? ` and ${differences.length - 3} more` : "";
  return conflict(
    `the study named "${existing.name}" (${existing.id}) has another definition: ` +
      `${shown}${more} differ; use another name for a new study`,
    differences,
  );
}

/** Where the existing study differs from what the request asks (empty: it matches). */
export function definitionDifferences(existing: StudyRow, wanted: WantedDefinition): FieldIssue[] {
  const { input } = wanted;
  const out: FieldIssue[] = [];
  const compare = (field: string, stored: unknown, given: unknown) =>
    diffJson(stored, given, field, out);
  compare("algorithm.name", existing.algorithmName, input.algorithm?.name);
  if (wanted.config) compare("algorithm.config", existing.algorithmConfig, wanted.config);
  if (input.algorithm?.seed !== undefined) {
    compare("algorithm.seed", existing.seed, input.algorithm.seed);
  }
  if (input.space !== undefined) compare("space", existing.space, input.space);
  if (input.objective !== undefined) {
    compare("objective", existing.objective, normaliseObjective(input.objective));
  }
  if (input.settings?.leaseSeconds !== undefined) {
    compare("settings.leaseSeconds", existing.leaseSeconds, input.settings.leaseSeconds);
  }
  if (input.settings?.maxTrials !== undefined) {
    compare("settings.maxTrials", existing.maxTrials, input.settings.maxTrials);
  }
  if (input.settings?.deadline !== undefined) {
    compare(
      "settings.deadline",
      existing.deadline?.toISOString() ?? null,
      new Date(input.settings.deadline).toISOString(),
    );
  }
  const labeling = (existing.labeling ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(input.labeling ?? {})) {
    if (value !== undefined) compare(`labeling.${key}`, labeling[key], value);
  }
  if (out.length > MAX_DIFFERENCES) {
    const more = out.length - MAX_DIFFERENCES;
    out.length = MAX_DIFFERENCES;
    out.push({ field: "(body)", rule: "matches_existing", message: `${more} more differences` });
  }
  return out;
}

/** Model ids are stored in lower case. */
function normaliseObjective(objective: NonNullable<CreateStudyInput["objective"]>): unknown {
  const evaluator = objective.evaluator;
  return evaluator
    ? { ...objective, evaluator: { ...evaluator, model: evaluator.model.toLowerCase() } }
    : objective;
}

/** Appends an issue for each place where `given` differs from `stored`. */
function diffJson(stored: unknown, given: unknown, field: string, out: FieldIssue[]): void {
  if (out.length > MAX_DIFFERENCES) return;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (Array.isArray(stored) && Array.isArray(given) && stored.length === given.length) {
    stored.forEach((s, i) => diffJson(s, given[i], formatPath([i], field), out));
    return;
  }
  if (isObject(stored) && isObject(given)) {
    const keys = new Set([...Object.keys(stored), ...Object.keys(given)]);
    for (const key of [...keys].sort()) {
      diffJson(stored[key], given[key], formatPath([key], field), out);
    }
    return;
  }
  if (JSON.stringify(stored) === JSON.stringify(given)) return;
  out.push({
    field,
    rule: "matches_existing",
    message: `the existing study has ${show(stored)}, the request ${show(given)}`,
  });
}

function show(value: unknown): string {
  if (value === undefined) return "none";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
