import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

/** Market of a recommendation. */
export enum Market {
  B2B = "B2B",
  B2C = "B2C",
}
registerEnumType(Market, { name: "Market" });

/** Product complexity of a recommendation. */
export enum Complexity {
  LOW = "low",
  MID = "mid",
  HIGH = "high",
}
registerEnumType(Complexity, { name: "Complexity", description: "How complex the product is to buy and use." });

@ObjectType("ModelRecommendation", { simpleResolvers: true })
export class ModelRecommendationType {
  @Field(() => String)
  model!: string;

  @Field(() => Float, { description: "Fit in [0, 1]; 0 when the model costs more than a customer is worth." })
  fit!: number;

  @Field(() => [String], { description: "Why, citing the input numbers." })
  reasons!: string[];
}

@ObjectType("ModelRecommendations", { simpleResolvers: true, description: "The core's ranking of engagement models for a segment, with the numbers it was given." })
export class ModelRecommendationsType {
  @Field(() => String)
  segment!: string;

  @Field(() => Int, { description: "Members of the segment." })
  customers!: number;

  @Field(() => Int, { description: "Members with a predicted CLV (the average is over them)." })
  customersWithClv!: number;

  @Field(() => Float)
  averageClv!: number;

  @Field(() => Float, { description: "averageClv / horizonMonths: what the core compares with each model's monthly cost to serve." })
  averageValuePerMonth!: number;

  @Field(() => Float, { nullable: true, description: "Coefficient of variation of the predicted CLV; null below two customers or with a mean of 0." })
  valueSpread!: number | null;

  @Field(() => [ModelRecommendationType], { description: "Best fit first." })
  recommendations!: ModelRecommendationType[];
}
