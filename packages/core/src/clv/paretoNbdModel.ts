import type { ParetoNbdParams } from "./ParetoNbdParams.js";
import type { RfmCustomer, RfmData } from "./RfmData.js";
import { assertCustomer, prepareRfm } from "./_internal/prepareRfm.js";
import { assertHorizon, assertPositiveParams } from "./_internal/assertParams.js";
import { paretoNbdLogLikelihood, paretoTerms, type ParetoTerms } from "./_internal/paretoNbdLikelihood.js";
import { expIntegral } from "./_internal/growth.js";

/** Predictions of a Pareto/NBD model with known parameters (see {@link paretoNbdModel}). */
export interface ParetoNbdModel {
  readonly params: ParetoNbdParams;
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
 * The Pareto/NBD buy-till-you-die model with given parameters: while alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); her lifetime
 * is exponential with rate μ ~ Gamma(s, β).
 *
 * Formulas (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note):
 * - E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^{s−1}]
 * - P(alive | x, t_x, T) = (α+T)^{−(r+x)}(β+T)^{−s} / [(α+T)^{−(r+x)}(β+T)^{−s} + s ∫_{t_x}^{T} (α+τ)^{−(r+x)}(β+τ)^{−(s+1)} dτ]
 * - E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive)
 * The integral is the Gauss hypergeometric ₂F₁(r+s+x, b; r+s+x+1; z) term of the
 * literature, summed here as a positive-term series in z = |α−β|/(max(α,β)+t) < 1
 * expanded around the larger of α and β, and combined in log-space (no
 * cancellation between the two ₂F₁ calls of the textbook form). (1 − u^{s−1})/(s−1)
 * is evaluated with expm1 so s = 1 is handled.
 *
 * Source: D. C. Schmittlein, D. G. Morrison, R. Colombo (1987), "Counting your
 * customers: who are they and what will they do next?", Management Science 33(1);
 * P. S. Fader, B. G. S. Hardie (2005), "A note on deriving the Pareto/NBD model
 * and related expressions", brucehardie.com/notes/009.
 *
 * Range: expectations ≥ 0, P(alive) in [0, 1] (1 when t_x = T).
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` / `METRIC.NOT_FINITE` for bad parameters, a negative horizon or an impossible customer
 * @category Value
 * @example
 * const m = paretoNbdModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 });
 * m.probabilityAlive({ frequency: 2, recency: 30.43, T: 38.86 }) // => 0.8691…
 */
export function paretoNbdModel(params: ParetoNbdParams): ParetoNbdModel {
  assertPositiveParams("paretoNbdModel", params, ["r", "alpha", "s", "beta"]);
  const { r, alpha, s, beta } = params;
  const vector = Float64Array.of(r, alpha, s, beta);
  const terms: ParetoTerms = { l1: 0, l2: 0 };
  const alive = (c: RfmCustomer): number => {
    paretoTerms(r, alpha, s, beta, c.frequency, c.recency, c.T, terms, null, 1, null);
    return terms.l2 === -Infinity ? 1 : 1 / (1 + Math.exp(terms.l2 - terms.l1));
  };
  return {
    params: { r, alpha, s, beta },
    expectedPurchases(t: number): number {
      assertHorizon("paretoNbdModel.expectedPurchases", t);
      return ((r * beta) / alpha) * expIntegral(s - 1, Math.log1p(t / beta));
    },
    conditionalExpectedPurchases(t: number, customer: RfmCustomer): number {
      assertHorizon("paretoNbdModel.conditionalExpectedPurchases", t);
      assertCustomer("paretoNbdModel.conditionalExpectedPurchases", customer);
      const { frequency: x, T } = customer;
      return (((r + x) * (beta + T)) / (alpha + T)) * expIntegral(s - 1, Math.log1p(t / (beta + T))) * alive(customer);
    },
    probabilityAlive(customer: RfmCustomer): number {
      assertCustomer("paretoNbdModel.probabilityAlive", customer);
      return alive(customer);
    },
    logLikelihoodOf(data: RfmData): number {
      return paretoNbdLogLikelihood(prepareRfm("paretoNbdModel.logLikelihoodOf", data), vector, null);
    },
  };
}
