import type { ConvergenceReport } from "./ConvergenceReport.js";

/** What every `fit…` function reports beside its model's predictions. */
export interface FitResult<P> {
  /** Maximum-likelihood estimates. Always finite and positive (a fit that cannot produce them throws). */
  readonly params: P;
  /** Log-likelihood at `params` (natural log, full data, constants included). */
  readonly logLikelihood: number;
  /**
   * Asymptotic standard errors √diag(I⁻¹) from the observed information; `null` when it is not positive
   * definite (as at a boundary run; `convergence.warnings` then says so).
   */
  readonly standardErrors: P | null;
  readonly convergence: ConvergenceReport;
  /** Number of customers (Σ weights) the model was fitted on. */
  readonly customers: number;
}
