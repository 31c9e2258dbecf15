/**
 * (1 − e^{−c·L}) / c, continuous at c = 0 (where it is L): the
 * ∫₀^L e^{−c u} du that turns (1 − (β/(β+t))^{s−1})/(s−1) into a stable form.
 */
export function expIntegral(c: number, L: number): number {
  return c === 0 ? L : -Math.expm1(-c * L) / c;
}
