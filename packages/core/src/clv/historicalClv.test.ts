import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { historicalClv } from "./historicalClv.js";

describe("historicalClv reference values", () => {
  it("should give AOV × frequency × margin × lifetime undiscounted: 50 × 4 × 0.3 × 3 = 180", () => {
    expect(historicalClv({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, expectedLifetime: 3 })).toBeCloseTo(180, 12);
  });

  it("should discount end-of-period margins: 60/1.1 + 60/1.1² + 60/1.1³ = 149.2111…", () => {
    const byHand = 60 / 1.1 + 60 / 1.1 ** 2 + 60 / 1.1 ** 3;
    expect(historicalClv({ averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, expectedLifetime: 3, discountRate: 0.1 })).toBeCloseTo(byHand, 12);
  });
});

describe("historicalClv laws", () => {
  const input = fc.record({
    averageOrderValue: fc.double({ min: 0, max: 1000, noNaN: true }),
    purchaseFrequency: fc.double({ min: 0, max: 50, noNaN: true }),
    grossMargin: fc.double({ min: 0, max: 1, noNaN: true }),
    expectedLifetime: fc.double({ min: 0, max: 30, noNaN: true }),
    discountRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
  });
  test.prop([input, fc.double({ min: 0, max: 1, noNaN: true })])("should be monotone in margin and never above the undiscounted value", (x, m2) => {
    const v = historicalClv(x);
    const other = historicalClv({ ...x, grossMargin: m2 });
    if (m2 >= x.grossMargin) expect(other).toBeGreaterThanOrEqual(v * (1 - 1e-12));
    else expect(other).toBeLessThanOrEqual(v * (1 + 1e-12));
    expect(v).toBeLessThanOrEqual(historicalClv({ ...x, discountRate: 0 }) * (1 + 1e-12) + 1e-12);
    expect(v).toBeGreaterThanOrEqual(0);
  });
});

describe("historicalClv bad input", () => {
  it("should reject negative, non-finite and out-of-range inputs", () => {
    const base = { averageOrderValue: 50, purchaseFrequency: 4, grossMargin: 0.3, expectedLifetime: 3 };
    expect(() => historicalClv({ ...base, averageOrderValue: -1 })).toThrow(/historicalClv requires a non-negative averageOrderValue/);
    expect(() => historicalClv({ ...base, grossMargin: 1.2 })).toThrow(/requires a gross margin in \[0, 1\]/);
    expect(() => historicalClv({ ...base, expectedLifetime: NaN })).toThrow(InputError);
  });
});
