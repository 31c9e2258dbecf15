/** Options of every `fit…` function. */
export interface FitOptions {
  /** BFGS iteration limit; default 500. A fit that hits it reports `convergence.converged = false`. */
  readonly maxIterations?: number;
  /** Tolerance on max |∂(−LL)/∂ log p|; default 1e-8 · max(1, number of customers). */
  readonly gradientTolerance?: number;
}
