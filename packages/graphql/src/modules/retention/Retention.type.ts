import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { IntervalType } from "../common/Interval.type.js";

export enum CohortPeriodEnum {
  DAY = "day",
  WEEK = "week",
  MONTH = "month",
}
registerEnumType(CohortPeriodEnum, { name: "CohortPeriod", description: "UTC day, ISO week (Monday) or month." });

export enum RetentionMode {
  CLASSIC = "classic",
  ROLLING = "rolling",
}
registerEnumType(RetentionMode, { name: "RetentionMode", description: "classic: active in period k; rolling: active in k or later." });

@ObjectType("CohortRow", { simpleResolvers: true })
export class CohortRowType {
  @Field(() => String)
  cohort!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => [Int], { description: "Customers active in period k after acquisition (k = 0 is the cohort)." })
  counts!: number[];

  @Field(() => [Float], { description: "counts / size." })
  shares!: number[];
}

@ObjectType("CohortMatrix", { simpleResolvers: true, description: "Acquisition cohorts by first order, computed by @engagekit/core." })
export class CohortMatrixType {
  @Field(() => String)
  period!: string;

  @Field(() => String)
  mode!: string;

  @Field(() => [CohortRowType])
  rows!: CohortRowType[];
}

@ObjectType("RateResult", { simpleResolvers: true, description: "A proportion with its Wilson interval." })
export class RateType {
  @Field(() => Float)
  rate!: number;

  @Field(() => IntervalType)
  interval!: IntervalType;

  @Field(() => Int, { description: "Denominator." })
  n!: number;

  @Field(() => Int, { description: "Numerator." })
  count!: number;
}

@ObjectType("SurvivalStep", { simpleResolvers: true })
export class SurvivalStepType {
  @Field(() => Float, { description: "Days since the first order." })
  time!: number;

  @Field(() => Int)
  atRisk!: number;

  @Field(() => Int)
  events!: number;

  @Field(() => Float)
  survival!: number;

  @Field(() => Float)
  standardError!: number;

  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;
}

@ObjectType("SurvivalCurve", { simpleResolvers: true, description: "Kaplan–Meier curve of customer lifetime; customers still active at asOf are censored, not churned." })
export class SurvivalCurveType {
  @Field(() => Int)
  n!: number;

  @Field(() => Int)
  churned!: number;

  @Field(() => Int)
  censored!: number;

  @Field(() => Float, { nullable: true, description: "Days until half the customers have churned; null when never reached." })
  medianLifetimeDays!: number | null;

  @Field(() => [SurvivalStepType])
  steps!: SurvivalStepType[];
}

@InputType("ChurnDefinitionInput", { description: "A customer has churned when they have not ordered for `inactiveDays` by `asOf`." })
export class ChurnDefinitionInput {
  @Field(() => Int, { defaultValue: 90 })
  inactiveDays!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: "Default: the last order in the workspace." })
  asOf?: Date;
}
