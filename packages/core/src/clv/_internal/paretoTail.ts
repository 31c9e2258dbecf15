const MAX_TERMS = 200_000;

// 8-point Gauss–Legendre nodes and weights on [−1, 1] (Abramowitz & Stegun, Table 25.4).
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.525532409916329, -0.1834346424956498, 0.1834346424956498, 0.525532409916329, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.362683783378362, 0.362683783378362, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];
const seriesGrad = new Float64Array(4);

/**
 * ln I(t) for the Pareto/NBD tail integral
 *   I(t) = ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ = (m+t)^{−k} · ₂F₁(k, b; k+1; z) / k,
 * with k = r+s+x, m = max(α, β), z = |α−β|/(m+t) ∈ [0, 1), and b = s+1 when α ≥ β,
 * b = r+x otherwise (expanding the smaller base around the larger one keeps every
 * series term positive, so there is no cancellation). The ₂F₁ is summed as
 * Σ_n (b)_n/n! · zⁿ/(k+n) together with its partial derivatives in k, b and z,
 * which give ∂ ln I / ∂(r, α, s, β) written into `grad` (if given).
 * When z > 1/2 the part of the integral where z is large is taken by quadrature instead (see splitTail).
 */
export function logTailIntegral(r: number, alpha: number, s: number, beta: number, x: number, t: number, grad: Float64Array | null): number {
  const big = Math.max(alpha, beta);
  const small = Math.min(alpha, beta);
  // For z > 1/2 the series converges slowly (z → 1 when max(α,β) ≫ min(α,β) + t):
  // integrate [t, τ*] by quadrature and take the rest from the series at z(τ*) = 1/2.
  if (big - 2 * small > t) return splitTail(r, alpha, s, beta, x, t, big - 2 * small, grad);
  return seriesTail(r, alpha, s, beta, x, t, grad);
}

/**
 * ∫_t^{τ*} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ by composite 8-point Gauss–Legendre in
 * u = ln(min(α,β) + τ) (where the integrand is a near-exponential), plus I(τ*) by the series.
 * The split point cancels from the derivative (d/dτ* of both parts cancel), so it is held fixed.
 */
function splitTail(r: number, alpha: number, s: number, beta: number, x: number, t: number, tStar: number, grad: Float64Array | null): number {
  const rx = r + x;
  const small = Math.min(alpha, beta);
  const u0 = Math.log(small + t);
  const u1 = Math.log(small + tStar);
  // Slope in u of the log-integrand's fast-varying factor; the other factor changes by at most 2×.
  const slope = alpha <= beta ? 1 - rx : -s;
  let length = u1 - u0;
  // Past 60/|slope| a decaying integrand has fallen by e^{−60}: the remainder is below round-off.
  if (slope < 0) length = Math.min(length, 60 / -slope);
  const panels = Math.min(400, Math.max(1, Math.ceil((length * Math.max(1, Math.abs(slope))) / 1.5)));
  const h = length / panels;
  const logf = (tau: number): number => -rx * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau) + Math.log(small + tau);
  const ref = logf(t);
  let q = 0;
  let qr = 0;
  let qa = 0;
  let qs = 0;
  let qb = 0;
  for (let p = 0; p < panels; p++) {
    const mid = u0 + (p + 0.5) * h;
    for (let j = 0; j < 8; j++) {
      const u = mid + 0.5 * h * (GL_X[j] as number);
      const tau = Math.exp(u) - small;
      const aT = alpha + tau;
      const bT = beta + tau;
      const v = (GL_W[j] as number) * Math.exp(logf(tau) - ref);
      q += v;
      if (grad !== null) {
        qr -= v * Math.log(aT);
        qa -= (v * rx) / aT;
        qs -= v * Math.log(bT);
        qb -= (v * (s + 1)) / bT;
      }
    }
  }
  const lnQuad = ref + Math.log(0.5 * h * q);
  const lnRest = seriesTail(r, alpha, s, beta, x, tStar, grad === null ? null : seriesGrad);
  const hi = Math.max(lnQuad, lnRest);
  const wq = Math.exp(lnQuad - hi);
  const wr = Math.exp(lnRest - hi);
  if (grad !== null) {
    const total = wq + wr;
    grad[0] = (wq * (qr / q) + wr * (seriesGrad[0] as number)) / total;
    grad[1] = (wq * (qa / q) + wr * (seriesGrad[1] as number)) / total;
    grad[2] = (wq * (qs / q) + wr * (seriesGrad[2] as number)) / total;
    grad[3] = (wq * (qb / q) + wr * (seriesGrad[3] as number)) / total;
  }
  return hi + Math.log(wq + wr);
}

/** The series form of {@link logTailIntegral}, used directly when z ≤ 1/2. */
function seriesTail(r: number, alpha: number, s: number, beta: number, x: number, t: number, grad: Float64Array | null): number {
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
