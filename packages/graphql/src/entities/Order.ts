import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/** A purchase. Money is stored in integer minor units (cents) so sums are exact. */
export const OrderSchema = defineEntity({
  name: "Order",
  tableName: "orders",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema).index(),
    customer: () => p.manyToOne(CustomerSchema),
    /** The shop's order id; also the idempotency key of order ingestion. */
    externalId: p.string().length(191).nullable(),
    orderedAt: p.datetime(),
    amountCents: p.integer(),
    items: p.integer().default(1),
  },
  uniques: [{ properties: ["workspace", "externalId"] }],
  // Per-customer reads (summaries, latest orders) seek (workspace, customer) instead of scanning the workspace.
  indexes: [{ properties: ["workspace", "orderedAt"] }, { properties: ["workspace", "customer", "orderedAt"] }],
});

export type OrderEntity = InferEntity<typeof OrderSchema>;
