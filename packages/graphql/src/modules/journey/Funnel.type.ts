import { Field, Float, Int, ObjectType } from "type-graphql";
import type { DurationSummary, FunnelResult, FunnelStepResult } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("DurationSummary", { simpleResolvers: true, description: "Median and 90th percentile of a duration, in milliseconds." })
export class DurationSummaryType {
  @Field(() => Int)
  n!: number;

  @Field(() => Float)
  median!: number;

  @Field(() => Float)
  p90!: number;

  static from(d: DurationSummary | null): DurationSummaryType | null {
    return d ? Object.assign(new DurationSummaryType(), { n: d.n, median: d.median, p90: d.p90 }) : null;
  }
}

@ObjectType("FunnelStepResult", { simpleResolvers: true })
export class FunnelStepResultType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "Customers who reached this step." })
  count!: number;

  @Field(() => Float, { nullable: true })
  conversionFromPrevious!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Wilson interval." })
  conversionFromPreviousInterval!: IntervalType | null;

  @Field(() => Float, { nullable: true })
  conversionFromStart!: number | null;

  @Field(() => IntervalType, { nullable: true })
  conversionFromStartInterval!: IntervalType | null;

  @Field(() => Int)
  dropOff!: number;

  @Field(() => Float, { nullable: true })
  dropOffRate!: number | null;

  @Field(() => DurationSummaryType, { nullable: true })
  timeFromStart!: DurationSummaryType | null;

  static from(s: FunnelStepResult): FunnelStepResultType {
    const i = (v: Parameters<typeof IntervalType.from>[0] | null) => (v ? IntervalType.from(v) : null);
    return Object.assign(new FunnelStepResultType(), {
      id: s.id,
      name: s.name,
      count: s.count,
      conversionFromPrevious: s.conversionFromPrevious,
      conversionFromPreviousInterval: i(s.conversionFromPreviousInterval),
      conversionFromStart: s.conversionFromStart,
      conversionFromStartInterval: i(s.conversionFromStartInterval),
      dropOff: s.dropOff,
      dropOffRate: s.dropOffRate,
      timeFromStart: DurationSummaryType.from(s.timeFromStart),
    });
  }
}

@ObjectType("FunnelGroup", { simpleResolvers: true })
export class FunnelGroupType {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  entered!: number;

  @Field(() => [FunnelStepResultType])
  steps!: FunnelStepResultType[];

  @Field(() => DurationSummaryType, { nullable: true })
  timeToConvert!: DurationSummaryType | null;
}

@ObjectType("Funnel", { simpleResolvers: true, description: "A funnel over recorded interactions, computed by @engagekit/core." })
export class FunnelType {
  @Field(() => Int, { description: "Customers with at least one interaction in the data read." })
  customers!: number;

  @Field(() => Int, { description: "Customers who did the first step." })
  entered!: number;

  @Field(() => [FunnelStepResultType])
  steps!: FunnelStepResultType[];

  @Field(() => DurationSummaryType, { nullable: true, description: "First to last step, converters only." })
  timeToConvert!: DurationSummaryType | null;

  @Field(() => [FunnelGroupType], { nullable: true })
  breakdown!: FunnelGroupType[] | null;

  static from(r: FunnelResult): FunnelType {
    return Object.assign(new FunnelType(), {
      customers: r.customers,
      entered: r.entered,
      steps: r.steps.map(FunnelStepResultType.from),
      timeToConvert: DurationSummaryType.from(r.timeToConvert),
      breakdown: r.breakdown
        ? r.breakdown.map((g) =>
            Object.assign(new FunnelGroupType(), {
              key: g.key,
              entered: g.entered,
              steps: g.steps.map(FunnelStepResultType.from),
              timeToConvert: DurationSummaryType.from(g.timeToConvert),
            }),
          )
        : null,
    });
  }
}

@ObjectType("TouchpointTransition", { simpleResolvers: true })
export class TouchpointTransitionType {
  @Field(() => String)
  touchpoint!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: "Share of all transitions from (or to) the given touchpoint." })
  share!: number;
}
