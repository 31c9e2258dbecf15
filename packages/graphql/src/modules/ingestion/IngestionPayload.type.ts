import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType("SegmentChange", { simpleResolvers: true, description: "Segments a customer entered or left because of a batch." })
export class SegmentChange {
  @Field(() => ID)
  customerId!: string;

  @Field(() => [String], { description: "Keys of the segments entered." })
  entered!: string[];

  @Field(() => [String], { description: "Keys of the segments left." })
  exited!: string[];
}


@ObjectType("StateChange", { simpleResolvers: true, description: "A customer's journey stage or engagement-ladder rung moved, with the core's reason." })
export class StateChangeType {
  @Field(() => ID)
  customerId!: string;

  @Field(() => String, { description: "journeyStage or ladderTier." })
  kind!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;

  @Field(() => String)
  reason!: string;
}

@ObjectType("IngestionPayload", { simpleResolvers: true, description: "What a batch did. A batch is all-or-nothing; a retried batch creates nothing new." })
export class IngestionPayload {
  @Field(() => Int, { description: "Items in the batch." })
  received!: number;

  @Field(() => Int, { description: "Items written now." })
  created!: number;

  @Field(() => Int, { description: "Items whose idempotency key was already recorded (earlier or earlier in this batch)." })
  duplicates!: number;

  @Field(() => Int, { description: "Customers created because an unknown externalId was referenced." })
  customersCreated!: number;

  @Field(() => [SegmentChange], { description: "Segment membership changes the batch caused, computed in the same transaction." })
  segmentChanges!: SegmentChange[];

  @Field(() => [StateChangeType], { description: "Journey-stage and ladder-rung changes the batch caused (promotions and demotions)." })
  stateChanges!: StateChangeType[];
}
