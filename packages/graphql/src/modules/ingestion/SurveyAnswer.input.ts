import { Field, InputType, Int } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { CustomerRefInput } from "./CustomerRef.input.js";
import { FeedbackKind } from "./FeedbackKind.enum.js";

@InputType("SurveyAnswerInput", { description: "One answer to a feedback question." })
export class SurveyAnswerInput {
  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => CustomerRefInput, { nullable: true, description: "Omit for anonymous answers." })
  customer?: CustomerRefInput;

  @Field(() => String, { description: "Which survey or question this answers." })
  survey!: string;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field(() => Int, { nullable: true, description: "The answer; null for a non-answer (don't know, skipped)." })
  score?: number | null;

  @Field(() => Int, { nullable: true, description: "Defaults: NPS 0, CSAT 1, CES 1." })
  scaleMin?: number;

  @Field(() => Int, { nullable: true, description: "Defaults: NPS 10, CSAT 5, CES 7." })
  scaleMax?: number;

  @Field(() => String, { nullable: true })
  touchpoint?: string;

  @Field(() => String, { nullable: true })
  channel?: string;

  @Field(() => DateTimeResolver)
  respondedAt!: Date;
}
