/**
 * Rounds, the protocol of sso studies: startRound hands out targets
 * z_t = f(θ; X) for a batch of rows; completeRound takes the client's
 * gradient G = ∂ℓ/∂z at z_t and runs the designer's inner steps through the
 * designer session (restore θ from the saved state → feed the round → save),
 * so θ moves exactly as the designer lifecycle moves any algorithm's state.
 *
 * - **Batches.** Drawn by minima (`batchSize`: distinct rows, from an RNG
 *   seeded by the study's seed and the round's number, so a seeded study
 *   draws the same batches), named by the client (`rows`), or sent with the
 *   round (`features`, kept with the round while it is open).
 * - **Asynchronous rounds.** Several rounds may be out at once. Each keeps
 *   its own z_t and the θ version it was computed at; a gradient for an old
 *   θ is applied to the surrogate around its own z_t, from the current θ.
 * - **Off the lock.** The inner steps are computed before the study's lock
 *   (in a worker of the pool for the built-in models), from the state then
 *   saved; the transaction uses them only if the state's version is still
 *   the same, else computes again under the lock (another round completed
 *   in between). Inside an idempotent request's transaction they are
 *   computed under the lock.
 * - **Exactly once.** A round completes once: a retry with the same gradient
 *   and loss answers the completed round again (nothing steps twice); another
 *   gradient for a completed round is a 409.
 */
import { MAX_ROUND_ROWS } from "../../algorithms/sso/config.ts";
import { Rng } from "../../math/rng.ts";
import type { DesignerServices, TargetGradientFeedback } from "../../algorithms/types.ts";
import type { RoundSteps } from "../../algorithms/sso/mod.ts";
import { isTransaction, type Queryable } from "../../db/client.ts";
import type { SavedDesigner } from "../../db/queries/designer.ts";
import {
  completeRoundRow,
  featureRowCount,
  findRound,
  insertRound,
  lockSsoStudy,
  nextRoundNumber,
  readSsoStudy,
  reportedLosses,
  saveSsoState,
  studyRounds,
} from "../../db/queries/sso.ts";
import type { SsoRoundRow } from "../../db/schema.ts";
import { json } from "../../db/records.ts";
import { badRequest, conflict, invalid, notFound } from "../../errors.ts";
import type { ServiceContext } from "../context.ts";
import { feedRound } from "../designer_session.ts";
import { decodeCursor, encodeCursor, newId, sha256 } from "../ids.ts";
import { type StudyMeta, studyMeta } from "../study_meta.ts";
import { batchInputs, decodeBlock } from "./features.ts";
import { type CompleteRoundInput, MAX_BLOCK_VALUES, type StartRoundInput } from "./schema.ts";
import {
  float64Bytes,
  float64s,
  modelOf,
  requireRounds,
  rowsOf,
  setupFor,
  setupOf,
  type SsoSetup,
  thetaOf,
} from "./study.ts";

/** What a round's inner steps did, as the API shows it. */
export interface RoundResultView {
  /** θ's version after the round (the rounds completed so far). */
  thetaVersion: number;
  /** Inner steps taken. */
  innerSteps: number;
  /** Why they ended: m steps, a vanishing gradient, a failed line search, or a non-finite θ. */
  stopped: RoundSteps["stopped"];
  /** The surrogate h at the current θ when the round was applied. */
  surrogateBefore: number | null;
  /** h at the new θ. */
  surrogateAfter: number | null;
  /** Each inner step: its length α, h after it, line-search trials, ‖∇h‖ where it started. */
  steps: { step: number; surrogate: number | null; trials: number; gradNorm: number | null }[];
}

/** A round as the API shows it. */
export interface RoundView {
  id: string;
  studyId: string;
  number: number;
  state: "OPEN" | "COMPLETED";
  /** The uploaded rows of the batch, in order; null when the round carried its own features. */
  rows: number[] | null;
  batchSize: number;
  /** The version of θ the targets were computed at. */
  thetaVersion: number;
  /** The loss the client reported. */
  loss: number | null;
  result: RoundResultView | null;
  createdAt: string;
  completedAt: string | null;
}

/** startRound's answer: the round and its targets (targets[i] belongs to row i). */
export interface StartedRoundView extends RoundView {
  targets: number[][];
}

/** listRounds' answer. */
export interface RoundPage {
  items: RoundView[];
  nextCursor: string | null;
  /** The losses the study's rounds reported (the last LOSS_CURVE_POINTS), by round number. */
  lossCurve: { round: number; loss: number }[];
}

/** The most points of the loss curve listRounds returns. */
export const LOSS_CURVE_POINTS = 10_000;

const finite = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? v : null;

/** A round's result from the designer's report. */
function resultView(steps: RoundSteps): RoundResultView {
  return {
    thetaVersion: steps.thetaVersion,
    innerSteps: steps.steps.length,
    stopped: steps.stopped,
    surrogateBefore: finite(steps.surrogateBefore),
    surrogateAfter: finite(steps.surrogateAfter),
    steps: steps.steps.map((s) => ({
      step: s.step,
      surrogate: finite(s.surrogate),
      trials: s.trials,
      gradNorm: finite(s.gradNorm),
    })),
  };
}

/** A round row as the API shows it. */
export function roundView(row: SsoRoundRow): RoundView {
  return {
    id: row.id,
    studyId: row.studyId,
    number: row.number,
    state: row.state,
    rows: row.rows === null ? null : json<number[]>(row.rows),
    batchSize: row.batchSize,
    thetaVersion: row.thetaVersion,
    loss: row.loss === null ? null : Number(row.loss),
    result: row.result === null ? null : json<RoundResultView>(row.result),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

/**
 * `count` distinct rows of `total`, drawn with an RNG seeded by the study's
 * seed and the round's number (Floyd's algorithm: O(count)), ascending.
 */
export function drawRows(seed: number, round: number, total: number, count: number): number[] {
  const mixed = BigInt.asUintN(53, BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(round));
  const rng = Rng.fromSeed(Number(mixed));
  const chosen = new Set<number>();
  for (let j = total - count; j < total; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** The batch of a new round: its rows (null: its own features) and inputs X. */
async function batchOf(
  tx: Queryable,
  meta: StudyMeta,
  setup: SsoSetup,
  seed: number,
  number: number,
  body: StartRoundInput,
): Promise<{ rows: number[] | null; x: Float64Array; size: number; field: string }> {
  const p = setup.dims.inputs;
  if (body.features) {
    const { rows, values } = decodeBlock(body.features, p, "features");
    if (rows > MAX_ROUND_ROWS) {
      throw invalid(
        body.features.rows ? "features.rows" : "features.rowCount",
        "max_rows",
        `${rows} rows; a round has at most ${MAX_ROUND_ROWS}`,
      );
    }
    return { rows: null, x: values, size: rows, field: "features" };
  }
  const total = await featureRowCount(tx, meta.id);
  if (body.rows) {
    body.rows.forEach((r, i) => {
      if (r >= total) {
        throw invalid(
          `rows[${i}]`,
          "known_row",
          `the study has ${total} feature rows (0 to ${total - 1}); there is no row ${r}`,
        );
      }
    });
    return {
      rows: body.rows,
      x: await batchInputs(tx, meta.id, body.rows, p),
      size: body.rows.length,
      field: "rows",
    };
  }
  if (total === 0) {
    throw conflict(
      "the study has no features to draw from: upload them (uploadFeatures), or send the " +
        "round's own (features)",
    );
  }
  const size = Math.min(body.batchSize ?? setup.config.batchSize, total);
  const rows = drawRows(seed, number, total, size);
  return { rows, x: await batchInputs(tx, meta.id, rows, p), size, field: "batchSize" };
}

/**
 * startRound: the targets z_t = f(θ; X) for a batch, at the current θ. One
 * transaction under the study's lock (round numbers, and the batch drawn
 * from the rows the study has then).
 */
export async function startRound(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  body: StartRoundInput,
): Promise<StartedRoundView> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  const setup = await setupFor(q, meta);
  // Opened before the transaction: an ONNX pair's rows and files are read through q.
  const model = await modelOf(ctx, q, meta, setup);
  return await q.transaction(async (tx) => {
    const locked = await lockSsoStudy(tx, projectId, studyId);
    if (!locked) throw notFound("study", studyId);
    if (locked.state !== "ACTIVE") {
      throw conflict(`study is ${locked.state}: only ACTIVE studies start rounds`);
    }
    const { inputs: p, outputs: c } = setup.dims;
    const number = await nextRoundNumber(tx, studyId);
    const batch = await batchOf(tx, meta, setup, Number(locked.seed), number, body);
    if (batch.size * (p + c) > MAX_BLOCK_VALUES) {
      throw invalid(
        batch.field,
        "max_values",
        `a batch of ${batch.size} rows holds ${batch.size * (p + c)} features and targets; a ` +
          `round holds at most ${MAX_BLOCK_VALUES}`,
      );
    }
    const { theta, thetaVersion } = thetaOf(locked, setup);
    const targets = await model.forward(theta, batch.x, batch.size);
    if (!targets.every(Number.isFinite)) {
      throw conflict(
        `the model's targets at θ version ${thetaVersion} are not all finite: θ has diverged ` +
          "(lower targetStepSize or the line search's initialStep in a new study)",
      );
    }
    const row = await insertRound(tx, {
      id: newId(),
      studyId,
      number,
      state: "OPEN",
      rows: batch.rows,
      batchSize: batch.size,
      features: batch.rows === null ? float64Bytes(batch.x) : null,
      targets: float64Bytes(targets),
      thetaVersion,
      createdAt: ctx.now(),
    });
    return { ...roundView(row), targets: rowsOf(targets, c) };
  });
}

/** The gradient as b×c float64s; 422s naming `gradient` or `gradient[i]`. */
function gradientOf(gradient: number[][], rows: number, width: number): Float64Array {
  if (gradient.length !== rows) {
    throw invalid(
      "gradient",
      "rows",
      `the round has ${rows} rows; the gradient has ${gradient.length}`,
    );
  }
  const g = new Float64Array(rows * width);
  gradient.forEach((row, i) => {
    if (row.length !== width) {
      throw invalid(
        `gradient[${i}]`,
        "width",
        `a row of the gradient has c = ${width} values (one per target), not ${row.length}`,
      );
    }
    g.set(row, i * width);
  });
  return g;
}

/** The round's feedback for the designer: its X, z_t and G. */
async function feedbackOf(
  q: Queryable,
  round: SsoRoundRow,
  setup: SsoSetup,
  gradient: Float64Array,
): Promise<TargetGradientFeedback> {
  const rows = round.rows === null ? null : json<number[]>(round.rows);
  const inputs = rows === null
    ? float64s(round.features!)
    : await batchInputs(q, round.studyId, rows, setup.dims.inputs);
  return {
    kind: "target_gradient",
    roundId: round.id,
    rows: round.batchSize,
    inputs,
    targets: float64s(round.targets!),
    gradient,
    thetaVersion: round.thetaVersion,
  };
}

/** A completed round: the same gradient and loss replay it; anything else is a 409. */
function completedAlready(row: SsoRoundRow, fingerprint: string): RoundView {
  if (row.gradientSha256 === fingerprint) return roundView(row);
  throw conflict(
    `round ${row.number} is already COMPLETED with another gradient; a round is completed once ` +
      "(start a new round)",
  );
}

/** The designer's state after one round, and what its inner steps did. */
async function stepped(
  ctx: ServiceContext,
  q: Queryable,
  meta: StudyMeta,
  setup: SsoSetup,
  saved: SavedDesigner,
  round: SsoRoundRow,
  gradient: Float64Array,
  services: DesignerServices | undefined,
) {
  const feedback = await feedbackOf(q, round, setup, gradient);
  const state = await feedRound(ctx, meta, saved, [feedback], services);
  const last = (state as { last?: RoundSteps | null }).last;
  if (!last || last.roundId !== round.id) throw new Error("the designer did not take the round");
  return { state, last, version: Number(saved.version) };
}

/**
 * completeRound: the client's gradient for a round's targets (and its loss,
 * optionally); the designer's inner steps move θ and the round records what
 * they did. See the module doc for asynchronous rounds, the computation
 * before the lock, and retries.
 */
export async function completeRound(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  roundId: string,
  body: CompleteRoundInput,
): Promise<RoundView> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  const fingerprint = sha256(JSON.stringify([body.gradient, body.loss ?? null]));
  // Checked before any work: the round, and the gradient's sizes against it.
  const [round, study] = await Promise.all([
    findRound(q, studyId, roundId),
    readSsoStudy(q, projectId, studyId),
  ]);
  if (!round || !study) throw notFound("round", roundId);
  if (round.state === "COMPLETED") return completedAlready(round, fingerprint);
  const setup = setupOf(meta, study.config);
  const gradient = gradientOf(body.gradient, round.batchSize, setup.dims.outputs);
  // An ONNX pair is lent to the designer, opened before any transaction (through q).
  const services = setup.config.model.family === "onnx"
    ? { ssoModel: await modelOf(ctx, q, meta, setup) }
    : undefined;
  const prepared = isTransaction(q)
    ? undefined
    : await stepped(ctx, q, meta, setup, study, round, gradient, services);
  return await q.transaction(async (tx) => {
    const locked = await lockSsoStudy(tx, projectId, studyId);
    if (!locked) throw notFound("study", studyId);
    const current = await findRound(tx, studyId, roundId, true);
    if (!current) throw notFound("round", roundId);
    if (current.state === "COMPLETED") return completedAlready(current, fingerprint);
    let done = prepared;
    if (!done || done.version !== Number(locked.version)) {
      if (done && ctx.counters) ctx.counters.preparedRedos++;
      done = await stepped(ctx, tx, meta, setup, locked, current, gradient, services);
    }
    const now = ctx.now();
    await saveSsoState(tx, studyId, done.state, now);
    const row = await completeRoundRow(tx, roundId, {
      gradientSha256: fingerprint,
      loss: body.loss ?? null,
      result: resultView(done.last),
      completedAt: now,
    });
    return roundView(row);
  });
}

/** getRound. */
export async function getRound(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  roundId: string,
): Promise<RoundView> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  const row = await findRound(q, studyId, roundId);
  if (!row) throw notFound("round", roundId);
  return roundView(row);
}

/** The round number a listRounds cursor names; a 400 for anything else. */
function roundCursor(cursor: string | undefined): number {
  if (cursor === undefined) return -1;
  const c = decodeCursor(cursor);
  if (!Array.isArray(c) || c.length !== 1 || !Number.isInteger(c[0]) || c[0] < 0) {
    throw badRequest("cursor", "cursor", "not a cursor this listing returned");
  }
  return c[0];
}

/** listRounds: the study's rounds by number, oldest first, and the loss curve the client reported. */
export async function listRounds(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  page: { limit: number; cursor?: string },
): Promise<RoundPage> {
  const meta = await studyMeta(ctx, q, projectId, studyId);
  requireRounds(meta);
  const after = roundCursor(page.cursor);
  const [rows, losses] = await Promise.all([
    studyRounds(q, studyId, { after, limit: page.limit + 1 }),
    reportedLosses(q, studyId, LOSS_CURVE_POINTS),
  ]);
  const shown = rows.slice(0, page.limit);
  return {
    items: shown.map(roundView),
    nextCursor: rows.length > page.limit ? encodeCursor([shown[shown.length - 1].number]) : null,
    lossCurve: losses.map((l) => ({ round: l.number, loss: l.loss })),
  };
}
