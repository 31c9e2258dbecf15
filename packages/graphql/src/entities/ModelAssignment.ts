import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * A customer's current engagement model: which model and version the last
 * stored assignment chose, why (the core's reason), the customer's rank in
 * its rule, and when. One per customer; a new assignment replaces it.
 */
export const ModelAssignmentSchema = defineEntity({
  name: "ModelAssignment",
  tableName: "model_assignments",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    customer: () => p.manyToOne(CustomerSchema),
    modelId: p.string().length(64),
    version: p.integer(),
    reason: p.text(),
    rank: p.integer().nullable(),
    assignedAt: p.datetime(),
  },
  uniques: [{ properties: ["workspace", "customer"] }],
  indexes: [{ properties: ["workspace", "modelId"] }],
});

export type ModelAssignmentEntity = InferEntity<typeof ModelAssignmentSchema>;
