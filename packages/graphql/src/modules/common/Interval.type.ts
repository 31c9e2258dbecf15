import { Field, Float, ObjectType } from "type-graphql";
import type { Interval as CoreInterval } from "@engagekit/core";

@ObjectType("Interval", { simpleResolvers: true, description: "A two-sided confidence interval around an estimate." })
export class IntervalType {
  @Field(() => Float)
  lower!: number;

  @Field(() => Float)
  upper!: number;

  @Field(() => Float, { description: "Nominal coverage, e.g. 0.95." })
  level!: number;

  @Field(() => String, { description: "How it was computed: wilson, normal, t, bootstrap, order-statistic, greenwood." })
  method!: string;

  static from(i: CoreInterval): IntervalType {
    return Object.assign(new IntervalType(), { lower: i.lower, upper: i.upper, level: i.level, method: i.method });
  }
}
