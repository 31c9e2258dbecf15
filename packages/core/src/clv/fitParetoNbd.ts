import type { FitResult } from "./FitResult.js";
import type { ParetoNbdParams } from "./ParetoNbdParams.js";
import type { RfmData } from "./RfmData.js";
import type { FitOptions } from "./FitOptions.js";
import { paretoNbdModel, type ParetoNbdModel } from "./paretoNbdModel.js";
import { prepareRfm } from "./_internal/prepareRfm.js";
import { paretoNbdLogLikelihood } from "./_internal/paretoNbdLikelihood.js";
import { maximumLikelihood } from "./_internal/maximumLikelihood.js";

/** A Pareto/NBD model fitted by maximum likelihood. */
export type FittedParetoNbd = ParetoNbdModel & FitResult<ParetoNbdParams>;

/**
 * Fits the Pareto/NBD model (see {@link paretoNbdModel}) by maximum likelihood.
 *
 * Method: BFGS on log-parameters with the analytic gradient of the
 * log-sum-exp form of the likelihood (the ₂F₁ series is differentiated term by
 * term), start r = s = 1, α = β = mean(T). The surface is flat along s and β:
 * the log-likelihood and predictions are well determined, s and β less so
 * (see `standardErrors`). Where no customer seems to drop out (e.g. the full
 * Online Retail log) the likelihood keeps rising as s → 0, β → ∞ toward the
 * no-dropout NBD: the fit then reports `converged = false` with s and β in
 * `convergence.boundary`, and no standard errors.
 *
 * Source: Schmittlein, Morrison & Colombo (1987); Fader & Hardie (2005) note 009.
 * CDNOW 1/10 sample (weeks): r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0.
 *
 * Complexity: O(u · m) per iteration for u distinct rows and m series terms
 * (about 10–20 when α and β are close, more as |α−β| approaches max(α,β)).
 *
 * @throws {InputError} as {@link fitBgNbd}
 * @category Value
 * @example
 * fitParetoNbd(summary).params // => { r: 0.5533…, alpha: 10.5777…, s: 0.6062…, beta: 11.6687… } on CDNOW
 */
export function fitParetoNbd(data: RfmData, options: FitOptions = {}): FittedParetoNbd {
  const d = prepareRfm("fitParetoNbd", data);
  const start = Float64Array.of(1, d.meanT, 1, d.meanT);
  const fit = maximumLikelihood("fitParetoNbd", ["r", "alpha", "s", "beta"], (p, g) => paretoNbdLogLikelihood(d, p, g), start, d.total, options);
  const [r, alpha, s, beta] = fit.params as unknown as [number, number, number, number];
  const se = fit.standardErrors;
  return {
    ...paretoNbdModel({ r, alpha, s, beta }),
    logLikelihood: fit.logLikelihood,
    standardErrors: se === null ? null : { r: se[0] as number, alpha: se[1] as number, s: se[2] as number, beta: se[3] as number },
    convergence: fit.convergence,
    customers: d.total,
  };
}
