import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from "type-graphql";
import { CustomerType, type Context } from "@engagekit/graphql";

/**
 * An integrator's own resolver: a `vipLevel` field on engagekit's Customer
 * and a root query. It reads the same per-request Context (workspace scope,
 * loaders) as engagekit's own resolvers, so it is tenant-safe for free.
 */
@Resolver(() => CustomerType)
export class VipResolver {
  @FieldResolver(() => String, { description: "gold ≥ 500 spent, silver ≥ 100, else bronze." })
  async vipLevel(@Root() customer: CustomerType, @Ctx() ctx: Context): Promise<string> {
    const { totalSpent } = await ctx.loaders.orderSummary.load(Number(customer.id));
    return totalSpent >= 500 ? "gold" : totalSpent >= 100 ? "silver" : "bronze";
  }

  @Query(() => Float, { description: "Revenue of the workspace, in currency units." })
  async revenue(@Ctx() ctx: Context, @Arg("currencyRate", () => Float, { defaultValue: 1 }) rate: number): Promise<number> {
    const rows = await ctx.scope.select<{ cents: number | string | null }>("select sum(amount_cents) as cents from orders where workspace_id = ?");
    return (Number(rows[0]?.cents ?? 0) / 100) * rate;
  }
}
