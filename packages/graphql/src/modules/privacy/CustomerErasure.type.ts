import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeResolver, JSONObjectResolver } from "graphql-scalars";

@ObjectType("CustomerErasure", { description: "The record of one erasure: when, a reference, and how much was removed. Never the erased values." })
export class CustomerErasureType {
  @Field(() => String, { description: "A random reference for this erasure, to give the data subject or a regulator." })
  reference!: string;

  @Field(() => ID)
  customerId!: string;

  @Field(() => DateTimeResolver)
  erasedAt!: Date;

  @Field(() => JSONObjectResolver, {
    description: "Removed per `table` (rows deleted) or `table.column` (values cleared; `interactions.properties`: properties removed). All zero on a repeated erasure.",
  })
  counts!: Record<string, number>;

  @Field(() => Int, { description: "Sum of `counts`." })
  total!: number;

  @Field(() => [String], { description: "Property keys the caller flagged personal on top of the defaults." })
  personalProperties!: string[];
}
