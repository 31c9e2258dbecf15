import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * A workspace's engagement strategy (the core's `EngagementStrategy`: rules
 * segment → model cascade, and a fallback) with the capacity of each model
 * (the core's `ModelCapacities`); at most one per workspace.
 */
export const EngagementStrategySchema = defineEntity({
  name: "EngagementStrategy",
  tableName: "engagement_strategies",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema).unique(),
    definition: p.json<Record<string, unknown>>(),
    capacities: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type EngagementStrategyEntity = InferEntity<typeof EngagementStrategySchema>;
