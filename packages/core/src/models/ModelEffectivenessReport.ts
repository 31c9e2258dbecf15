import type { CustomerSatisfactionScore } from "../feedback/customerSatisfactionScore.js";
import type { NetPromoterScore } from "../feedback/netPromoterScore.js";
import type { Rate } from "../rates/Rate.js";
import type { Interval } from "../stats/Interval.js";
import type { MeanEstimate } from "../stats/meanInterval.js";

/**
 * One customer's outcomes for the period under the engagement model they were
 * served by: the input of {@link modelEffectiveness}. One row per customer.
 * Every outcome is optional: a missing (or `null`) outcome is left out of that
 * metric's denominator, never counted as 0 / false.
 */
export interface EffectivenessRow {
  readonly customer: string;
  /** Model id the customer was served by during the period. */
  readonly model: string;
  /** Segment key; required when `by: "segment"`. */
  readonly segment?: string;
  /** Still a customer at the end of the period. Churn defaults to its complement. */
  readonly retained?: boolean;
  /** Lost during the period. Retention defaults to its complement; both given must disagree. */
  readonly churned?: boolean;
  /** Bought more than once (or again) during the period. */
  readonly repeatPurchase?: boolean;
  /** Revenue (or contribution margin, for a profit ROI) of the period, in one currency. */
  readonly revenue?: number;
  /** Predicted customer lifetime value at the end of the period. */
  readonly predictedClv?: number;
  /** Answer to the NPS question, an integer 0–10. */
  readonly nps?: number;
  /** Answer to the CSAT question, an integer 1–5. */
  readonly csat?: number;
  /** Values before the period (prior spend, churn risk…) for the composition check. */
  readonly covariates?: Readonly<Record<string, number>>;
}

/** A model's cost to serve one customer for the period (an {@link EngagementModel} fits). */
export interface EffectivenessModelCost {
  readonly id: string;
  readonly cost: { readonly perCustomer: number };
}

/** Bootstrap settings of {@link modelEffectiveness}. */
export interface EffectivenessBootstrap {
  /** Replicates, an integer ≥ 10 (default 2000). */
  readonly samples?: number;
  /** Seed of the mulberry32 generator (default 1). */
  readonly seed?: number;
}

/** Options of {@link modelEffectiveness}. */
export interface ModelEffectivenessOptions {
  /** Cost per customer for the period, per model; needed for ROI. Rows may only name these models when given. */
  readonly models?: readonly EffectivenessModelCost[];
  /** Baseline model for differences and ROI (default: the cheapest model of `models`, else the largest group). */
  readonly reference?: string;
  /** `"segment"` adds segment × model groups, compared within each segment. Default `"model"`. */
  readonly by?: "model" | "segment";
  /** Nominal coverage of every interval, default 0.95. */
  readonly level?: number;
  /** Percentile bootstrap of ROI (default `{ samples: 2000, seed: 1 }`); `false` uses the Welch interval instead. */
  readonly bootstrap?: EffectivenessBootstrap | false;
  /** Covariate names to check the groups' composition on (standardized mean differences). */
  readonly covariates?: readonly string[];
}

/** A metric of a group: its number of observations and the estimate, `null` (with a reason) when there are none. */
export interface EffectivenessMetric<T> {
  /** Observations of this metric in the group (rows where it is present). */
  readonly n: number;
  readonly estimate: T | null;
  readonly reason: string | null;
}

/** A mean with its Student-t interval and the total it came from. */
export interface MeanWithTotal extends MeanEstimate {
  /** Σ values. */
  readonly total: number;
}

/** The metrics of one model (or one segment × model). */
export interface GroupEffectiveness {
  readonly model: string;
  /** `null` for a whole model. */
  readonly segment: string | null;
  /** Rows (customers) in the group. */
  readonly n: number;
  /** From `options.models`; `null` when no costs were given. */
  readonly costPerCustomer: number | null;
  readonly nps: EffectivenessMetric<NetPromoterScore>;
  readonly csat: EffectivenessMetric<CustomerSatisfactionScore>;
  readonly retention: EffectivenessMetric<Rate>;
  readonly churn: EffectivenessMetric<Rate>;
  readonly repeatPurchase: EffectivenessMetric<Rate>;
  readonly revenue: EffectivenessMetric<MeanWithTotal>;
  readonly predictedClv: EffectivenessMetric<MeanWithTotal>;
}

/** Metrics compared between a model and the reference. */
export type EffectivenessMetricId = "nps" | "csat" | "retention" | "churn" | "repeatPurchase" | "revenue" | "predictedClv";

/** One metric of one model minus the same metric of the reference. */
export interface ModelComparison {
  readonly metric: EffectivenessMetricId;
  readonly model: string;
  readonly reference: string;
  readonly segment: string | null;
  /** model − reference (NPS points, a difference of proportions, or of means); `null` with a reason when not computable. */
  readonly difference: number | null;
  /** Newcombe (rates, CSAT share), Welch t (means) or normal (NPS) interval. */
  readonly interval: Interval | null;
  readonly pValue: number | null;
  /** Holm-adjusted across every comparison of the report that has a p-value. */
  readonly adjustedPValue: number | null;
  readonly reason: string | null;
}

/** Incremental return on the extra cost of a model over the reference. */
export interface ModelRoi {
  readonly model: string;
  readonly reference: string;
  readonly segment: string | null;
  /** Δrevenue: mean revenue per customer of the model − of the reference. */
  readonly revenueDifferencePerCustomer: number | null;
  /** Δcost: cost per customer of the model − of the reference. */
  readonly costDifferencePerCustomer: number | null;
  /** Δrevenue − Δcost. */
  readonly netValuePerCustomer: number | null;
  /** netValuePerCustomer × the model group's n. */
  readonly netValue: number | null;
  /** (Δrevenue − Δcost) / Δcost; `null` (with a reason) unless Δcost > 0. */
  readonly roi: number | null;
  /** Percentile bootstrap (method "bootstrap"), or the Welch interval of Δrevenue mapped through the same formula (method "t"). */
  readonly interval: Interval | null;
  readonly reason: string | null;
}

/** Balance of one covariate between a model and the reference. */
export interface CovariateBalance {
  readonly covariate: string;
  readonly model: string;
  readonly reference: string;
  readonly segment: string | null;
  readonly nModel: number;
  readonly nReference: number;
  readonly meanModel: number | null;
  readonly meanReference: number | null;
  /** (x̄_model − x̄_reference) / √((s²_model + s²_reference) / 2); `null` (with a reason) when not computable. */
  readonly smd: number | null;
  /** |smd| > 0.1, or means that differ with no spread in either group. */
  readonly imbalanced: boolean;
  readonly reason: string | null;
}

/** Output of {@link modelEffectiveness}. */
export interface ModelEffectivenessReport {
  readonly reference: string;
  readonly level: number;
  /** Rows in the input. */
  readonly n: number;
  /** One group per model, sorted by id. */
  readonly models: readonly GroupEffectiveness[];
  /** Segment × model groups (sorted by segment, then model) when `by: "segment"`; empty otherwise. */
  readonly segments: readonly GroupEffectiveness[];
  readonly comparisons: readonly ModelComparison[];
  readonly roi: readonly ModelRoi[];
  readonly balance: readonly CovariateBalance[];
  readonly warnings: readonly string[];
  /** Always the advice to keep a random holdout per model for causal uplift. */
  readonly recommendation: string;
  /** The bootstrap used for ROI; `null` when off (or no ROI needed one). */
  readonly bootstrap: { readonly samples: number; readonly seed: number } | null;
}
