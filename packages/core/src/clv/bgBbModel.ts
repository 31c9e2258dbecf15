import betaln from "@stdlib/math-base-special-betaln";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { BgBbParams } from "./BgBbParams.js";
import type { BgBbCustomer, BgBbData } from "./BgBbData.js";
import { assertBgBbRow, prepareBgBb } from "./_internal/prepareBgBb.js";
import { assertPositiveParams } from "./_internal/assertParams.js";
import { assertCount } from "../_internal/assert.js";
import { bgBbLogLikelihood, bgBbRowLogLikelihood } from "./_internal/bgBbLikelihood.js";

/** Predictions of a BG/BB model with known parameters (see {@link bgBbModel}). */
export interface BgBbModel {
  readonly params: BgBbParams;
  /** E[X(n)]: expected transactions in the first n opportunities of a new customer. */
  expectedPurchases(n: number): number;
  /** E[X(n, n+n*) | x, t_x, n]: expected transactions in the next n* opportunities. */
  conditionalExpectedPurchases(future: number, customer: BgBbCustomer): number;
  /** P(alive at opportunity n+1 | x, t_x, n), in [0, 1]. */
  probabilityAlive(customer: BgBbCustomer): number;
  /** Log-likelihood of other data under these parameters. */
  logLikelihoodOf(data: BgBbData): number;
}

/**
 * The BG/BB model for discrete transaction opportunities (e.g. yearly
 * donation drives) with given parameters. While alive a customer transacts
 * at each opportunity with probability p ~ Beta(α, β); before each
 * opportunity she drops out with probability θ ~ Beta(γ, δ).
 *
 * Formulas (Fader, Hardie & Shang 2010):
 * - E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))]
 * - P(alive at n+1 | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(α,β,γ,δ | x,t_x,n)
 * - E[X(n, n+n*) | x, t_x, n] = 1/L · B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
 *   · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]
 *
 * Source: P. S. Fader, B. G. S. Hardie, J. Shang (2010), "Customer-base
 * analysis in a discrete-time noncontractual setting", Marketing Science 29(6), 1086–1108.
 *
 * Domain: positive parameters (γ = 1 is a removable singularity of the
 * expectations). Range: P(alive) in [0, 1], expectations ≥ 0.
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` / `METRIC.NOT_FINITE` for bad parameters; `METRIC.NOT_INTEGER` /
 *   `METRIC.INCONSISTENT` for an impossible customer (x > t_x, t_x > n, x = 0 with t_x > 0)
 * @category Value
 * @example
 * bgBbModel({ alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 })
 *   .probabilityAlive({ frequency: 6, recency: 6, periods: 6 }) // => 0.9304…
 */
export function bgBbModel(params: BgBbParams): BgBbModel {
  assertPositiveParams("bgBbModel", params, ["alpha", "beta", "gamma", "delta"]);
  const { alpha, beta, gamma, delta } = params;
  const vector = Float64Array.of(alpha, beta, gamma, delta);
  // δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · Γ(1+δ+m)/Γ(γ+δ+m), the expected alive-opportunity count, in logs.
  const survivalTerm = (m: number): number => Math.exp(gammaln(gamma + delta) - gammaln(1 + delta) + gammaln(1 + delta + m) - gammaln(gamma + delta + m));
  return {
    params: { alpha, beta, gamma, delta },
    expectedPurchases(n: number): number {
      assertCount("bgBbModel.expectedPurchases", n, ["n"]);
      return (alpha / (alpha + beta)) * (delta / (gamma - 1)) * (1 - survivalTerm(n));
    },
    conditionalExpectedPurchases(future: number, customer: BgBbCustomer): number {
      assertCount("bgBbModel.conditionalExpectedPurchases", future, ["future"]);
      assertBgBbRow("bgBbModel.conditionalExpectedPurchases", customer);
      const { frequency: x, recency: tx, periods: n } = customer;
      const lnL = bgBbRowLogLikelihood(vector, x, tx, n, null, 1);
      const head = Math.exp(betaln(alpha + x + 1, beta + n - x) - betaln(alpha, beta) - lnL);
      return head * (delta / (gamma - 1)) * (survivalTerm(n) - survivalTerm(n + future));
    },
    probabilityAlive(customer: BgBbCustomer): number {
      assertBgBbRow("bgBbModel.probabilityAlive", customer);
      const { frequency: x, recency: tx, periods: n } = customer;
      const lnL = bgBbRowLogLikelihood(vector, x, tx, n, null, 1);
      const lnAlive = betaln(alpha + x, beta + n - x) - betaln(alpha, beta) + betaln(gamma, delta + n + 1) - betaln(gamma, delta);
      return Math.min(1, Math.exp(lnAlive - lnL));
    },
    logLikelihoodOf(data: BgBbData): number {
      return bgBbLogLikelihood(prepareBgBb("bgBbModel.logLikelihoodOf", data), vector, null);
    },
  };
}
