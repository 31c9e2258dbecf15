import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { bootstrapMeans } from "./bootstrapMeans.js";
import { mulberry32 } from "./mulberry32.js";

describe("mulberry32", () => {
  it("should reproduce the reference sequence of the bench helper (same algorithm, seed 42)", () => {
    // bench/_common.mjs mulberry32(42): 0.6011037519201636, 0.44829055899754167
    const next = mulberry32(42);
    expect(next()).toBe(0.6011037519201636);
    expect(next()).toBe(0.44829055899754167);
  });

  test.prop([fc.integer(), fc.integer({ min: 1, max: 200 })])("gives the same sequence for the same seed, in [0, 1)", (seed, n) => {
    const a = mulberry32(seed);
    const b = mulberry32(seed);
    for (let i = 0; i < n; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it("should have a mean near 1/2 and variance near 1/12 over 100k draws", () => {
    const next = mulberry32(1);
    let s = 0;
    let q = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      s += x;
      q += x * x;
    }
    const mean = s / 100_000;
    // standard error of the mean of U(0,1) at n = 1e5 is √(1/12 / 1e5) ≈ 0.00091: 5 SE
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(q / 100_000 - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});

describe("bootstrapMeans", () => {
  test.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer()])(
    "every replicate lies within [min, max] of the values",
    (values, seed) => {
      const reps = bootstrapMeans(values, 50, mulberry32(seed));
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      for (const r of reps) {
        expect(r).toBeGreaterThanOrEqual(lo - 1e-9 * Math.abs(lo));
        expect(r).toBeLessThanOrEqual(hi + 1e-9 * Math.abs(hi));
      }
    },
  );

  it("should centre on the sample mean with spread s/√n (Efron & Tibshirani 1993, ch. 5)", () => {
    const values = Array.from({ length: 400 }, (_, i) => (i * 37) % 101);
    const reps = bootstrapMeans(values, 4000, mulberry32(3));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    const rm = reps.reduce((s, v) => s + v, 0) / reps.length;
    const rsd = Math.sqrt(reps.reduce((s, v) => s + (v - rm) ** 2, 0) / (reps.length - 1));
    const se = sd / Math.sqrt(values.length);
    expect(Math.abs(rm - mean)).toBeLessThan(5 * (se / Math.sqrt(4000)));
    expect(Math.abs(rsd / se - 1)).toBeLessThan(0.06);
  });

  it("should refuse an empty sample and a bad number of samples", () => {
    expect(() => bootstrapMeans([], 10, mulberry32(1))).toThrow(InputError);
    expect(() => bootstrapMeans([1], 0, mulberry32(1))).toThrow(expect.objectContaining({ code: "METRIC.INVALID_OPTION", path: ["samples"] }));
  });
});
