/** How a `fit…` optimisation ended. A fit that did not converge says so here. */
export interface ConvergenceReport {
  /** `true` when the gradient (in log-parameters) fell below tolerance or the objective became stationary with a small gradient. */
  readonly converged: boolean;
  /** BFGS iterations used. */
  readonly iterations: number;
  /** Log-likelihood + gradient evaluations used by the optimiser (not counting the Hessian). */
  readonly evaluations: number;
  /** max |∂(−LL)/∂ log p| at the returned parameters. */
  readonly gradientNorm: number;
  /** Why the optimiser stopped. */
  readonly message: string;
}
