import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import type { ModifiedBgNbdParams } from "./ModifiedBgNbdParams.js";
import type { RfmCustomer, RfmData } from "./RfmData.js";
import { assertCustomer, prepareRfm } from "./_internal/prepareRfm.js";
import { assertHorizon, assertPositiveParams } from "./_internal/assertParams.js";
import { modifiedBgNbdLogLikelihood } from "./_internal/modifiedBgNbdLikelihood.js";

/** Predictions of a modified BG/NBD model with known parameters (see {@link modifiedBgNbdModel}). */
export interface ModifiedBgNbdModel {
  readonly params: ModifiedBgNbdParams;
  /** E[X(t)]: expected purchases in (0, t] of a new customer. */
  expectedPurchases(t: number): number;
  /** E[Y(t) | x, t_x, T]: expected purchases in (T, T + t] of this customer. */
  conditionalExpectedPurchases(t: number, customer: RfmCustomer): number;
  /** P(alive | x, t_x, T), in [0, 1]; below 1 even for x = 0. */
  probabilityAlive(customer: RfmCustomer): number;
  /** Log-likelihood of other data under these parameters. */
  logLikelihoodOf(data: RfmData): number;
}

/**
 * The modified BG/NBD model (MBG/NBD) with given parameters: as BG/NBD, but a
 * customer may also drop out right after the first purchase (time 0), so a
 * customer with no repeat purchase is not certainly alive.
 *
 * Formulas (Batislam et al. 2007; as in lifetimes `ModifiedBetaGeoFitter`):
 * - E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]
 * - E[Y(t)|x,t_x,T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]
 *   / [1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}]
 * - P(alive|x,t_x,T) = 1 / [1 + a/(b+x) ((α+T)/(α+t_x))^{r+x}]
 *
 * Source: E. P. Batislam, M. Denizel, A. Filiztekin (2007), "Empirical
 * validation and comparison of models for customer base analysis",
 * International Journal of Research in Marketing 24(3), 201–209.
 *
 * Domain: positive parameters (a = 1 is a removable singularity of the closed
 * forms). Range: expectations ≥ 0, P(alive) in (0, 1].
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` / `METRIC.NOT_FINITE` for bad parameters, a negative horizon or an impossible customer
 * @category Value
 * @example
 * modifiedBgNbdModel({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }).probabilityAlive({ frequency: 0, recency: 0, T: 38.86 }) // => 0.3897…
 */
export function modifiedBgNbdModel(params: ModifiedBgNbdParams): ModifiedBgNbdModel {
  assertPositiveParams("modifiedBgNbdModel", params, ["r", "alpha", "a", "b"]);
  const { r, alpha, a, b } = params;
  const vector = Float64Array.of(r, alpha, a, b);
  const oddsDead = (c: RfmCustomer): number =>
    (a / (b + c.frequency)) * Math.exp((r + c.frequency) * (Math.log(alpha + c.T) - Math.log(alpha + c.recency)));
  return {
    params: { r, alpha, a, b },
    expectedPurchases(t: number): number {
      assertHorizon("modifiedBgNbdModel.expectedPurchases", t);
      if (t === 0) return 0;
      return (b / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b + 1, a + b, t / (alpha + t)));
    },
    conditionalExpectedPurchases(t: number, customer: RfmCustomer): number {
      assertHorizon("modifiedBgNbdModel.conditionalExpectedPurchases", t);
      assertCustomer("modifiedBgNbdModel.conditionalExpectedPurchases", customer);
      if (t === 0) return 0;
      const { frequency: x, T } = customer;
      const head = ((a + b + x) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t)));
      return head / (1 + oddsDead(customer));
    },
    probabilityAlive(customer: RfmCustomer): number {
      assertCustomer("modifiedBgNbdModel.probabilityAlive", customer);
      return 1 / (1 + oddsDead(customer));
    },
    logLikelihoodOf(data: RfmData): number {
      return modifiedBgNbdLogLikelihood(prepareRfm("modifiedBgNbdModel.logLikelihoodOf", data), vector, null);
    },
  };
}
