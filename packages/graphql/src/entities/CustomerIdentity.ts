import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * An identifier a customer is known by (email, phone, device id, user id…).
 * One value of one kind belongs to one customer per workspace; identity
 * stitching in the core decides merges.
 */
export const CustomerIdentitySchema = defineEntity({
  name: "CustomerIdentity",
  tableName: "customer_identities",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema).index(),
    kind: p.string().length(32),
    value: p.string().length(191),
  },
  uniques: [{ properties: ["workspace", "kind", "value"] }],
});

export type CustomerIdentityEntity = InferEntity<typeof CustomerIdentitySchema>;
