import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import type { BgNbdParams } from "./BgNbdParams.js";
import type { RfmCustomer, RfmData } from "./RfmData.js";
import { assertCustomer, prepareRfm } from "./_internal/prepareRfm.js";
import { assertHorizon, assertPositiveParams } from "./_internal/assertParams.js";
import { bgNbdLogLikelihood } from "./_internal/bgNbdLikelihood.js";

/** Predictions of a BG/NBD model with known parameters (see {@link bgNbdModel}). */
export interface BgNbdModel {
  readonly params: BgNbdParams;
  /** E[X(t)]: expected purchases in (0, t] of a new customer. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of this customer. */
  conditionalExpectedPurchases(t: number, customer: RfmCustomer): number;
  /** P(alive | x, t_x, T), in [0, 1]. */
  probabilityAlive(customer: RfmCustomer): number;
  /** Log-likelihood of other data under these parameters. */
  logLikelihoodOf(data: RfmData): number;
}

/**
 * The BG/NBD ("beta-geometric / negative binomial") buy-till-you-die model
 * with given parameters. While alive a customer buys as a Poisson process
 * with rate λ ~ Gamma(r, α); after each purchase she drops out with
 * probability p ~ Beta(a, b).
 *
 * Formulas (Fader, Hardie & Lee 2005, eqs. 7, 10, and the P(alive) note):
 * - E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]
 * - E[Y(t)|x,t_x,T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *   / [1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}]
 * - P(alive|x,t_x,T) = 1 / [1 + 1{x>0} a/(b+x−1) ((α+T)/(α+t_x))^{r+x}]
 *
 * Source: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "'Counting your
 * customers' the easy way: an alternative to the Pareto/NBD model",
 * Marketing Science 24(2), 275–284; ₂F₁ from stdlib-js (Cephes algorithm).
 *
 * Domain: parameters positive; a = 1 exactly is a removable singularity the
 * closed form does not handle (returns NaN there). t ≥ 0 in the parameters'
 * time unit. Range: expectations ≥ 0, P(alive) in [0, 1], = 1 when x = 0.
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` / `METRIC.NOT_FINITE` for non-positive or non-finite parameters,
 *   a negative horizon, or an impossible customer (recency > T, x = 0 with recency > 0)
 * @category Value
 * @example
 * const m = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * m.probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }) // => 1
 * m.expectedPurchases(39) // => 1.1967… (per new customer, 39 weeks)
 */
export function bgNbdModel(params: BgNbdParams): BgNbdModel {
  assertPositiveParams("bgNbdModel", params, ["r", "alpha", "a", "b"]);
  const { r, alpha, a, b } = params;
  const vector = Float64Array.of(r, alpha, a, b);
  const oddsDead = (c: RfmCustomer): number =>
    c.frequency === 0 ? 0 : (a / (b + c.frequency - 1)) * Math.exp((r + c.frequency) * (Math.log(alpha + c.T) - Math.log(alpha + c.recency)));
  return {
    params: { r, alpha, a, b },
    expectedPurchases(t: number): number {
      assertHorizon("bgNbdModel.expectedPurchases", t);
      if (t === 0) return 0;
      const z = t / (alpha + t);
      return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, z));
    },
    conditionalExpectedPurchases(t: number, customer: RfmCustomer): number {
      assertHorizon("bgNbdModel.conditionalExpectedPurchases", t);
      assertCustomer("bgNbdModel.conditionalExpectedPurchases", customer);
      if (t === 0) return 0;
      const { frequency: x, T } = customer;
      const z = t / (alpha + T + t);
      const head = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
      return head / (1 + oddsDead(customer));
    },
    probabilityAlive(customer: RfmCustomer): number {
      assertCustomer("bgNbdModel.probabilityAlive", customer);
      return 1 / (1 + oddsDead(customer));
    },
    logLikelihoodOf(data: RfmData): number {
      return bgNbdLogLikelihood(prepareRfm("bgNbdModel.logLikelihoodOf", data), vector, null);
    },
  };
}
