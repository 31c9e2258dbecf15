import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ConsentDecisionType } from "../consent/Consent.type.js";

@ObjectType("ItemRecommendation", { simpleResolvers: true, description: "One recommended item with its evidence (the core's ItemRecommendation)." })
export class ItemRecommendationType {
  @Field(() => String)
  item!: string;

  @Field(() => Float, { description: "The association measure with the seed (cosine), or the share of baskets holding the item (top seller)." })
  score!: number;

  @Field(() => String, { description: "cooccurrence (personal) or top_seller (the non-personal default)." })
  basis!: string;

  @Field(() => String, { description: "The evidence in words; for a default, why the list is not personal." })
  reason!: string;

  @Field(() => String, { nullable: true, description: "The customer's item it was bought with (co-occurrence only)." })
  seed!: string | null;

  @Field(() => Int, { description: "Baskets behind the score." })
  support!: number;
}

@ObjectType("Recommendations", {
  simpleResolvers: true,
  description:
    "The core's recommendItems for a customer over the workspace's baskets. A basket is one customer's set of purchased items, read from `purchase` interactions carrying `properties.item` (a string) or `properties.items` (strings): orders store only an item count, no item ids.",
})
export class RecommendationsType {
  @Field(() => ID)
  customerId!: string;

  @Field(() => Boolean, { description: "True when the customer's history was used (personalization consent granted)." })
  personalized!: boolean;

  @Field(() => ConsentDecisionType, { description: "The personalization consent decision that chose between personal and default recommendations." })
  consent!: ConsentDecisionType;

  @Field(() => [ItemRecommendationType])
  items!: ItemRecommendationType[];

  @Field(() => Int, { description: "Baskets (customers with at least one purchased item) the model counted." })
  baskets!: number;
}
