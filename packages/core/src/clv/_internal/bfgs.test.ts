import { describe, expect, it } from "vitest";
import { bfgs } from "./bfgs.js";

describe("bfgs", () => {
  it("should find the Rosenbrock minimum (1, 1) from (−1.2, 1) (Nocedal & Wright 2006, §2)", () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      const a = x[0] as number;
      const b = x[1] as number;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const r = bfgs(f, Float64Array.of(-1.2, 1), { gradientTolerance: 1e-10, maxIterations: 200 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 8);
    expect(r.x[1]).toBeCloseTo(1, 8);
  });

  it("should report non-convergence at the iteration limit", () => {
    const f = (x: Float64Array, g: Float64Array): number => {
      const a = x[0] as number;
      const b = x[1] as number;
      g[0] = -400 * a * (b - a * a) - 2 * (1 - a);
      g[1] = 200 * (b - a * a);
      return 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    };
    const r = bfgs(f, Float64Array.of(-1.2, 1), { gradientTolerance: 1e-10, maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.message).toBe("iteration limit reached");
  });

  it("should back off from points where the objective is not finite", () => {
    // −ln x + x has its minimum at x = 1 and is +∞ (NaN) for x ≤ 0.
    const f = (x: Float64Array, g: Float64Array): number => {
      const v = x[0] as number;
      g[0] = -1 / v + 1;
      return v > 0 ? -Math.log(v) + v : NaN;
    };
    const r = bfgs(f, Float64Array.of(0.01), { gradientTolerance: 1e-12, maxIterations: 100 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 10);
  });
});
