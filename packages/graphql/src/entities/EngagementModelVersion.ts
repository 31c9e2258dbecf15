import { defineEntity, p, type InferEntity } from "@mikro-orm/core";
import { WorkspaceSchema } from "./Workspace.js";

/**
 * One version of a workspace's custom engagement model (the core's
 * `EngagementModel`, validated before it is stored). A change is a new row
 * with the next version; old versions stay, because assignments name the
 * version they used. The core's catalog models are not stored: they are
 * the same for every workspace.
 */
export const EngagementModelVersionSchema = defineEntity({
  name: "EngagementModelVersion",
  tableName: "engagement_model_versions",
  properties: {
    id: p.integer().primary().autoincrement(),
    workspace: () => p.manyToOne(WorkspaceSchema),
    modelId: p.string().length(64),
    version: p.integer(),
    definition: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ["workspace", "modelId", "version"] }],
});

export type EngagementModelVersionEntity = InferEntity<typeof EngagementModelVersionSchema>;
