/**
 * Parameters of the Pareto/NBD model: purchase rate λ ~ Gamma(shape r, rate α),
 * dropout rate μ ~ Gamma(shape s, rate β); α and β in the data's time unit. All positive.
 */
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}
