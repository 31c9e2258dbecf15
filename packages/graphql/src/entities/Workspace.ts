import { defineEntity, p, type InferEntity } from "@mikro-orm/core";

/** A tenant: every other row belongs to exactly one workspace. */
export const WorkspaceSchema = defineEntity({
  name: "Workspace",
  tableName: "workspaces",
  properties: {
    id: p.integer().primary().autoincrement(),
    slug: p.string().length(64).unique(),
    name: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type WorkspaceEntity = InferEntity<typeof WorkspaceSchema>;
