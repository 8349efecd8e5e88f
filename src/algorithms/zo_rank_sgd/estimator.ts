/**
 * The ZO-RankSGD gradient estimator (Tang, Rybin, Chang, ICLR 2024;
 * docs/algorithms.md §5), as pure functions of the perturbations ξ₁..ξ_m and a set
 * E of preferences "i beats j" (i looked better than j):
 *
 *   g = (1/|E|) Σ_{(i,j)∈E} (ξ_j − ξ_i) = (1/|E|) Σᵢ wᵢ ξᵢ,
 *   wᵢ = (number of pairs i loses) − (number of pairs i wins).
 *
 * g estimates the direction of ∇f (it points from winners to losers), so a
 * step goes along −g. For a top-k ranking of m items, best first, the
 * weights have a closed form: 2r − m + 1 for the item at rank r (0 = best)
 * and k for every unranked item, with |E| = k(k−1)/2 + k(m−k).
 *
 * Any set of pairs fits: a partial ranking of some of the items, pairs from
 * several people, or a ranking minima makes itself from reported values.
 * The estimator sees only who beat whom, so it is the same for f and for any
 * increasing transform of f.
 *
 * @module
 */

/** A preference between two candidates, by index: `[winner, loser]`. */
export type Preference = readonly [winner: number, loser: number];

/** Throws unless `i` is an index of m items. */
function checkIndex(i: number, m: number, what: string): void {
  if (!Number.isInteger(i) || i < 0 || i >= m) {
    throw new RangeError(`${what} must be an index in [0, ${m}), got ${i}`);
  }
}

/** Throws unless the indices are distinct. */
function checkDistinct(indices: readonly number[], what: string): void {
  if (new Set(indices).size !== indices.length) {
    throw new RangeError(`${what} must not repeat an item: ${JSON.stringify(indices)}`);
  }
}

/**
 * |E| for a top-k ranking of m items: k(k−1)/2 pairs among the ranked items
 * and k(m−k) of a ranked item over an unranked one.
 */
export function topKPairCount(m: number, k: number): number {
  return (k * (k - 1)) / 2 + k * (m - k);
}

/**
 * The pairs a (partial) ranking implies: every ordered pair among the ranked
 * items (best first) and every ranked item over every unranked one. Unranked
 * items are not ordered among themselves.
 *
 * @param ranked item indices, best first.
 * @param unranked items shown but not ranked.
 * @throws {RangeError} when an item appears twice.
 */
export function rankingPairs(
  ranked: readonly number[],
  unranked: readonly number[] = [],
): Preference[] {
  checkDistinct([...ranked, ...unranked], "a ranking");
  const pairs: Preference[] = [];
  for (let r = 0; r < ranked.length; r++) {
    for (let s = r + 1; s < ranked.length; s++) pairs.push([ranked[r], ranked[s]]);
    for (const u of unranked) pairs.push([ranked[r], u]);
  }
  return pairs;
}

/**
 * The closed-form weights of a top-k ranking of all m items: the item at
 * rank r (0 = best) gets 2r − m + 1, every unranked item gets k.
 *
 * @param m the number of items shown.
 * @param ranked the k ranked items, best first; the others are unranked.
 * @throws {RangeError} on an index out of range or repeated.
 */
export function topKWeights(m: number, ranked: readonly number[]): Float64Array {
  checkDistinct(ranked, "a ranking");
  const k = ranked.length;
  const weights = new Float64Array(m).fill(k);
  ranked.forEach((item, r) => {
    checkIndex(item, m, "a ranked item");
    weights[item] = 2 * r - m + 1;
  });
  return weights;
}

/**
 * The weights of any multiset of pairs: wᵢ = (pairs i loses) − (pairs i
 * wins). A pair given twice counts twice.
 *
 * @throws {RangeError} on an index out of range or a pair of an item with itself.
 */
export function pairWeights(m: number, pairs: readonly Preference[]): Float64Array {
  const weights = new Float64Array(m);
  for (const [winner, loser] of pairs) {
    checkIndex(winner, m, "a winner");
    checkIndex(loser, m, "a loser");
    if (winner === loser) throw new RangeError(`item ${winner} cannot beat itself`);
    weights[winner] -= 1;
    weights[loser] += 1;
  }
  return weights;
}

/**
 * g = (1/|E|) Σᵢ wᵢ ξᵢ: the estimate from weights and the number of pairs
 * (the zero vector when there are no pairs).
 *
 * @param xi the m perturbations (m × d).
 * @param weights one weight per perturbation.
 * @param pairCount |E|.
 */
export function weightedEstimate(
  xi: readonly ArrayLike<number>[],
  weights: ArrayLike<number>,
  pairCount: number,
): Float64Array {
  if (weights.length !== xi.length) {
    throw new RangeError(`${xi.length} perturbations but ${weights.length} weights`);
  }
  const d = xi.length === 0 ? 0 : xi[0].length;
  const g = new Float64Array(d);
  if (pairCount === 0) return g;
  for (let i = 0; i < xi.length; i++) {
    const w = weights[i] / pairCount;
    if (w === 0) continue;
    const row = xi[i];
    if (row.length !== d) throw new RangeError("perturbations of different dimensions");
    for (let j = 0; j < d; j++) g[j] += w * row[j];
  }
  return g;
}

/**
 * The estimate from any set of preferences among the m candidates: the
 * general form, used whatever the source of the preferences.
 */
export function estimateFromPairs(
  xi: readonly ArrayLike<number>[],
  pairs: readonly Preference[],
): Float64Array {
  return weightedEstimate(xi, pairWeights(xi.length, pairs), pairs.length);
}

/**
 * The estimate from a top-k ranking of all m candidates, by the closed form.
 *
 * @param ranked the k ranked candidates, best first; the others are unranked.
 */
export function estimateFromTopK(
  xi: readonly ArrayLike<number>[],
  ranked: readonly number[],
): Float64Array {
  const m = xi.length;
  return weightedEstimate(xi, topKWeights(m, ranked), topKPairCount(m, ranked.length));
}

/**
 * The preferences minima reads off reported losses (smaller is better) when
 * it ranks candidates itself, as a top-k oracle would: order by loss (equal
 * losses by index), keep the first k as ranked, and take every pair "ranked
 * item over a later item" whose losses differ (equal losses give no pair).
 * +Infinity stands for an infeasible point: worse than any value, equal to
 * another infeasible one.
 *
 * @returns the pairs and the candidates in order, best first.
 */
export function pairsFromLosses(
  losses: readonly number[],
  k: number,
): { pairs: Preference[]; order: number[] } {
  if (losses.some((loss) => Number.isNaN(loss))) throw new RangeError("a loss is NaN");
  const order = losses.map((_, i) => i).sort((a, b) => losses[a] - losses[b] || a - b);
  const ranked = Math.min(Math.max(0, k), losses.length);
  const pairs: Preference[] = [];
  for (let r = 0; r < ranked; r++) {
    const winner = order[r];
    for (let s = r + 1; s < order.length; s++) {
      const loser = order[s];
      if (losses[winner] < losses[loser]) pairs.push([winner, loser]);
    }
  }
  return { pairs, order };
}
