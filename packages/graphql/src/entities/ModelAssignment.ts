import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { CustomerSchema } from "./Customer.js";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * A customer's current engagement model: which model and version the last
 * stored assignment chose, why (the core's reason), the segment of the rule
 * that took the customer, their rank by value at risk, and when. One per customer; a new assignment replaces it.
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
    /** Key of the segment of the strategy rule that took the customer; null when no rule did (straight to the fallback). */
    segment: p.string().length(64).nullable(),
    rank: p.integer().nullable(),
    assignedAt: p.datetime(),
  },
  uniques: [{ properties: ["workspace", "customer"] }],
  indexes: [{ properties: ["workspace", "modelId"] }],
});

export type ModelAssignmentEntity = InferEntity<typeof ModelAssignmentSchema>;
