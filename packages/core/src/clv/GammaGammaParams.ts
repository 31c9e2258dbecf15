/**
 * Parameters of the Gamma-Gamma spend model: a transaction's value
 * z ~ Gamma(shape p, rate ν) with the customer's ν ~ Gamma(shape q, rate γ). All positive.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}
