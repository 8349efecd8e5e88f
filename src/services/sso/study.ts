/**
 * What every sso use case shares: the study's config and sizes (parsed once
 * per cached study), θ as the study's saved state holds it, the model that
 * computes targets, and float64 bytes as the database stores them.
 */
import { builtInSpec, dimsOf, type SsoConfig } from "../../algorithms/sso/config.ts";
import { createModel, type SsoModel } from "../../algorithms/sso/models.ts";
import { firstTheta, readSsoState, ssoAlgorithm } from "../../algorithms/sso/mod.ts";
import type { Queryable } from "../../db/client.ts";
import type { SavedDesigner } from "../../db/queries/designer.ts";
import { json } from "../../db/records.ts";
import type { JsonValue } from "../../algorithms/types.ts";
import { readSsoStudy } from "../../db/queries/sso.ts";
import { conflict, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import type { StudyMeta } from "../study_meta.ts";
import { openOnnxPair } from "./onnx_pair.ts";

/** An sso study's config and the model's sizes. */
export interface SsoSetup {
  config: SsoConfig;
  dims: { params: number; inputs: number; outputs: number };
}

/** A 409 unless the study is driven by rounds. */
export function requireRounds(meta: StudyMeta): void {
  if (meta.algorithm.protocol === "rounds") return;
  throw conflict(
    `study ${meta.id} uses "${meta.algorithm.name}", which is driven by trials: rounds, ` +
      "features and a trained model belong to studies whose algorithm is sso",
  );
}

const setups = new WeakMap<StudyMeta, SsoSetup>();

/** The study's config (as stored: parsed at createStudy) and sizes, once per cached study. */
export function setupOf(meta: StudyMeta, storedConfig: unknown): SsoSetup {
  const known = setups.get(meta);
  if (known) return known;
  const config = ssoAlgorithm.configSchema.parse(json(storedConfig));
  const setup = { config, dims: dimsOf(config.model) };
  setups.set(meta, setup);
  return setup;
}

/** The study's setup, read from its row when this context has not seen it yet. */
export async function setupFor(q: Queryable, meta: StudyMeta): Promise<SsoSetup> {
  const known = setups.get(meta);
  if (known) return known;
  const row = await readSsoStudy(q, meta.projectId, meta.id);
  if (!row) throw notFound("study", meta.id);
  return setupOf(meta, row.config);
}

/**
 * θ and its version as the study's saved state holds them. A state that
 * cannot be read gives θ₀ at version 0, as the designer session's rebuild
 * would (it is replaced at the next completed round).
 */
export function thetaOf(
  saved: SavedDesigner,
  setup: SsoSetup,
): { theta: Float64Array; thetaVersion: number } {
  try {
    const state = json<JsonValue>(saved.algorithmState ?? null);
    if (state !== null) {
      const { theta, thetaVersion } = readSsoState(state, setup.dims.params);
      return { theta, thetaVersion };
    }
  } catch { /* unreadable: θ₀, as a rebuild gives */ }
  return { theta: firstTheta(setup.config, Number(saved.seed)), thetaVersion: 0 };
}

/**
 * The model a study trains, as the service runs it: a built-in one, or an
 * ONNX pair on the ONNX runtime (opened through `q`: see openOnnxPair).
 */
export async function modelOf(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  setup: SsoSetup,
): Promise<SsoModel> {
  const spec = builtInSpec(setup.config.model);
  if (spec) return createModel(spec);
  const model = setup.config.model;
  if (model.family !== "onnx") throw new Error("unreachable");
  return await openOnnxPair(ctx, q, meta.projectId, model, setup.dims);
}

/** A float64 array's bytes (little-endian, as every platform Deno runs on). */
export function float64Bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Float64s from bytes as a driver gave them (copied: a driver's buffer may be unaligned). */
export function float64s(bytes: Uint8Array): Float64Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer, 0, copy.byteLength / 8);
}

/** Row-major values as rows of `width`. */
export function rowsOf(values: ArrayLike<number>, width: number): number[][] {
  const out: number[][] = [];
  for (let at = 0; at < values.length; at += width) {
    out.push(Array.from({ length: width }, (_, j) => values[at + j]));
  }
  return out;
}
