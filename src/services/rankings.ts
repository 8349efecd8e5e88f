/**
 * Rankings: the checks on a submitted ranking, their aggregation over
 * labelers, and the order candidates are shown in.
 */
import { invalidFields } from "../errors.ts";

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
