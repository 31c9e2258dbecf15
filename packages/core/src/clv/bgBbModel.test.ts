import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { bgBbModel } from "./bgBbModel.js";

const published = bgBbModel({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 });

describe("bgBbModel reference values", () => {
  // Oracle: /tmp/clvref/ref2.py, scipy 1.17.1 — FHS (2010) eqs. 8, 11, 13 written with
  // scipy.special.betaln / gammaln / logsumexp at (α, β, γ, δ) = (1.204, 0.750, 0.657, 2.783).
  const cases: [number, number, number, number, number][] = [
    [6, 6, 6, 0.9304025423728814, 3.752115607599859],
    [0, 0, 6, 0.10801658416867414, 0.07280287747504373],
    [3, 4, 6, 0.4394628570557562, 1.0342284984211148],
    [1, 1, 6, 0.06940809320654971, 0.0856353983378711],
  ];
  it.each(cases)("should match P(alive) and E[X(n, n+5)] for x=%d, t_x=%d, n=%d", (frequency, recency, periods, alive, expected) => {
    expect(published.probabilityAlive({ frequency, recency, periods })).toBeCloseTo(alive, 12);
    expect(published.conditionalExpectedPurchases(5, { frequency, recency, periods })).toBeCloseTo(expected, 11);
  });

  it("should match E[X(6)] = 2.2196313934873078", () => {
    expect(published.expectedPurchases(6)).toBeCloseTo(2.2196313934873078, 11);
  });
});

describe("bgBbModel laws", () => {
  test.prop([fc.integer({ min: 1, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "should keep P(alive) in [0, 1]",
    (n, u, v) => {
      const tx = Math.min(n, Math.floor(u * (n + 1)));
      const x = tx === 0 ? 0 : 1 + Math.floor(v * tx * 0.999);
      const alive = published.probabilityAlive({ frequency: x, recency: tx, periods: n });
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
    },
  );
});

describe("bgBbModel bad input", () => {
  it("should reject impossible discrete histories", () => {
    expect(() => published.probabilityAlive({ frequency: 3, recency: 2, periods: 6 })).toThrow(InputError);
    expect(() => published.probabilityAlive({ frequency: 1, recency: 7, periods: 6 })).toThrow(/requires recency ≤ periods/);
    expect(() => published.probabilityAlive({ frequency: 0, recency: 2, periods: 6 })).toThrow(/requires recency 0 when frequency is 0/);
  });
});
