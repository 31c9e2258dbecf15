import { Field, Float, Int, ObjectType } from "type-graphql";
import type { NetPromoterScore } from "@engagekit/core";
import { IntervalType } from "../common/Interval.type.js";

@ObjectType("NpsResult", { simpleResolvers: true, description: "Net Promoter Score (0–10 answers) with its uncertainty. Computed by @engagekit/core." })
export class NpsResult {
  @Field(() => Float, { description: "%promoters − %detractors, in [−100, 100] (full precision)." })
  score!: number;

  @Field(() => Float, { description: "Standard error in NPS points (multinomial variance)." })
  standardError!: number;

  @Field(() => IntervalType)
  interval!: IntervalType;

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
    });
  }
}
