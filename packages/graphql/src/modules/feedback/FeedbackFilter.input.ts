import { Field, InputType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

@InputType({ description: "Restricts which survey responses a feedback metric reads." })
export class FeedbackFilterInput {
  @Field(() => String, { nullable: true, description: "Only this survey." })
  survey?: string;

  @Field(() => String, { nullable: true, description: "Only answers given at this touchpoint." })
  touchpoint?: string;

  @Field(() => String, { nullable: true, description: "Only answers of customers currently in this segment (by key)." })
  segment?: string;

  @Field(() => String, { nullable: true, description: "Only answers given on this channel." })
  channel?: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "Answers at or after this instant." })
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "Answers before this instant." })
  to?: Date;
}
