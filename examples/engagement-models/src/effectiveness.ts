import { costToServe, engagementModelCatalog, modelEffectiveness, type EffectivenessRow, type EngagementModel, type ModelEffectivenessReport } from "@engagekit/core";
import { modelIds, type Scenario } from "./engagementScenario.js";

/** The holdout is 39 weeks (1997-10-01 … 1998-06-30): each model's cost to serve is taken over that long. */
export const holdoutWeeks = 39;

/**
 * The effectiveness report of the scenario's assignment: per model the holdout's
 * repeat-purchase rate and revenue per customer with intervals, each model
 * against low_touch (Newcombe / Welch, Holm-adjusted), the incremental ROI of
 * its extra cost to serve (catalog costs over 39 weeks; percentile bootstrap,
 * seeded), and the composition check on what was known before the holdout
 * (calibration purchases and predicted CLV), which is bound to warn: customers
 * were assigned by value at risk, not at random.
 */
export function effectivenessReport(scenario: Scenario): ModelEffectivenessReport {
  const { summary, customers, result } = scenario;
  const rows: EffectivenessRow[] = result.assignments.map((a, i) => {
    const x = summary.holdoutFrequency[i] as number;
    const value = customers[i]?.value as number;
    return {
      customer: a.customer,
      model: a.model,
      repeatPurchase: x > 0,
      revenue: x * (summary.holdoutMonetaryValue[i] as number),
      predictedClv: value,
      covariates: { calibrationPurchases: summary.frequency[i] as number, predictedClv: value },
    };
  });
  const models = modelIds.map((id) => {
    const model = engagementModelCatalog.find((m) => m.id === id) as EngagementModel;
    return { id, cost: { perCustomer: costToServe(model, "week").perCustomer * holdoutWeeks } };
  });
  return modelEffectiveness(rows, { models, reference: "low_touch", covariates: ["calibrationPurchases", "predictedClv"], bootstrap: { samples: 2000, seed: 18 } });
}

/** The report as text; rounding happens here, for display only. */
export function formatEffectiveness(report: ModelEffectivenessReport): string {
  const pct = (v: number): string => (100 * v).toFixed(1);
  const money = (v: number): string => v.toFixed(2);
  const p = (v: number | null): string => (v === null ? "–" : v < 0.0001 ? "< 0.0001" : v.toFixed(4));
  const lines = [`against ${report.reference} (95% intervals; p-values Holm-adjusted over ${report.comparisons.filter((c) => c.pValue !== null).length} comparisons):`];
  for (const c of report.comparisons) {
    if (c.difference === null || c.interval === null) continue;
    const show = c.metric === "repeatPurchase" ? (v: number) => `${pct(v)} pts` : (v: number) => `$${money(v)}`;
    lines.push(`  ${c.model.padEnd(20)} ${c.metric.padEnd(15)} ${show(c.difference).padStart(11)} [${show(c.interval.lower)}, ${show(c.interval.upper)}]  p = ${p(c.adjustedPValue)}`);
  }
  lines.push("incremental ROI of the extra cost to serve over 39 weeks:");
  for (const r of report.roi) {
    if (r.roi === null || r.interval === null) {
      lines.push(`  ${r.model.padEnd(20)} ${r.reason ?? ""}`);
      continue;
    }
    lines.push(
      `  ${r.model.padEnd(20)} Δrevenue $${money(r.revenueDifferencePerCustomer as number)} − Δcost $${money(r.costDifferencePerCustomer as number)} per customer: ROI ${r.roi.toFixed(3)} [${r.interval.lower.toFixed(3)}, ${r.interval.upper.toFixed(3)}]`,
    );
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  lines.push(report.recommendation);
  return lines.join("\n");
}
