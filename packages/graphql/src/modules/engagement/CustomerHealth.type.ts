import { Field, Float, ObjectType } from "type-graphql";
import type { HealthScore } from "@engagekit/core";

@ObjectType("HealthMeasureScore", { simpleResolvers: true, description: "One measure's part in a health score." })
export class HealthMeasureScoreType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Float, { description: "The customer's value on the measure's own scale." })
  value!: number;

  @Field(() => String, { description: "red, yellow or green." })
  color!: string;

  @Field(() => Float)
  points!: number;

  @Field(() => Float, { description: "Effective weight among the measures present (they sum to 1)." })
  weight!: number;

  @Field(() => Float, { description: "weight × points; the contributions sum to the score." })
  contribution!: number;
}

@ObjectType("CustomerHealth", { simpleResolvers: true, description: "The core's health scorecard of a customer from what the database holds (engagement score, last NPS, P(alive), open tickets…)." })
export class CustomerHealthType {
  @Field(() => Float, { nullable: true, description: "0–100 with the default scorecard; null when no measure has a value (never 0)." })
  score!: number | null;

  @Field(() => String, { nullable: true, description: "red, yellow or green; null with the score." })
  color!: string | null;

  @Field(() => String, { nullable: true, description: "Why the score is null." })
  reason!: string | null;

  @Field(() => [HealthMeasureScoreType], { description: "The measures with a value, in scorecard order." })
  measures!: HealthMeasureScoreType[];

  @Field(() => [String], { description: "Measures without a value (left out of the weights)." })
  omitted!: string[];

  @Field(() => [String])
  explanation!: string[];
}

/** The API type of the core's health score. */
export function toHealthType(h: HealthScore): CustomerHealthType {
  return Object.assign(new CustomerHealthType(), {
    score: h.score,
    color: h.color,
    reason: h.reason,
    measures: h.measures.map((m) => Object.assign(new HealthMeasureScoreType(), { ...m })),
    omitted: [...h.omitted],
    explanation: [...h.explanation],
  });
}
