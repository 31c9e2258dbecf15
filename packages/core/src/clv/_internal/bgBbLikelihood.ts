import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import type { PreparedBgBb } from "./prepareBgBb.js";

/**
 * ln L of one BG/BB customer (Fader, Hardie & Shang 2010):
 * L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ),
 * summed in log-space; with `g`, adds w·∂ ln L/∂(α, β, γ, δ).
 */
export function bgBbRowLogLikelihood(p: Float64Array, x: number, tx: number, n: number, g: Float64Array | null, w: number): number {
  const alpha = p[0] as number;
  const beta = p[1] as number;
  const gamma = p[2] as number;
  const delta = p[3] as number;
  const base = -betaln(alpha, beta) - betaln(gamma, delta);
  const count = n - tx + 1;
  const logs = new Float64Array(count);
  // Term j = 0 is "alive through n"; j = 1 + i is "dropped out after opportunity t_x + i".
  for (let j = 0; j < count; j++) {
    const y = j === 0 ? n - x : tx - x + (j - 1);
    const e = j === 0 ? 0 : 1;
    const u = j === 0 ? n : tx + (j - 1);
    logs[j] = base + betaln(alpha + x, beta + y) + betaln(gamma + e, delta + u);
  }
  let max = -Infinity;
  for (let j = 0; j < count; j++) max = Math.max(max, logs[j] as number);
  let sum = 0;
  for (let j = 0; j < count; j++) sum += Math.exp((logs[j] as number) - max);
  const ll = max + Math.log(sum);
  if (g !== null) {
    const dAB = digamma(alpha + beta);
    const dGD = digamma(gamma + delta);
    const dA = digamma(alpha);
    const dB = digamma(beta);
    const dG = digamma(gamma);
    const dD = digamma(delta);
    const dAx = digamma(alpha + x);
    for (let j = 0; j < count; j++) {
      const share = (w * Math.exp((logs[j] as number) - max)) / sum;
      const y = j === 0 ? n - x : tx - x + (j - 1);
      const e = j === 0 ? 0 : 1;
      const u = j === 0 ? n : tx + (j - 1);
      const dABxy = digamma(alpha + beta + x + y);
      const dGDeu = digamma(gamma + delta + e + u);
      g[0] = (g[0] as number) + share * (dAx - dABxy - dA + dAB);
      g[1] = (g[1] as number) + share * (digamma(beta + y) - dABxy - dB + dAB);
      g[2] = (g[2] as number) + share * (digamma(gamma + e) - dGDeu - dG + dGD);
      g[3] = (g[3] as number) + share * (digamma(delta + u) - dGDeu - dD + dGD);
    }
  }
  return ll;
}

/** BG/BB log-likelihood of weighted rows with gradient in (α, β, γ, δ). O(Σ (n − t_x + 1)). */
export function bgBbLogLikelihood(d: PreparedBgBb, p: Float64Array, g: Float64Array | null): number {
  if (g !== null) g.fill(0);
  let ll = 0;
  for (let i = 0; i < d.x.length; i++) {
    const w = d.w[i] as number;
    ll += w * bgBbRowLogLikelihood(p, d.x[i] as number, d.tx[i] as number, d.n[i] as number, g, w);
  }
  return ll;
}
