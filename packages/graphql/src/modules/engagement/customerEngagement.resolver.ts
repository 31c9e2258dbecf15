import { ErrorCodes, InputError } from "@engagekit/core";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
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
    @Arg("periods", () => Int, { defaultValue: 0, description: "Earlier periods for the trend (0–12), each scored from the data up to its end." }) periods = 0,
    @Arg("periodDays", () => Int, { defaultValue: 30, description: "Length of a trend period in days (1–366)." }) periodDays = 30,
  ): Promise<CustomerHealthType> {
    if (!Number.isInteger(periods) || periods < 0 || periods > 12) throw badTrendArgument("periods", "an integer from 0 to 12", periods);
    if (!Number.isInteger(periodDays) || periodDays < 1 || periodDays > 366) throw badTrendArgument("periodDays", "an integer from 1 to 366", periodDays);
    return ctx.loaders.healthAt(asOf ? asOf.getTime() : undefined, { periods, periodDays }).load(Number(customer.id));
  }
}

function badTrendArgument(field: string, rule: string, value: number): InputError {
  return new InputError(ErrorCodes.OUT_OF_RANGE, `health requires ${field} to be ${rule}, got ${value}`, [field], value);
}
