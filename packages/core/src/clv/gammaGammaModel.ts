import { ErrorCodes } from "../errors/codes.js";
import { InputError } from "../errors/InputError.js";
import { assertCount, assertFinite } from "../_internal/assert.js";
import type { GammaGammaParams } from "./GammaGammaParams.js";
import type { SpendData } from "./SpendData.js";
import { assertPositiveParams } from "./_internal/assertParams.js";
import { prepareSpend } from "./_internal/prepareSpend.js";
import { gammaGammaLogLikelihood } from "./_internal/gammaGammaLikelihood.js";

/** Predictions of a Gamma-Gamma spend model with known parameters (see {@link gammaGammaModel}). */
export interface GammaGammaModel {
  readonly params: GammaGammaParams;
  /** E[Z]: mean transaction value of a new customer, pγ/(q−1); +∞ when q ≤ 1. */
  expectedAverageValue(): number;
  /** E[Z | x, z̄]: expected mean transaction value of a customer with x repeat purchases averaging z̄. */
  conditionalExpectedAverageValue(frequency: number, monetaryValue: number): number;
  /** Log-likelihood of other spend data under these parameters. */
  logLikelihoodOf(data: SpendData): number;
}

/**
 * The Gamma-Gamma model of spend per transaction, with given parameters.
 * Each transaction value z ~ Gamma(p, ν), the customer's ν ~ Gamma(q, γ);
 * it assumes spend is independent of the purchase process.
 *
 * Formula: E[Z | x, z̄] = (γ + x z̄) p / (p x + q − 1)
 *   = w · pγ/(q−1) + (1 − w) · z̄ with w = (q−1)/(px+q−1), a weighted mean of the
 * population mean and the customer's own mean. For x = 0 it is pγ/(q−1).
 *
 * Source: P. S. Fader, B. G. S. Hardie, K. L. Lee (2005), "RFM and CLV: using
 * iso-value curves for customer base analysis", J. Marketing Research 42(4);
 * Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", note 025.
 *
 * Range: > 0 when px + q > 1; +∞ when the posterior mean does not exist (px + q ≤ 1).
 *
 * @throws {InputError} `METRIC.OUT_OF_RANGE` / `METRIC.NOT_FINITE` for bad parameters, a negative or
 *   non-finite monetary value, or a non-integer / negative frequency
 * @category Value
 * @example
 * gammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 }).conditionalExpectedAverageValue(2, 22.35) // => 24.66…
 */
export function gammaGammaModel(params: GammaGammaParams): GammaGammaModel {
  assertPositiveParams("gammaGammaModel", params, ["p", "q", "gamma"]);
  const { p, q, gamma } = params;
  const vector = Float64Array.of(p, q, gamma);
  return {
    params: { p, q, gamma },
    expectedAverageValue(): number {
      return q > 1 ? (p * gamma) / (q - 1) : Infinity;
    },
    conditionalExpectedAverageValue(frequency: number, monetaryValue: number): number {
      const fn = "gammaGammaModel.conditionalExpectedAverageValue";
      assertCount(fn, frequency, ["frequency"]);
      assertFinite(fn, monetaryValue, ["monetaryValue"]);
      if (monetaryValue < 0) {
        throw new InputError(ErrorCodes.OUT_OF_RANGE, `${fn} requires a non-negative monetary value, got ${monetaryValue}`, ["monetaryValue"], monetaryValue);
      }
      const denominator = p * frequency + q - 1;
      return denominator > 0 ? ((gamma + frequency * monetaryValue) * p) / denominator : Infinity;
    },
    logLikelihoodOf(data: SpendData): number {
      return gammaGammaLogLikelihood(prepareSpend("gammaGammaModel.logLikelihoodOf", data), vector, null);
    },
  };
}
