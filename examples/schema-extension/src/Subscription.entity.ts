import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema, WorkspaceSchema } from "@engagekit/graphql";

/**
 * A customer's subscription (one per customer and workspace): its plan and
 * when it next renews. The `workspace` property puts it under engagekit's
 * workspace filter, like engagekit's own tables.
 */
export const SubscriptionSchema = defineEntity({
  name: "Subscription",
  tableName: "subscriptions",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    plan: p.string().length(64),
    renewsAt: p.datetime(),
    updatedAt: p.datetime(),
  },
  uniques: [{ properties: ["workspace", "customer"] }],
});

export type SubscriptionEntity = InferEntity<typeof SubscriptionSchema>;
