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

@ObjectType("HealthTrend", { simpleResolvers: true, description: "How the score moved over the earlier periods asked for (health(periods:))." })
export class HealthTrendType {
  @Field(() => Float, { nullable: true, description: "Score of the last earlier period; null without history or when that period had no measure." })
  previous!: number | null;

  @Field(() => Float, { nullable: true, description: "score − previous; null when either is null." })
  change!: number | null;

  @Field(() => String, { nullable: true, description: "up, down or flat (|change| ≤ 1 point); null with change." })
  direction!: string | null;

  @Field(() => [Float], { nullable: "items", description: "Scores of the earlier periods, oldest first, then the current score." })
  series!: (number | null)[];
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

  @Field(() => HealthTrendType)
  trend!: HealthTrendType;

  @Field(() => [String], { description: "What moved the score since the last earlier period, largest change first." })
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
    trend: Object.assign(new HealthTrendType(), { previous: h.trend.previous, change: h.trend.change, direction: h.trend.direction, series: [...h.trend.series] }),
    explanation: [...h.explanation],
  });
}
