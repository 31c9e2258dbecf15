/**
 * A parameter the optimiser drove toward an edge of (0, ∞): the likelihood has a
 * supremum there, not a maximum, so the returned value is only where the
 * search stopped (see {@link ConvergenceReport.boundary}).
 */
export interface BoundaryParameter {
  /** Its name, as a key of `params` (e.g. `"s"`). */
  readonly name: string;
  /** Its value where the search stopped. */
  readonly value: number;
  /** The edge it is heading for. */
  readonly toward: "zero" | "infinity";
}

/** How a `fit…` optimisation ended. A fit that did not converge says so here. */
export interface ConvergenceReport {
  /**
   * `true` when the gradient (in log-parameters) fell below tolerance or the objective became
   * stationary with a small gradient, at an interior maximum: `false` whenever `boundary` is
   * non-empty or the likelihood is flat along some parameters (see `warnings`).
   */
  readonly converged: boolean;
  /** BFGS iterations used. */
  readonly iterations: number;
  /** Log-likelihood + gradient evaluations used by the optimiser (not counting the Hessian and the boundary probes). */
  readonly evaluations: number;
  /** max |∂(−LL)/∂ log p| at the returned parameters. */
  readonly gradientNorm: number;
  /** Why the optimiser stopped, or, when `boundary` is non-empty, which parameters ran to the boundary. */
  readonly message: string;
  /**
   * Parameters running to 0 or ∞, where the data put the likelihood's supremum (e.g. Pareto/NBD
   * s → 0, β → ∞ when no customer seems to drop out). Found two ways: a parameter beyond 10^±6
   * times its natural scale (1 for shape parameters; mean T, or mean spend, for scale
   * parameters), or, when the optimiser claims convergence, a direction of near-zero curvature
   * (of −LL in log-parameters) along which the log-likelihood does not fall by more than 0.001
   * when the log-parameters move a step of 4 one way or the other. Empty for an interior maximum.
   */
  readonly boundary: readonly BoundaryParameter[];
  /**
   * Caveats in words, naming the parameters and the evidence: boundary runs, parameters the
   * data do not determine (flat likelihood), standard errors that could not be computed, and
   * the optimiser's own stopping reason when `message` was replaced. Empty for a clean fit.
   */
  readonly warnings: readonly string[];
}
