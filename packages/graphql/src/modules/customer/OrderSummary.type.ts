import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";

@ObjectType("OrderSummary", { simpleResolvers: true, description: "A customer's purchase history in three numbers." })
export class OrderSummary {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { description: "Total spent, in currency units." })
  totalSpent!: number;

  @Field(() => DateTimeResolver, { nullable: true })
  lastOrderAt!: Date | null;
}
