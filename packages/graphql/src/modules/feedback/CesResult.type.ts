import { Field, Float, Int, ObjectType } from "type-graphql";
import type { CustomerEffortScore } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("CesResult", {
  simpleResolvers: true,
  description: "Customer Effort Score: the mean answer (higher = easier on the default 1–7 wording) and the share in the easy boxes. Computed by @engagekit/core.",
})
export class CesResult {
  @Field(() => Float, { nullable: true, description: "Mean answer on the scale (full precision); null when n = 0 (see reason)." })
  mean!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Student-t interval of the mean; null when n = 1." })
  meanInterval!: IntervalType | null;

  @Field(() => Float, { nullable: true, description: "Sample standard deviation; null when n = 1." })
  standardDeviation!: number | null;

  @Field(() => Float, { nullable: true, description: "Share of valid answers in the easy boxes, in [0, 1]; null when n = 0." })
  easyShare!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Wilson interval of the easy share; null when n = 0." })
  easyShareInterval!: IntervalType | null;

  @Field(() => Int, { description: "Valid answers (the denominator)." })
  n!: number;

  @Field(() => Int, { description: "Answers in the easy boxes." })
  easy!: number;

  @Field(() => Int, { description: "Non-answers: reported, never in the denominator." })
  skipped!: number;

  @Field(() => Int, { nullable: true, description: "Null when n = 0." })
  scaleMin!: number | null;

  @Field(() => Int, { nullable: true, description: "Null when n = 0." })
  scaleMax!: number | null;

  @Field(() => Int, { description: "How many top boxes count as easy." })
  easyBoxes!: number;

  @Field(() => String, { nullable: true, description: "Why there is no score (no valid answer matches); null when scored." })
  reason!: string | null;

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
      reason: null,
    });
  }

  /** No valid answer: n = 0, no score, and why (never a score of 0). */
  static empty(reason: string, skipped: number, easyBoxes: number): CesResult {
    return Object.assign(new CesResult(), {
      definition: "ces@1",
      mean: null,
      meanInterval: null,
      standardDeviation: null,
      easyShare: null,
      easyShareInterval: null,
      n: 0,
      easy: 0,
      skipped,
      scaleMin: null,
      scaleMax: null,
      easyBoxes,
      reason,
    });
  }
}
