import { Field, ID, InputType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

@InputType("InteractionFilterInput")
export class InteractionFilterInput {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true })
  type?: string;

  @Field(() => String, { nullable: true })
  channel?: string;

  @Field(() => String, { nullable: true })
  touchpoint?: string;

  @Field(() => DateTimeResolver, { nullable: true, description: "At or after." })
  from?: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: "Before." })
  to?: Date;
}
