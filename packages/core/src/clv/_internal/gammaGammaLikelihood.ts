import gammaln from "@stdlib/math-base-special-gammaln";
import digamma from "@stdlib/math-base-special-digamma";
import type { PreparedSpend } from "./prepareSpend.js";

/**
 * Gamma-Gamma log-likelihood of mean spends (Fader, Hardie & Lee 2005b;
 * Fader & Hardie note 025, as the density of z̄ given x), with gradient in (p, q, γ):
 * LL = Σ lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ+mx)
 */
export function gammaGammaLogLikelihood(d: PreparedSpend, params: Float64Array, g: Float64Array | null): number {
  const p = params[0] as number;
  const q = params[1] as number;
  const gamma = params[2] as number;
  const lnGamma = Math.log(gamma);
  let ll = d.n * (q * lnGamma - gammaln(q)) - d.sumLnM;
  let gp = 0;
  let gq = d.n * (lnGamma - digamma(q));
  let gg = (d.n * q) / gamma;
  for (let k = 0; k < d.distinctX.length; k++) {
    const x = d.distinctX[k] as number;
    const c = d.countX[k] as number;
    const px = p * x;
    ll += c * (gammaln(px + q) - gammaln(px)) + p * (d.sumXlnMxByX[k] as number);
    const dPq = digamma(px + q);
    gp += c * x * (dPq - digamma(px)) + (d.sumXlnMxByX[k] as number);
    gq += c * dPq;
  }
  const { x: xs, m: ms } = d;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const gmx = gamma + (ms[i] as number) * x;
    const l = Math.log(gmx);
    const pxq = p * x + q;
    ll -= pxq * l;
    gp -= x * l;
    gq -= l;
    gg -= pxq / gmx;
  }
  if (g !== null) {
    g[0] = gp;
    g[1] = gq;
    g[2] = gg;
  }
  return ll;
}
