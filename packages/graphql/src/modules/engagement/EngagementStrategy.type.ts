import { Field, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

@ObjectType("StrategyRule", { simpleResolvers: true, description: "Customers of a segment go to a cascade of models, highest touch first, each up to its capacity." })
export class StrategyRuleType {
  @Field(() => String, { description: 'Segment key; "*" matches every customer.' })
  segment!: string;

  @Field(() => [String], { description: "Model ids; customers spill from one to the next when capacity is used up." })
  models!: string[];

  @Field(() => String, { nullable: true, description: "Only customers at this journey stage." })
  journeyStage!: string | null;

  @Field(() => String, { nullable: true, description: "Only customers at this ladder tier." })
  ladderTier!: string | null;
}

@ObjectType("ModelCapacity", { simpleResolvers: true, description: "How many customers a model can serve at once." })
export class ModelCapacityType {
  @Field(() => String)
  model!: string;

  @Field(() => Int)
  capacity!: number;
}

@ObjectType("EngagementStrategy", { simpleResolvers: true, description: "The workspace's hybrid model: ordered rules (first match wins), a fallback model, and capacities." })
export class EngagementStrategyType {
  @Field(() => [StrategyRuleType])
  rules!: StrategyRuleType[];

  @Field(() => String, { description: "Model for customers no rule takes, or who spill past every model of their rule; unbounded." })
  fallback!: string;

  @Field(() => [ModelCapacityType], { description: "Models without an entry are unbounded." })
  capacities!: ModelCapacityType[];

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

@InputType("StrategyRuleInput")
export class StrategyRuleInput {
  @Field(() => String, { description: 'Segment key of the workspace; "*" matches every customer.' })
  segment!: string;

  @Field(() => [String], { description: "Model ids (catalog or the workspace's), highest touch first." })
  models!: string[];

  @Field(() => String, { nullable: true })
  journeyStage?: string;

  @Field(() => String, { nullable: true })
  ladderTier?: string;
}

@InputType("ModelCapacityInput")
export class ModelCapacityInput {
  @Field(() => String)
  model!: string;

  @Field(() => Int, { description: "Customers the model can serve at once (≥ 0)." })
  capacity!: number;
}

@InputType("EngagementStrategyInput", { description: "Replaces the workspace's strategy; validated by the core against its models and segments." })
export class EngagementStrategyInput {
  @Field(() => [StrategyRuleInput], { description: "In order: a customer is taken by the first rule whose segment they are in." })
  rules!: StrategyRuleInput[];

  @Field(() => String)
  fallback!: string;

  @Field(() => [ModelCapacityInput], { defaultValue: [] })
  capacities!: ModelCapacityInput[];
}
