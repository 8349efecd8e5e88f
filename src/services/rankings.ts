/**
 * Rankings: the checks on a submitted ranking, their aggregation over
 * labelers, and the order candidates are shown in.
 */
import { type FieldIssue, invalidFields } from "../errors.ts";

/** Checks a ranking's ids against the comparison's candidates. */
export function checkRanking(ranked: string[], candidates: string[], length: number): void {
  const known = new Set(candidates);
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
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

/** Uniformly shuffled copy (the order labelers see candidates in). */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  const random = new Uint32Array(out.length);
  crypto.getRandomValues(random);
  for (let i = out.length - 1; i > 0; i--) {
    const j = random[i] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * How often two labelers' rankings of the same candidates agree, pair by
 * pair: for each comparison, each two labelers and each two candidates whose
 * order both rankings imply (both ranked: by position; one ranked: it beats
 * the other), whether they put them the same way round. Returns the agreed
 * and compared counts over all comparisons (agreement = agreed / compared:
 * 1 identical, about ½ for rankings drawn at random; Kendall's τ is
 * 2·agreement − 1 where both rank every candidate).
 */
export function pairwiseAgreement(
  comparisons: readonly { candidates: readonly string[]; rankings: readonly string[][] }[],
): { agreed: number; compared: number } {
  let agreed = 0;
  let compared = 0;
  for (const { candidates, rankings } of comparisons) {
    const positions = rankings.map((r) => new Map(r.map((id, i) => [id, i])));
    for (let a = 0; a < positions.length; a++) {
      for (let b = a + 1; b < positions.length; b++) {
        for (let i = 0; i < candidates.length; i++) {
          for (let j = i + 1; j < candidates.length; j++) {
            const x = order(positions[a], candidates[i], candidates[j]);
            const y = order(positions[b], candidates[i], candidates[j]);
            if (x === 0 || y === 0) continue;
            compared++;
            if (x === y) agreed++;
          }
        }
      }
    }
  }
  return { agreed, compared };
}

/** −1 when `p` puts u before v, 1 when after, 0 when it does not say. */
function order(p: Map<string, number>, u: string, v: string): number {
  const pu = p.get(u);
  const pv = p.get(v);
  if (pu === undefined && pv === undefined) return 0;
  if (pu === undefined) return 1;
  if (pv === undefined) return -1;
  return pu < pv ? -1 : 1;
}
