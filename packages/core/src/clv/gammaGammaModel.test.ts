import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { gammaGammaModel } from "./gammaGammaModel.js";
import { fitGammaGamma } from "./fitGammaGamma.js";

const published = gammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 });

describe("gammaGammaModel reference values", () => {
  it("should give E[Z] = pγ/(q−1) = 35.21897810218978 and E[Z | 2, 22.35] = 24.663713910761153", () => {
    // Oracle: /tmp/clvref/ref2.py (Python float arithmetic of (γ + m x) p / (p x + q − 1)).
    expect(published.expectedAverageValue()).toBeCloseTo(35.21897810218978, 11);
    expect(published.conditionalExpectedAverageValue(2, 22.35)).toBeCloseTo(24.663713910761153, 11);
    expect(published.conditionalExpectedAverageValue(0, 0)).toBeCloseTo(35.21897810218978, 11);
  });
});

describe("gammaGammaModel laws", () => {
  const params = fc.record({ p: fc.double({ min: 0.1, max: 20, noNaN: true }), q: fc.double({ min: 1.1, max: 20, noNaN: true }), gamma: fc.double({ min: 0.1, max: 100, noNaN: true }) });
  test.prop([params, fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.01, max: 1000, noNaN: true })])(
    "should lie between the population mean and the customer's own mean",
    (p, x, m) => {
      const model = gammaGammaModel(p);
      const value = model.conditionalExpectedAverageValue(x, m);
      const pop = model.expectedAverageValue();
      expect(value).toBeGreaterThanOrEqual(Math.min(pop, m) * (1 - 1e-12));
      expect(value).toBeLessThanOrEqual(Math.max(pop, m) * (1 + 1e-12));
    },
  );
});

describe("fitGammaGamma bad input", () => {
  it("should reject negative spend, zero spend of a repeat customer, non-finite values and no repeat customers", () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        if (e instanceof InputError) return `${e.code} ${JSON.stringify(e.path)}`;
      }
      return "none";
    };
    expect(code(() => fitGammaGamma({ frequency: [1, 2], monetaryValue: [10, -1] }))).toBe('METRIC.OUT_OF_RANGE ["data","monetaryValue",1]');
    expect(code(() => fitGammaGamma({ frequency: [1, 2], monetaryValue: [10, 0] }))).toBe('METRIC.OUT_OF_RANGE ["data","monetaryValue",1]');
    expect(code(() => fitGammaGamma({ frequency: [1, 2], monetaryValue: [10, NaN] }))).toBe('METRIC.NOT_FINITE ["data","monetaryValue",1]');
    expect(code(() => fitGammaGamma({ frequency: [0, 0], monetaryValue: [0, 0] }))).toBe('METRIC.EMPTY_SAMPLE ["data","frequency"]');
    expect(code(() => fitGammaGamma({ frequency: [], monetaryValue: [] }))).toBe('METRIC.EMPTY_SAMPLE ["data","frequency"]');
  });
});

describe("fitGammaGamma without a finite interior maximum", () => {
  it("should throw CLV.FIT_FAILED when spend × frequency overflows (γ + m·x = ∞ at the start)", () => {
    // The only way to a non-finite Gamma-Gamma log-likelihood at the start p = q = γ = 1 with validated
    // input (x ≥ 1, 0 < m < ∞): m·x beyond the largest double.
    let error: unknown;
    try {
      fitGammaGamma({ frequency: [2, 1], monetaryValue: [1e308, 5] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.code).toBe("CLV.FIT_FAILED");
    expect(e.path).toEqual(["data"]);
    expect(e.message).toBe("fitGammaGamma requires data on which the likelihood has a finite maximum: the log-likelihood is not finite at the starting point (p = 1, q = 1, gamma = 1)");
  });

  it("should report p, q → ∞ (no spend variation) rather than converge when every customer has the same mean spend", () => {
    const fit = fitGammaGamma({ frequency: [1, 2, 3, 4], monetaryValue: [10, 10, 10, 10] });
    expect(fit.convergence.converged).toBe(false);
    expect(fit.convergence.boundary.map((b) => [b.name, b.toward])).toEqual([["p", "infinity"], ["q", "infinity"]]);
    for (const v of Object.values(fit.params)) expect(Number.isFinite(v)).toBe(true);
  });
});
