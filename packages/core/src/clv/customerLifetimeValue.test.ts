import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { bgNbdModel } from "./bgNbdModel.js";
import { gammaGammaModel } from "./gammaGammaModel.js";
import { customerLifetimeValue } from "./customerLifetimeValue.js";

const bg = bgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
const gg = gammaGammaModel({ p: 6.25, q: 3.74, gamma: 15.44 });
const customers = {
  frequency: [2, 1, 0, 29, 5],
  recency: [30.43, 1.71, 0, 38.43, 10],
  T: [38.86, 38.86, 38.86, 38.86, 35],
  monetaryValue: [22.35, 11.77, 0, 40, 15],
};

describe("customerLifetimeValue reference values", () => {
  it("should match lifetimes' monthly-discounted CLV (12 months, 1%, 4.345 weeks a month)", () => {
    // Oracle: /tmp/clvref/ref2.py, scipy 1.17.1 — the loop of lifetimes 0.11.3
    // `_customer_lifetime_value` (freq "W": factor 4.345) with its BG/NBD conditional expectation
    // (scipy.special.hyp2f1) and Gamma-Gamma conditional mean at the published CDNOW parameters.
    const expected = [36.289211125599216, 4.637294659747193, 8.369004358920183, 928.944499910322, 3.2360916005126823];
    const clv = customerLifetimeValue(bg, gg, customers, { months: 12, discountRate: 0.01 });
    expected.forEach((v, i) => expect(clv[i]).toBeCloseTo(v, 8));
  });
});

describe("customerLifetimeValue laws", () => {
  test.prop([fc.double({ min: 0, max: 0.2, noNaN: true }), fc.double({ min: 0, max: 0.2, noNaN: true }), fc.integer({ min: 1, max: 36 })])(
    "should not increase with the discount rate and not decrease with the horizon",
    (d1, d2, months) => {
      const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
      const a = customerLifetimeValue(bg, gg, customers, { months, discountRate: lo });
      const b = customerLifetimeValue(bg, gg, customers, { months, discountRate: hi });
      const longer = customerLifetimeValue(bg, gg, customers, { months: months + 1, discountRate: lo });
      a.forEach((v, i) => {
        expect(b[i]).toBeLessThanOrEqual(v * (1 + 1e-12));
        expect(longer[i]).toBeGreaterThanOrEqual(v * (1 - 1e-12));
        expect(v).toBeGreaterThanOrEqual(0);
      });
    },
  );
});

describe("customerLifetimeValue bad input", () => {
  it("should reject bad options and customers with typed errors", () => {
    expect(() => customerLifetimeValue(bg, gg, customers, { months: 0 })).toThrow(/requires a positive whole number of months/);
    expect(() => customerLifetimeValue(bg, gg, customers, { discountRate: -0.1 })).toThrow(InputError);
    expect(() => customerLifetimeValue(bg, gg, { ...customers, recency: [50, 1, 0, 1, 1] })).toThrow(/requires recency ≤ T/);
    expect(() => customerLifetimeValue(bg, gg, { frequency: [], recency: [], T: [], monetaryValue: [] })).toThrow(/requires at least one customer/);
  });
});
