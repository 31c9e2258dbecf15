import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import type { Context } from "../../server/Context.js";
import { CustomerType } from "../customer/Customer.type.js";
import { CustomerHealthType } from "./CustomerHealth.type.js";
import { CustomerEngagementModelType } from "./ModelAssignment.type.js";

/** The engagement-model fields of Customer, batched per request. */
@Resolver(() => CustomerType)
export class CustomerEngagementResolver {
  @FieldResolver(() => CustomerEngagementModelType, { nullable: true, description: "The stored engagement-model assignment (model, version, reason, when); null before assignEngagementModels stores one (batched)." })
  engagementModel(@Root() customer: CustomerType, @Ctx() ctx: Context): Promise<CustomerEngagementModelType | null> {
    return ctx.loaders.engagementModel.load(Number(customer.id));
  }

  @FieldResolver(() => CustomerHealthType, { description: "The core's health score (default scorecard) from the customer's engagement score, last NPS and CSAT, P(alive), tickets and spend trend (batched)." })
  health(
    @Root() customer: CustomerType,
    @Ctx() ctx: Context,
    @Arg("asOf", () => DateTimeResolver, { nullable: true, description: "End of the spend-trend periods; default now." }) asOf?: Date,
  ): Promise<CustomerHealthType> {
    return ctx.loaders.healthAt(asOf ? asOf.getTime() : undefined).load(Number(customer.id));
  }
}
