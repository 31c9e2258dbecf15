import { Field, Float, ObjectType } from "type-graphql";
import type { MeanDifference, NpsDifference, ProportionDifference } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("Difference", { simpleResolvers: true, description: "B − A with its interval and a two-sided p-value." })
export class DifferenceType {
  @Field(() => Float)
  a!: number;

  @Field(() => Float)
  b!: number;

  @Field(() => Float, { description: "b − a." })
  difference!: number;

  @Field(() => IntervalType)
  interval!: IntervalType;

  @Field(() => Float)
  pValue!: number;

  static ofProportions(d: ProportionDifference): DifferenceType {
    return Object.assign(new DifferenceType(), { a: d.rateA, b: d.rateB, difference: d.difference, interval: IntervalType.from(d.interval), pValue: d.pValue });
  }

  static ofMeans(d: MeanDifference): DifferenceType {
    return Object.assign(new DifferenceType(), { a: d.meanA, b: d.meanB, difference: d.difference, interval: IntervalType.from(d.interval), pValue: d.pValue });
  }

  static ofNps(d: NpsDifference): DifferenceType {
    return Object.assign(new DifferenceType(), { a: d.scoreA, b: d.scoreB, difference: d.difference, interval: IntervalType.from(d.interval), pValue: d.pValue });
  }
}

@ObjectType("CsatComparison", { simpleResolvers: true, description: "CSAT of group B against group A." })
export class CsatComparisonType {
  @Field(() => DifferenceType, { description: "Top-box share: Newcombe interval, pooled z-test." })
  share!: DifferenceType;

  @Field(() => DifferenceType, { nullable: true, description: "Mean answer: Welch t; null when a group has fewer than 2 answers or no spread." })
  mean!: DifferenceType | null;

  @Field(() => Float, { description: "Bayesian P(share B > share A) with uniform priors." })
  chanceBBeatsA!: number;
}
