import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";

@ObjectType("JourneyMap", { simpleResolvers: true, description: "A journey map: stages, personas, touchpoints and per stage × persona goals, emotions, pain points and KPIs." })
export class JourneyMapType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => JSONObjectResolver, { description: "The whole document, as validated by @engagekit/core's validateJourneyMap." })
  document!: Record<string, unknown>;

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

@ObjectType("Channel", { simpleResolvers: true })
export class ChannelType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "digital, assisted or physical." })
  kind!: string;
}

@ObjectType("Touchpoint", { simpleResolvers: true })
export class TouchpointType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  channel!: string;

  @Field(() => [String], { description: "Journey stages it serves." })
  stages!: string[];

  @Field(() => String, { description: "owned, paid or earned." })
  ownership!: string;

  @Field(() => [String], { description: "Interaction types it emits." })
  emits!: string[];

  @Field(() => String, { description: "Key of the journey map that defines it." })
  journeyMap!: string;
}
