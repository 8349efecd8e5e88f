/**
 * Losses in target space: what an SSO client computes from the targets
 * z = f(θ; X) it holds, its loss ℓ(z) and G = ∇_z ℓ(z) (src/algorithms/sso/
 * inner.ts). Both are means over the batch's rows, so G carries a factor
 * 1/rows and η ≈ rows is the natural scale of SSO's η (docs/algorithms.md).
 * Their smoothness constants in z give the η ≤ 1/L under which an outer
 * step cannot increase the batch loss: L = 1/(2·rows) for softmax
 * cross-entropy (Böhning's bound diag(p) − ppᵀ ≼ ½·I) and L = 1/rows for
 * the squared loss.
 *
 * @module
 */

/** A loss value and its gradient in z (rows×c, row-major). */
export interface TargetLoss {
  loss: number;
  grad: Float64Array;
}

/**
 * Mean softmax cross-entropy of logits z (rows×classes) against integer
 * labels: ℓ = (1/rows)·Σ_r (logsumexp(z_r) − z_r[y_r]), ∇ = (softmax(z_r) −
 * e_{y_r})/rows. Computed with the row maximum subtracted (no overflow).
 */
export function softmaxCrossEntropy(
  z: Float64Array,
  labels: ArrayLike<number>,
  rows: number,
  classes: number,
): TargetLoss {
  if (z.length !== rows * classes || labels.length < rows) {
    throw new RangeError(`need rows×classes = ${rows * classes} logits and ${rows} labels`);
  }
  const grad = new Float64Array(rows * classes);
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    const y = labels[r];
    if (!Number.isInteger(y) || y < 0 || y >= classes) throw new RangeError(`bad label ${y}`);
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, z[o + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += grad[o + j] = Math.exp(z[o + j] - max);
    loss += Math.log(sum) + max - z[o + y];
    for (let j = 0; j < classes; j++) grad[o + j] /= sum * rows;
    grad[o + y] -= 1 / rows;
  }
  return { loss: loss / rows, grad };
}

/** Mean squared loss ℓ = (1/(2·rows))·‖z − y‖², ∇ = (z − y)/rows. */
export function squaredLoss(z: Float64Array, y: Float64Array, rows: number): TargetLoss {
  if (y.length !== z.length) throw new RangeError("z and y must have the same length");
  const grad = new Float64Array(z.length);
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const d = z[i] - y[i];
    loss += d * d;
    grad[i] = d / rows;
  }
  return { loss: loss / (2 * rows), grad };
}
