import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { IntervalType } from "@engagekit/graphql";

/** GraphQL view of a subscription (not the entity: GraphQL types are not ORM entities). */
@ObjectType("Subscription", { description: "A customer's subscription (schema-extension plugin)." })
export class SubscriptionType {
  // Row ids are opaque in the API: the idKind extension has engagekit encode them like its own
  // ("sub", a kind of this plugin; "cus", the same id as Customer.id). Resolvers keep handing out row ids.
  @Field(() => ID)
  @Extensions({ idKind: "sub" })
  id!: string;

  @Field(() => ID, { description: "engagekit's customer id (the customer's Customer.id)." })
  @Extensions({ idKind: "cus" })
  customerId!: string;

  @Field(() => String)
  plan!: string;

  @Field(() => DateTimeResolver)
  renewsAt!: Date;
}

@InputType("SubscriptionInput", { description: "One subscription to create or replace, keyed by the customer's external id." })
export class SubscriptionInput {
  @Field(() => String)
  customerExternalId!: string;

  @Field(() => String, { description: "1–64 characters." })
  plan!: string;

  @Field(() => DateTimeResolver)
  renewsAt!: Date;
}

@ObjectType("ChurnRisk", {
  description:
    "Subscriptions renewing within `days` whose customer made no purchase in the last `inactiveDays`: atRisk of renewing, with a Wilson 95% interval. share and interval are null when nothing renews (never scored 0).",
})
export class ChurnRiskType {
  @Field(() => Int)
  renewing!: number;

  @Field(() => Int)
  atRisk!: number;

  @Field(() => Float, { nullable: true })
  share!: number | null;

  @Field(() => IntervalType, { nullable: true })
  interval!: IntervalType | null;
}
