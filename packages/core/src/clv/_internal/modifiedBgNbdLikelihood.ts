import type { PreparedRfm } from "./prepareRfm.js";
import { weightedRisingLog } from "./cumulative.js";

/**
 * Modified BG/NBD log-likelihood (Batislam, Denizel & Filiztekin 2007) with gradient in (r, α, a, b):
 * LL = Σ lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) − (r+x) ln(α+T)
 *      + ln[1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}]
 * (the dropout opportunity at time 0 makes the second branch apply for x = 0 too).
 */
export function modifiedBgNbdLogLikelihood(d: PreparedRfm, p: Float64Array, g: Float64Array | null): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const a = p[2] as number;
  const b = p[3] as number;
  const R = weightedRisingLog(r, d.countByX);
  const B = weightedRisingLog(b, d.countByX, 1);
  const AB = weightedRisingLog(a + b, d.countByX, 1);
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
    const aT = alpha + (Ts[i] as number);
    const aTx = alpha + (txs[i] as number);
    const lnAT = Math.log(aT);
    const lnATx = Math.log(aTx);
    const a4 = lnA - Math.log(b + x) + rx * (lnAT - lnATx);
    const soft = a4 > 0 ? a4 + Math.log1p(Math.exp(-a4)) : Math.log1p(Math.exp(a4));
    const p2 = a4 > 0 ? 1 / (1 + Math.exp(-a4)) : Math.exp(a4) / (1 + Math.exp(a4));
    ll += w * (-rx * lnAT + soft);
    gr += w * (-lnAT + p2 * (lnAT - lnATx));
    gAlpha += w * (-rx / aT + p2 * rx * (1 / aT - 1 / aTx));
    ga += (w * p2) / a;
    gb -= (w * p2) / (b + x);
  }
  if (g !== null) {
    g[0] = gr;
    g[1] = gAlpha;
    g[2] = ga;
    g[3] = gb;
  }
  return ll;
}
