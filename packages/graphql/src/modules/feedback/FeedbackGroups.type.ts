import { Field, ObjectType } from "type-graphql";
import { CesResult } from "./CesResult.type.js";
import { CsatResult } from "./CsatResult.type.js";
import { NpsResult } from "./NpsResult.type.js";

@ObjectType("CsatGroup", { simpleResolvers: true, description: "CSAT of one group of a breakdown." })
export class CsatGroup {
  @Field(() => String, { nullable: true, description: "The group: YYYY-MM, touchpoint, channel, survey, segment key, journey stage or ladder rung (null when unset)." })
  key!: string | null;

  @Field(() => CsatResult, { nullable: true, description: "null when the group has no valid answer (only non-answers)." })
  csat!: CsatResult | null;
}

@ObjectType("NpsGroup", { simpleResolvers: true, description: "NPS of one group of a breakdown." })
export class NpsGroup {
  @Field(() => String, { nullable: true })
  key!: string | null;

  @Field(() => NpsResult, { nullable: true, description: "null when the group has no valid answer." })
  nps!: NpsResult | null;
}

@ObjectType("CesGroup", { simpleResolvers: true, description: "CES of one group of a breakdown." })
export class CesGroup {
  @Field(() => String, { nullable: true })
  key!: string | null;

  @Field(() => CesResult, { nullable: true, description: "null when the group has no valid answer (only non-answers)." })
  ces!: CesResult | null;
}
