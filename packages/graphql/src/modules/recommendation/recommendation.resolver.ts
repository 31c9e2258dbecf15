import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { Context } from "../../server/Context.js";
import { RecommendationsType } from "./Recommendation.type.js";
import { recommendFor } from "./recommendationService.js";

/** "Customers who bought what you bought also bought …", consent-aware through the core. */
@Resolver()
export class RecommendationResolver {
  @Query(() => RecommendationsType, {
    nullable: true,
    description:
      "Item recommendations for a customer (the core's recommendItems over the workspace's purchase baskets): personal co-occurrence with personalization consent, the non-personal top sellers with the consent reason without it; items already bought are left out. Null for an unknown customer.",
  })
  recommendations(
    @Ctx() ctx: Context,
    @Arg("customerId", () => ID) customerId: string,
    @Arg("first", () => Int, { defaultValue: 10, description: "At most this many items (1–100)." }) first: number,
  ): Promise<RecommendationsType | null> {
    const id = Number(customerId);
    if (!Number.isSafeInteger(id)) return Promise.resolve(null);
    const now = ctx.loaders.requestTime;
    return recommendFor(ctx.scope, id, first, now, (c) => ctx.loaders.consentAt(now).load(c));
  }
}
