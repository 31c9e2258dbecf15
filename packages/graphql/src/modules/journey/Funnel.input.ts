import { Field, Float, InputType, registerEnumType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

export enum FunnelModeEnum {
  ORDERED = "ordered",
  STRICT = "strict",
  UNORDERED = "unordered",
}
registerEnumType(FunnelModeEnum, {
  name: "FunnelMode",
  description: "ordered: steps in order, other events allowed between; strict: no other event between steps; unordered: all steps within the window, any order.",
});

export enum FunnelBreakdownBy {
  CHANNEL = "channel",
  TOUCHPOINT = "touchpoint",
  SEGMENT = "segment",
}
registerEnumType(FunnelBreakdownBy, { name: "FunnelBreakdownBy" });

export enum Attribution {
  FIRST = "first",
  LAST = "last",
}
registerEnumType(Attribution, { name: "Attribution", description: "Which touch a converting customer is credited to in a channel/touchpoint breakdown." });

@InputType("InteractionMatchInput", { description: "Which interactions a step (or exclusion) matches: any listed value of each given field." })
export class InteractionMatchInput {
  @Field(() => [String], { nullable: true })
  type?: string[];

  @Field(() => [String], { nullable: true })
  touchpoint?: string[];

  @Field(() => [String], { nullable: true })
  channel?: string[];
}

@InputType("FunnelStepInput")
export class FunnelStepInput {
  @Field(() => String)
  id!: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => InteractionMatchInput)
  match!: InteractionMatchInput;
}

@InputType("FunnelInput")
export class FunnelInput {
  @Field(() => [FunnelStepInput])
  steps!: FunnelStepInput[];

  @Field(() => Float, { description: "Conversion window from the first step, in hours." })
  windowHours!: number;

  @Field(() => FunnelModeEnum, { defaultValue: FunnelModeEnum.ORDERED })
  mode!: FunnelModeEnum;

  @Field(() => [InteractionMatchInput], { nullable: true, description: "A customer who does one of these between the first and last step does not convert." })
  exclusions?: InteractionMatchInput[];

  @Field(() => DateTimeResolver, { nullable: true })
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  to?: Date;

  @Field(() => FunnelBreakdownBy, { nullable: true })
  breakdown?: FunnelBreakdownBy;

  @Field(() => Attribution, { defaultValue: Attribution.FIRST })
  attribution!: Attribution;
}
