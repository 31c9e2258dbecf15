import { Field, Float, Int, ObjectType } from "type-graphql";
import type { NetPromoterScore } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("NpsResult", { simpleResolvers: true, description: "Net Promoter Score (0–10 answers) with its uncertainty. Computed by @engagekit/core." })
export class NpsResult {
  @Field(() => Float, { nullable: true, description: "%promoters − %detractors, in [−100, 100] (full precision); null when n = 0 (see reason)." })
  score!: number | null;

  @Field(() => Float, { nullable: true, description: "Standard error in NPS points (multinomial variance); null when n = 0." })
  standardError!: number | null;

  @Field(() => IntervalType, { nullable: true, description: "Null when n = 0." })
  interval!: IntervalType | null;

  @Field(() => Int)
  n!: number;

  @Field(() => Int)
  promoters!: number;

  @Field(() => Int)
  passives!: number;

  @Field(() => Int)
  detractors!: number;

  @Field(() => Int)
  skipped!: number;

  @Field(() => String, { nullable: true, description: "Why there is no score (no valid answer matches); null when scored." })
  reason!: string | null;

  @Field(() => String, { description: "The versioned definition it was computed with (e.g. nps@1); see @engagekit/core metricDefinitions." })
  definition!: string;

  static from(r: NetPromoterScore): NpsResult {
    return Object.assign(new NpsResult(), {
      definition: r.definition,
      score: r.score,
      standardError: r.standardError,
      interval: IntervalType.from(r.interval),
      n: r.n,
      promoters: r.promoters,
      passives: r.passives,
      detractors: r.detractors,
      skipped: r.skipped,
      reason: null,
    });
  }

  /** No valid answer: n = 0, no score, and why (never a score of 0). */
  static empty(reason: string, skipped: number): NpsResult {
    return Object.assign(new NpsResult(), {
      definition: "nps@1",
      score: null,
      standardError: null,
      interval: null,
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      skipped,
      reason,
    });
  }
}
