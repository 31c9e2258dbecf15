/**
 * Parameters of the modified BG/NBD model: purchase rate λ ~ Gamma(r, α)
 * (α in the data's time unit), dropout probability p ~ Beta(a, b). All positive.
 */
export interface ModifiedBgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}
