/**
 * Parameters of the BG/BB model: per-opportunity transaction probability
 * p ~ Beta(α, β) and per-opportunity dropout probability θ ~ Beta(γ, δ). All positive.
 */
export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}
