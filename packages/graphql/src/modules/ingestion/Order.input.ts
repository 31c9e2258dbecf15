import { Field, Float, InputType, Int } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { CustomerRefInput } from "./CustomerRef.input.js";

@InputType("OrderInput", { description: "One purchase. `externalId` is the shop's order id and the idempotency key." })
export class OrderInput {
  @Field(() => String)
  externalId!: string;

  @Field(() => CustomerRefInput)
  customer!: CustomerRefInput;

  @Field(() => DateTimeResolver)
  orderedAt!: Date;

  @Field(() => Float, { description: "Amount in currency units (stored exactly in cents)." })
  amount!: number;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  items?: number;
}
