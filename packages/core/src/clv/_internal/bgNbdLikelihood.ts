import type { PreparedRfm } from "./prepareRfm.js";
import { weightedRisingLog } from "./cumulative.js";

/**
 * BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) with its gradient
 * in (r, α, a, b), written into `g` when given:
 * LL = Σ lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *      + ln[(α+T)^{−(r+x)} + 1{x>0} a/(b+x−1) (α+t_x)^{−(r+x)}]
 * The last term is a log-sum-exp; the x-only terms are summed per distinct x.
 */
export function bgNbdLogLikelihood(d: PreparedRfm, p: Float64Array, g: Float64Array | null): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  const R = weightedRisingLog(r, d.countByX);
  const B = weightedRisingLog(b, d.countByX);
  const AB = weightedRisingLog(a + b, d.countByX);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  let ll = R.lg + B.lg - AB.lg + d.total * r * lnAlpha;
  let gr = R.dg + d.total * lnAlpha;
  let gAlpha = (d.total * r) / alpha;
  let ga = -AB.dg;
  let gb = B.dg - AB.dg;
  const { x: xs, tx: txs, T: Ts, w: ws } = d;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const w = ws[i] as number;
    const rx = r + x;
    const lnAT = Math.log(alpha + (Ts[i] as number));
    const u1 = -rx * lnAT;
    if (x === 0) {
      ll += w * u1;
      gr -= w * lnAT;
      gAlpha -= (w * rx) / (alpha + (Ts[i] as number));
      continue;
    }
    const aTx = alpha + (txs[i] as number);
    const lnATx = Math.log(aTx);
    const lnB = Math.log(b + x - 1);
    // δ = u2 − u1; p2 = share of the "dropped out after the last purchase" branch.
    const delta = lnA - lnB + rx * (lnAT - lnATx);
    const lse = delta > 0 ? u1 + delta + Math.log1p(Math.exp(-delta)) : u1 + Math.log1p(Math.exp(delta));
    const p2 = delta > 0 ? 1 / (1 + Math.exp(-delta)) : Math.exp(delta) / (1 + Math.exp(delta));
    const p1 = 1 - p2;
    ll += w * lse;
    gr -= w * (p1 * lnAT + p2 * lnATx);
    gAlpha -= w * rx * (p1 / (alpha + (Ts[i] as number)) + p2 / aTx);
    ga += (w * p2) / a;
    gb -= (w * p2) / (b + x - 1);
  }
  if (g !== null) {
    g[0] = gr;
    g[1] = gAlpha;
    g[2] = ga;
    g[3] = gb;
  }
  return ll;
}
