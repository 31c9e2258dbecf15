import betaln from "@stdlib/math-base-special-betaln";
import { proportion } from "../rates/_internal/proportion.js";
import type { ProportionSample } from "./differenceInProportions.js";

/**
 * Bayesian chance to beat: P(p_B > p_A) when each rate has a uniform Beta(1, 1)
 * prior and a binomial likelihood, so p ~ Beta(1 + successes, 1 + failures).
 *
 * Exact closed form (Evan Miller, "Formulas for Bayesian A/B Testing", 2015):
 * with αA = 1 + sA, βA = 1 + fA, αB = 1 + sB, βB = 1 + fB,
 * P = Σ_{i=0}^{αB−1} exp(ln B(αA + i, βA + βB) − ln(βB + i) − ln B(1 + i, βB) − ln B(αA, βA)).
 *
 * Range: [0, 1]; swapping the groups gives 1 − P (ties have probability 0).
 * Complexity: O(successes of B).
 *
 * @throws {InputError} as the rates for empty groups or impossible counts
 * @category Comparison
 * @example
 * chanceToBeat({ successes: 120, n: 1000 }, { successes: 150, n: 1000 }) // => 0.97506… (scipy.integrate.quad of the posteriors)
 */
export function chanceToBeat(a: ProportionSample, b: ProportionSample): number {
  const fn = "chanceToBeat";
  proportion(fn, a.successes, "a.successes", a.n, "a.n");
  proportion(fn, b.successes, "b.successes", b.n, "b.n");
  const aA = 1 + a.successes;
  const bA = 1 + a.n - a.successes;
  const aB = 1 + b.successes;
  const bB = 1 + b.n - b.successes;
  const base = betaln(aA, bA);
  let total = 0;
  for (let i = 0; i < aB; i++) total += Math.exp(betaln(aA + i, bA + bB) - Math.log(bB + i) - betaln(1 + i, bB) - base);
  return Math.min(1, Math.max(0, total));
}
