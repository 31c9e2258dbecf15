import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { prepareRfm } from "./prepareRfm.js";
import { prepareSpend } from "./prepareSpend.js";
import { prepareBgBb } from "./prepareBgBb.js";
import { bgNbdLogLikelihood } from "./bgNbdLikelihood.js";
import { modifiedBgNbdLogLikelihood } from "./modifiedBgNbdLikelihood.js";
import { paretoNbdLogLikelihood } from "./paretoNbdLikelihood.js";
import { gammaGammaLogLikelihood } from "./gammaGammaLikelihood.js";
import { bgBbLogLikelihood } from "./bgBbLikelihood.js";

// Oracle: the analytic gradient must agree with central finite differences
// of the log-likelihood itself (Richardson-free, h = 1e-6·p, relative tolerance 1e-5).
function checkGradient(ll: (p: Float64Array, g: Float64Array | null) => number, params: number[]): void {
  const p = Float64Array.from(params);
  const g = new Float64Array(p.length);
  const value = ll(p, g);
  expect(Number.isFinite(value)).toBe(true);
  for (let i = 0; i < p.length; i++) {
    const h = 1e-6 * (p[i] as number);
    const up = Float64Array.from(p);
    const down = Float64Array.from(p);
    up[i] = (p[i] as number) + h;
    down[i] = (p[i] as number) - h;
    const numeric = (ll(up, null) - ll(down, null)) / (2 * h);
    const scale = Math.max(1, Math.abs(numeric), Math.abs(value) * 1e-3);
    expect(Math.abs((g[i] as number) - numeric) / scale).toBeLessThan(1e-5);
  }
}

const customer = fc
  .record({ x: fc.integer({ min: 0, max: 25 }), u: fc.double({ min: 0, max: 1, noNaN: true }), v: fc.double({ min: 0, max: 1, noNaN: true }), T: fc.double({ min: 1, max: 60, noNaN: true }) })
  .map(({ x, u, v, T }) => ({ x, tx: x === 0 ? 0 : Math.max(u, v) * T, T }));
const customers = fc.array(customer, { minLength: 1, maxLength: 30 });
const positive = fc.double({ min: 0.05, max: 20, noNaN: true });
const rfm = (cs: { x: number; tx: number; T: number }[]) => prepareRfm("t", { frequency: cs.map((c) => c.x), recency: cs.map((c) => c.tx), T: cs.map((c) => c.T) });

describe("likelihood gradients", () => {
  test.prop([customers, positive, positive, positive, positive])("should give the BG/NBD gradient of its log-likelihood", (cs, r, alpha, a, b) => {
    const d = rfm(cs);
    checkGradient((p, g) => bgNbdLogLikelihood(d, p, g), [r, alpha, a, b]);
  });

  test.prop([customers, positive, positive, positive, positive])("should give the modified BG/NBD gradient of its log-likelihood", (cs, r, alpha, a, b) => {
    const d = rfm(cs);
    checkGradient((p, g) => modifiedBgNbdLogLikelihood(d, p, g), [r, alpha, a, b]);
  });

  test.prop([customers, positive, fc.double({ min: 0.5, max: 30, noNaN: true }), positive, fc.double({ min: 0.5, max: 30, noNaN: true })])(
    "should give the Pareto/NBD gradient of its log-likelihood on both sides of α = β",
    (cs, r, alpha, s, beta) => {
      const d = rfm(cs);
      checkGradient((p, g) => paretoNbdLogLikelihood(d, p, g), [r, alpha, s, beta]);
    },
  );

  test.prop([fc.array(fc.record({ x: fc.integer({ min: 1, max: 20 }), m: fc.double({ min: 0.5, max: 300, noNaN: true }) }), { minLength: 1, maxLength: 30 }), positive, positive, positive])(
    "should give the Gamma-Gamma gradient of its log-likelihood",
    (cs, p, q, gamma) => {
      const d = prepareSpend("t", { frequency: cs.map((c) => c.x), monetaryValue: cs.map((c) => c.m) });
      checkGradient((v, g) => gammaGammaLogLikelihood(d, v, g), [p, q, gamma]);
    },
  );

  test.prop([
    fc.array(
      fc.record({ n: fc.integer({ min: 1, max: 8 }), u: fc.double({ min: 0, max: 1, noNaN: true }), v: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ n, u, v }) => {
        const tx = Math.min(n, Math.floor(u * (n + 1)));
        const x = tx === 0 ? 0 : 1 + Math.floor(v * tx * 0.999);
        return { x, tx, n };
      }),
      { minLength: 1, maxLength: 20 },
    ),
    positive,
    positive,
    positive,
    positive,
  ])("should give the BG/BB gradient of its log-likelihood", (cs, alpha, beta, gamma, delta) => {
    const d = prepareBgBb("t", { frequency: cs.map((c) => c.x), recency: cs.map((c) => c.tx), periods: cs.map((c) => c.n) });
    checkGradient((p, g) => bgBbLogLikelihood(d, p, g), [alpha, beta, gamma, delta]);
  });
});
