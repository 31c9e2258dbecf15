import { Field, Float, Int, ObjectType } from "type-graphql";
import type { CustomerSatisfactionScore } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("CsatResult", { simpleResolvers: true,
  description: "Customer Satisfaction Score: the top-box share of valid answers, with the mean answer. Computed by @engagekit/core.",
})
export class CsatResult {
  @Field(() => Float, { nullable: true, description: "Share of valid answers in the top boxes, in [0, 1] (full precision); null when n = 0 (see reason)." })
  share!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Wilson interval of the share; null when n = 0." })
  shareInterval!: IntervalType | null;

  @Field(() => Float, { nullable: true, description: "Mean answer on the scale; null when n = 0." })
  mean!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Student-t interval of the mean; null when n = 1." })
  meanInterval!: IntervalType | null;

  @Field(() => Int, { description: "Valid answers (the denominator)." })
  n!: number;

  @Field(() => Int, { description: "Answers in the top boxes." })
  satisfied!: number;

  @Field(() => Int, { description: "Non-answers (don't know, skipped): reported, never in the denominator." })
  skipped!: number;

  @Field(() => Int, { nullable: true, description: "Null when n = 0." })
  scaleMin!: number | null;

  @Field(() => Int, { nullable: true, description: "Null when n = 0." })
  scaleMax!: number | null;

  @Field(() => Int, { description: "How many top boxes count as satisfied." })
  topBoxes!: number;

  @Field(() => String, { nullable: true, description: "Why there is no score (no valid answer matches); null when scored." })
  reason!: string | null;

  @Field(() => String, { description: "The versioned definition it was computed with (e.g. nps@1); see @engagekit/core metricDefinitions." })
  definition!: string;

  static from(r: CustomerSatisfactionScore): CsatResult {
    return Object.assign(new CsatResult(), {
      definition: r.definition,
      share: r.share,
      shareInterval: IntervalType.from(r.shareInterval),
      mean: r.mean,
      meanInterval: r.meanInterval ? IntervalType.from(r.meanInterval) : null,
      n: r.n,
      satisfied: r.satisfied,
      skipped: r.skipped,
      scaleMin: r.scale.min,
      scaleMax: r.scale.max,
      topBoxes: r.topBoxes,
      reason: null,
    });
  }

  /** No valid answer: n = 0, no share, and why (never a share of 0). */
  static empty(reason: string, skipped: number, topBoxes: number): CsatResult {
    return Object.assign(new CsatResult(), {
      definition: "csat@1",
      share: null,
      shareInterval: null,
      mean: null,
      meanInterval: null,
      n: 0,
      satisfied: 0,
      skipped,
      scaleMin: null,
      scaleMax: null,
      topBoxes,
      reason,
    });
  }
}
