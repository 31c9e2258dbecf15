import { Field, InputType } from "type-graphql";

@InputType("CustomerRefInput", {
  description: "Who did it: the workspace's own customer id. An unknown id creates the customer (Segment's identify).",
})
export class CustomerRefInput {
  @Field(() => String)
  externalId!: string;
}
