import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * One loyalty points operation (the core's `PointsOperation`): an earn or a
 * redemption of a customer, keyed by an idempotency key unique per workspace.
 * Only the caller's operations are stored; a customer's ledger (lots, FIFO
 * draws, expiries) is the core's fold of them (`applyPointsOperations`), so
 * the stored rows are the auditable source and the ledger cannot drift.
 */
export const PointsOperationSchema = defineEntity({
  name: "PointsOperation",
  tableName: "points_operations",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    key: p.string().length(191),
    kind: p.string().length(8).$type<"earn" | "redeem">(),
    points: p.integer(),
    at: p.datetime(),
    expiresAt: p.datetime().nullable(),
    reason: p.text().nullable(),
    recordedAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "key"] }],
  indexes: [{ properties: ["workspace", "customer", "at"] }],
});

export type PointsOperationEntity = InferEntity<typeof PointsOperationSchema>;
