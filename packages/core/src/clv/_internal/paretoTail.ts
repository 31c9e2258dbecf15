const MAX_TERMS = 200_000;

/**
 * ln I(t) for the Pareto/NBD tail integral
 *   I(t) = ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ = (m+t)^{−k} · ₂F₁(k, b; k+1; z) / k,
 * with k = r+s+x, m = max(α, β), z = |α−β|/(m+t) ∈ [0, 1), and b = s+1 when α ≥ β,
 * b = r+x otherwise (expanding the smaller base around the larger one keeps every
 * series term positive, so there is no cancellation). The ₂F₁ is summed as
 * Σ_n (b)_n/n! · zⁿ/(k+n) together with its partial derivatives in k, b and z,
 * which give ∂ ln I / ∂(r, α, s, β) written into `grad` (if given).
 * Returns NaN if the series has not converged after 200,000 terms (z extremely close to 1).
 */
export function logTailIntegral(r: number, alpha: number, s: number, beta: number, x: number, t: number, grad: Float64Array | null): number {
  const k = r + s + x;
  const alphaLarger = alpha >= beta;
  const mT = (alphaLarger ? alpha : beta) + t;
  const otherT = (alphaLarger ? beta : alpha) + t;
  const b = alphaLarger ? s + 1 : r + x;
  const z = Math.abs(alpha - beta) / mT;
  let S = 1 / k;
  let Sk = -1 / (k * k);
  let Sb = 0;
  let Sz = b / (k + 1);
  if (z > 0) {
    Sz = 0;
    let c = 1;
    let zPrev = 1;
    let H = 0;
    let n = 1;
    for (; n <= MAX_TERMS; n++) {
      const bn = b + n - 1;
      H += 1 / bn;
      c *= bn / n;
      const inv = 1 / (k + n);
      const dTerm = n * c * zPrev * inv;
      zPrev *= z;
      const term = c * zPrev * inv;
      S += term;
      Sk -= term * inv;
      Sb += term * H;
      Sz += dTerm;
      // Past the peak the terms fall geometrically; stop when the largest
      // remaining contribution (the derivative series) is below round-off.
      if (dTerm <= 1e-16 * Sz && term * (1 + H) <= 1e-16 * S && (b + n) * z < n + 1) break;
    }
    if (n > MAX_TERMS) return NaN;
  }
  const L = Math.log(mT);
  if (grad !== null) {
    const dz = Sz / S;
    const common = -L + Sk / S;
    if (alphaLarger) {
      grad[0] = common;
      grad[2] = common + Sb / S;
      grad[1] = -k / mT + (dz * otherT) / (mT * mT);
      grad[3] = -dz / mT;
    } else {
      grad[0] = common + Sb / S;
      grad[2] = common;
      grad[3] = -k / mT + (dz * otherT) / (mT * mT);
      grad[1] = -dz / mT;
    }
  }
  return -k * L + Math.log(S);
}
