import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { IntervalType } from "../common/Interval.type.js";

@InputType("RefreshCustomerValuesInput")
export class RefreshCustomerValuesInput {
  @Field(() => DateTimeResolver, { nullable: true, description: "End of the observation window; default: the last order." })
  asOf?: Date;

  @Field(() => Int, { defaultValue: 12, description: "CLV horizon in months." })
  horizonMonths!: number;

  @Field(() => Float, { defaultValue: 0.01, description: "Monthly discount rate (0.01 ≈ 12.7% a year)." })
  monthlyDiscountRate!: number;
}

@ObjectType("ModelFit", { simpleResolvers: true, description: "A fitted model: parameters, log-likelihood, convergence." })
export class ModelFitType {
  @Field(() => String)
  model!: string;

  @Field(() => [ParamType])
  params!: ParamType[];

  @Field(() => Float)
  logLikelihood!: number;

  @Field(() => Boolean)
  converged!: boolean;

  @Field(() => Int, { description: "Customers the model was fitted on." })
  customers!: number;
}

@ObjectType("ModelParam", { simpleResolvers: true })
export class ParamType {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Float, { nullable: true, description: "Standard error from the Hessian; null when it could not be computed." })
  standardError!: number | null;
}

@ObjectType("RfmSegmentCount", { simpleResolvers: true })
export class RfmSegmentCountType {
  @Field(() => String)
  segment!: string;

  @Field(() => Int)
  customers!: number;
}

@ObjectType("ValueModelReport", { simpleResolvers: true, description: "What refreshCustomerValues fitted and wrote." })
export class ValueModelReportType {
  @Field(() => Int, { description: "Customers with orders, whose values were written." })
  customers!: number;

  @Field(() => ModelFitType)
  purchaseModel!: ModelFitType;

  @Field(() => ModelFitType, { nullable: true, description: "Gamma-Gamma spend model; null when fewer than 2 repeat customers." })
  spendModel!: ModelFitType | null;

  @Field(() => Float, { nullable: true, description: "Correlation of frequency and mean spend among repeat customers (Gamma-Gamma assumes ≈ 0)." })
  frequencySpendCorrelation!: number | null;

  @Field(() => [RfmSegmentCountType])
  rfmSegments!: RfmSegmentCountType[];

  @Field(() => Int, { description: "Customers whose segment membership changed." })
  segmentChanges!: number;
}

@ObjectType("ValueSummary", { simpleResolvers: true, description: "Predicted value across customers, with n and intervals." })
export class ValueSummaryType {
  @Field(() => Int)
  n!: number;

  @Field(() => Float, { description: "Mean predicted CLV." })
  meanClv!: number;

  @Field(() => IntervalType, { nullable: true })
  meanClvInterval!: IntervalType | null;

  @Field(() => Float, { description: "Sum of predicted CLV." })
  totalClv!: number;

  @Field(() => Float, { description: "Mean P(alive)." })
  meanPAlive!: number;

  @Field(() => IntervalType, { nullable: true })
  meanPAliveInterval!: IntervalType | null;
}
