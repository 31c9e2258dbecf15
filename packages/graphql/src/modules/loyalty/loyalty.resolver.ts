import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import { DateTimeResolver } from "graphql-scalars";
import { ErrorCodes, InputError } from "@engagekit/core";
import type { Context } from "../../server/Context.js";
import { CustomerType } from "../customer/Customer.type.js";
import { AwardPointsInput, RedeemPointsInput } from "./Loyalty.input.js";
import { LedgerEntryType, LoyaltyType, PointsOperationPayload } from "./Loyalty.type.js";
import { applyOperation, toEntryType, toLoyaltyType } from "./loyaltyService.js";

/** The points ledger: operations in (idempotent, never negative), the core's statement out. */
@Resolver(() => CustomerType)
export class LoyaltyResolver {
  @Mutation(() => PointsOperationPayload, {
    description: "Awards points as a new lot (the core's earnPoints). Idempotent by key: the same operation again is DUPLICATE and writes nothing; a key reused for another operation is BAD_USER_INPUT at input.key.",
  })
  awardPoints(@Ctx() ctx: Context, @Arg("input", () => AwardPointsInput) input: AwardPointsInput): Promise<PointsOperationPayload> {
    return applyOperation(ctx.scope, "earn", input);
  }

  @Mutation(() => PointsOperationPayload, {
    description: "Redeems points, oldest lots first (the core's redeemPoints). Never negative: more than the balance is CONFLICT and writes nothing. Idempotent by key.",
  })
  redeemPoints(@Ctx() ctx: Context, @Arg("input", () => RedeemPointsInput) input: RedeemPointsInput): Promise<PointsOperationPayload> {
    return applyOperation(ctx.scope, "redeem", input);
  }

  @FieldResolver(() => LoyaltyType, { description: "Balance, tier (default tiers: bronze, silver 1,000, gold 5,000 points in 365 days, 90 days' grace) and history: the core's loyaltySummary of the stored operations (batched)." })
  async loyalty(
    @Root() customer: CustomerType,
    @Ctx() ctx: Context,
    @Arg("asOf", () => DateTimeResolver, { nullable: true, description: "The statement at a past time (operations after it are not replayed); default now." }) asOf?: Date,
  ): Promise<LoyaltyType> {
    const now = asOf ? asOf.getTime() : ctx.loaders.requestTime;
    return toLoyaltyType(await ctx.loaders.loyaltyAt(now).load(Number(customer.id)), now);
  }
}

/** The history field of Loyalty, sliced by `first`. */
@Resolver(() => LoyaltyType)
export class LoyaltyHistoryResolver {
  @FieldResolver(() => [LedgerEntryType], { description: "The audit trail, newest first: earns, redemptions (with their lot draws) and expiries." })
  history(@Root() loyalty: LoyaltyType, @Arg("first", () => Int, { defaultValue: 50, description: "At most this many entries (0–1,000)." }) first: number): LedgerEntryType[] {
    if (!(first >= 0 && first <= 1000)) throw new InputError(ErrorCodes.OUT_OF_RANGE, `history requires first in 0–1000, got ${first}`, ["first"], first);
    return loyalty.entries.slice(0, first).map(toEntryType);
  }
}
