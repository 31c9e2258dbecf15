/**
 * Parameters of the BG/NBD model: purchase rates λ ~ Gamma(shape r, rate α)
 * (α in the data's time unit), dropout probability after each purchase
 * p ~ Beta(a, b). All positive.
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}
