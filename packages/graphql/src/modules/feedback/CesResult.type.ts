import { Field, Float, Int, ObjectType } from "type-graphql";
import type { CustomerEffortScore } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("CesResult", {
  simpleResolvers: true,
  description: "Customer Effort Score: the mean answer (higher = easier on the default 1–7 wording) and the share in the easy boxes. Computed by @engagekit/core.",
})
export class CesResult {
  @Field(() => Float, { description: "Mean answer on the scale (full precision)." })
  mean!: number;

  @Field(() => IntervalType, { nullable: true, description: "Student-t interval of the mean; null when n = 1." })
  meanInterval!: IntervalType | null;

  @Field(() => Float, { nullable: true, description: "Sample standard deviation; null when n = 1." })
  standardDeviation!: number | null;

  @Field(() => Float, { description: "Share of valid answers in the easy boxes, in [0, 1]." })
  easyShare!: number;

  @Field(() => IntervalType, { description: "Wilson interval of the easy share." })
  easyShareInterval!: IntervalType;

  @Field(() => Int, { description: "Valid answers (the denominator)." })
  n!: number;

  @Field(() => Int, { description: "Answers in the easy boxes." })
  easy!: number;

  @Field(() => Int, { description: "Non-answers: reported, never in the denominator." })
  skipped!: number;

  @Field(() => Int)
  scaleMin!: number;

  @Field(() => Int)
  scaleMax!: number;

  @Field(() => Int, { description: "How many top boxes count as easy." })
  easyBoxes!: number;

  @Field(() => String, { description: "The versioned definition it was computed with (ces@1); see @engagekit/core metricDefinitions." })
  definition!: string;

  static from(r: CustomerEffortScore): CesResult {
    return Object.assign(new CesResult(), {
      definition: r.definition,
      mean: r.mean,
      meanInterval: r.meanInterval ? IntervalType.from(r.meanInterval) : null,
      standardDeviation: r.standardDeviation,
      easyShare: r.easyShare,
      easyShareInterval: IntervalType.from(r.easyShareInterval),
      n: r.n,
      easy: r.easy,
      skipped: r.skipped,
      scaleMin: r.scale.min,
      scaleMax: r.scale.max,
      easyBoxes: r.easyBoxes,
    });
  }
}
