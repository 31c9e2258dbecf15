import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("IngestionPayload", { description: "What a batch did. A batch is all-or-nothing; a retried batch creates nothing new." })
export class IngestionPayload {
  @Field(() => Int, { description: "Items in the batch." })
  received!: number;

  @Field(() => Int, { description: "Items written now." })
  created!: number;

  @Field(() => Int, { description: "Items whose idempotency key was already recorded (earlier or earlier in this batch)." })
  duplicates!: number;

  @Field(() => Int, { description: "Customers created because an unknown externalId was referenced." })
  customersCreated!: number;
}
