import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  bgNbdModel,
  gammaGammaModel,
  modifiedBgNbdModel,
  paretoNbdModel,
  fitBgBb,
  fitBgNbd,
  fitGammaGamma,
  fitModifiedBgNbd,
  fitParetoNbd,
  rfmSummary,
  rfmSummaryFromColumns,
  type RfmData,
  type Transaction,
} from "../src/index.js";

// The vendored CDNOW files (datasets/cdnow/SOURCE.md): the 1/10 sample of
// Fader, Hardie & Lee (2005), the per-customer summary they distribute, and
// the BG/BB donations table of Fader, Hardie & Shang (2010).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const cdnow = (file: string): string => readFileSync(resolve(repoRoot, "datasets/cdnow", file), "utf8");

function sampleTransactions(): Transaction[] {
  const rows: Transaction[] = [];
  for (const line of cdnow("CDNOW_sample.txt").split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    rows.push({ customerId: Number(f[1]), date: f[2] as string, amount: Number(f[4]) });
  }
  return rows;
}

function csv(file: string): number[][] {
  return cdnow(file)
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(",").map(Number));
}

const transactions = sampleTransactions();
const summary = rfmSummary(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "weeks" });
const published = csv("cdnow_customers_summary_with_transactions.csv"); // ID, x, t_x, T, zbar
const publishedData: RfmData & { monetaryValue: number[] } = {
  frequency: published.map((r) => r[1] as number),
  recency: published.map((r) => r[2] as number),
  T: published.map((r) => r[3] as number),
  monetaryValue: published.map((r) => r[4] as number),
};
const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

describe("rfmSummary on the CDNOW sample (calibration to 1997-09-30, weeks)", () => {
  it("should rebuild cdnow_customers_summary_with_transactions.csv to its 2-decimal rounding", () => {
    expect(summary.customerIds).toHaveLength(2357);
    expect(published).toHaveLength(2357);
    for (let i = 0; i < published.length; i++) {
      const [id, x, tx, T, zbar] = published[i] as [number, number, number, number, number];
      expect(summary.customerIds[i]).toBe(id);
      expect(summary.frequency[i]).toBe(x);
      expect(Math.abs((summary.recency[i] as number) - tx)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary.T[i] as number) - T)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary.monetaryValue[i] as number) - zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("should rebuild cdnow_customers_summary.csv (frequency, recency, T)", () => {
    const rows = csv("cdnow_customers_summary.csv");
    rows.forEach(([id, x, tx, T], i) => {
      expect(summary.customerIds[i]).toBe(id);
      expect(summary.frequency[i]).toBe(x);
      expect(Math.abs((summary.recency[i] as number) - (tx as number))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs((summary.T[i] as number) - (T as number))).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it("should count the transactions SOURCE.md verified: 2,457 calibration repeats, 1,882 holdout, 946 repeaters, 334 holdout purchases by the 1,411 others", () => {
    expect(sum(summary.frequency)).toBe(2457);
    expect(sum(summary.holdoutFrequency)).toBe(1882);
    const repeaters = Array.from(summary.frequency).filter((x) => x > 0).length;
    expect(repeaters).toBe(946);
    let others = 0;
    summary.frequency.forEach((x, i) => {
      if (x === 0) others += summary.holdoutFrequency[i] as number;
    });
    expect(others).toBe(334);
    expect(summary.holdoutDuration).toBe(39);
    expect(summary.calibrationEnd.toISOString()).toBe("1997-09-30T00:00:00.000Z");
  });

  it("should give the same summary from columns (epoch milliseconds) as from rows", () => {
    const columns = {
      customerId: transactions.map((t) => t.customerId),
      date: transactions.map((t) => Date.UTC(Number(String(t.date).slice(0, 4)), Number(String(t.date).slice(4, 6)) - 1, Number(String(t.date).slice(6, 8)))),
      amount: transactions.map((t) => t.amount),
    };
    expect(rfmSummaryFromColumns(columns, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30" })).toEqual(summary);
  });

  it("should measure days as 7 × weeks", () => {
    const days = rfmSummary(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "days" });
    days.T.forEach((T, i) => expect(T).toBeCloseTo(7 * (summary.T[i] as number), 9));
    days.recency.forEach((r, i) => expect(r).toBeCloseTo(7 * (summary.recency[i] as number), 9));
    expect(days.frequency).toEqual(summary.frequency);
  });
});

describe("fits on the CDNOW sample reproduce the published values", () => {
  const bg = fitBgNbd(summary);
  const pareto = fitParetoNbd(summary);
  const gg = fitGammaGamma(summary);

  it("should fit BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (Fader, Hardie & Lee 2005, §4)", () => {
    expect(bg.convergence.converged).toBe(true);
    expect(bg.params.r).toBeCloseTo(0.243, 3);
    expect(bg.params.alpha).toBeCloseTo(4.414, 3);
    expect(bg.params.a).toBeCloseTo(0.793, 3);
    expect(bg.params.b).toBeCloseTo(2.426, 3);
    expect(bg.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(bg.customers).toBe(2357);
    expect(bg.standardErrors).not.toBeNull();
  });

  it("should fit Pareto/NBD: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0 (Fader, Hardie & Lee 2005, §4)", () => {
    expect(pareto.convergence.converged).toBe(true);
    expect(pareto.params.r).toBeCloseTo(0.553, 3);
    expect(pareto.params.alpha).toBeCloseTo(10.578, 3);
    expect(pareto.params.s).toBeCloseTo(0.606, 3);
    expect(pareto.params.beta).toBeCloseTo(11.669, 3);
    expect(pareto.logLikelihood).toBeCloseTo(-9595.0, 1);
  });

  it("should fit Gamma-Gamma on the 946 repeat customers: p = 6.25, q = 3.74, γ = 15.44, correlation 0.11 (Fader, Hardie & Lee 2005b; note 025)", () => {
    expect(gg.customers).toBe(946);
    expect(gg.convergence.converged).toBe(true);
    expect(gg.params.p).toBeCloseTo(6.25, 2);
    expect(gg.params.q).toBeCloseTo(3.74, 2);
    expect(gg.params.gamma).toBeCloseTo(15.44, 2);
    expect(gg.frequencySpendCorrelation).toBeCloseTo(0.11, 2);
  });

  it("should fit BG/BB on the donations table: α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 (Fader, Hardie & Shang 2010, Table 2)", () => {
    const rows = csv("donations.csv"); // frequency, recency, periods, weights
    const fit = fitBgBb({ frequency: rows.map((r) => r[0] as number), recency: rows.map((r) => r[1] as number), periods: rows.map((r) => r[2] as number), weights: rows.map((r) => r[3] as number) });
    expect(fit.customers).toBe(11104);
    expect(fit.convergence.converged).toBe(true);
    expect(fit.params.alpha).toBeCloseTo(1.204, 3);
    expect(fit.params.beta).toBeCloseTo(0.75, 3);
    expect(fit.params.gamma).toBeCloseTo(0.657, 3);
    expect(fit.params.delta).toBeCloseTo(2.783, 3);
    // scipy 1.17.1 oracle (/tmp/clvref/ref.py): Nelder-Mead (xatol 1e-10) on log-params of an independent
    // betaln/logsumexp likelihood gives LL = -33225.58127434699 at (1.20352, 0.74972, 0.65672, 2.78344).
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-33225.58127434699 - 1e-6);
    expect(fit.logLikelihood).toBeCloseTo(-33225.58127434699, 5);
  });

  it("should report every published fit as an interior maximum: converged, no boundary parameters, no warnings, finite standard errors", () => {
    const mbg = fitModifiedBgNbd(summary);
    for (const fit of [bg, pareto, gg, mbg]) {
      expect(fit.convergence.converged).toBe(true);
      expect(fit.convergence.boundary).toEqual([]);
      expect(fit.convergence.warnings).toEqual([]);
      expect(fit.standardErrors).not.toBeNull();
    }
  });
});

describe("fits on the published summary agree with an independent scipy oracle", () => {
  // Oracle: /tmp/clvref/ref.py with scipy 1.17.1 — the lifetimes 0.11.3 log-likelihoods written with
  // scipy.special.gammaln / hyp2f1, maximised by scipy.optimize.minimize(method="Nelder-Mead",
  // xatol=1e-10, fatol=1e-12) over log-parameters on cdnow_customers_summary_with_transactions.csv.
  it("should reach at least scipy's BG/NBD maximum −9582.42556056736 at (0.242593, 4.413532, 0.792886, 2.425753)", () => {
    const fit = fitBgNbd(publishedData);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9582.42556056736 - 1e-7);
    expect(fit.logLikelihood).toBeCloseTo(-9582.42556056736, 5);
    expect(fit.params.r).toBeCloseTo(0.24259291264652488, 4);
    expect(fit.params.alpha).toBeCloseTo(4.4135318719944285, 3);
    expect(fit.params.a).toBeCloseTo(0.7928860405555114, 4);
    expect(fit.params.b).toBeCloseTo(2.4257531433860997, 3);
    // ref3.py: Σ_i E[Y(39) | x_i, t_x_i, T_i] and Σ P(alive) at scipy's MLE.
    let cond = 0;
    let alive = 0;
    for (let i = 0; i < 2357; i++) {
      const c = { frequency: publishedData.frequency[i] as number, recency: publishedData.recency[i] as number, T: publishedData.T[i] as number };
      cond += fit.conditionalExpectedPurchases(39, c);
      alive += fit.probabilityAlive(c);
    }
    expect(cond / 1653.4233125978571).toBeCloseTo(1, 5);
    expect(alive / 1917.2763427610262).toBeCloseTo(1, 5);
    // ref4.py: √diag((−H)⁻¹) with H the central-difference (h = 1e-4·p) Hessian of the scipy log-likelihood at scipy's MLE.
    const se = fit.standardErrors;
    expect(se).not.toBeNull();
    expect((se?.r ?? NaN) / 0.01255731384638557).toBeCloseTo(1, 3);
    expect((se?.alpha ?? NaN) / 0.3782212550911797).toBeCloseTo(1, 3);
    expect((se?.a ?? NaN) / 0.18571671469917264).toBeCloseTo(1, 3);
    expect((se?.b ?? NaN) / 0.7053362919146476).toBeCloseTo(1, 3);
  });

  it("should reach scipy's Pareto/NBD maximum −9594.973929826861 tightly and its predictions, although s and β are flat", () => {
    const fit = fitParetoNbd(publishedData);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9594.973929826861 - 1e-7);
    expect(fit.logLikelihood).toBeCloseTo(-9594.973929826861, 5);
    // Parameters to the published rounding only.
    expect(fit.params.r).toBeCloseTo(0.553, 3);
    expect(fit.params.s).toBeCloseTo(0.606, 3);
    expect(Math.abs(fit.params.alpha - 10.578)).toBeLessThan(2e-3);
    expect(Math.abs(fit.params.beta - 11.669)).toBeLessThan(2e-3);
    // Predictions tightly (ref3.py at scipy's MLE (0.5532755, 10.5776123, 0.6062135, 11.6679080)).
    const oracle: [number, number, number, number, number][] = [
      [2, 30.43, 38.86, 0.8691187221550646, 1.4551129822990443],
      [1, 1.71, 38.86, 0.16787196571871732, 0.1709805079626237],
      [0, 0, 38.86, 0.2950971385833343, 0.10705978973150054],
      [29, 38.43, 38.86, 0.9941076299053965, 19.264553929896817],
      [5, 10, 35, 0.07483992202703216, 0.2920214421347709],
    ];
    for (const [frequency, recency, T, alive, cond] of oracle) {
      expect(fit.probabilityAlive({ frequency, recency, T }) / alive).toBeCloseTo(1, 4);
      expect(fit.conditionalExpectedPurchases(39, { frequency, recency, T }) / cond).toBeCloseTo(1, 4);
    }
    let cond = 0;
    for (let i = 0; i < 2357; i++) {
      cond += fit.conditionalExpectedPurchases(39, { frequency: publishedData.frequency[i] as number, recency: publishedData.recency[i] as number, T: publishedData.T[i] as number });
    }
    expect(cond / 1665.534241697997).toBeCloseTo(1, 5);
  });

  it("should reach scipy's modified BG/NBD maximum −9582.132684899903 at (0.524838, 6.182992, 0.891356, 1.614000)", () => {
    const fit = fitModifiedBgNbd(publishedData);
    expect(fit.convergence.converged).toBe(true);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9582.132684899903 - 1e-7);
    expect(fit.logLikelihood).toBeCloseTo(-9582.132684899903, 5);
    expect(fit.params.r).toBeCloseTo(0.5248379570945627, 4);
    expect(fit.params.alpha).toBeCloseTo(6.182992390782127, 3);
    expect(fit.params.a).toBeCloseTo(0.8913561608648015, 4);
    expect(fit.params.b).toBeCloseTo(1.6139995526745863, 3);
  });

  it("should reach scipy's Gamma-Gamma maximum −4055.9232435028593 at (6.248803, 3.744588, 15.447746)", () => {
    const fit = fitGammaGamma(publishedData);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-4055.9232435028593 - 1e-7);
    expect(fit.logLikelihood).toBeCloseTo(-4055.9232435028593, 5);
    expect(fit.params.p).toBeCloseTo(6.248803137454336, 3);
    expect(fit.params.q).toBeCloseTo(3.744588394336837, 3);
    expect(fit.params.gamma).toBeCloseTo(15.447746296427946, 2);
    // ref4.py, as for BG/NBD.
    expect((fit.standardErrors?.p ?? NaN) / 1.1896768817810266).toBeCloseTo(1, 3);
    expect((fit.standardErrors?.q ?? NaN) / 0.29016388336740623).toBeCloseTo(1, 3);
    expect((fit.standardErrors?.gamma ?? NaN) / 4.159956224235377).toBeCloseTo(1, 3);
  });
});

describe("holdout: weeks 40–78 of the CDNOW sample", () => {
  // Aggregate tracking (FHL 2005, Figure 1): Σ_i E[X(T_i + 39)] is the expected
  // cumulative repeat transactions by week 78; actual 2,457 + 1,882 = 4,339.
  // The papers report BG/NBD under-predicting by about 4% and Pareto/NBD by
  // about 2%. Documented band: BG/NBD −5% … −3%, Pareto/NBD −2.5% … −1%.
  const actual = sum(summary.frequency) + sum(summary.holdoutFrequency);
  const cumulative = (expected: (t: number) => number): number => {
    let total = 0;
    for (let i = 0; i < summary.T.length; i++) total += expected((summary.T[i] as number) + summary.holdoutDuration);
    return total;
  };

  it("should see 4,339 actual repeat transactions by week 78", () => {
    expect(actual).toBe(4339);
  });

  it("should have BG/NBD under-predict by about 4%", () => {
    const bg = fitBgNbd(summary);
    const error = cumulative((t) => bg.expectedPurchases(t)) / actual - 1;
    expect(error).toBeGreaterThan(-0.05);
    expect(error).toBeLessThan(-0.03);
  });

  it("should have Pareto/NBD under-predict by about 2%", () => {
    const pareto = fitParetoNbd(summary);
    const error = cumulative((t) => pareto.expectedPurchases(t)) / actual - 1;
    expect(error).toBeGreaterThan(-0.025);
    expect(error).toBeLessThan(-0.01);
  });
});

describe("laws of the fitted models", () => {
  const bg = fitBgNbd(summary);
  const pareto = fitParetoNbd(summary);
  const mbg = fitModifiedBgNbd(summary);
  const gg = fitGammaGamma(summary);
  const factor = fc.double({ min: 0.9, max: 1.1, noNaN: true });

  test.prop([factor, factor, factor, factor])("should not have a higher BG/NBD log-likelihood at perturbed parameters", (f1, f2, f3, f4) => {
    const { r, alpha, a, b } = bg.params;
    const ll = fitBgNbdAt({ r: r * f1, alpha: alpha * f2, a: a * f3, b: b * f4 });
    expect(ll).toBeLessThanOrEqual(bg.logLikelihood + 1e-9);
  });

  test.prop([factor, factor, factor, factor])("should not have a higher Pareto/NBD log-likelihood at perturbed parameters", (f1, f2, f3, f4) => {
    const { r, alpha, s, beta } = pareto.params;
    expect(paretoAt({ r: r * f1, alpha: alpha * f2, s: s * f3, beta: beta * f4 })).toBeLessThanOrEqual(pareto.logLikelihood + 1e-9);
  });

  test.prop([factor, factor, factor, factor])("should not have a higher modified BG/NBD log-likelihood at perturbed parameters", (f1, f2, f3, f4) => {
    const { r, alpha, a, b } = mbg.params;
    expect(mbgAt({ r: r * f1, alpha: alpha * f2, a: a * f3, b: b * f4 })).toBeLessThanOrEqual(mbg.logLikelihood + 1e-9);
  });

  test.prop([factor, factor, factor])("should not have a higher Gamma-Gamma log-likelihood at perturbed parameters", (f1, f2, f3) => {
    const { p, q, gamma } = gg.params;
    expect(ggAt({ p: p * f1, q: q * f2, gamma: gamma * f3 })).toBeLessThanOrEqual(gg.logLikelihood + 1e-9);
  });

  it("should be invariant to the time unit: days give α × 7, the same r, a, b and predictions, and LL shifted by −Σx · ln 7", () => {
    const days = rfmSummary(transactions, { calibrationEnd: "1997-09-30", observationEnd: "1998-06-30", timeUnit: "days" });
    const bgDays = fitBgNbd(days);
    expect(bgDays.params.alpha / (7 * bg.params.alpha)).toBeCloseTo(1, 5);
    expect(bgDays.params.r / bg.params.r).toBeCloseTo(1, 5);
    expect(bgDays.params.a / bg.params.a).toBeCloseTo(1, 5);
    expect(bgDays.params.b / bg.params.b).toBeCloseTo(1, 5);
    // Each of the 2,457 repeat purchase times has a density per day = density per week / 7.
    expect(bgDays.logLikelihood - bg.logLikelihood).toBeCloseTo(-2457 * Math.log(7), 5);
    for (const i of [0, 1, 2, 100, 1000]) {
      const w = { frequency: summary.frequency[i] as number, recency: summary.recency[i] as number, T: summary.T[i] as number };
      const d = { frequency: days.frequency[i] as number, recency: days.recency[i] as number, T: days.T[i] as number };
      expect(bgDays.probabilityAlive(d)).toBeCloseTo(bg.probabilityAlive(w), 5);
      expect(bgDays.conditionalExpectedPurchases(7 * 39, d)).toBeCloseTo(bg.conditionalExpectedPurchases(39, w), 5);
    }
    const paretoDays = fitParetoNbd(days);
    expect(paretoDays.logLikelihood - pareto.logLikelihood).toBeCloseTo(-2457 * Math.log(7), 4);
    expect(paretoDays.expectedPurchases(7 * 78)).toBeCloseTo(pareto.expectedPurchases(78), 4);
  });

  it("should say when a fit has not converged and still return finite parameters", () => {
    const early = fitBgNbd(summary, { maxIterations: 2 });
    expect(early.convergence.converged).toBe(false);
    expect(early.convergence.message).toBe("iteration limit reached");
    expect(early.convergence.iterations).toBe(2);
    for (const v of Object.values(early.params)) expect(Number.isFinite(v)).toBe(true);
    expect(Number.isFinite(early.logLikelihood)).toBe(true);
  });

  function fitBgNbdAt(params: { r: number; alpha: number; a: number; b: number }): number {
    return bgNbdModel(params).logLikelihoodOf(summary);
  }
});

const paretoAt = (p: { r: number; alpha: number; s: number; beta: number }): number => paretoNbdModel(p).logLikelihoodOf(summary);
const mbgAt = (p: { r: number; alpha: number; a: number; b: number }): number => modifiedBgNbdModel(p).logLikelihoodOf(summary);
const ggAt = (p: { p: number; q: number; gamma: number }): number => gammaGammaModel(p).logLikelihoodOf(summary);
