import { describe, expect, it } from "vitest";
import { fitBgBb } from "./fitBgBb.js";
import { fitBgNbd } from "./fitBgNbd.js";
import { fitModifiedBgNbd } from "./fitModifiedBgNbd.js";
import { fitParetoNbd } from "./fitParetoNbd.js";
import type { ConvergenceReport } from "./ConvergenceReport.js";
import type { RfmData } from "./RfmData.js";

/**
 * Data on which nobody drops out: 20 customers, each with a repeat count x and the last purchase
 * at T·x/(x+1), where the last of x uniform purchase times falls on average. With no sign of
 * dropout the Pareto/NBD likelihood rises toward s → 0, β → ∞ (and BG/NBD toward a → 0,
 * b → ∞): both collapse to the NBD with no dropout, whose likelihood they share there.
 */
function noDropout(): RfmData {
  const frequency: number[] = [];
  const recency: number[] = [];
  const T: number[] = [];
  for (let i = 0; i < 20; i++) {
    const x = (i * 7) % 13;
    const t = 30 + (i % 5) * 5;
    frequency.push(x);
    recency.push(x === 0 ? 0 : (t * x) / (x + 1));
    T.push(t);
  }
  return { frequency, recency, T };
}

function expectBoundary(c: ConvergenceReport, expected: Record<string, "zero" | "infinity">): void {
  expect(c.converged).toBe(false);
  expect(c.message).toMatch(/ran to the boundary: the likelihood has no interior maximum on these data$/);
  expect(Object.fromEntries(c.boundary.map((b) => [b.name, b.toward]))).toEqual(expected);
  for (const b of c.boundary) expect(c.message).toContain(`${b.name} (`);
  expect(c.warnings.length).toBeGreaterThan(0);
}

describe("fits whose likelihood has no interior maximum", () => {
  it("should report Pareto/NBD s → 0, β → ∞ and BG/NBD a → 0, b → ∞ when nobody drops out, both at the NBD likelihood", () => {
    const data = noDropout();
    const pareto = fitParetoNbd(data);
    expectBoundary(pareto.convergence, { s: "zero", beta: "infinity" });
    const bg = fitBgNbd(data);
    expectBoundary(bg.convergence, { a: "zero", b: "infinity" });
    // The limit is real: both models reach the same no-dropout (NBD) fit.
    expect(pareto.logLikelihood).toBeCloseTo(bg.logLikelihood, 4);
    expect(pareto.params.r).toBeCloseTo(bg.params.r, 4);
    expect(pareto.params.alpha).toBeCloseTo(bg.params.alpha, 3);
    for (const v of [...Object.values(pareto.params), ...Object.values(bg.params)]) expect(Number.isFinite(v) && v > 0).toBe(true);
  });

  it("should still report the boundary when a loose tolerance stops the search early (s = 0.001, β = 10⁴: inside 10^±6, yet no maximum)", () => {
    // Before the curvature probe, this fit said converged = true with s ≈ 0.001 and β ≈ 1.0e4.
    const pareto = fitParetoNbd(noDropout(), { gradientTolerance: 1e-3 });
    expect(pareto.params.s).toBeGreaterThan(1e-6);
    expect(pareto.params.beta).toBeLessThan(1e6);
    expectBoundary(pareto.convergence, { s: "zero", beta: "infinity" });
    const mbg = fitModifiedBgNbd(noDropout(), { gradientTolerance: 1e-3 });
    expectBoundary(mbg.convergence, { a: "zero", b: "infinity" });
  });

  it("should not claim convergence when no customer makes a repeat purchase (the likelihood rises toward r → 0, α → ∞)", () => {
    // Before, these fits stopped with a tiny gradient at r ≈ 5e-5 and said converged = true.
    const data = { frequency: [0, 0, 0, 0], recency: [0, 0, 0, 0], T: [10, 20, 30, 40] };
    for (const fit of [fitBgNbd, fitParetoNbd, fitModifiedBgNbd]) {
      const c = fit(data).convergence;
      expect(c.converged).toBe(false);
      expect(c.boundary).toContainEqual(expect.objectContaining({ name: "r", toward: "zero" }));
      expect(c.boundary).toContainEqual(expect.objectContaining({ name: "alpha", toward: "infinity" }));
    }
    // BG/NBD: with no repeat purchase a and b do not enter the likelihood at all.
    const bg = fitBgNbd(data);
    expect(bg.convergence.warnings).toContainEqual(expect.stringMatching(/these data do not determine a, b$/));
    expect(bg.standardErrors).toBeNull();
    expect(bg.convergence.warnings).toContain("standard errors unavailable: the observed information is not positive definite at the returned parameters");
  });

  it("should not claim convergence for BG/BB when no donor ever repeats", () => {
    const c = fitBgBb({ frequency: [0, 0], recency: [0, 0], periods: [6, 6] }).convergence;
    expect(c.converged).toBe(false);
    expect(c.boundary.length).toBeGreaterThan(0);
  });

  it("should name every parameter beyond 10^±6 times its scale, with the reason in the warnings", () => {
    // Every customer bought on every occasion right up to T.
    const c = fitBgNbd({ frequency: [50, 50, 50], recency: [1, 1, 1], T: [1, 1, 1] }).convergence;
    expect(c.boundary.map((b) => [b.name, b.toward])).toEqual([["r", "infinity"], ["alpha", "infinity"], ["a", "zero"], ["b", "infinity"]]);
    expect(c.warnings).toContainEqual(expect.stringMatching(/^a = \S+ is beyond 10\^−6 times its natural scale 1: it ran toward 0$/));
    expect(c.warnings).toContainEqual(expect.stringMatching(/^the optimiser stopped with: /));
  });
});
