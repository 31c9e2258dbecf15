import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * The record of one erasure request (eraseCustomer): when, a random
 * reference to give the data subject or the regulator, and how much was
 * removed per kind. Never the erased values: the record is itself free of
 * personal data. The customer row stays (anonymised), so aggregates keep
 * counting it; `customer` is its internal id, which names nobody.
 */
export const CustomerErasureSchema = defineEntity({
  name: "CustomerErasure",
  tableName: "customer_erasures",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    reference: p.string().length(64),
    erasedAt: p.datetime(),
    /** Removed per kind (`identities`, `interactionProperties`, …): numbers only. */
    counts: p.json<Record<string, number>>(),
    /** Interaction property keys the caller flagged personal on top of the defaults (key names, not values). */
    personalProperties: p.json<string[]>(),
  },
  uniques: [{ properties: ["workspace", "reference"] }],
  indexes: [{ properties: ["workspace", "customer"] }],
});

export type CustomerErasureEntity = InferEntity<typeof CustomerErasureSchema>;
