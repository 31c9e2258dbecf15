import { describe, expect, it } from "vitest";
import { InputError } from "../errors/InputError.js";
import { fitBgNbd } from "./fitBgNbd.js";
import { fitParetoNbd } from "./fitParetoNbd.js";
import { fitModifiedBgNbd } from "./fitModifiedBgNbd.js";
import type { RfmData } from "./RfmData.js";

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("fit bad input", () => {
  const good = { frequency: [2, 0, 1], recency: [5, 0, 3], T: [10, 10, 8] };
  it.each([
    ["recency > T", { ...good, recency: [11, 0, 3] }, "METRIC.INCONSISTENT", ["data", 0, "recency"]],
    ["frequency 0 with recency > 0", { ...good, recency: [5, 2, 3] }, "METRIC.INCONSISTENT", ["data", 1, "recency"]],
    ["a non-finite recency", { ...good, recency: [5, 0, NaN] }, "METRIC.NOT_FINITE", ["data", "recency", 2]],
    ["a non-integer frequency", { ...good, frequency: [2.5, 0, 1] }, "METRIC.NOT_INTEGER", ["data", "frequency", 0]],
    ["a negative frequency", { ...good, frequency: [-1, 0, 1] }, "METRIC.OUT_OF_RANGE", ["data", "frequency", 0]],
    ["no customers", { frequency: [], recency: [], T: [] }, "METRIC.EMPTY_SAMPLE", ["data", "frequency"]],
    ["columns of unequal length", { ...good, T: [10, 10] }, "METRIC.INCONSISTENT", ["data"]],
  ] as [string, RfmData, string, (string | number)[]][])("should reject %s with a typed error", (_, data, code, path) => {
    for (const [name, fit] of [["fitBgNbd", fitBgNbd], ["fitParetoNbd", fitParetoNbd], ["fitModifiedBgNbd", fitModifiedBgNbd]] as const) {
      const e = errorOf(() => fit(data));
      expect(e.code).toBe(code);
      expect(e.path).toEqual(path);
      expect(e.message.startsWith(`${name} requires `)).toBe(true);
    }
  });

  it("should fit a small data set deterministically", () => {
    const data = { frequency: [2, 0, 1, 4, 0, 3], recency: [5, 0, 3, 9, 0, 4], T: [10, 10, 8, 12, 6, 9] };
    const a = fitBgNbd(data);
    const b = fitBgNbd(data);
    expect(a.params).toEqual(b.params);
    expect(a.logLikelihood).toBe(b.logLikelihood);
  });

  it("should report non-convergence rather than return NaN when the likelihood has no interior maximum", () => {
    // Every customer bought on every possible occasion right up to T: the BG/NBD
    // likelihood keeps rising as a → 0 and r, α, b → ∞: the fit must say it did not converge.
    const data = { frequency: [50, 50, 50], recency: [1, 1, 1], T: [1, 1, 1] };
    const fit = fitBgNbd(data);
    expect(fit.convergence.converged).toBe(false);
    expect(fit.convergence.message).toMatch(/ran to the boundary/);
    for (const v of Object.values(fit.params)) expect(Number.isNaN(v)).toBe(false);
  });
});

describe("CLV.FIT_FAILED", () => {
  // Every customer was first seen on the last day (T = 0): the data carry no information, the
  // starting α = mean T is 0 and the log-likelihood there is 0·∞ = NaN, so the optimiser never
  // gets a finite value. The fit must throw the typed error, not return NaN parameters.
  const allNew = { frequency: [0, 0, 0], recency: [0, 0, 0], T: [0, 0, 0] };
  it.each([
    ["fitBgNbd", fitBgNbd, "(r = 1, alpha = 0, a = 1, b = 1)"],
    ["fitParetoNbd", fitParetoNbd, "(r = 1, alpha = 0, s = 1, beta = 0)"],
    ["fitModifiedBgNbd", fitModifiedBgNbd, "(r = 1, alpha = 0, a = 1, b = 1)"],
  ] as const)("should throw CLV.FIT_FAILED from %s when every customer has T = 0", (name, fit, start) => {
    const e = errorOf(() => fit(allNew));
    expect(e.code).toBe("CLV.FIT_FAILED");
    expect(e.path).toEqual(["data"]);
    expect(e.message).toBe(`${name} requires data on which the likelihood has a finite maximum: the log-likelihood is not finite at the starting point ${start}`);
  });

  it("should throw CLV.FIT_FAILED from fitBgNbd when the ages overflow (mean T = ∞, so α + T = ∞ at the start)", () => {
    const e = errorOf(() => fitBgNbd({ frequency: [1, 0], recency: [1e308, 0], T: [1e308, 1e308] }));
    expect(e.code).toBe("CLV.FIT_FAILED");
    expect(e.message).toBe("fitBgNbd requires data on which the likelihood has a finite maximum: the log-likelihood is not finite at the starting point (r = 1, alpha = Infinity, a = 1, b = 1)");
  });
});
