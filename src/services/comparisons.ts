/**
 * Comparisons: groups of a study's trials shown together to people, who rank
 * them (best first) or skip them. The ranking, aggregated over the study's
 * `rankingsPerComparison` labelers by Borda count, is what the designer
 * learns from (a RankingFeedback, given at its next update; see suggest.ts).
 *
 * - nextComparison: the oldest OPEN comparison this labeler has not answered
 *   and nobody else holds; else, while fewer than `maxOpen` are open, a new one
 *   made of the designer's next candidates (trials handed out through the
 *   normal suggestion path, then held without a lease: they never go STALE).
 *   The labeler holds it for `holdSeconds`; an abandoned one returns to the pool.
 * - submitRanking / skipComparison: one answer per labeler and comparison.
 *   Enough rankings close it as RANKED, enough skips as SKIPPED (the designer
 *   then learns nothing from it); its trials become RANKED.
 * - undoRanking: takes the labeler's answer back while the designer has not
 *   yet seen the comparison's result; the comparison opens again, held by them.
 *
 * Every use case runs in one transaction holding the study's row lock, so
 * comparisons and suggestions are serialised per study.
 */
import { sql } from "drizzle-orm";
import { type Database, query, type Queryable, type Transaction } from "../db/client.ts";
import { badRequest, conflict, invalidFields, notFound } from "../errors.ts";
import type { Params } from "../space/schema.ts";
import type { ServiceContext } from "./context.ts";
import { decodeCursor, encodeCursor, newId } from "./ids.ts";
import type { Page } from "./projects.ts";
import type { Labeling } from "./study_schema.ts";
import { type StudyMeta, studyMeta } from "./study_meta.ts";
import { retryAfterSeconds, suggestTrials } from "./suggest.ts";

/** A comparison's lifecycle state. */
export type ComparisonState = "OPEN" | "RANKED" | "SKIPPED";

/** A candidate as labelers see it. */
export interface CandidateView {
  /** The candidate's id (its trial's id). */
  id: string;
  params: Params;
  /** Where its image is, when the study has a renderer. */
  renderingUrl: string | null;
}

/** A comparison as the API shows it. */
export interface ComparisonView {
  id: string;
  studyId: string;
  number: number;
  state: ComparisonState;
  /** The candidates, in the order labelers see them. */
  candidates: CandidateView[];
  /** How many candidate ids a ranking lists, best first. */
  rankingLength: number;
  rankingsNeeded: number;
  rankingsReceived: number;
  skips: number;
  /** Whether the caller holds it, and until when. */
  heldByYou: boolean;
  holdExpiresAt: string | null;
  /** The aggregated ranking (candidate ids, best first), once RANKED. */
  ranking: string[] | null;
  /** Whether the caller has answered it (ranked or skipped). */
  answeredByYou: boolean;
  createdAt: string;
  closedAt: string | null;
}

/** What nextComparison answers. */
export interface NextComparison {
  comparison: ComparisonView | null;
  /** When nothing is available: when to ask again. */
  retryAfterSeconds?: number;
  progress: { answeredByYou: number; closed: number; open: number };
}

interface ComparisonRow {
  id: string;
  studyId: string;
  number: number;
  state: ComparisonState;
  candidates: string[];
  heldBy: string | null;
  holdExpiresAt: string | null;
  ranking: string[] | null;
  feedbackPending: boolean;
  createdAt: string;
  closedAt: string | null;
  ranked: number;
  skips: number;
  answeredByMe: boolean;
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function json<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** The columns comparison queries select, with the counts of answers and the caller's own. */
function comparisonColumns(labelerId: string) {
  return sql`c.id, c.study_id AS "studyId", c.number, c.state, c.candidates,
    c.held_by AS "heldBy", c.hold_expires_at AS "holdExpiresAt", c.ranking,
    c.feedback_pending AS "feedbackPending", c.created_at AS "createdAt", c.closed_at AS "closedAt",
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND NOT r.skipped)::int AS ranked,
    (SELECT count(*) FROM rankings r WHERE r.comparison_id = c.id AND r.skipped)::int AS skips,
    EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
            AND r.labeler_id = ${labelerId}::uuid) AS "answeredByMe"`;
}

function comparisonRow(raw: Record<string, unknown>): ComparisonRow {
  return {
    id: raw.id as string,
    studyId: raw.studyId as string,
    number: Number(raw.number),
    state: raw.state as ComparisonState,
    candidates: json<string[]>(raw.candidates),
    heldBy: (raw.heldBy as string | null) ?? null,
    holdExpiresAt: iso(raw.holdExpiresAt),
    ranking: json<string[] | null>(raw.ranking ?? null),
    feedbackPending: Boolean(raw.feedbackPending),
    createdAt: iso(raw.createdAt)!,
    closedAt: iso(raw.closedAt),
    ranked: Number(raw.ranked ?? 0),
    skips: Number(raw.skips ?? 0),
    answeredByMe: Boolean(raw.answeredByMe),
  };
}

/** How many ids a ranking of `n` candidates lists. */
export function rankingLength(labeling: Labeling, n: number): number {
  return Math.min(labeling.topK ?? n, n);
}

async function candidateParams(q: Queryable, ids: string[]): Promise<Map<string, Params>> {
  if (ids.length === 0) return new Map();
  const rows = await query<{ id: string; params: unknown }>(
    q,
    sql`SELECT id, params FROM trials WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, json<Params>(r.params)]));
}

async function views(
  q: Queryable,
  meta: StudyMeta,
  rows: ComparisonRow[],
  labelerId: string,
  now: Date,
): Promise<ComparisonView[]> {
  const labeling = meta.labeling!;
  const params = await candidateParams(q, [...new Set(rows.flatMap((r) => r.candidates))]);
  return rows.map((row) => {
    const held = row.heldBy === labelerId && row.holdExpiresAt !== null &&
      Date.parse(row.holdExpiresAt) >= now.getTime();
    return {
      id: row.id,
      studyId: row.studyId,
      number: row.number,
      state: row.state,
      candidates: row.candidates.map((id) => ({
        id,
        params: params.get(id) ?? {},
        renderingUrl: labeling.renderer
          ? `/v1/studies/${row.studyId}/comparisons/${row.id}/candidates/${id}/rendering`
          : null,
      })),
      rankingLength: rankingLength(labeling, row.candidates.length),
      rankingsNeeded: labeling.rankingsPerComparison,
      rankingsReceived: row.ranked,
      skips: row.skips,
      heldByYou: held,
      holdExpiresAt: row.state === "OPEN" && row.heldBy !== null ? row.holdExpiresAt : null,
      ranking: row.ranking,
      answeredByYou: row.answeredByMe,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
    };
  });
}

/** The study's facts, with a 409 for studies without comparisons. */
async function labelingMeta(q: Queryable, projectId: string, studyId: string) {
  const meta = await studyMeta(q, projectId, studyId);
  if (!meta.labeling) {
    throw conflict(
      `study ${studyId} has no comparisons: its algorithm "${meta.algorithm.name}" does not ` +
        "learn from rankings",
    );
  }
  return meta;
}

/** Locks the study row; 404 when missing, 409 unless ACTIVE (when `active`). */
async function lockStudy(tx: Queryable, meta: StudyMeta, active: boolean): Promise<void> {
  const [row] = await query<{ state: string }>(
    tx,
    sql`SELECT state FROM studies WHERE id = ${meta.id} FOR NO KEY UPDATE`,
  );
  if (!row) throw notFound("study", meta.id);
  if (active && row.state !== "ACTIVE") {
    throw conflict(`study is ${row.state}: only ACTIVE studies hand out comparisons`);
  }
}

async function progress(q: Queryable, studyId: string, labelerId: string) {
  const [row] = await query<Record<string, unknown>>(
    q,
    sql`SELECT
          (SELECT count(*) FROM rankings r JOIN comparisons c ON c.id = r.comparison_id
            WHERE c.study_id = ${studyId} AND r.labeler_id = ${labelerId}::uuid)::int AS answered,
          (SELECT count(*) FROM comparisons WHERE study_id = ${studyId} AND state <> 'OPEN')::int
            AS closed,
          (SELECT count(*) FROM comparisons WHERE study_id = ${studyId} AND state = 'OPEN')::int
            AS open`,
  );
  return {
    answeredByYou: Number(row.answered),
    closed: Number(row.closed),
    open: Number(row.open),
  };
}

/** Uniformly shuffled copy (the order labelers see candidates in). */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  const random = new Uint32Array(out.length);
  crypto.getRandomValues(random);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Rolls back the savepoint of a comparison that would have too few candidates. */
class TooFewCandidates extends Error {}

/** The next comparison for a labeler; see the module's comment. */
export async function nextComparison(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  labelerId: string,
  signal: AbortSignal,
): Promise<NextComparison> {
  const meta = await labelingMeta(db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, true);
    const now = ctx.now();
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    // Oldest first; the caller's own hold before anything else.
    const [open] = await query<Record<string, unknown>>(
      tx,
      sql`SELECT c.id FROM comparisons c
          WHERE c.study_id = ${studyId} AND c.state = 'OPEN'
            AND (c.held_by IS NULL OR c.held_by = ${labelerId}::uuid
                 OR c.hold_expires_at < ${nowSql})
            AND NOT EXISTS (SELECT 1 FROM rankings r WHERE r.comparison_id = c.id
                            AND r.labeler_id = ${labelerId}::uuid)
          ORDER BY (c.held_by IS NOT NULL AND c.held_by = ${labelerId}::uuid) DESC, c.number
          LIMIT 1 FOR UPDATE`,
    );
    let comparisonId = open?.id as string | undefined;
    if (comparisonId !== undefined) {
      await query(
        tx,
        sql`UPDATE comparisons SET held_by = ${labelerId}::uuid,
              hold_expires_at = ${holdUntil}::timestamptz
            WHERE id = ${comparisonId}`,
      );
    } else {
      const [{ n }] = await query<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM comparisons WHERE study_id = ${studyId} AND state = 'OPEN'`,
      );
      if (Number(n) < labeling.maxOpen) {
        comparisonId = await createComparison(ctx, tx, meta, labelerId, holdUntil, signal);
      }
    }
    const shown = comparisonId === undefined ? null : (await views(
      tx,
      meta,
      await selectComparisons(tx, studyId, labelerId, sql`c.id = ${comparisonId}`),
      labelerId,
      now,
    ))[0];
    const answer: NextComparison = {
      comparison: shown,
      progress: await progress(tx, studyId, labelerId),
    };
    if (shown === null) answer.retryAfterSeconds = await retryAfterSeconds(tx, studyId);
    return answer;
  });
}

/** Asks the designer for candidates and groups them; undefined when it has fewer than two. */
async function createComparison(
  ctx: ServiceContext,
  tx: Transaction,
  meta: StudyMeta,
  labelerId: string,
  holdUntil: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const labeling = meta.labeling!;
  try {
    return await tx.transaction(async (sp) => {
      const trials = await suggestTrials(
        ctx,
        sp,
        meta.projectId,
        meta.id,
        { count: labeling.candidates ?? 32 },
        signal,
      );
      if (trials.length < 2) throw new TooFewCandidates();
      const ids = trials.map((t) => t.id);
      const id = newId();
      await query(
        sp,
        sql`UPDATE trials SET lease_expires_at = NULL, client_id = NULL
            WHERE id = ANY(${`{${ids.join(",")}}`}::uuid[])`,
      );
      await query(
        sp,
        sql`INSERT INTO comparisons (id, study_id, number, state, candidates, held_by,
              hold_expires_at, created_at)
            SELECT ${id}, ${meta.id},
              coalesce((SELECT max(number) + 1 FROM comparisons WHERE study_id = ${meta.id}), 0),
              'OPEN', ${JSON.stringify(shuffled(ids))}::jsonb, ${labelerId}::uuid,
              ${holdUntil}::timestamptz, ${ctx.now().toISOString()}::timestamptz`,
      );
      return id;
    });
  } catch (error) {
    if (error instanceof TooFewCandidates) return undefined;
    throw error;
  }
}

async function selectComparisons(
  q: Queryable,
  studyId: string,
  labelerId: string,
  where: ReturnType<typeof sql>,
  tail: ReturnType<typeof sql> = sql``,
): Promise<ComparisonRow[]> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`SELECT ${comparisonColumns(labelerId)} FROM comparisons c
        WHERE c.study_id = ${studyId} AND ${where} ${tail}`,
  );
  return rows.map(comparisonRow);
}

/** Locks one comparison of the study for an answer; 404 when it is not there. */
async function lockComparison(
  tx: Queryable,
  meta: StudyMeta,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonRow> {
  const [row] = await selectComparisons(
    tx,
    meta.id,
    labelerId,
    sql`c.id = ${comparisonId}::uuid`,
    sql`FOR UPDATE OF c`,
  );
  if (!row) throw notFound("comparison", comparisonId);
  return row;
}

/** Checks that the caller may answer an OPEN comparison now. */
function checkAnswerable(row: ComparisonRow, labelerId: string, now: Date): void {
  if (row.state !== "OPEN") {
    throw conflict(`comparison ${row.number} is already ${row.state}`);
  }
  if (row.answeredByMe) {
    throw conflict(
      `you have already answered comparison ${row.number} (undoRanking takes it back)`,
    );
  }
  if (row.heldBy !== labelerId) {
    throw conflict(
      `comparison ${row.number} is not held by you: fetch it with nextComparison first`,
    );
  }
  if (row.holdExpiresAt !== null && Date.parse(row.holdExpiresAt) < now.getTime()) {
    throw conflict(
      `your hold on comparison ${row.number} expired at ${row.holdExpiresAt}: ` +
        "fetch a comparison again with nextComparison",
    );
  }
}

/** Checks a ranking's ids against the comparison's candidates. */
export function checkRanking(ranked: string[], candidates: string[], length: number): void {
  const known = new Set(candidates);
  const seen = new Set<string>();
  const issues = [];
  if (ranked.length > candidates.length) {
    issues.push({
      field: "ranking",
      rule: "max_items",
      message:
        `the comparison has ${candidates.length} candidates; the ranking lists ${ranked.length}`,
    });
  } else if (ranked.length !== length) {
    issues.push({
      field: "ranking",
      rule: "length",
      message: `list exactly ${length} of the ${candidates.length} candidates, best first`,
    });
  }
  ranked.forEach((id, i) => {
    if (!known.has(id)) {
      issues.push({
        field: `ranking[${i}]`,
        rule: "candidate",
        message: `${id} is not a candidate of this comparison`,
      });
    } else if (seen.has(id)) {
      issues.push({
        field: `ranking[${i}]`,
        rule: "unique",
        message: `${id} is listed twice: ties are not allowed`,
      });
    }
    seen.add(id);
  });
  if (issues.length) throw invalidFields(issues);
}

/**
 * Borda count over rankings of the same candidates (each lists the top k, best
 * first): the candidate at rank r of n scores n − 1 − r; unranked candidates
 * share the remaining places' mean. Ties keep the order of the first ranking,
 * then the candidates' order. Returns the top `length` ids.
 */
export function bordaAggregate(
  rankings: string[][],
  candidates: string[],
  length: number,
): string[] {
  const n = candidates.length;
  const score = new Map(candidates.map((id) => [id, 0]));
  for (const ranking of rankings) {
    const k = ranking.length;
    const rest = (n - k - 1) / 2;
    const ranked = new Set(ranking);
    ranking.forEach((id, r) => score.set(id, score.get(id)! + n - 1 - r));
    for (const id of candidates) if (!ranked.has(id)) score.set(id, score.get(id)! + rest);
  }
  const first = rankings[0] ?? [];
  const position = (id: string) => {
    const p = first.indexOf(id);
    return p >= 0 ? p : n + candidates.indexOf(id);
  };
  return [...candidates]
    .sort((a, b) => score.get(b)! - score.get(a)! || position(a) - position(b))
    .slice(0, length);
}

/** Closes a comparison: the designer sees it at its next update; its trials become RANKED. */
async function close(
  tx: Queryable,
  row: ComparisonRow,
  state: "RANKED" | "SKIPPED",
  ranking: string[] | null,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await query(
    tx,
    sql`UPDATE comparisons SET state = ${state}, ranking = ${
      ranking === null ? null : JSON.stringify(ranking)
    }::jsonb, feedback_pending = TRUE, closed_at = ${at}::timestamptz, held_by = NULL,
          hold_expires_at = NULL
        WHERE id = ${row.id}`,
  );
  await query(
    tx,
    sql`UPDATE trials SET state = 'RANKED', completed_at = ${at}::timestamptz,
          lease_expires_at = NULL,
          reason = ${state === "SKIPPED" ? "the comparison was skipped" : null}::text
        WHERE id = ANY(${`{${row.candidates.join(",")}}`}::uuid[]) AND state = 'ACTIVE'`,
  );
}

/** Records the caller's ranking (candidate ids, best first). */
export async function submitRanking(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  comparisonId: string,
  labelerId: string,
  ranked: string[],
): Promise<ComparisonView> {
  const meta = await labelingMeta(db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, false);
    const now = ctx.now();
    const row = await lockComparison(tx, meta, comparisonId, labelerId);
    checkRanking(ranked, row.candidates, rankingLength(labeling, row.candidates.length));
    checkAnswerable(row, labelerId, now);
    await query(
      tx,
      sql`INSERT INTO rankings (id, comparison_id, labeler_id, ranked, skipped, created_at)
          VALUES (${newId()}, ${row.id}, ${labelerId}::uuid, ${JSON.stringify(ranked)}::jsonb,
            FALSE, ${now.toISOString()}::timestamptz)`,
    );
    if (row.ranked + 1 >= labeling.rankingsPerComparison) {
      const all = await query<{ ranked: unknown }>(
        tx,
        sql`SELECT ranked FROM rankings WHERE comparison_id = ${row.id} AND NOT skipped
            ORDER BY created_at, id`,
      );
      const lists = all.map((r) => json<string[]>(r.ranked));
      const length = rankingLength(labeling, row.candidates.length);
      await close(tx, row, "RANKED", bordaAggregate(lists, row.candidates, length), now);
    } else {
      await release(tx, row.id);
    }
    return await reread(tx, meta, row.id, labelerId, now);
  });
}

async function release(tx: Queryable, comparisonId: string): Promise<void> {
  await query(
    tx,
    sql`UPDATE comparisons SET held_by = NULL, hold_expires_at = NULL WHERE id = ${comparisonId}`,
  );
}

async function reread(
  tx: Queryable,
  meta: StudyMeta,
  comparisonId: string,
  labelerId: string,
  now: Date,
): Promise<ComparisonView> {
  const rows = await selectComparisons(tx, meta.id, labelerId, sql`c.id = ${comparisonId}::uuid`);
  return (await views(tx, meta, rows, labelerId, now))[0];
}

/** The caller cannot decide: the comparison goes to someone else, or closes unranked. */
export async function skipComparison(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonView> {
  const meta = await labelingMeta(db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, false);
    const now = ctx.now();
    const row = await lockComparison(tx, meta, comparisonId, labelerId);
    checkAnswerable(row, labelerId, now);
    await query(
      tx,
      sql`INSERT INTO rankings (id, comparison_id, labeler_id, ranked, skipped, created_at)
          VALUES (${newId()}, ${row.id}, ${labelerId}::uuid, NULL, TRUE,
            ${now.toISOString()}::timestamptz)`,
    );
    if (row.skips + 1 >= labeling.skipsToClose) {
      await close(tx, row, "SKIPPED", null, now);
    } else {
      await release(tx, row.id);
    }
    return await reread(tx, meta, row.id, labelerId, now);
  });
}

/** Takes back the caller's answer to a comparison while the designer has not used it. */
export async function undoRanking(
  ctx: ServiceContext,
  db: Database,
  projectId: string,
  studyId: string,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonView> {
  const meta = await labelingMeta(db, projectId, studyId);
  const labeling = meta.labeling!;
  return await db.transaction(async (tx) => {
    await lockStudy(tx, meta, false);
    const now = ctx.now();
    const row = await lockComparison(tx, meta, comparisonId, labelerId);
    if (!row.answeredByMe) {
      throw conflict(`you have not answered comparison ${row.number}: nothing to undo`);
    }
    if (row.state !== "OPEN" && !row.feedbackPending) {
      throw conflict(
        `comparison ${row.number} is ${row.state} and the algorithm has already moved past it`,
      );
    }
    await query(
      tx,
      sql`DELETE FROM rankings WHERE comparison_id = ${row.id} AND labeler_id = ${labelerId}::uuid`,
    );
    const holdUntil = new Date(now.getTime() + labeling.holdSeconds * 1000).toISOString();
    await query(
      tx,
      sql`UPDATE comparisons SET state = 'OPEN', ranking = NULL, feedback_pending = FALSE,
            closed_at = NULL, held_by = ${labelerId}::uuid,
            hold_expires_at = ${holdUntil}::timestamptz
          WHERE id = ${row.id}`,
    );
    if (row.state !== "OPEN") {
      await query(
        tx,
        sql`UPDATE trials SET state = 'ACTIVE', completed_at = NULL, reason = NULL
            WHERE id = ANY(${`{${row.candidates.join(",")}}`}::uuid[]) AND state = 'RANKED'`,
      );
    }
    return await reread(tx, meta, row.id, labelerId, now);
  });
}

/** One comparison. */
export async function getComparison(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  comparisonId: string,
  labelerId: string,
): Promise<ComparisonView> {
  const meta = await labelingMeta(q, projectId, studyId);
  const rows = await selectComparisons(q, studyId, labelerId, sql`c.id = ${comparisonId}::uuid`);
  if (!rows.length) throw notFound("comparison", comparisonId);
  return (await views(q, meta, rows, labelerId, ctx.now()))[0];
}

/** The study's comparisons by number, optionally of one state. */
export async function listComparisons(
  ctx: ServiceContext,
  q: Queryable,
  projectId: string,
  studyId: string,
  labelerId: string,
  page: { limit: number; cursor?: string; state?: ComparisonState },
): Promise<Page<ComparisonView>> {
  const meta = await labelingMeta(q, projectId, studyId);
  let after = -1;
  if (page.cursor !== undefined) {
    const c = decodeCursor(page.cursor);
    if (typeof c !== "number" || !Number.isInteger(c) || c < 0) {
      throw badRequest("cursor", "cursor", "not a cursor this listing returned");
    }
    after = c;
  }
  const rows = await selectComparisons(
    q,
    studyId,
    labelerId,
    sql`c.number > ${after} AND (${page.state ?? null}::text IS NULL OR c.state = ${
      page.state ?? null
    }::text)`,
    sql`ORDER BY c.number LIMIT ${page.limit + 1}`,
  );
  const shown = rows.slice(0, page.limit);
  return {
    items: await views(q, meta, shown, labelerId, ctx.now()),
    nextCursor: rows.length > page.limit ? encodeCursor(shown[shown.length - 1].number) : null,
  };
}

/** The params of a comparison's candidate (for its rendering). */
export async function candidateOf(
  q: Queryable,
  projectId: string,
  studyId: string,
  comparisonId: string,
  candidateId: string,
): Promise<{ meta: StudyMeta; params: Params }> {
  const meta = await labelingMeta(q, projectId, studyId);
  const [row] = await query<{ candidates: unknown }>(
    q,
    sql`SELECT candidates FROM comparisons WHERE id = ${comparisonId}::uuid AND study_id = ${studyId}`,
  );
  if (!row) throw notFound("comparison", comparisonId);
  if (!json<string[]>(row.candidates).includes(candidateId)) {
    throw notFound("candidate", candidateId);
  }
  const params = await candidateParams(q, [candidateId]);
  return { meta, params: params.get(candidateId)! };
}
