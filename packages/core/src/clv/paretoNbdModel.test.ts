import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { paretoNbdModel } from "./paretoNbdModel.js";

const published = paretoNbdModel({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 });
const params = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  s: fc.double({ min: 0.05, max: 5, noNaN: true }),
  beta: fc.double({ min: 0.5, max: 50, noNaN: true }),
});
const customer = fc
  .record({ x: fc.integer({ min: 0, max: 40 }), u: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 0.5, max: 100, noNaN: true }) })
  .map(({ x, u, T }) => ({ frequency: x, recency: x === 0 ? 0 : u * T, T }));

describe("paretoNbdModel reference values", () => {
  // Oracle: /tmp/clvref/ref2.py, scipy 1.17.1 — lifetimes 0.11.3 ParetoNBDFitter formulas
  // (two scipy.special.hyp2f1 calls combined by logsumexp) at (0.553, 10.578, 0.606, 11.669).
  const cases: [number, number, number, number, number][] = [
    [2, 30.43, 38.86, 0.8691675591530111, 1.4551231932576025],
    [1, 1.71, 38.86, 0.16800232672434479, 0.17109298055378308],
    [0, 0, 38.86, 0.29528660461689443, 0.10708146821530898],
    [29, 38.43, 38.86, 0.994109839535176, 19.265548852542775],
    [5, 10, 35, 0.07489246437596558, 0.29223025428112004],
  ];
  it.each(cases)("should match P(alive) and E[Y(39)] for x=%d, t_x=%d, T=%d", (frequency, recency, T, alive, expected) => {
    expect(published.probabilityAlive({ frequency, recency, T })).toBeCloseTo(alive, 10);
    expect(published.conditionalExpectedPurchases(39, { frequency, recency, T })).toBeCloseTo(expected, 9);
  });

  it("should match E[X(39)] = 1.2130028442810157 and handle s = 1 without dividing by zero", () => {
    expect(published.expectedPurchases(39)).toBeCloseTo(1.2130028442810157, 11);
    // s = 1: E[X(t)] = rβ/α · ln(1 + t/β) (the limit).
    const m = paretoNbdModel({ r: 0.5, alpha: 10, s: 1, beta: 12 });
    expect(m.expectedPurchases(39)).toBeCloseTo(((0.5 * 12) / 10) * Math.log(1 + 39 / 12), 12);
  });

  it("should give P(alive) = 1 when the last purchase is at T", () => {
    expect(published.probabilityAlive({ frequency: 3, recency: 20, T: 20 })).toBe(1);
  });
});

describe("paretoNbdModel laws", () => {
  test.prop([params, customer])("should keep P(alive) in [0, 1]", (p, c) => {
    const alive = paretoNbdModel(p).probabilityAlive(c);
    expect(alive).toBeGreaterThanOrEqual(0);
    expect(alive).toBeLessThanOrEqual(1);
  });

  test.prop([params, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })])(
    "should have expected purchases non-decreasing in t",
    (p, t1, t2) => {
      const m = paretoNbdModel(p);
      const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
      expect(m.expectedPurchases(hi)).toBeGreaterThanOrEqual(m.expectedPurchases(lo) * (1 - 1e-12));
    },
  );

  test.prop([params, fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.5, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "should have P(alive) non-decreasing in recency for fixed frequency",
    (p, x, T, u, v) => {
      const m = paretoNbdModel(p);
      const [lo, hi] = u <= v ? [u * T, v * T] : [v * T, u * T];
      expect(m.probabilityAlive({ frequency: x, recency: hi, T })).toBeGreaterThanOrEqual(m.probabilityAlive({ frequency: x, recency: lo, T }) - 1e-9);
    },
  );

  test.prop([params, customer, fc.double({ min: 0.1, max: 30, noNaN: true }), fc.double({ min: 0.01, max: 52, noNaN: true })])(
    "should give the same predictions when time is rescaled by c and α, β by c",
    (p, cust, c, t) => {
      const m = paretoNbdModel(p);
      const scaled = paretoNbdModel({ ...p, alpha: p.alpha * c, beta: p.beta * c });
      const sc = { frequency: cust.frequency, recency: cust.recency * c, T: cust.T * c };
      expect(scaled.probabilityAlive(sc)).toBeCloseTo(m.probabilityAlive(cust), 8);
      expect(scaled.expectedPurchases(t * c) / m.expectedPurchases(t)).toBeCloseTo(1, 8);
      const base = m.conditionalExpectedPurchases(t, cust);
      if (base > 1e-200) expect(scaled.conditionalExpectedPurchases(t * c, sc) / base).toBeCloseTo(1, 6);
    },
  );
});

describe("paretoNbdModel bad input", () => {
  it("should reject impossible customers and parameters", () => {
    expect(() => published.probabilityAlive({ frequency: 1, recency: 50, T: 40 })).toThrow(InputError);
    expect(() => published.conditionalExpectedPurchases(-1, { frequency: 1, recency: 5, T: 40 })).toThrow(/requires a non-negative horizon/);
    expect(() => paretoNbdModel({ r: 1, alpha: 1, s: -1, beta: 1 })).toThrow(/paretoNbdModel requires a positive parameter s/);
  });
});
