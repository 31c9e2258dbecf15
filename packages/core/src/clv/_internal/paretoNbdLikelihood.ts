import type { PreparedRfm } from "./prepareRfm.js";
import { weightedRisingLog } from "./cumulative.js";
import { logTailIntegral } from "./paretoTail.js";

/** Per-customer pieces of the Pareto/NBD likelihood, shared by the fit and P(alive). */
export interface ParetoTerms {
  /** l1 = ln[(α+T)^{−(r+x)} (β+T)^{−s}]: alive-at-T branch. */
  l1: number;
  /** l2 = ln[s (I(t_x) − I(T))]: died in (t_x, T] branch; −∞ when t_x = T. */
  l2: number;
}

const gx = new Float64Array(4);
const gT = new Float64Array(4);

/**
 * The two branches of the Pareto/NBD likelihood (Fader & Hardie 2005, "A note on
 * deriving the Pareto/NBD model and related expressions", in log-sum-exp
 * form), without the x-only factor Γ(r+x)α^rβ^s/Γ(r). Optionally accumulates
 * w·(p1 ∂l1 + p2 ∂l2) into `g`, with p1 + p2 = 1 the branch shares.
 */
export function paretoTerms(
  r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number,
  out: ParetoTerms, g: Float64Array | null, w: number, cachedJx: { J: number; grad: Float64Array } | null,
): void {
  const rx = r + x;
  const lnAT = Math.log(alpha + T);
  const lnBT = Math.log(beta + T);
  const l1 = -rx * lnAT - s * lnBT;
  out.l1 = l1;
  if (tx >= T) {
    aliveOnly(out, g, w, rx, alpha, T, lnAT, s, beta, lnBT);
    return;
  }
  let Jx: number;
  let dJx: Float64Array;
  if (cachedJx !== null) {
    Jx = cachedJx.J;
    dJx = cachedJx.grad;
  } else {
    Jx = logTailIntegral(r, alpha, s, beta, x, tx, g === null ? null : gx);
    dJx = gx;
  }
  const JT = logTailIntegral(r, alpha, s, beta, x, T, g === null ? null : gT);
  const oneMinusE = -Math.expm1(JT - Jx);
  if (!(oneMinusE > 0)) {
    // t_x within round-off of T: the dropout branch vanishes.
    aliveOnly(out, g, w, rx, alpha, T, lnAT, s, beta, lnBT);
    return;
  }
  const e = 1 - oneMinusE;
  const l2 = Math.log(s) + Jx + Math.log(oneMinusE);
  out.l2 = l2;
  if (g !== null) {
    const delta = l2 - l1;
    const p2 = delta > 0 ? 1 / (1 + Math.exp(-delta)) : Math.exp(delta) / (1 + Math.exp(delta));
    const p1 = 1 - p2;
    const inv = 1 / oneMinusE;
    const d = (i: number): number => ((dJx[i] as number) - e * (gT[i] as number)) * inv;
    g[0] = (g[0] as number) + w * (p1 * -lnAT + p2 * d(0));
    g[1] = (g[1] as number) + w * (p1 * (-rx / (alpha + T)) + p2 * d(1));
    g[2] = (g[2] as number) + w * (p1 * -lnBT + p2 * (1 / s + d(2)));
    g[3] = (g[3] as number) + w * (p1 * (-s / (beta + T)) + p2 * d(3));
  }
}

function aliveOnly(out: ParetoTerms, g: Float64Array | null, w: number, rx: number, alpha: number, T: number, lnAT: number, s: number, beta: number, lnBT: number): void {
  out.l2 = -Infinity;
  if (g !== null) {
    g[0] = (g[0] as number) - w * lnAT;
    g[1] = (g[1] as number) - (w * rx) / (alpha + T);
    g[2] = (g[2] as number) - w * lnBT;
    g[3] = (g[3] as number) - (w * s) / (beta + T);
  }
}

/** Pareto/NBD log-likelihood with gradient in (r, α, s, β). */
export function paretoNbdLogLikelihood(d: PreparedRfm, p: Float64Array, g: Float64Array | null): number {
  const r = p[0] as number;
  const alpha = p[1] as number;
  const s = p[2] as number;
  const beta = p[3] as number;
  const R = weightedRisingLog(r, d.countByX);
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  let ll = R.lg + d.total * (r * lnAlpha + s * lnBeta);
  const acc = new Float64Array(4);
  if (g !== null) {
    acc[0] = R.dg + d.total * lnAlpha;
    acc[1] = (d.total * r) / alpha;
    acc[2] = d.total * lnBeta;
    acc[3] = (d.total * s) / beta;
  }
  // Every x = 0 customer has t_x = 0: one tail integral at 0 serves them all.
  const zeroGrad = new Float64Array(4);
  const zero = { J: logTailIntegral(r, alpha, s, beta, 0, 0, g === null ? null : zeroGrad), grad: zeroGrad };
  const terms: ParetoTerms = { l1: 0, l2: 0 };
  const { x: xs, tx: txs, T: Ts, w: ws } = d;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const w = ws[i] as number;
    paretoTerms(r, alpha, s, beta, x, txs[i] as number, Ts[i] as number, terms, g === null ? null : acc, w, x === 0 ? zero : null);
    const { l1, l2 } = terms;
    ll += w * (l2 === -Infinity ? l1 : l1 > l2 ? l1 + Math.log1p(Math.exp(l2 - l1)) : l2 + Math.log1p(Math.exp(l1 - l2)));
  }
  if (g !== null) g.set(acc);
  return ll;
}
