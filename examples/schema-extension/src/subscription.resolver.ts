import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { CustomerType, type Context } from "@engagekit/graphql";
import { SubscriptionInput, SubscriptionType } from "./Subscription.type.js";
import { allSubscriptions, subscriptionsOf, upsertSubscriptions, type SubscriptionRow } from "./subscriptionService.js";

function toType(row: SubscriptionRow): SubscriptionType {
  return Object.assign(new SubscriptionType(), { id: String(row.id), customerId: String(row.customerId), plan: row.plan, renewsAt: row.renewsAt });
}

/**
 * Batches `Customer.subscription` of one request into one query: ids asked
 * before the next microtask (the fields of one list) are loaded together.
 */
const open = new WeakMap<Context, { ids: Set<number>; result: Promise<Map<number, SubscriptionRow>> }>();
function subscriptionFor(ctx: Context, customerId: number): Promise<SubscriptionRow | undefined> {
  let batch = open.get(ctx);
  if (!batch) {
    const ids = new Set<number>();
    const result = Promise.resolve().then(async () => {
      open.delete(ctx);
      return new Map((await subscriptionsOf(ctx.scope, [...ids])).map((r) => [r.customerId, r]));
    });
    batch = { ids, result };
    open.set(ctx, batch);
  }
  batch.ids.add(customerId);
  return batch.result.then((m) => m.get(customerId));
}

/** The plugin's GraphQL surface: `Customer.subscription`, `Query.subscriptions`, `Mutation.upsertSubscriptions`. */
@Resolver(() => CustomerType)
export class SubscriptionResolver {
  @FieldResolver(() => SubscriptionType, { nullable: true, description: "The customer's subscription (null when none)." })
  async subscription(@Root() customer: CustomerType, @Ctx() ctx: Context): Promise<SubscriptionType | null> {
    const row = await subscriptionFor(ctx, Number(customer.id));
    return row ? toType(row) : null;
  }

  @Query(() => [SubscriptionType], { description: "The workspace's subscriptions, by customer id." })
  async subscriptions(@Ctx() ctx: Context): Promise<SubscriptionType[]> {
    return (await allSubscriptions(ctx.scope)).sort((a, b) => a.customerId - b.customerId).map(toType);
  }

  @Mutation(() => [SubscriptionType], {
    description: "Creates or replaces subscriptions (one per customer), all or nothing: BAD_USER_INPUT naming the item's index and field. Refreshes the customers' segments.",
  })
  @Extensions({ audit: "subscriptions.upsert" })
  async upsertSubscriptions(@Ctx() ctx: Context, @Arg("input", () => [SubscriptionInput]) input: SubscriptionInput[]): Promise<SubscriptionType[]> {
    const { rows } = await upsertSubscriptions(ctx.scope, input);
    return rows.sort((a, b) => a.customerId - b.customerId).map(toType);
  }
}
