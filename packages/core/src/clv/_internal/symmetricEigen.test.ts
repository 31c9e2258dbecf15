import { describe, expect, it } from "vitest";
import { symmetricEigen } from "./symmetricEigen.js";

describe("symmetricEigen", () => {
  it("should give A v = λ v with orthonormal v for a 4×4 symmetric matrix", () => {
    const k = 4;
    const A = Float64Array.of(4, 1, -2, 2, 1, 2, 0, 1, -2, 0, 3, -2, 2, 1, -2, -1);
    const { values, vectors } = symmetricEigen(A, k);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < k; i++) {
        let Av = 0;
        for (let j = 0; j < k; j++) Av += (A[i * k + j] as number) * (vectors[j * k + c] as number);
        expect(Av).toBeCloseTo((values[c] as number) * (vectors[i * k + c] as number), 12);
      }
      for (let d = 0; d < k; d++) {
        let dot = 0;
        for (let i = 0; i < k; i++) dot += (vectors[i * k + c] as number) * (vectors[i * k + d] as number);
        expect(dot).toBeCloseTo(c === d ? 1 : 0, 12);
      }
    }
    // Trace is the sum of the eigenvalues.
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(8, 12);
  });

  it("should find the null direction of a singular matrix", () => {
    // [[1, 1], [1, 1]]: eigenvalues 0 (along (1, −1)) and 2 (along (1, 1)).
    const { values, vectors } = symmetricEigen(Float64Array.of(1, 1, 1, 1), 2);
    const zero = Math.abs(values[0] as number) < Math.abs(values[1] as number) ? 0 : 1;
    expect(values[zero]).toBeCloseTo(0, 14);
    expect(Math.abs(vectors[zero] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect((vectors[zero] as number) * (vectors[2 + zero] as number)).toBeCloseTo(-0.5, 14);
  });
});
