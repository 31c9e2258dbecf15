import type { FitResult } from "./FitResult.js";
import type { ModifiedBgNbdParams } from "./ModifiedBgNbdParams.js";
import type { RfmData } from "./RfmData.js";
import type { FitOptions } from "./FitOptions.js";
import { modifiedBgNbdModel, type ModifiedBgNbdModel } from "./modifiedBgNbdModel.js";
import { prepareRfm } from "./_internal/prepareRfm.js";
import { modifiedBgNbdLogLikelihood } from "./_internal/modifiedBgNbdLikelihood.js";
import { maximumLikelihood } from "./_internal/maximumLikelihood.js";

/** A modified BG/NBD model fitted by maximum likelihood. */
export type FittedModifiedBgNbd = ModifiedBgNbdModel & FitResult<ModifiedBgNbdParams>;

/**
 * Fits the modified BG/NBD model (see {@link modifiedBgNbdModel}) by maximum
 * likelihood: BFGS on log-parameters with the analytic gradient, start
 * r = a = b = 1, α = mean(T), standard errors from the Hessian.
 *
 * Source: Batislam, Denizel & Filiztekin (2007), IJRM 24(3).
 * Complexity: O(u + max x) per iteration for u distinct rows.
 *
 * @throws {InputError} as {@link fitBgNbd}
 * @category Value
 * @example
 * fitModifiedBgNbd(summary).params // => { r: 0.5248…, alpha: 6.1831…, a: 0.8914…, b: 1.6140… } on CDNOW
 */
export function fitModifiedBgNbd(data: RfmData, options: FitOptions = {}): FittedModifiedBgNbd {
  const d = prepareRfm("fitModifiedBgNbd", data);
  const start = Float64Array.of(1, d.meanT, 1, 1);
  const fit = maximumLikelihood("fitModifiedBgNbd", ["r", "alpha", "a", "b"], (p, g) => modifiedBgNbdLogLikelihood(d, p, g), start, d.total, options);
  const [r, alpha, a, b] = fit.params as unknown as [number, number, number, number];
  const se = fit.standardErrors;
  return {
    ...modifiedBgNbdModel({ r, alpha, a, b }),
    logLikelihood: fit.logLikelihood,
    standardErrors: se === null ? null : { r: se[0] as number, alpha: se[1] as number, a: se[2] as number, b: se[3] as number },
    convergence: fit.convergence,
    customers: d.total,
  };
}
