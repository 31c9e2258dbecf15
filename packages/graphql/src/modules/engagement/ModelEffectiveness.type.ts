import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { EffectivenessMetric, GroupEffectiveness, ModelEffectivenessReport } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

/** How modelEffectiveness groups customers. */
export enum EffectivenessBy {
  MODEL = "model",
  SEGMENT = "segment",
}
registerEnumType(EffectivenessBy, { name: "EffectivenessBy", description: "MODEL: one group per model; SEGMENT: also segment × model groups, compared within each segment." });

@InputType("PeriodInput", { description: "A half-open period [from, to)." })
export class PeriodInput {
  @Field(() => DateTimeResolver)
  from!: Date;

  @Field(() => DateTimeResolver)
  to!: Date;
}

@ObjectType("EffectivenessMetric", { simpleResolvers: true, description: "One metric of a group: its n, the estimate with its interval, or null with a reason when there is no observation." })
export class EffectivenessMetricType {
  @Field(() => Int, { description: "Customers of the group with this outcome." })
  n!: number;

  @Field(() => Float, { nullable: true, description: "NPS points, a share or rate in [0, 1], or a mean." })
  estimate!: number | null;

  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;

  @Field(() => Float, { nullable: true, description: "For revenue and predicted CLV: the group's total." })
  total!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("ModelGroupEffectiveness", { simpleResolvers: true, description: "The outcomes of the customers a model served (or of one segment × model)." })
export class ModelGroupEffectivenessType {
  @Field(() => String)
  model!: string;

  @Field(() => String, { nullable: true, description: "Null for a whole model." })
  segment!: string | null;

  @Field(() => Int)
  n!: number;

  @Field(() => Float, { nullable: true, description: "Cost to serve one customer for the period." })
  costPerCustomer!: number | null;

  @Field(() => EffectivenessMetricType)
  nps!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType, { description: "Top-2-box share of 1–5 CSAT answers." })
  csat!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType, { description: "Share of customers who bought in the period." })
  retention!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType)
  churn!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType, { description: "Share of customers who bought at least twice in the period." })
  repeatPurchase!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType, { description: "Revenue per customer in the period." })
  revenue!: EffectivenessMetricType;

  @Field(() => EffectivenessMetricType)
  predictedClv!: EffectivenessMetricType;
}

@ObjectType("ModelComparison", { simpleResolvers: true, description: "A metric of a model minus the same metric of the reference model, Holm-adjusted across the report." })
export class ModelComparisonType {
  @Field(() => String)
  metric!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => Float, { nullable: true })
  difference!: number | null;

  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;

  @Field(() => Float, { nullable: true })
  pValue!: number | null;

  @Field(() => Float, { nullable: true })
  adjustedPValue!: number | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("ModelRoi", { simpleResolvers: true, description: "Incremental return on a model's extra cost over the reference." })
export class ModelRoiType {
  @Field(() => String)
  model!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => Float, { nullable: true })
  revenueDifferencePerCustomer!: number | null;

  @Field(() => Float, { nullable: true })
  costDifferencePerCustomer!: number | null;

  @Field(() => Float, { nullable: true })
  netValuePerCustomer!: number | null;

  @Field(() => Float, { nullable: true })
  netValue!: number | null;

  @Field(() => Float, { nullable: true, description: "(Δrevenue − Δcost) / Δcost." })
  roi!: number | null;

  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("CovariateBalance", { simpleResolvers: true, description: "Whether a model's customers differed from the reference's before the period (standardized mean difference)." })
export class CovariateBalanceType {
  @Field(() => String)
  covariate!: string;

  @Field(() => String)
  model!: string;

  @Field(() => String)
  reference!: string;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => Float, { nullable: true })
  smd!: number | null;

  @Field(() => Boolean)
  imbalanced!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("ModelEffectivenessReport", { simpleResolvers: true, description: "Outcomes per engagement model over a period, with n and intervals, differences to a reference model, ROI and a composition check." })
export class ModelEffectivenessReportType {
  @Field(() => DateTimeResolver)
  from!: Date;

  @Field(() => DateTimeResolver)
  to!: Date;

  @Field(() => String)
  reference!: string;

  @Field(() => Float)
  level!: number;

  @Field(() => Int, { description: "Customers with a stored assignment." })
  n!: number;

  @Field(() => [ModelGroupEffectivenessType], { description: "One group per model, by id." })
  models!: ModelGroupEffectivenessType[];

  @Field(() => [ModelGroupEffectivenessType], { description: "Segment × model groups with by: SEGMENT; empty otherwise." })
  segments!: ModelGroupEffectivenessType[];

  @Field(() => [ModelComparisonType])
  comparisons!: ModelComparisonType[];

  @Field(() => [ModelRoiType])
  roi!: ModelRoiType[];

  @Field(() => [CovariateBalanceType], { description: "Balance of the spend in the period of the same length before `from`." })
  balance!: CovariateBalanceType[];

  @Field(() => [String])
  warnings!: string[];

  @Field(() => String)
  recommendation!: string;
}

const interval = (i: Parameters<typeof IntervalType.from>[0] | null) => (i ? IntervalType.from(i) : null);

function metric<T>(m: EffectivenessMetric<T>, read: (e: T) => { estimate: number; interval: Parameters<typeof IntervalType.from>[0] | null; total?: number }): EffectivenessMetricType {
  const e = m.estimate === null ? null : read(m.estimate);
  return Object.assign(new EffectivenessMetricType(), { n: m.n, estimate: e?.estimate ?? null, interval: e ? interval(e.interval) : null, total: e?.total ?? null, reason: m.reason });
}

function group(g: GroupEffectiveness): ModelGroupEffectivenessType {
  return Object.assign(new ModelGroupEffectivenessType(), {
    model: g.model,
    segment: g.segment,
    n: g.n,
    costPerCustomer: g.costPerCustomer,
    nps: metric(g.nps, (e) => ({ estimate: e.score, interval: e.interval })),
    csat: metric(g.csat, (e) => ({ estimate: e.share, interval: e.shareInterval })),
    retention: metric(g.retention, (e) => ({ estimate: e.rate, interval: e.interval })),
    churn: metric(g.churn, (e) => ({ estimate: e.rate, interval: e.interval })),
    repeatPurchase: metric(g.repeatPurchase, (e) => ({ estimate: e.rate, interval: e.interval })),
    revenue: metric(g.revenue, (e) => ({ estimate: e.mean, interval: e.interval, total: e.total })),
    predictedClv: metric(g.predictedClv, (e) => ({ estimate: e.mean, interval: e.interval, total: e.total })),
  });
}

/** The API type of the core's report. */
export function toEffectivenessType(r: ModelEffectivenessReport, period: { from: Date; to: Date }): ModelEffectivenessReportType {
  return Object.assign(new ModelEffectivenessReportType(), {
    from: period.from,
    to: period.to,
    reference: r.reference,
    level: r.level,
    n: r.n,
    models: r.models.map(group),
    segments: r.segments.map(group),
    comparisons: r.comparisons.map((c) => Object.assign(new ModelComparisonType(), { ...c, interval: interval(c.interval) })),
    roi: r.roi.map((x) => Object.assign(new ModelRoiType(), { ...x, interval: interval(x.interval) })),
    balance: r.balance.map((b) => Object.assign(new CovariateBalanceType(), { covariate: b.covariate, model: b.model, reference: b.reference, segment: b.segment, smd: b.smd, imbalanced: b.imbalanced, reason: b.reason })),
    warnings: [...r.warnings],
    recommendation: r.recommendation,
  });
}
