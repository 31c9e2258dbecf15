import { Field, InputType, Int } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { CustomerRefInput } from "../ingestion/CustomerRef.input.js";

@InputType("AwardPointsInput", { description: "An earn operation (the core's EarnOperation): a new lot of points, idempotent by key." })
export class AwardPointsInput {
  @Field(() => String, { description: "Idempotency key, unique per workspace (e.g. order:1234); the same operation twice is applied once." })
  key!: string;

  @Field(() => CustomerRefInput)
  customer!: CustomerRefInput;

  @Field(() => Int, { description: "A positive whole number of points." })
  points!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: "When; not before the customer's last ledger entry. Default now." })
  at?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: "When the points expire (after at); absent: never." })
  expiresAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Why, for the audit trail." })
  reason?: string | null;
}

@InputType("RedeemPointsInput", { description: "A redemption (the core's RedeemOperation): spends points oldest lot first, idempotent by key, never below zero." })
export class RedeemPointsInput {
  @Field(() => String, { description: "Idempotency key, unique per workspace (e.g. reward:r-77)." })
  key!: string;

  @Field(() => CustomerRefInput)
  customer!: CustomerRefInput;

  @Field(() => Int, { description: "A positive whole number of points, at most the balance at `at`." })
  points!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: "When; not before the customer's last ledger entry. Default now." })
  at?: Date | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
